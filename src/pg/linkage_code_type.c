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

static int
hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

Datum
linkage_code_in(PG_FUNCTION_ARGS)
{
	const char *text = PG_GETARG_CSTRING(0);
	size_t		length = strlen(text);
	uint8	   *code = palloc(LINKAGE_CODE_SIZE);

	if (length != 2 * LINKAGE_CODE_SIZE)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid input for type linkage_code: %zu characters, expected 64", length),
				 errhint("A linkage code is written as 64 hexadecimal characters.")));
	for (size_t i = 0; i < LINKAGE_CODE_SIZE; i++)
	{
		int			high = hex_digit(text[2 * i]);
		int			low = hex_digit(text[2 * i + 1]);

		if (high < 0 || low < 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
					 errmsg("invalid input for type linkage_code: non-hexadecimal character at position %zu",
							2 * i + (high < 0 ? 1 : 2)),
					 errhint("A linkage code is written as 64 hexadecimal characters.")));
		code[i] = (uint8) (high << 4 | low);
	}
	PG_RETURN_POINTER(code);
}

Datum
linkage_code_out(PG_FUNCTION_ARGS)
{
	const uint8 *code = (const uint8 *) PG_GETARG_POINTER(0);
	static const char digits[] = "0123456789abcdef";
	char	   *out = palloc(2 * LINKAGE_CODE_SIZE + 1);

	for (int i = 0; i < LINKAGE_CODE_SIZE; i++)
	{
		out[2 * i] = digits[code[i] >> 4];
		out[2 * i + 1] = digits[code[i] & 0xF];
	}
	out[2 * LINKAGE_CODE_SIZE] = '\0';
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
