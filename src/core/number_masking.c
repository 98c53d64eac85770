#include "number_masking.h"

#include <stdint.h>
#include <string.h>

#include "card_text.h"
#include "identifier_error.h"
#include "insured_no.h"
#include "utf8.h"

/* ':' or the full-width '：' (U+FF1A, EF BC 9A) at offset i: its length, or 0. */
static size_t
separator_at(const unsigned char *s, size_t length, size_t i)
{
	if (i >= length)
		return 0;
	if (s[i] == ':')
		return 1;
	if (s[i] == 0xEF && i + 2 < length && s[i + 1] == 0xBC && s[i + 2] == 0x9A)
		return 3;
	return 0;
}

/* A half- or full-width (U+FF10..FF19) digit at offset i: its length, or 0. */
static size_t
digit_at(const unsigned char *s, size_t length, size_t i)
{
	if (i >= length)
		return 0;
	if (s[i] >= '0' && s[i] <= '9')
		return 1;
	if (s[i] == 0xEF && i + 2 < length && s[i + 1] == 0xBC && s[i + 2] >= 0x90 && s[i + 2] <= 0x99)
		return 3;
	return 0;
}

/* The digit that ends at end, not reaching below floor: its length, or 0. */
static size_t
digit_before(const unsigned char *s, size_t floor, size_t end)
{
	if (end > floor && s[end - 1] >= '0' && s[end - 1] <= '9')
		return 1;
	if (end >= floor + 3 && s[end - 3] == 0xEF && s[end - 2] == 0xBC &&
		s[end - 1] >= 0x90 && s[end - 1] <= 0x99)
		return 3;
	return 0;
}

/*
 * Characters no number holds here: whitespace, controls, and '*', the
 * character of masks, so that a mask never becomes part of a number.
 */
static int
ends_token(uint32_t cp)
{
	return cp <= 0x20 || cp == '*' || (cp >= 0x7F && cp <= 0xA0) || cp == 0x3000;
}

/*
 * Characters of a 番号 that is not followed by a 枝番: letters, digits,
 * hyphens and their full-width forms and look-alikes, and non-ASCII
 * characters that are not punctuation (kanji, kana, …).
 */
static int
is_part_character(uint32_t cp)
{
	if (cp >= 0xFF01 && cp <= 0xFF5E)
		cp -= 0xFEE0;			/* full-width ASCII */
	if (cp < 0x80)
		return (cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'Z') ||
			(cp >= 'a' && cp <= 'z') || cp == '-';
	if ((cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212 || cp == 0xFE63)
		return 1;				/* hyphen look-alikes */
	if (cp <= 0xBF ||			/* C1 controls, Latin-1 punctuation */
		(cp >= 0x2000 && cp <= 0x206F) ||	/* general punctuation */
		(cp >= 0x3000 && cp <= 0x3004) ||	/* ideographic space, 、。 */
		(cp >= 0x3008 && cp <= 0x3020) ||	/* brackets 「」【】, 〜 */
		(cp >= 0xFE30 && cp <= 0xFE6F) ||	/* CJK compatibility and small forms */
		(cp >= 0xFF5F && cp <= 0xFF65))		/* half-width ｢｣､･ */
		return 0;
	return cp <= 0xFFFF;
}

static int
parses(const char *text, size_t start, size_t end)
{
	InsuredNo	value;

	return insured_no_parse(text + start, end - start, &value).error == ID_OK;
}

/*
 * The end of the longest number that starts at start and whose 記号 starts
 * at symbol_start (right after the insurer's separator); 0 when none.
 */
static size_t
number_end(const char *text, size_t length, size_t start, size_t symbol_start)
{
	const unsigned char *s = (const unsigned char *) text;
	size_t		ends[CARD_TEXT_MAX_CHARACTERS];
	size_t		i = symbol_start;
	size_t		number_start;
	size_t		w;
	uint32_t	cp;
	size_t		n;
	int			characters = 0;
	int			count = 0;

	/* 記号: up to the second separator */
	while ((w = separator_at(s, length, i)) == 0)
	{
		n = i < length ? utf8_next(s + i, length - i, &cp) : 0;
		if (n == 0 || ends_token(cp) || ++characters > CARD_TEXT_MAX_CHARACTERS)
			return 0;
		i += n;
	}
	number_start = i + w;

	/* 番号 delimited by a third separator that two digits of 枝番 follow */
	characters = 0;
	for (i = number_start; (w = separator_at(s, length, i)) == 0; i += n)
	{
		n = i < length ? utf8_next(s + i, length - i, &cp) : 0;
		if (n == 0 || ends_token(cp) || ++characters > CARD_TEXT_MAX_CHARACTERS)
			break;
	}
	if (w != 0 && characters > 0)
	{
		size_t		first = digit_at(s, length, i + w);
		size_t		second = first ? digit_at(s, length, i + w + first) : 0;

		if (second && parses(text, start, i + w + first + second))
			return i + w + first + second;
		/* an empty 枝番 is a card without one */
		if (parses(text, start, i + w))
			return i + w;
	}

	/* or the longest valid run of part characters */
	for (i = number_start; count < CARD_TEXT_MAX_CHARACTERS && i < length; i += n)
	{
		n = utf8_next(s + i, length - i, &cp);
		if (n == 0 || !is_part_character(cp))
			break;
		ends[count++] = i + n;
	}
	while (count > 0)
	{
		size_t		end = ends[--count];

		if (parses(text, start, end))
			return end;
	}
	return 0;
}

/* Start of the last two characters of text[start..end), valid UTF-8. */
static size_t
last_two_characters(const unsigned char *s, size_t start, size_t end)
{
	size_t		i = end;

	for (int kept = 0; kept < 2 && i > start; kept++)
	{
		i--;
		while (i > start && (s[i] & 0xC0) == 0x80)
			i--;
	}
	return i;
}

size_t
number_mask(char *text, size_t length)
{
	unsigned char *s = (unsigned char *) text;
	size_t		read = 0;		/* next byte to examine */
	size_t		flushed = 0;	/* input before it has been written */
	size_t		written = 0;	/* output so far; never beyond flushed */

	while (read < length)
	{
		size_t		w = separator_at(s, length, read);
		size_t		starts[2];
		int			candidates = 0;
		size_t		p = read;
		size_t		d;
		int			found = 0;

		if (w == 0)
		{
			read++;
			continue;
		}
		/* 8 then 6 digits before the separator, not counting masked input */
		for (int digits = 1; digits <= 8 && (d = digit_before(s, flushed, p)) != 0; digits++)
		{
			p -= d;
			if (digits == 6 || digits == 8)
				starts[candidates++] = p;
		}
		for (int c = candidates - 1; c >= 0 && !found; c--)
		{
			size_t		start = starts[c];
			size_t		end = number_end(text, length, start, read + w);
			char		masked[IDENTIFIER_MASK_SIZE];
			size_t		keep_from;
			size_t		stars;

			if (end == 0)
				continue;
			identifier_mask(text + start, end - start, masked);
			keep_from = last_two_characters(s, start, end);
			stars = strlen(masked) - (end - keep_from);
			memmove(text + written, text + flushed, start - flushed);
			written += start - flushed;
			if (memcmp(masked + stars, text + keep_from, end - keep_from) == 0)
			{
				/*
				 * The kept characters stay input: a number may begin in
				 * them (the 枝番 of one glued to the insurer of the next).
				 */
				memcpy(text + written, masked, stars);
				written += stars;
				flushed = read = keep_from;
			}
			else
			{
				/* not reached for a parsed number; written whole to be safe */
				memcpy(text + written, masked, stars + (end - keep_from));
				written += stars + (end - keep_from);
				flushed = read = end;
			}
			found = 1;
		}
		if (!found)
			read += w;
	}
	memmove(text + written, text + flushed, length - flushed);
	return written + (length - flushed);
}

int
number_suspect(const char *text, size_t length)
{
	const unsigned char *s = (const unsigned char *) text;

	for (size_t i = 0; i < length; i++)
	{
		size_t		p = i;
		size_t		d;
		int			digits = 0;

		if (separator_at(s, length, i) == 0)
			continue;
		while (digits < 6 && (d = digit_before(s, 0, p)) != 0)
		{
			p -= d;
			digits++;
		}
		if (digits == 6)
			return 1;
	}
	return 0;
}
