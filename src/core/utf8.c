#include "utf8.h"

size_t
utf8_decode(const unsigned char *s, size_t length, uint32_t *codepoint)
{
	uint32_t	cp;
	size_t		need;

	if (length == 0)
		return 0;
	if (s[0] < 0x80)
	{
		*codepoint = s[0];
		return 1;
	}
	if (s[0] >= 0xC2 && s[0] <= 0xDF)
	{
		cp = s[0] & 0x1F;
		need = 2;
	}
	else if (s[0] >= 0xE0 && s[0] <= 0xEF)
	{
		cp = s[0] & 0x0F;
		need = 3;
	}
	else if (s[0] >= 0xF0 && s[0] <= 0xF4)
	{
		cp = s[0] & 0x07;
		need = 4;
	}
	else
		return 0;
	if (length < need)
		return 0;
	for (size_t i = 1; i < need; i++)
	{
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3F);
	}
	/* overlong forms, surrogates and values past U+10FFFF */
	if ((need == 3 && cp < 0x800) || (need == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
		(cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	*codepoint = cp;
	return need;
}

size_t
utf8_encode(uint32_t cp, char *out)
{
	if (cp < 0x80)
	{
		out[0] = (char) cp;
		return 1;
	}
	if (cp < 0x800)
	{
		out[0] = (char) (0xC0 | (cp >> 6));
		out[1] = (char) (0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000)
	{
		out[0] = (char) (0xE0 | (cp >> 12));
		out[1] = (char) (0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char) (0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char) (0xF0 | (cp >> 18));
	out[1] = (char) (0x80 | ((cp >> 12) & 0x3F));
	out[2] = (char) (0x80 | ((cp >> 6) & 0x3F));
	out[3] = (char) (0x80 | (cp & 0x3F));
	return 4;
}
