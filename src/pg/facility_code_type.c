/*
 * SQL type hokenid.facility_code (医療機関等コード): int8 by value.
 * Comparison and hashing are the int8 ones, bound in the install script.
 */
#include "postgres.h"

#include "fmgr.h"
#include "utils/builtins.h"

#include "facility_code.h"
#include "identifier_types.h"
#include "numeric_identifier.h"

PG_FUNCTION_INFO_V1(facility_code_in);
PG_FUNCTION_INFO_V1(facility_code_out);
PG_FUNCTION_INFO_V1(facility_code_recv);
PG_FUNCTION_INFO_V1(facility_code_send);
PG_FUNCTION_INFO_V1(facility_code_from_receipt);
PG_FUNCTION_INFO_V1(facility_code_prefecture_sql);
PG_FUNCTION_INFO_V1(facility_code_score_table_sql);
PG_FUNCTION_INFO_V1(facility_code_local_sql);

static int
format(int64 value, char *out)
{
	return facility_code_format(value, out);
}

static IdentifierProblem
parse(const char *in, size_t length, int64 *value)
{
	int64_t		v = 0;
	IdentifierProblem problem = facility_code_parse(in, length, &v);

	*value = v;
	return problem;
}

static const NumericIdentifier facility_code = {
	"facility_code", "医療機関等コード", 8, FACILITY_CODE_TEXT_SIZE, parse, format
};

Datum
facility_code_in(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(numeric_identifier_in(&facility_code, PG_GETARG_CSTRING(0)));
}

Datum
facility_code_out(PG_FUNCTION_ARGS)
{
	PG_RETURN_CSTRING(numeric_identifier_out(&facility_code, PG_GETARG_INT64(0)));
}

Datum
facility_code_recv(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(numeric_identifier_recv(&facility_code, (StringInfo) PG_GETARG_POINTER(0)));
}

Datum
facility_code_send(PG_FUNCTION_ARGS)
{
	PG_RETURN_BYTEA_P(numeric_identifier_send(&facility_code, PG_GETARG_INT64(0)));
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
