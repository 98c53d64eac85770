#include "check_digit.h"

/*
 * The 設定要領 wording: multiply each digit by 2 and 1 alternately starting
 * from the last, add the digits of the products, and take 10 minus the last
 * digit of the sum (0 when that digit is 0).
 */
int
luhn_check_digit(const char *payload, size_t length)
{
	/* digit sum of 2 × d: 2 × 7 = 14 counts 1 + 4 */
	static const int doubled[10] = {0, 2, 4, 6, 8, 1, 3, 5, 7, 9};
	int			sum = 0;
	size_t		i = length;

	for (; i >= 2; i -= 2)
		sum += doubled[payload[i - 1] - '0'] + (payload[i - 2] - '0');
	if (i == 1)
		sum += doubled[payload[0] - '0'];
	return (10 - sum % 10) % 10;
}
