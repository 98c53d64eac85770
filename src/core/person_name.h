/*
 * Folding of a person's name for ID2-style linkage keys, so that the same
 * name keyed by different systems gives the same code: spaces go (姓と名の間
 * も), full-width ASCII becomes ASCII and is upper-cased, half-width katakana
 * becomes full-width (with its 濁点/半濁点 composed), hiragana becomes
 * katakana.  Kanji are kept: variant kanji (髙/高) are a known limit of
 * name-based matching, which the person-level code does not share.
 */
#ifndef HOKENID_PERSON_NAME_H
#define HOKENID_PERSON_NAME_H

#include <stddef.h>

#include "identifier_error.h"

#define PERSON_NAME_MAX_BYTES 400	/* the RE record allows 40 characters of 漢字 */

/* Writes UTF-8 to out (PERSON_NAME_MAX_BYTES); returns its length or -1. */
extern int	person_name_fold(const char *in, size_t length, char *out, IdentifierProblem *problem);

#endif
