/*
 * SQL type hokenid.linkage_code (連結符号): 32 bytes by reference, text form
 * 64 lowercase hexadecimal characters.  Codes are HMAC outputs, uniformly
 * distributed, so bytewise order and hashing are all they need.
 */
#include "postgres.h"

#include "common/hashfn.h"
#include "fmgr.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"

#include "identifier_types.h"
#include "hex.h"
#include "linkage.h"

PG_FUNCTION_INFO_V1(linkage_code_in);
PG_FUNCTION_INFO_V1(linkage_code_out);
PG_FUNCTION_INFO_V1(linkage_code_recv);
PG_FUNCTION_INFO_V1(linkage_code_send);
PG_FUNCTION_INFO_V1(linkage_code_cmp);
PG_FUNCTION_INFO_V1(linkage_code_eq);
PG_FUNCTION_INFO_V1(linkage_code_ne);
PG_FUNCTION_INFO_V1(linkage_code_lt);
PG_FUNCTION_INFO_V1(linkage_code_le);
PG_FUNCTION_INFO_V1(linkage_code_gt);
PG_FUNCTION_INFO_V1(linkage_code_ge);
PG_FUNCTION_INFO_V1(linkage_code_hash);
PG_FUNCTION_INFO_V1(linkage_code_hash_extended);

Datum
linkage_code_in(PG_FUNCTION_ARGS)
{
	const char *text = PG_GETARG_CSTRING(0);
	size_t		length = strlen(text);
	uint8	   *code = palloc(LINKAGE_CODE_SIZE);
	long		bad;

	if (length != 2 * LINKAGE_CODE_SIZE)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid input for type linkage_code: %zu characters, expected 64", length),
				 errhint("A linkage code is written as 64 hexadecimal characters.")));
	bad = hex_to_bytes(text, LINKAGE_CODE_SIZE, code);
	if (bad >= 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid input for type linkage_code: non-hexadecimal character at position %ld", bad + 1),
				 errhint("A linkage code is written as 64 hexadecimal characters.")));
	PG_RETURN_POINTER(code);
}

Datum
linkage_code_out(PG_FUNCTION_ARGS)
{
	const uint8 *code = (const uint8 *) PG_GETARG_POINTER(0);
	char	   *out = palloc(2 * LINKAGE_CODE_SIZE + 1);

	bytes_to_hex(code, LINKAGE_CODE_SIZE, out);
	PG_RETURN_CSTRING(out);
}

Datum
linkage_code_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	uint8	   *code = palloc(LINKAGE_CODE_SIZE);

	check_binary_format(buf, "linkage_code");
	if (buf->len - buf->cursor != LINKAGE_CODE_SIZE)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary value for type linkage_code: %d bytes, expected 32",
						buf->len - buf->cursor)));
	pq_copymsgbytes(buf, (char *) code, LINKAGE_CODE_SIZE);
	PG_RETURN_POINTER(code);
}

Datum
linkage_code_send(PG_FUNCTION_ARGS)
{
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, IDENTIFIER_BINARY_FORMAT);
	pq_sendbytes(&buf, (const char *) PG_GETARG_POINTER(0), LINKAGE_CODE_SIZE);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

static int
compare(FunctionCallInfo fcinfo)
{
	return memcmp(PG_GETARG_POINTER(0), PG_GETARG_POINTER(1), LINKAGE_CODE_SIZE);
}

Datum
linkage_code_cmp(PG_FUNCTION_ARGS)
{
	int			c = compare(fcinfo);

	PG_RETURN_INT32((c > 0) - (c < 0));
}

Datum
linkage_code_eq(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(compare(fcinfo) == 0);
}

Datum
linkage_code_ne(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(compare(fcinfo) != 0);
}

Datum
linkage_code_lt(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(compare(fcinfo) < 0);
}

Datum
linkage_code_le(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(compare(fcinfo) <= 0);
}

Datum
linkage_code_gt(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(compare(fcinfo) > 0);
}

Datum
linkage_code_ge(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(compare(fcinfo) >= 0);
}

Datum
linkage_code_hash(PG_FUNCTION_ARGS)
{
	return hash_any((const unsigned char *) PG_GETARG_POINTER(0), LINKAGE_CODE_SIZE);
}

Datum
linkage_code_hash_extended(PG_FUNCTION_ARGS)
{
	return hash_any_extended((const unsigned char *) PG_GETARG_POINTER(0), LINKAGE_CODE_SIZE,
							 PG_GETARG_INT64(1));
}
