/*
 * SQL type hokenid.insurer_no (保険者番号): int4 by value.  Comparison and
 * hashing are the int4 ones, bound in the install script.
 */
#include "postgres.h"

#include "fmgr.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"

#include "identifier_types.h"
#include "insurer_no.h"

PG_FUNCTION_INFO_V1(insurer_no_in);
PG_FUNCTION_INFO_V1(insurer_no_out);
PG_FUNCTION_INFO_V1(insurer_no_recv);
PG_FUNCTION_INFO_V1(insurer_no_send);
PG_FUNCTION_INFO_V1(insurer_no_law_code_sql);
PG_FUNCTION_INFO_V1(insurer_no_prefecture_sql);

Datum
insurer_no_in(PG_FUNCTION_ARGS)
{
	const char *text = PG_GETARG_CSTRING(0);
	size_t		length = strlen(text);
	int32		value;
	IdentifierProblem problem = insurer_no_parse(text, length, &value);

	if (problem.error != ID_OK)
		report_identifier_problem("insurer_no", problem, text, length);
	PG_RETURN_INT32(value);
}

Datum
insurer_no_out(PG_FUNCTION_ARGS)
{
	char	   *out = palloc(INSURER_NO_TEXT_SIZE);

	insurer_no_format(PG_GETARG_INT32(0), out);
	PG_RETURN_CSTRING(out);
}

Datum
insurer_no_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int32		value;
	int32		reparsed;
	char		text[INSURER_NO_TEXT_SIZE];

	check_binary_format(buf, "insurer_no");
	value = pq_getmsgint(buf, 4);
	if (value < 0 || value > 99999999 ||
		insurer_no_parse(text, insurer_no_format(value, text), &reparsed).error != ID_OK ||
		reparsed != value)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary value for type insurer_no: not a valid 保険者番号")));
	PG_RETURN_INT32(value);
}

Datum
insurer_no_send(PG_FUNCTION_ARGS)
{
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, IDENTIFIER_BINARY_FORMAT);
	pq_sendint32(&buf, PG_GETARG_INT32(0));
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
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
