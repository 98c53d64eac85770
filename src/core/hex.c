#include "hex.h"

static int
hex_digit_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

void
bytes_to_hex(const uint8_t *bytes, size_t size, char *text)
{
	static const char digits[] = "0123456789abcdef";

	for (size_t i = 0; i < size; i++)
	{
		text[2 * i] = digits[bytes[i] >> 4];
		text[2 * i + 1] = digits[bytes[i] & 0xF];
	}
	text[2 * size] = '\0';
}

long
hex_to_bytes(const char *text, size_t size, uint8_t *bytes)
{
	for (size_t i = 0; i < 2 * size; i += 2)
	{
		int			high = hex_digit_value(text[i]);
		int			low = hex_digit_value(text[i + 1]);

		if (high < 0)
			return (long) i;
		if (low < 0)
			return (long) i + 1;
		bytes[i / 2] = (uint8_t) (high << 4 | low);
	}
	return -1;
}
