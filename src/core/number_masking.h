/*
 * Insured numbers (個人単位被保険者番号) inside free text: a server log line,
 * a message PostgreSQL writes about a column of the type ("Key (insured)=(…)
 * already exists", "Failing row contains (…)"), a statement.  Each one found
 * is replaced by the masked form of identifier_mask (the rule error details
 * already use), so the line still says which number it was about.
 *
 * What counts as a number: a token that insured_no_parse accepts and that
 * is written without whitespace:
 *   insurer    6 or 8 digits (half- or full-width) right before a separator
 *              (':' or '：'); digits before them do not matter, so a number
 *              glued to other digits is found too
 *   記号       anything up to the next separator but whitespace, control
 *              characters and '*' (the separators delimit it)
 *   番号       either the same up to a third separator followed by two
 *              digits (枝番) or by nothing (an empty 枝番), or else the
 *              longest valid run of part characters: letters, digits, '-'
 *              and its look-alikes, and non-ASCII characters other than
 *              punctuation (kanji, kana, full-width letters and digits).
 *              Punctuation, quotes, brackets, commas and whitespace end
 *              such a 番号, as they do in PostgreSQL's messages, which
 *              print values in the canonical text form.
 * A number whose 記号 or 番号 holds '*' (a card never does) is not found:
 * masks are made of '*', and a mask must never become part of a number.
 * Numbers written with spaces inside are not found (the parser drops them,
 * so '06130512: 1234 :5678' is a number); number_suspect catches them.
 */
#ifndef HOKENID_NUMBER_MASKING_H
#define HOKENID_NUMBER_MASKING_H

#include <stddef.h>

/*
 * Masks, in place, every insured number in text[0..length); returns the new
 * length, never more than length (no terminator is written).  Idempotent:
 * the result holds no number.  Allocates nothing, so an error hook may
 * call it.
 */
extern size_t number_mask(char *text, size_t length);

/*
 * Whether text holds something that may be an insured number, valid or
 * mistyped: six or more digits right before a separator.  Broader than
 * number_mask on purpose: it decides whether a whole statement or quoted
 * line is hidden.
 */
extern int	number_suspect(const char *text, size_t length);

#endif
