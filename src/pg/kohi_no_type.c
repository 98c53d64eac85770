/*
 * SQL type hokenid.kohi_no (公費負担者番号): int4 by value.  Comparison and
 * hashing are the int4 ones, bound in the install script.
 */
#include "postgres.h"

#include "fmgr.h"

#include "kohi_no.h"
#include "numeric_identifier.h"

PG_FUNCTION_INFO_V1(kohi_no_in);
PG_FUNCTION_INFO_V1(kohi_no_out);
PG_FUNCTION_INFO_V1(kohi_no_recv);
PG_FUNCTION_INFO_V1(kohi_no_send);
PG_FUNCTION_INFO_V1(kohi_no_law_code_sql);
PG_FUNCTION_INFO_V1(kohi_no_prefecture_sql);

static IdentifierProblem
parse(const char *in, size_t length, int64 *value)
{
	int32_t		v = 0;
	IdentifierProblem problem = kohi_no_parse(in, length, &v);

	*value = v;
	return problem;
}

static int
format(int64 value, char *out)
{
	return kohi_no_format((int32_t) value, out);
}

static const NumericIdentifier kohi_no = {
	"kohi_no", "公費負担者番号", 4, KOHI_NO_TEXT_SIZE, parse, format
};

Datum
kohi_no_in(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32((int32) numeric_identifier_in(&kohi_no, PG_GETARG_CSTRING(0)));
}

Datum
kohi_no_out(PG_FUNCTION_ARGS)
{
	PG_RETURN_CSTRING(numeric_identifier_out(&kohi_no, PG_GETARG_INT32(0)));
}

Datum
kohi_no_recv(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32((int32) numeric_identifier_recv(&kohi_no, (StringInfo) PG_GETARG_POINTER(0)));
}

Datum
kohi_no_send(PG_FUNCTION_ARGS)
{
	PG_RETURN_BYTEA_P(numeric_identifier_send(&kohi_no, PG_GETARG_INT32(0)));
}

Datum
kohi_no_law_code_sql(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(kohi_no_law_code(PG_GETARG_INT32(0)));
}

Datum
kohi_no_prefecture_sql(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(kohi_no_prefecture(PG_GETARG_INT32(0)));
}
