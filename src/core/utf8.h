/*
 * UTF-8, the encoding of every text the identifier and name rules read
 * and write (the glue converts from the database encoding first).
 */
#ifndef HOKENID_UTF8_H
#define HOKENID_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Decodes one character; returns its length, or 0 if malformed. */
extern size_t utf8_decode(const unsigned char *s, size_t length, uint32_t *codepoint);

/* utf8_decode with ASCII, nearly all of real input, decided in line. */
static inline size_t
utf8_next(const unsigned char *s, size_t length, uint32_t *codepoint)
{
	if (length > 0 && s[0] < 0x80)
	{
		*codepoint = s[0];
		return 1;
	}
	return utf8_decode(s, length, codepoint);
}

/* Writes a code point (at most 0x10FFFF) as 1 to 4 bytes; returns how many. */
extern size_t utf8_encode(uint32_t codepoint, char *out);

#endif
