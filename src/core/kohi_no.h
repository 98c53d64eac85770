/*
 * 公費負担者番号: 法別番号 (2) + 都道府県番号 (2) + 実施機関番号 (3) + 検証番号 (1),
 * and the 受給者番号 that goes with it: 受給者区分 (6) + 検証番号 (1).
 */
#ifndef HOKENID_KOHI_NO_H
#define HOKENID_KOHI_NO_H

#include <stddef.h>
#include <stdint.h>

#include "identifier_error.h"

#define KOHI_NO_TEXT_SIZE 9

extern IdentifierProblem kohi_no_parse(const char *in, size_t length, int32_t *value);
extern int	kohi_no_format(int32_t value, char *out);
extern int	kohi_no_law_code(int32_t value);
extern int	kohi_no_prefecture(int32_t value);
extern IdentifierProblem recipient_no_check(const char *in, size_t length);

#endif
