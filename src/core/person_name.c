#include "person_name.h"

#include "card_text.h"

/* Half-width katakana U+FF66..U+FF9D to full-width. */
static const unsigned short halfwidth_katakana[] = {
	0x30F2, 0x30A1, 0x30A3, 0x30A5, 0x30A7, 0x30A9, 0x30E3, 0x30E5, 0x30E7, 0x30C3,
	0x30FC, 0x30A2, 0x30A4, 0x30A6, 0x30A8, 0x30AA, 0x30AB, 0x30AD, 0x30AF, 0x30B1,
	0x30B3, 0x30B5, 0x30B7, 0x30B9, 0x30BB, 0x30BD, 0x30BF, 0x30C1, 0x30C4, 0x30C6,
	0x30C8, 0x30CA, 0x30CB, 0x30CC, 0x30CD, 0x30CE, 0x30CF, 0x30D2, 0x30D5, 0x30D8,
	0x30DB, 0x30DE, 0x30DF, 0x30E0, 0x30E1, 0x30E2, 0x30E4, 0x30E6, 0x30E8, 0x30E9,
	0x30EA, 0x30EB, 0x30EC, 0x30ED, 0x30EF, 0x30F3,
};

static int
is_voiced_mark(uint32_t cp)
{
	return cp == 0xFF9E || cp == 0x3099 || cp == 0x309B;
}

static int
is_semi_voiced_mark(uint32_t cp)
{
	return cp == 0xFF9F || cp == 0x309A || cp == 0x309C;
}

/* The katakana with 濁点 (or 半濁点) added, or 0 when it takes none. */
static uint32_t
compose(uint32_t kana, int semi)
{
	if (semi)
		return (kana >= 0x30CF && kana <= 0x30DB && (kana - 0x30CF) % 3 == 0) ? kana + 2 : 0;
	if (kana == 0x30A6)
		return 0x30F4;			/* ウ → ヴ */
	if ((kana >= 0x30AB && kana <= 0x30C2 && (kana - 0x30AB) % 2 == 0) ||
		(kana >= 0x30C4 && kana <= 0x30C8 && (kana - 0x30C4) % 2 == 0) ||
		(kana >= 0x30CF && kana <= 0x30DB && (kana - 0x30CF) % 3 == 0))
		return kana + 1;
	return 0;
}

int
person_name_fold(const char *in, size_t length, char *out, IdentifierProblem *problem)
{
	const unsigned char *s = (const unsigned char *) in;
	size_t		used = 0;
	size_t		i = 0;
	int			position = 1;
	uint32_t	last = 0;		/* last katakana written, for a following mark */
	size_t		last_at = 0;

	while (i < length)
	{
		uint32_t	cp;
		size_t		n = utf8_next(s + i, length - i, &cp);

		if (n == 0)
		{
			*problem = (IdentifierProblem) {ID_ENCODING, position};
			return -1;
		}
		i += n;
		position++;
		if (cp == ' ' || cp == 0x3000)
			continue;
		if (cp < 0x20 || cp == 0x7F)
		{
			*problem = (IdentifierProblem) {ID_BAD_CHARACTER, position - 1};
			return -1;
		}
		if ((is_voiced_mark(cp) || is_semi_voiced_mark(cp)) && last != 0 &&
			compose(last, is_semi_voiced_mark(cp)) != 0)
		{
			used = last_at + utf8_encode(compose(last, is_semi_voiced_mark(cp)), out + last_at);
			last = 0;
			continue;
		}
		if (cp >= 0xFF01 && cp <= 0xFF5E)
			cp -= 0xFEE0;
		if (cp >= 'a' && cp <= 'z')
			cp -= 'a' - 'A';
		if (cp >= 0xFF66 && cp <= 0xFF9D)
			cp = halfwidth_katakana[cp - 0xFF66];
		else if (cp == 0xFF9E || cp == 0xFF9F)
			cp = cp == 0xFF9E ? 0x309B : 0x309C;	/* a mark with nothing to compose */
		if (cp >= 0x3041 && cp <= 0x3096)
			cp += 0x60;			/* hiragana → katakana */
		if (used + 4 > PERSON_NAME_MAX_BYTES)
		{
			*problem = (IdentifierProblem) {ID_PART_TOO_LONG, 0};
			return -1;
		}
		last = (cp >= 0x30A1 && cp <= 0x30FA) ? cp : 0;
		last_at = used;
		used += utf8_encode(cp, out + used);
	}
	if (used == 0)
	{
		*problem = (IdentifierProblem) {ID_EMPTY, 0};
		return -1;
	}
	return (int) used;
}
