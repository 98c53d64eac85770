/*
 * hokenid.receipt_date(text): dates as receipts and cards write them, for
 * SQL users converting fields of receipt_records.
 */
#include "postgres.h"

#include "datatype/timestamp.h"
#include "fmgr.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/datetime.h"

#include "receipt_date.h"

PG_FUNCTION_INFO_V1(receipt_date_sql);

Datum
receipt_date_sql(PG_FUNCTION_ARGS)
{
	text	   *in = PG_GETARG_TEXT_PP(0);
	ReceiptDate date;

	if (VARSIZE_ANY_EXHDR(in) < 7 ||
		!receipt_date_parse(VARDATA_ANY(in), VARSIZE_ANY_EXHDR(in), &date))
		PG_RETURN_NULL();
	PG_RETURN_DATEADT(date2j(date.year, date.month, date.day) - POSTGRES_EPOCH_JDATE);
}
