/*
 * 法別番号: the first two digits of an 8-digit 保険者番号 or 公費負担者番号
 * say which law pays.  Only the split between insurance and public expense
 * is fixed here (it decides which type a number belongs to and so must not
 * change under stored values); names and kinds live in the SQL table
 * hokenid.law_code, which users extend.
 */
#ifndef HOKENID_LAW_CODE_H
#define HOKENID_LAW_CODE_H

typedef enum LawScheme
{
	LAW_INSURANCE,				/* 医療保険 (also codes not yet assigned) */
	LAW_PUBLIC_EXPENSE			/* 公費負担医療, national and local (80-99) */
} LawScheme;

#define LAW_CODE_LATE_ELDERLY 39	/* 後期高齢者医療 */

extern LawScheme law_code_scheme(int law_code);

#endif
