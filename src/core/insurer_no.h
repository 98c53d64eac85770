/*
 * 保険者番号: 法別番号 (2) + 都道府県番号 (2) + 保険者別番号 (3) + 検証番号 (1),
 * or for 国民健康保険 the last six of those.  Held as an integer: 6-digit
 * 国保 numbers are below 1,000,000, 8-digit numbers at or above it (no
 * 法別番号 is 00), so the value alone says which form it is.
 */
#ifndef HOKENID_INSURER_NO_H
#define HOKENID_INSURER_NO_H

#include <stddef.h>
#include <stdint.h>

#include "identifier_error.h"

#define INSURER_NO_TEXT_SIZE 9	/* 8 digits + NUL */

extern IdentifierProblem insurer_no_parse(const char *in, size_t length, int32_t *value);
extern IdentifierProblem insurer_no_parse_at(const char *in, size_t length,
											 int first_position, int32_t *value);
extern int	insurer_no_format(int32_t value, char *out);	/* returns length */
extern int	insurer_no_is_national_health(int32_t value);	/* 国保, 6 digits */
extern int	insurer_no_law_code(int32_t value);		/* -1 for 国保 */
extern int	insurer_no_prefecture(int32_t value);

#endif
