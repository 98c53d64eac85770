/*
 * libFuzzer harness for number masking, the filter every server log line
 * passes.  Beyond "no crash": the result is never longer than the input,
 * masking it again changes nothing, and no insured number survives in it.
 * "No number survives" is checked by brute force, independently of how the
 * masker finds numbers: every piece of the result that starts at a digit,
 * holds no whitespace, control or '*', and parses as an insured number
 * with a 枝番, or with a 番号 of letters, digits, hyphens, kana and kanji,
 * aborts the run.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "insured_no.h"
#include "number_masking.h"
#include "utf8.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_INPUT 4096
#define MAX_NUMBER_BYTES 200

static int
is_digit(uint32_t cp)
{
	return (cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19);
}

static int
is_separator(uint32_t cp)
{
	return cp == ':' || cp == 0xFF1A;
}

static int
is_plain_number_character(uint32_t cp)
{
	if (cp >= 0xFF01 && cp <= 0xFF5E)
		cp -= 0xFEE0;
	return (cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') ||
		cp == '-' || (cp >= 0x3041 && cp <= 0x30FA) || (cp >= 0x4E00 && cp <= 0x9FFF);
}

/* Aborts if text[start..) begins with an insured number of the kinds above. */
static void
check_no_number_at(const unsigned char *text, size_t length, size_t start)
{
	size_t		i = start;
	int			digits = 0;
	int			separators = 0;
	int			plain_number = 1;
	uint32_t	cp;
	size_t		n;

	/* the insurer: 6 or 8 digits, then a separator */
	while (i < length && (n = utf8_decode(text + i, length - i, &cp)) != 0 && is_digit(cp))
	{
		digits++;
		i += n;
	}
	if (digits != 6 && digits != 8)
		return;
	while (i < length && i - start < MAX_NUMBER_BYTES)
	{
		InsuredNo	value;

		n = utf8_decode(text + i, length - i, &cp);
		if (n == 0 || cp <= 0x20 || cp == '*' || (cp >= 0x7F && cp <= 0xA0) || cp == 0x3000)
			return;
		if (is_separator(cp))
		{
			separators++;
			plain_number = 1;
		}
		else if (separators == 2 && !is_plain_number_character(cp))
			plain_number = 0;
		i += n;
		if (separators >= 2 &&
			insured_no_parse((const char *) text + start, i - start, &value).error == ID_OK &&
			(separators == 3 || plain_number))
			abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char once[MAX_INPUT];
	static char twice[MAX_INPUT];
	size_t		once_length;
	size_t		twice_length;

	if (size > MAX_INPUT)
		size = MAX_INPUT;
	memcpy(once, data, size);
	once_length = number_mask(once, size);
	if (once_length > size)
		abort();
	memcpy(twice, once, once_length);
	twice_length = number_mask(twice, once_length);
	if (twice_length != once_length || memcmp(once, twice, once_length) != 0)
		abort();
	for (size_t i = 0; i < once_length; i++)
		check_no_number_at((const unsigned char *) once, once_length, i);
	/* the suspect test only reads */
	(void) number_suspect((const char *) data, size);
	return 0;
}
