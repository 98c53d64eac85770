/*
 * Folding of the characters printed on insurance cards and written into
 * receipts, so that the same card keyed by different systems compares
 * equal: full-width ASCII becomes ASCII, hyphen look-alikes become '-',
 * spaces go, letters are upper-cased; kanji and kana stay as they are.
 * Input and output are UTF-8.
 */
#ifndef HOKENID_CARD_TEXT_H
#define HOKENID_CARD_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "identifier_error.h"
#include "utf8.h"

/*
 * Digits of a numeric identifier: surrounding half- and full-width spaces
 * are trimmed, full-width digits folded.  Writes at most capacity digits to
 * out (no terminator) and returns how many; on a broken rule returns -1 and
 * fills problem (position counted in characters from first_position).
 * More than capacity digits is reported as too_long.
 */
extern int	fold_digits(const char *in, size_t length, char *out, size_t capacity,
						IdentifierError too_long, int first_position,
						IdentifierProblem *problem);

/* 記号 or 番号 after folding. */
typedef struct CardText
{
	char		bytes[64];		/* UTF-8, not terminated */
	size_t		length;			/* bytes used */
	int			characters;		/* characters after folding */
	int			sjis_bytes;		/* bytes the part takes in a Shift_JIS receipt */
} CardText;

#define CARD_TEXT_MAX_SJIS_BYTES 38
#define CARD_TEXT_MAX_CHARACTERS 19

/*
 * Folds one part; returns false and fills problem on a bad character or a
 * part over the receipt limits.
 */
extern int	fold_card_text(const char *in, size_t length, int first_position,
						   CardText *out, IdentifierProblem *problem);

#endif
