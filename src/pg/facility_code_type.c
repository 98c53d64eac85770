/*
 * SQL type hokenid.facility_code (医療機関等コード): int8 by value.
 * Comparison and hashing are the int8 ones, bound in the install script.
 */
#include "postgres.h"

#include "fmgr.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"

#include "facility_code.h"
#include "identifier_types.h"

PG_FUNCTION_INFO_V1(facility_code_in);
PG_FUNCTION_INFO_V1(facility_code_out);
PG_FUNCTION_INFO_V1(facility_code_recv);
PG_FUNCTION_INFO_V1(facility_code_send);
PG_FUNCTION_INFO_V1(facility_code_from_receipt);
PG_FUNCTION_INFO_V1(facility_code_prefecture_sql);
PG_FUNCTION_INFO_V1(facility_code_score_table_sql);
PG_FUNCTION_INFO_V1(facility_code_local_sql);

Datum
facility_code_in(PG_FUNCTION_ARGS)
{
	const char *text = PG_GETARG_CSTRING(0);
	size_t		length = strlen(text);
	int64		value;
	IdentifierProblem problem = facility_code_parse(text, length, &value);

	if (problem.error != ID_OK)
		report_identifier_problem("facility_code", problem, text, length);
	PG_RETURN_INT64(value);
}

Datum
facility_code_out(PG_FUNCTION_ARGS)
{
	char	   *out = palloc(FACILITY_CODE_TEXT_SIZE);

	facility_code_format(PG_GETARG_INT64(0), out);
	PG_RETURN_CSTRING(out);
}

Datum
facility_code_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int64		value;
	int64		reparsed;
	char		text[FACILITY_CODE_TEXT_SIZE];

	check_binary_format(buf, "facility_code");
	value = pq_getmsgint64(buf);
	if (value < 0 || value > INT64CONST(9999999999) ||
		facility_code_parse(text, facility_code_format(value, text), &reparsed).error != ID_OK ||
		reparsed != value)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary value for type facility_code: not a valid 医療機関等コード")));
	PG_RETURN_INT64(value);
}

Datum
facility_code_send(PG_FUNCTION_ARGS)
{
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, IDENTIFIER_BINARY_FORMAT);
	pq_sendint64(&buf, PG_GETARG_INT64(0));
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* facility_code(都道府県, 点数表, 医療機関コード) as the receipt IR record has them */
Datum
facility_code_from_receipt(PG_FUNCTION_ARGS)
{
	text	   *prefecture = PG_GETARG_TEXT_PP(0);
	text	   *score_table = PG_GETARG_TEXT_PP(1);
	text	   *code = PG_GETARG_TEXT_PP(2);
	int64		value;
	IdentifierProblem problem;

	problem = facility_code_from_parts(VARDATA_ANY(prefecture), VARSIZE_ANY_EXHDR(prefecture),
									   VARDATA_ANY(score_table), VARSIZE_ANY_EXHDR(score_table),
									   VARDATA_ANY(code), VARSIZE_ANY_EXHDR(code), &value);
	if (problem.error != ID_OK)
		report_identifier_problem("facility_code", problem,
								  VARDATA_ANY(code), VARSIZE_ANY_EXHDR(code));
	PG_RETURN_INT64(value);
}

Datum
facility_code_prefecture_sql(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(facility_code_prefecture(PG_GETARG_INT64(0)));
}

Datum
facility_code_score_table_sql(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(facility_code_score_table(PG_GETARG_INT64(0)));
}

Datum
facility_code_local_sql(PG_FUNCTION_ARGS)
{
	char		out[8];

	snprintf(out, sizeof(out), "%07d", (int) facility_code_local(PG_GETARG_INT64(0)));
	PG_RETURN_TEXT_P(cstring_to_text(out));
}
