#include "insurer_no.h"

#include <stdio.h>

#include "card_text.h"
#include "check_digit.h"
#include "law_code.h"

#define NATIONAL_HEALTH_LIMIT 1000000

IdentifierProblem
insurer_no_parse(const char *in, size_t length, int32_t *value)
{
	return insurer_no_parse_at(in, length, 1, value);
}

IdentifierProblem
insurer_no_parse_at(const char *in, size_t length, int first_position, int32_t *value)
{
	IdentifierProblem problem = {ID_OK, 0};
	char		digits[8];
	const char *payload = digits;
	int			n = fold_digits(in, length, digits, sizeof(digits), ID_INSURER_LENGTH,
								first_position, &problem);
	int32_t		v = 0;

	if (n < 0)
		return problem;
	if (n == 0)
		return (IdentifierProblem) {ID_EMPTY, 0};
	/* a 国保 number zero-padded to 8 digits, as some XML messages carry it */
	if (n == 8 && digits[0] == '0' && digits[1] == '0')
	{
		payload += 2;
		n = 6;
	}
	if (n != 6 && n != 8)
		return (IdentifierProblem) {ID_INSURER_LENGTH, 0};
	if (luhn_check_digit(payload, n - 1) != payload[n - 1] - '0')
		return (IdentifierProblem) {ID_CHECK_DIGIT, 0};
	for (int i = 0; i < n; i++)
		v = v * 10 + (payload[i] - '0');
	if (n == 8 && law_code_scheme(v / 1000000) == LAW_PUBLIC_EXPENSE)
		return (IdentifierProblem) {ID_PUBLIC_EXPENSE_LAW, 0};
	*value = v;
	return problem;
}

int
insurer_no_format(int32_t value, char *out)
{
	return snprintf(out, INSURER_NO_TEXT_SIZE,
					value < NATIONAL_HEALTH_LIMIT ? "%06d" : "%08d", (int) value);
}

int
insurer_no_is_national_health(int32_t value)
{
	return value < NATIONAL_HEALTH_LIMIT;
}

int
insurer_no_law_code(int32_t value)
{
	return value < NATIONAL_HEALTH_LIMIT ? -1 : value / 1000000;
}

int
insurer_no_prefecture(int32_t value)
{
	return value < NATIONAL_HEALTH_LIMIT ? value / 10000 : (value / 10000) % 100;
}
