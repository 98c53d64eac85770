/*
 * Dates as receipts and cards write them: 西暦 YYYYMMDD / YYYYMM (receipts
 * from the 令和2年 specification on) and 和暦 GYYMMDD / GYYMM, G being the
 * era (1 明治, 2 大正, 3 昭和, 4 平成, 5 令和) as older receipts and ORCA
 * output have them.  The length decides which: 5 or 7 digits are 和暦, 6
 * or 8 西暦.
 */
#ifndef HOKENID_RECEIPT_DATE_H
#define HOKENID_RECEIPT_DATE_H

#include <stddef.h>

typedef struct ReceiptDate
{
	int			year;
	int			month;
	int			day;			/* 0 for a year-month */
} ReceiptDate;

/* Whether a year, month and day make a date of the Gregorian calendar. */
extern int	receipt_date_exists(int year, int month, int day);

/* Returns 1 and fills date when in is a valid date in one of the forms. */
extern int	receipt_date_parse(const char *in, size_t length, ReceiptDate *date);

#endif
