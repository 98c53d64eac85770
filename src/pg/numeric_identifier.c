/*
 * Text and binary I/O of the integer-held identifier types.  Binary input
 * is checked by formatting the value and parsing it back, so a value that
 * did not come from our own send (wrong check digit, out of range) is
 * refused with 22P03 instead of being stored.
 */
#include "postgres.h"

#include "libpq/pqformat.h"

#include "identifier_types.h"
#include "numeric_identifier.h"

int64
numeric_identifier_in(const NumericIdentifier *type, const char *text)
{
	size_t		length = strlen(text);
	int64		value;
	IdentifierProblem problem = type->parse(text, length, &value);

	if (problem.error != ID_OK)
		report_identifier_problem(type->type_name, problem, text, length);
	return value;
}

char *
numeric_identifier_out(const NumericIdentifier *type, int64 value)
{
	char	   *out = palloc(type->text_size);

	type->format(value, out);
	return out;
}

int64
numeric_identifier_recv(const NumericIdentifier *type, StringInfo buf)
{
	int64		value;
	int64		reparsed;
	char		text[32];
	int			length;

	check_binary_format(buf, type->type_name);
	value = type->wire_bytes == 8 ? pq_getmsgint64(buf) : (int32) pq_getmsgint(buf, 4);
	/* the formatted text of a value too large for the type does not fit its buffer */
	length = value < 0 ? type->text_size : type->format(value, text);
	if (length >= type->text_size ||
		type->parse(text, length, &reparsed).error != ID_OK || reparsed != value)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary value for type %s: not a valid %s", type->type_name, type->term)));
	return value;
}

bytea *
numeric_identifier_send(const NumericIdentifier *type, int64 value)
{
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, IDENTIFIER_BINARY_FORMAT);
	if (type->wire_bytes == 8)
		pq_sendint64(&buf, value);
	else
		pq_sendint32(&buf, (int32) value);
	return pq_endtypsend(&buf);
}
