#include "facility_code.h"

#include <stdio.h>
#include <string.h>

#include "card_text.h"
#include "check_digit.h"

static IdentifierProblem
facility_code_from_digits(const char *digits, int64_t *value)
{
	int			prefecture = (digits[0] - '0') * 10 + (digits[1] - '0');
	int			table = digits[2] - '0';
	int64_t		v = 0;

	if (prefecture < 1 || prefecture > 47)
		return (IdentifierProblem) {ID_PREFECTURE, 1};
	if (table != 1 && table != 3 && table != 4 && table != 6)
		return (IdentifierProblem) {ID_SCORE_TABLE, 3};
	if (luhn_check_digit(digits, 9) != digits[9] - '0')
		return (IdentifierProblem) {ID_CHECK_DIGIT, 0};
	for (int i = 0; i < 10; i++)
		v = v * 10 + (digits[i] - '0');
	*value = v;
	return (IdentifierProblem) {ID_OK, 0};
}

IdentifierProblem
facility_code_parse(const char *in, size_t length, int64_t *value)
{
	IdentifierProblem problem = {ID_OK, 0};
	char		digits[10];
	int			n = fold_digits(in, length, digits, sizeof(digits), ID_FACILITY_LENGTH, 1, &problem);

	if (n < 0)
		return problem;
	if (n == 0)
		return (IdentifierProblem) {ID_EMPTY, 0};
	if (n != 10)
		return (IdentifierProblem) {ID_FACILITY_LENGTH, 0};
	return facility_code_from_digits(digits, value);
}

IdentifierProblem
facility_code_from_parts(const char *prefecture, size_t prefecture_length,
						 const char *score_table, size_t score_table_length,
						 const char *code, size_t code_length,
						 int64_t *value)
{
	IdentifierProblem problem = {ID_OK, 0};
	char		digits[10];

	/* each receipt field is fixed-width; a short one means a dropped digit */
	if (fold_digits(prefecture, prefecture_length, digits, 2, ID_FACILITY_LENGTH, 1, &problem) != 2 ||
		fold_digits(score_table, score_table_length, digits + 2, 1, ID_FACILITY_LENGTH, 3, &problem) != 1 ||
		fold_digits(code, code_length, digits + 3, 7, ID_FACILITY_LENGTH, 4, &problem) != 7)
		return problem.error == ID_OK ? (IdentifierProblem) {ID_FACILITY_LENGTH, 0} : problem;
	return facility_code_from_digits(digits, value);
}

int
facility_code_format(int64_t value, char *out)
{
	return snprintf(out, FACILITY_CODE_TEXT_SIZE, "%010lld", (long long) value);
}

int
facility_code_prefecture(int64_t value)
{
	return (int) (value / 100000000);
}

int
facility_code_score_table(int64_t value)
{
	return (int) (value / 10000000 % 10);
}

int32_t
facility_code_local(int64_t value)
{
	return (int32_t) (value % 10000000);
}
