/*
 * 医療機関等コード (10 digits): 都道府県番号 (2) + 点数表番号 (1) + 医療機関コード
 * (7: 郡市区番号 2 + 医療機関番号 4 + 検証番号 1), the check digit being Luhn
 * over the first nine digits.  Held as an integer below 10^10.
 */
#ifndef HOKENID_FACILITY_CODE_H
#define HOKENID_FACILITY_CODE_H

#include <stddef.h>
#include <stdint.h>

#include "identifier_error.h"

#define FACILITY_CODE_TEXT_SIZE 11

extern IdentifierProblem facility_code_parse(const char *in, size_t length, int64_t *value);

/* From the receipt IR record's three fields: 都道府県, 点数表, 医療機関コード. */
extern IdentifierProblem facility_code_from_parts(const char *prefecture, size_t prefecture_length,
												  const char *score_table, size_t score_table_length,
												  const char *code, size_t code_length,
												  int64_t *value);
extern int	facility_code_format(int64_t value, char *out);
extern int	facility_code_prefecture(int64_t value);
extern int	facility_code_score_table(int64_t value);
extern int32_t facility_code_local(int64_t value);	/* the 7-digit 医療機関コード */

#endif
