#include "kohi_no.h"

#include <stdio.h>

#include "card_text.h"
#include "check_digit.h"
#include "law_code.h"

IdentifierProblem
kohi_no_parse(const char *in, size_t length, int32_t *value)
{
	IdentifierProblem problem = {ID_OK, 0};
	char		digits[8];
	int			n = fold_digits(in, length, digits, sizeof(digits), ID_KOHI_LENGTH, 1, &problem);
	int32_t		v = 0;

	if (n < 0)
		return problem;
	if (n == 0)
		return (IdentifierProblem) {ID_EMPTY, 0};
	if (n != 8)
		return (IdentifierProblem) {ID_KOHI_LENGTH, 0};
	if (luhn_check_digit(digits, 7) != digits[7] - '0')
		return (IdentifierProblem) {ID_CHECK_DIGIT, 0};
	for (int i = 0; i < 8; i++)
		v = v * 10 + (digits[i] - '0');
	if (law_code_scheme(v / 1000000) != LAW_PUBLIC_EXPENSE)
		return (IdentifierProblem) {ID_INSURANCE_LAW, 0};
	*value = v;
	return problem;
}

int
kohi_no_format(int32_t value, char *out)
{
	return snprintf(out, KOHI_NO_TEXT_SIZE, "%08d", (int) value);
}

int
kohi_no_law_code(int32_t value)
{
	return value / 1000000;
}

int
kohi_no_prefecture(int32_t value)
{
	return value / 10000 % 100;
}

/*
 * The receipt KO record zero-pads 受給者番号 to seven digits, so a shorter
 * value is refused rather than padded: padding would hide a dropped digit.
 */
IdentifierProblem
recipient_no_check(const char *in, size_t length)
{
	IdentifierProblem problem = {ID_OK, 0};
	char		digits[7];
	int			n = fold_digits(in, length, digits, sizeof(digits), ID_RECIPIENT_LENGTH, 1, &problem);

	if (n < 0)
		return problem;
	if (n == 0)
		return (IdentifierProblem) {ID_EMPTY, 0};
	if (n != 7)
		return (IdentifierProblem) {ID_RECIPIENT_LENGTH, 0};
	if (luhn_check_digit(digits, 6) != digits[6] - '0')
		return (IdentifierProblem) {ID_CHECK_DIGIT, 0};
	return problem;
}
