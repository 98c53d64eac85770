/*
 * code_master_rows(data, encoding): the records of a 支払基金 code master
 * file (医薬品, 診療行為, 傷病名, 特定器材, コメント, 修飾語), decoded like a receipt
 * file (receipt_source.c), for hokenid.load_code_master to store.  A line
 * that is not a record of one of those masters raises 22P02 naming the
 * line and field: a master loaded in part would name codes wrongly.
 */
#include "postgres.h"

#include "datatype/timestamp.h"
#include "fmgr.h"
#include "funcapi.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/datetime.h"
#include "utils/memutils.h"
#include "utils/tuplestore.h"

#include "code_master.h"
#include "receipt_source.h"

PG_FUNCTION_INFO_V1(code_master_rows);

static Datum
text_datum(CodeMasterField field, bool *isnull)
{
	*isnull = field.length == 0;
	return *isnull ? (Datum) 0 : PointerGetDatum(cstring_to_text_with_len(field.value, (int) field.length));
}

static Datum
date_datum(const ReceiptDate *date)
{
	return DateADTGetDatum(date2j(date->year, date->month, date->day) - POSTGRES_EPOCH_JDATE);
}

static void
raise_bad_line(int line_no, int field, const char *problem)
{
	if (field > 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("code master line %d, field %d: %s", line_no, field, problem),
				 errhint("Load the master files as 支払基金 publishes them (Shift_JIS CSV, every field quoted).")));
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("code master line %d: %s", line_no, problem),
			 errhint("Load the master files as 支払基金 publishes them (Shift_JIS CSV, every field quoted).")));
}

static void
put_record(ReturnSetInfo *result, int line_no, const CodeMasterRecord *r)
{
	Datum		values[10];
	bool		nulls[10] = {false};
	char		kind[2] = {r->kind, '\0'};

	values[0] = Int32GetDatum(line_no);
	values[1] = CStringGetTextDatum(kind);
	values[2] = Int32GetDatum(r->change);
	values[3] = PointerGetDatum(cstring_to_text_with_len(r->code.value, (int) r->code.length));
	values[4] = PointerGetDatum(cstring_to_text_with_len(r->name.value, (int) r->name.length));
	values[5] = text_datum(r->kana, &nulls[5]);
	values[6] = text_datum(r->unit, &nulls[6]);
	nulls[7] = r->amount.length == 0;
	if (!nulls[7])
		values[7] = DirectFunctionCall3(numeric_in, CStringGetDatum(pnstrdup(r->amount.value, r->amount.length)),
										ObjectIdGetDatum(InvalidOid), Int32GetDatum(-1));
	/* -infinity, not NULL: the version's key, and before any day of care */
	if (r->has_valid_from)
		values[8] = date_datum(&r->valid_from);
	else
	{
		DateADT		beginning;

		DATE_NOBEGIN(beginning);
		values[8] = DateADTGetDatum(beginning);
	}
	nulls[9] = !r->has_valid_until;
	values[9] = r->has_valid_until ? date_datum(&r->valid_until) : (Datum) 0;
	tuplestore_putvalues(result->setResult, result->setDesc, values, nulls);
}

Datum
code_master_rows(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *result = (ReturnSetInfo *) fcinfo->resultinfo;
	ReceiptSource source;
	MemoryContext per_line;
	MemoryContext old;
	CodeMasterField fields[CODE_MASTER_MAX_FIELDS];
	CodeMasterRecord record;
	const char *line;
	const char *problem;
	size_t		length;
	int			line_no;

	InitMaterializedSRF(fcinfo, 0);
	if (PG_ARGISNULL(0))
		return (Datum) 0;
	receipt_source_bytes(&source, PG_GETARG_BYTEA_PP(0), receipt_encoding_argument(fcinfo, 1));
	per_line = AllocSetContextCreate(CurrentMemoryContext, "hokenid code master line", ALLOCSET_DEFAULT_SIZES);
	while (receipt_next_line(&source, &line, &length, &line_no, &problem))
	{
		char	   *copy;
		int			count;
		int			bad_field;

		if (problem != NULL)
			raise_bad_line(line_no, 0, problem);
		if (length == 0)
			continue;
		MemoryContextReset(per_line);
		old = MemoryContextSwitchTo(per_line);
		copy = pnstrdup(line, length);	/* unquoted in place */
		count = code_master_split(copy, length, fields);
		if (count < 0)
			raise_bad_line(line_no, 0, "a quoted field does not close");
		problem = code_master_read(fields, count, &record, &bad_field);
		if (problem != NULL)
			raise_bad_line(line_no, bad_field, problem);
		put_record(result, line_no, &record);
		MemoryContextSwitchTo(old);
	}
	receipt_source_close(&source);
	MemoryContextDelete(per_line);
	return (Datum) 0;
}
