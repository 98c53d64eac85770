#include "card_text.h"

#include <string.h>

static int
is_space(uint32_t cp)
{
	return cp == ' ' || cp == 0x3000;
}

static int
is_control(uint32_t cp)
{
	return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F);
}

/* Full-width ASCII (U+FF01..U+FF5E) to ASCII; other characters unchanged. */
static uint32_t
fold_width(uint32_t cp)
{
	if (cp >= 0xFF01 && cp <= 0xFF5E)
		return cp - 0xFEE0;
	return cp;
}

/*
 * Hyphens as Shift_JIS converters and keyboards produce them: U+2010..2015
 * dashes, U+2212 minus (CP932's 0x817C), U+FE63 small hyphen-minus.
 */
static int
is_hyphen_variant(uint32_t cp)
{
	return (cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212 || cp == 0xFE63;
}

int
fold_digits(const char *in, size_t length, char *out, size_t capacity,
			IdentifierError too_long, int first_position,
			IdentifierProblem *problem)
{
	const unsigned char *s = (const unsigned char *) in;
	size_t		used = 0;
	size_t		i = 0;
	int			position = first_position;
	int			trailing_space_seen = 0;

	while (i < length)
	{
		uint32_t	cp;
		size_t		n;

		if (s[i] >= '0' && s[i] <= '9' && !trailing_space_seen && used < capacity)
		{
			out[used++] = (char) s[i++];
			position++;
			continue;
		}
		n = utf8_next(s + i, length - i, &cp);
		if (n == 0)
		{
			problem->error = ID_ENCODING;
			problem->position = position;
			return -1;
		}
		if (is_space(cp))
		{
			/* spaces only around the digits, as in a receipt's "  133066" */
			if (used > 0)
				trailing_space_seen = 1;
		}
		else
		{
			cp = fold_width(cp);
			if (cp < '0' || cp > '9' || trailing_space_seen)
			{
				problem->error = ID_NOT_DIGIT;
				problem->position = position;
				return -1;
			}
			if (used == capacity)
			{
				problem->error = too_long;
				problem->position = 0;
				return -1;
			}
			out[used++] = (char) cp;
		}
		i += n;
		position++;
	}
	return (int) used;
}

static int
report(IdentifierProblem *problem, IdentifierError error, int position)
{
	problem->error = error;
	problem->position = position;
	return 0;
}

/* One folded character into out; false when it breaks a receipt limit. */
static int
append(CardText *out, uint32_t cp, IdentifierProblem *problem)
{
	/* half-width katakana is one byte in Shift_JIS, other non-ASCII two */
	out->sjis_bytes += (cp < 0x80 || (cp >= 0xFF61 && cp <= 0xFF9F)) ? 1 : 2;
	out->characters++;
	if (out->sjis_bytes > CARD_TEXT_MAX_SJIS_BYTES)
		return report(problem, ID_PART_TOO_LONG, 0);
	if (out->characters > CARD_TEXT_MAX_CHARACTERS)
		return report(problem, ID_PARTS_TOO_LONG, 0);
	out->length += utf8_encode(cp, out->bytes + out->length);
	return 1;
}

/* The folding of one character; 0 = drop it (a space), ':' = refuse it. */
static uint32_t
fold_character(uint32_t cp)
{
	if (is_space(cp))
		return 0;
	cp = fold_width(cp);
	if (is_hyphen_variant(cp))
		return '-';
	if (cp >= 'a' && cp <= 'z')
		return cp - ('a' - 'A');
	/* receipts are Shift_JIS: nothing beyond the BMP can be recorded */
	if (is_control(cp) || cp > 0xFFFF)
		return ':';
	return cp;
}

int
fold_card_text(const char *in, size_t length, int first_position,
			   CardText *out, IdentifierProblem *problem)
{
	const unsigned char *s = (const unsigned char *) in;
	size_t		i = 0;
	int			position = first_position;

	out->length = 0;
	out->characters = 0;
	out->sjis_bytes = 0;
	while (i < length)
	{
		uint32_t	cp;
		size_t		n;
		size_t		run = 0;

		/*
		 * A run of ASCII letters and digits, nearly all real input, is copied
		 * as it is (kept in locals: a char store may alias *out).
		 */
		while (i + run < length &&
			   ((s[i + run] >= '0' && s[i + run] <= '9') || (s[i + run] >= 'A' && s[i + run] <= 'Z')))
			run++;
		if (run > 0)
		{
			if (out->characters + (int) run > CARD_TEXT_MAX_CHARACTERS)
				return report(problem, ID_PARTS_TOO_LONG, 0);
			memcpy(out->bytes + out->length, s + i, run);
			out->length += run;
			out->characters += (int) run;
			out->sjis_bytes += (int) run;
			i += run;
			position += (int) run;
			continue;
		}
		n = utf8_next(s + i, length - i, &cp);
		if (n == 0)
			return report(problem, ID_ENCODING, position);
		i += n;
		cp = fold_character(cp);
		if (cp == ':')
			return report(problem, ID_BAD_CHARACTER, position);
		if (cp != 0 && !append(out, cp, problem))
			return 0;
		position++;
	}
	return 1;
}
