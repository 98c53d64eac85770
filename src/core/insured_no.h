/*
 * 個人単位被保険者番号: 保険者番号 + 記号 + 番号 + 枝番.  The text form is
 * insurer:記号:番号:枝番 (06130512:1234:5678:01); a card issued before 枝番
 * existed has none (06130512:1234:5678) and stays valid.  後期高齢者医療
 * (法別番号 39) numbers are individual already: no 記号, no 枝番.
 *
 * The canonical image, the bytes a stored value holds and the input of
 * hashes and linkage codes:
 *   [0..3] insurer, big-endian | 記号 | 0x00 | 番号 | 0x00 | 枝番 + 1, or 0x00
 *   when absent
 * 記号 and 番号 are folded UTF-8, which never holds 0x00, so the image sorts
 * by memcmp in the order insurer, 記号, 番号, 枝番 (a shorter part before a
 * longer one it prefixes, a card without 枝番 before its 枝番 00), and equal
 * numbers have equal images: comparison, hashing and sort keys are bytewise.
 */
#ifndef HOKENID_INSURED_NO_H
#define HOKENID_INSURED_NO_H

#include <stddef.h>
#include <stdint.h>

#include "card_text.h"
#include "identifier_error.h"

#define INSURED_NO_NO_BRANCH (-1)
#define INSURED_NO_IMAGE_MAX (4 + 64 + 1 + 64 + 1 + 1)
#define INSURED_NO_TEXT_SIZE (8 + 1 + 64 + 1 + 64 + 3 + 1)

typedef struct InsuredNo
{
	int32_t		insurer;
	int			branch;			/* 0-99 or INSURED_NO_NO_BRANCH */
	CardText	symbol;			/* 記号, may be empty */
	CardText	number;			/* 番号 */
} InsuredNo;

/* The text form; positions in problems count characters of the input. */
extern IdentifierProblem insured_no_parse(const char *in, size_t length, InsuredNo *out);

/*
 * The four parts as receipts and eligibility messages carry them; branch
 * NULL means a card without 枝番 (an empty string means the same).
 */
extern IdentifierProblem insured_no_from_parts(const char *insurer, size_t insurer_length,
											   const char *symbol, size_t symbol_length,
											   const char *number, size_t number_length,
											   const char *branch, size_t branch_length,
											   InsuredNo *out);

extern size_t insured_no_format(const InsuredNo *value, char *out);	/* NUL-terminated */
extern size_t insured_no_encode(const InsuredNo *value, uint8_t *image);
extern int	insured_no_decode(const uint8_t *image, size_t length, InsuredNo *out);

/* Rejects an image that insured_no_encode could not have produced. */
extern IdentifierProblem insured_no_check_image(const uint8_t *image, size_t length);

/* Order: insurer, 記号, 番号, 枝番 (absent first): memcmp of the images. */
extern int	insured_no_compare(const uint8_t *a, size_t a_length,
							   const uint8_t *b, size_t b_length);

#endif
