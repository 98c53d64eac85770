#include "receipt_date.h"

/* First year of each era, index = era code (1 明治 … 5 令和). */
static const int era_first_year[] = {0, 1868, 1912, 1926, 1989, 2019};

static int
digits_value(const char *s, size_t n, int *value)
{
	*value = 0;
	for (size_t i = 0; i < n; i++)
	{
		if (s[i] < '0' || s[i] > '9')
			return 0;
		*value = *value * 10 + (s[i] - '0');
	}
	return 1;
}

static int
days_in_month(int year, int month)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	if (month == 2 && ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0))
		return 29;
	return days[month - 1];
}

int
receipt_date_exists(int year, int month, int day)
{
	return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= days_in_month(year, month);
}

int
receipt_date_parse(const char *in, size_t length, ReceiptDate *date)
{
	int			era_or_year;
	int			year_digits = (length == 5 || length == 7) ? 3 : 4;
	int			month;
	int			day = 0;

	if (length != 5 && length != 6 && length != 7 && length != 8)
		return 0;
	if (!digits_value(in, (size_t) year_digits, &era_or_year) ||
		!digits_value(in + year_digits, 2, &month) ||
		(length >= 7 && !digits_value(in + year_digits + 2, 2, &day)))
		return 0;
	if (year_digits == 3)
	{
		int			era = era_or_year / 100;
		int			era_year = era_or_year % 100;

		if (era < 1 || era > 5 || era_year < 1)
			return 0;
		date->year = era_first_year[era] + era_year - 1;
	}
	else
		date->year = era_or_year;
	if (date->year < 1 || month < 1 || month > 12 ||
		(length >= 7 && !receipt_date_exists(date->year, month, day)))
		return 0;
	date->month = month;
	date->day = day;
	return 1;
}
