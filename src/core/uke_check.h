/*
 * What is wrong with a receipt file, reported without stopping: record
 * order, record types and field counts, over-long text, the check digits
 * of 保険者番号, 公費負担者番号, 受給者番号 and 医療機関コード, dates, and the GO
 * totals (総件数 = HO + KO records, 総合計点数 = the receipts' HO 合計点数, or
 * the first KO's for a receipt without HO) against the receipts.
 */
#ifndef HOKENID_UKE_CHECK_H
#define HOKENID_UKE_CHECK_H

#include "uke_receipt.h"

typedef struct UkeProblem
{
	int			line_no;
	int			is_error;		/* else a warning */
	char		record_type[3];
	char		message[200];
} UkeProblem;

#define UKE_MAX_PROBLEMS_PER_RECORD 8

typedef struct UkeChecker
{
	UkeReader	reader;
	MdsItem		items[MDS_MAX_ITEMS_PER_RECORD];
	int			records;
	int			seen_go;
	long		claims;			/* HO + KO records */
	long		points;			/* per receipt: HO 合計点数 or the first KO's */
	int			last_line;
} UkeChecker;

extern void uke_check_start(UkeChecker *checker);
extern int	uke_check_record(UkeChecker *checker, const UkeFields *fields, int line_no, UkeProblem *problems);
extern int	uke_check_end(UkeChecker *checker, UkeProblem *problems);

#endif
