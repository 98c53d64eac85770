/*
 * SQL type hokenid.insurer_no (保険者番号): int4 by value.  Comparison and
 * hashing are the int4 ones, bound in the install script.
 */
#include "postgres.h"

#include "fmgr.h"

#include "insurer_no.h"
#include "numeric_identifier.h"

PG_FUNCTION_INFO_V1(insurer_no_in);
PG_FUNCTION_INFO_V1(insurer_no_out);
PG_FUNCTION_INFO_V1(insurer_no_recv);
PG_FUNCTION_INFO_V1(insurer_no_send);
PG_FUNCTION_INFO_V1(insurer_no_law_code_sql);
PG_FUNCTION_INFO_V1(insurer_no_prefecture_sql);

static IdentifierProblem
parse(const char *in, size_t length, int64 *value)
{
	int32_t		v = 0;
	IdentifierProblem problem = insurer_no_parse(in, length, &v);

	*value = v;
	return problem;
}

static int
format(int64 value, char *out)
{
	return insurer_no_format((int32_t) value, out);
}

static const NumericIdentifier insurer_no = {
	"insurer_no", "保険者番号", 4, INSURER_NO_TEXT_SIZE, parse, format
};

Datum
insurer_no_in(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32((int32) numeric_identifier_in(&insurer_no, PG_GETARG_CSTRING(0)));
}

Datum
insurer_no_out(PG_FUNCTION_ARGS)
{
	PG_RETURN_CSTRING(numeric_identifier_out(&insurer_no, PG_GETARG_INT32(0)));
}

Datum
insurer_no_recv(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32((int32) numeric_identifier_recv(&insurer_no, (StringInfo) PG_GETARG_POINTER(0)));
}

Datum
insurer_no_send(PG_FUNCTION_ARGS)
{
	PG_RETURN_BYTEA_P(numeric_identifier_send(&insurer_no, PG_GETARG_INT32(0)));
}

Datum
insurer_no_law_code_sql(PG_FUNCTION_ARGS)
{
	int			law_code = insurer_no_law_code(PG_GETARG_INT32(0));

	if (law_code < 0)
		PG_RETURN_NULL();		/* 国民健康保険 has no 法別番号 */
	PG_RETURN_INT32(law_code);
}

Datum
insurer_no_prefecture_sql(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(insurer_no_prefecture(PG_GETARG_INT32(0)));
}
