#include "check_digit.h"

/*
 * The 設定要領 wording: multiply each digit by 2 and 1 alternately starting
 * from the last, add the digits of the products, and take 10 minus the last
 * digit of the sum (0 when that digit is 0).
 */
int
luhn_check_digit(const char *payload, size_t length)
{
	int			sum = 0;

	for (size_t i = 0; i < length; i++)
	{
		int			digit = payload[length - 1 - i] - '0';
		int			product = (i % 2 == 0) ? digit * 2 : digit;

		sum += product / 10 + product % 10;
	}
	return (10 - sum % 10) % 10;
}
