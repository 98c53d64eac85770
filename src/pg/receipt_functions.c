/*
 * SQL functions over receipt files: receipt_records (every record, decoded),
 * receipt_mds (the minimum data set, one row per item and day) and
 * receipt_check (what is wrong, without raising).  Each reads a bytea, a
 * large object (oid) or a server file (text path), chosen by the argument's
 * type.
 *
 * Each reads its whole file in one call and writes its rows straight into
 * the caller's tuplestore (materialize mode): a function scan stores every
 * row before returning the first anyway, so this saves a function call and
 * a tuple copy per row.  The tuplestore spills to disk beyond work_mem, and
 * each record's values live in a context reset per record, so memory stays
 * flat however long the file.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "datatype/timestamp.h"
#include "fmgr.h"
#include "funcapi.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/datetime.h"
#include "utils/memutils.h"
#include "utils/numeric.h"
#include "utils/tuplestore.h"

#include "facility_code.h"
#include "identifier_types.h"
#include "insured_no.h"
#include "kohi_no.h"
#include "receipt_source.h"
#include "uke_check.h"

PG_FUNCTION_INFO_V1(receipt_records);
PG_FUNCTION_INFO_V1(receipt_mds);
PG_FUNCTION_INFO_V1(receipt_check);

#define SMALL_QUANTITIES 1000

typedef struct ReceiptScan
{
	ReceiptSource source;
	UkeChecker	checker;		/* its reader gives the receipt context */
	UkeFields	fields;
	MdsItem		items[MDS_MAX_ITEMS_PER_RECORD];
	UkeProblem	problems[UKE_MAX_PROBLEMS_PER_RECORD];
	int			line_no;
	bool		strict;			/* receipt_records: bad lines raise */
	bool		mask_diagnoses;
	/* typed values of the current receipt, made once per receipt */
	int			typed_receipt;
	Datum		insured;
	bool		insured_null;
	Datum		kohi;
	bool		kohi_null;
	Datum		birth;
	bool		birth_null;
	/* the facility of the receipt's IR, and the category names, made once */
	Datum		facility;
	bool		facility_null;
	Datum		prescriber_facility;	/* 調剤: 処方箋を交付した医療機関 */
	bool		prescriber_facility_null;
	Datum		category_names[MDS_OTHER + 1];
	Datum		small_quantities[SMALL_QUANTITIES];	/* numeric, made on first use */
	/* where the rows go */
	Tuplestorestate *store;
	TupleDesc	descriptor;
	MemoryContext lasting;		/* the scan's */
	MemoryContext per_record;	/* reset at each record */
} ReceiptScan;

/*
 * Opens the file named by the first argument and sets up materialize mode;
 * NULL when the argument is NULL (no file: no rows).
 */
static ReceiptScan *
start_scan(FunctionCallInfo fcinfo)
{
	ReturnSetInfo *result = (ReturnSetInfo *) fcinfo->resultinfo;
	ReceiptScan *scan;
	Oid			source_type = get_fn_expr_argtype(fcinfo->flinfo, 0);
	ReceiptEncoding encoding;

	InitMaterializedSRF(fcinfo, 0);
	if (PG_ARGISNULL(0))
		return NULL;
	encoding = receipt_encoding_argument(fcinfo, 1);
	scan = palloc0(sizeof(ReceiptScan));
	scan->store = result->setResult;
	scan->descriptor = result->setDesc;
	scan->lasting = CurrentMemoryContext;
	scan->per_record = AllocSetContextCreate(CurrentMemoryContext, "hokenid receipt record",
											 ALLOCSET_DEFAULT_SIZES);
	if (source_type == OIDOID)
		receipt_source_large_object(&scan->source, PG_GETARG_OID(0), encoding);
	else if (source_type == TEXTOID)
		receipt_source_file(&scan->source, text_to_cstring(PG_GETARG_TEXT_PP(0)), encoding);
	else
		receipt_source_bytes(&scan->source, PG_GETARG_BYTEA_PP(0), encoding);
	uke_check_start(&scan->checker);
	scan->typed_receipt = -1;
	for (int c = 0; c <= MDS_OTHER; c++)
		scan->category_names[c] = CStringGetTextDatum(mds_category_name((MdsCategory) c));
	return scan;
}

static void
finish_scan(ReceiptScan *scan)
{
	receipt_source_close(&scan->source);
	MemoryContextDelete(scan->per_record);
}

static void
raise_bad_line(int line_no, const char *type, const char *problem)
{
	ereport(ERROR,
			(errcode(ERRCODE_BAD_COPY_FILE_FORMAT),
			 errmsg("receipt file line %d%s%s: %s", line_no, type[0] ? ", record " : "", type, problem),
			 errhint("receipt_check() lists every problem of a file without raising; "
					 "receipt_records(…, strict => false) returns bad lines as error rows.")));
}

/*
 * Reads the next record into scan->fields.  Returns false at the end; a
 * line that cannot be read sets *problem instead of fields.
 */
static bool
next_record(ReceiptScan *scan, const char **problem)
{
	const char *line;
	size_t		length;

	MemoryContextReset(scan->per_record);
	if (!receipt_next_line(&scan->source, &line, &length, &scan->line_no, problem))
		return false;
	if (*problem == NULL)
	{
		uke_split(line, length, &scan->fields);
		if (scan->fields.count > UKE_MAX_FIELDS)
			*problem = "more fields than any record has";
	}
	return true;
}

/*
 * Hands every record of the file to handle (in the per-record context,
 * with what is wrong with the line, if anything), then closes the file.
 */
static void
scan_records(ReceiptScan *scan, void (*handle) (ReceiptScan *scan, const char *problem))
{
	const char *problem;
	MemoryContext old;

	while (next_record(scan, &problem))
	{
		old = MemoryContextSwitchTo(scan->per_record);
		handle(scan, problem);
		MemoryContextSwitchTo(old);
	}
	finish_scan(scan);
}

static DateADT
date_value(const ReceiptDate *date)
{
	return date2j(date->year, date->month, date->day) - POSTGRES_EPOCH_JDATE;
}

static Datum
text_or_null(const char *value, size_t length, bool *isnull)
{
	*isnull = length == 0;
	return *isnull ? (Datum) 0 : PointerGetDatum(cstring_to_text_with_len(value, (int) length));
}

/* ---------------------------------------------------------------- records */

static void
put_record_row(ReceiptScan *scan, const char *problem)
{
	Datum		values[5];
	bool		nulls[5] = {false, false, false, false, false};

	values[0] = Int32GetDatum(scan->line_no);
	if (problem != NULL)
	{
		nulls[1] = nulls[2] = nulls[3] = true;
		values[4] = CStringGetTextDatum(problem);
	}
	else
	{
		int			count = scan->fields.count - 1;
		Datum	   *elements = palloc(sizeof(Datum) * Max(count, 1));

		uke_read_record(&scan->checker.reader, &scan->fields, scan->items);
		nulls[1] = !scan->checker.reader.in_receipt;
		values[1] = Int32GetDatum(scan->checker.reader.receipt.receipt_no);
		values[2] = PointerGetDatum(cstring_to_text_with_len(UKE_FIELD(&scan->fields, 0),
															 (int) UKE_FIELD_LENGTH(&scan->fields, 0)));
		/* fields[i] is CSV column i: the record type (column 0) is record_type */
		for (int i = 0; i < count; i++)
			elements[i] = PointerGetDatum(cstring_to_text_with_len(UKE_FIELD(&scan->fields, i + 1),
																	(int) UKE_FIELD_LENGTH(&scan->fields, i + 1)));
		values[3] = PointerGetDatum(construct_array(elements, count, TEXTOID, -1, false, TYPALIGN_INT));
		nulls[4] = true;
	}
	tuplestore_putvalues(scan->store, scan->descriptor, values, nulls);
}

static void
record_row(ReceiptScan *scan, const char *problem)
{
	if (problem != NULL && scan->strict)
		raise_bad_line(scan->line_no, "", problem);
	put_record_row(scan, problem);
}

Datum
receipt_records(PG_FUNCTION_ARGS)
{
	ReceiptScan *scan = start_scan(fcinfo);

	if (scan != NULL)
	{
		scan->strict = PG_NARGS() < 3 || PG_ARGISNULL(2) || PG_GETARG_BOOL(2);
		scan_records(scan, record_row);
	}
	return (Datum) 0;
}

/* ---------------------------------------------------------------- MDS */

static Datum
facility_value(const UkeText *prefecture, const UkeText *score_table, const UkeText *code, bool *isnull)
{
	int64_t		facility;

	*isnull = facility_code_from_parts(prefecture->value, prefecture->length, score_table->value,
									   score_table->length, code->value, code->length, &facility).error != ID_OK;
	return Int64GetDatum(facility);
}

/*
 * The insured number (HO + the 枝番 of SN), 公費, facilities and birth date
 * of the receipt, typed once.
 */
static void
type_receipt(ReceiptScan *scan)
{
	const UkeReceipt *r = &scan->checker.reader.receipt;
	InsuredNo	insured;
	int32_t		kohi;
	MemoryContext old;

	if (scan->typed_receipt == r->sequence)
		return;
	scan->typed_receipt = r->sequence;
	scan->insured_null = !r->has_insurance ||
		insured_no_from_parts(r->insurer.value, r->insurer.length, r->symbol.value, r->symbol.length,
							  r->number.value, r->number.length,
							  r->branch.length ? r->branch.value : NULL, r->branch.length,
							  &insured).error != ID_OK;
	if (!scan->insured_null)
	{
		/* kept across calls, so not in the per-call context */
		old = MemoryContextSwitchTo(scan->lasting);
		if (scan->insured != (Datum) 0)
			pfree(DatumGetPointer(scan->insured));
		scan->insured = insured_no_datum(&insured);
		MemoryContextSwitchTo(old);
	}
	scan->kohi_null = kohi_no_parse(r->kohi.value, r->kohi.length, &kohi).error != ID_OK;
	scan->kohi = Int32GetDatum(kohi);
	scan->birth_null = !r->has_birth;
	scan->birth = r->has_birth ? DateADTGetDatum(date_value(&r->birth)) : (Datum) 0;
	/* the facility is that of the IR before the receipt (歯科 repeats IR) */
	scan->facility = facility_value(&scan->checker.reader.prefecture, &scan->checker.reader.score_table,
									&scan->checker.reader.facility, &scan->facility_null);
	scan->prescriber_facility = facility_value(&r->prescriber_prefecture, &r->prescriber_score_table,
											   &r->prescriber_facility, &scan->prescriber_facility_null);
}

static Datum
quantity_value(ReceiptScan *scan, const char *value, size_t length, bool *isnull)
{
	size_t		dots = 0;
	long		whole;

	*isnull = length == 0 || length > 20;
	for (size_t i = 0; i < length && !*isnull; i++)
	{
		if (value[i] == '.')
			dots++;
		else if (value[i] < '0' || value[i] > '9')
			*isnull = true;
	}
	if (*isnull || dots > 1)
	{
		*isnull = true;
		return (Datum) 0;
	}
	if (dots == 0)				/* most quantities are whole: no text parse */
	{
		whole = uke_number(value, length);
		if (whole >= SMALL_QUANTITIES)
			return NumericGetDatum(int64_to_numeric(whole));
		/* and small: made once per scan (tuplestore_putvalues copies) */
		if (scan->small_quantities[whole] == (Datum) 0)
		{
			MemoryContext old = MemoryContextSwitchTo(scan->lasting);

			scan->small_quantities[whole] = NumericGetDatum(int64_to_numeric(whole));
			MemoryContextSwitchTo(old);
		}
		return scan->small_quantities[whole];
	}
	return DirectFunctionCall3(numeric_in, CStringGetDatum(pnstrdup(value, length)),
							   ObjectIdGetDatum(InvalidOid), Int32GetDatum(-1));
}

static void
put_mds_row(ReceiptScan *scan, const MdsItem *item)
{
	const UkeReader *reader = &scan->checker.reader;
	Datum		values[21];
	bool		nulls[21];
	const UkeText *doctor = item->doctor > 0 ? &reader->receipt.doctors[item->doctor - 1] : NULL;

	memset(nulls, 0, sizeof(nulls));
	values[0] = Int32GetDatum(reader->receipt.receipt_no);
	values[1] = Int32GetDatum(scan->line_no);
	values[2] = scan->category_names[item->category];
	if (item->category == MDS_DIAGNOSIS && scan->mask_diagnoses)
		nulls[3] = nulls[4] = nulls[15] = nulls[19] = true;
	else
	{
		values[3] = text_or_null(item->code, item->code_length, &nulls[3]);
		values[4] = text_or_null(item->name, item->name ? item->name_length : 0, &nulls[4]);
		values[15] = text_or_null(item->modifiers, item->modifiers ? item->modifiers_length : 0, &nulls[15]);
		values[19] = text_or_null(item->icd10, item->icd10 ? item->icd10_length : 0, &nulls[19]);
	}
	values[20] = text_or_null(item->role, item->role ? item->role_length : 0, &nulls[20]);
	nulls[5] = !item->has_date;
	values[5] = item->has_date ? DateADTGetDatum(date_value(&item->date)) : (Datum) 0;
	values[6] = quantity_value(scan, item->quantity, item->quantity ? item->quantity_length : 0, &nulls[6]);
	values[7] = Int32GetDatum(item->times);
	nulls[8] = !item->has_points;
	values[8] = Int64GetDatum(item->points);
	nulls[9] = item->unit == 0;
	values[9] = Int32GetDatum(item->unit);
	nulls[10] = scan->insured_null;
	values[10] = scan->insured;
	nulls[11] = scan->kohi_null;
	values[11] = scan->kohi;
	nulls[12] = scan->facility_null;
	values[12] = scan->facility;
	nulls[13] = reader->receipt.sex != 1 && reader->receipt.sex != 2;
	values[13] = Int32GetDatum(reader->receipt.sex);
	nulls[14] = scan->birth_null;
	values[14] = scan->birth;
	nulls[16] = !item->has_prescribed;
	values[16] = item->has_prescribed ? DateADTGetDatum(date_value(&item->prescribed)) : (Datum) 0;
	/* 調剤 only: who prescribed (a 医科 receipt's prescriber is its facility) */
	nulls[17] = scan->prescriber_facility_null;
	values[17] = scan->prescriber_facility;
	nulls[18] = true;
	if (doctor != NULL)
		values[18] = text_or_null(doctor->value, doctor->length, &nulls[18]);
	tuplestore_putvalues(scan->store, scan->descriptor, values, nulls);
}

static void
mds_rows(ReceiptScan *scan, const char *problem)
{
	int			count;

	/* a silently partial minimum data set would mislead: bad lines raise */
	if (problem != NULL)
		raise_bad_line(scan->line_no, "", problem);
	count = uke_read_record(&scan->checker.reader, &scan->fields, scan->items);
	if (count > 0)
		type_receipt(scan);
	for (int i = 0; i < count; i++)
		put_mds_row(scan, &scan->items[i]);
}

Datum
receipt_mds(PG_FUNCTION_ARGS)
{
	ReceiptScan *scan = start_scan(fcinfo);

	if (scan != NULL)
	{
		scan->mask_diagnoses = PG_NARGS() > 2 && !PG_ARGISNULL(2) && PG_GETARG_BOOL(2);
		scan_records(scan, mds_rows);
	}
	return (Datum) 0;
}

/* ---------------------------------------------------------------- check */

static void
put_problem_rows(ReceiptScan *scan, const UkeProblem *problems, int count)
{
	Datum		values[4];
	bool		nulls[4] = {false, false, false, false};

	for (int i = 0; i < count; i++)
	{
		values[0] = Int32GetDatum(problems[i].line_no);
		values[1] = text_or_null(problems[i].record_type, strlen(problems[i].record_type), &nulls[1]);
		values[2] = CStringGetTextDatum(problems[i].is_error ? "error" : "warning");
		values[3] = CStringGetTextDatum(problems[i].message);
		tuplestore_putvalues(scan->store, scan->descriptor, values, nulls);
	}
}

static void
problem_rows(ReceiptScan *scan, const char *problem)
{
	int			count;

	if (problem != NULL)
	{
		scan->problems[0].line_no = scan->line_no;
		scan->problems[0].is_error = 1;
		scan->problems[0].record_type[0] = '\0';
		strlcpy(scan->problems[0].message, problem, sizeof(scan->problems[0].message));
		count = 1;
	}
	else
		count = uke_check_record(&scan->checker, &scan->fields, scan->line_no, scan->problems);
	put_problem_rows(scan, scan->problems, count);
}

Datum
receipt_check(PG_FUNCTION_ARGS)
{
	ReceiptScan *scan = start_scan(fcinfo);

	if (scan != NULL)
	{
		scan_records(scan, problem_rows);
		/* what only the whole file shows: GO totals, a missing GO */
		put_problem_rows(scan, scan->problems, uke_check_end(&scan->checker, scan->problems));
	}
	return (Datum) 0;
}
