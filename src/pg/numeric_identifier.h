/*
 * I/O shared by the identifier types held as integers (insurer_no and
 * kohi_no as int4, facility_code as int8): each type describes itself once
 * and its SQL entry points are one line each.
 */
#ifndef HOKENID_NUMERIC_IDENTIFIER_H
#define HOKENID_NUMERIC_IDENTIFIER_H

#include "postgres.h"

#include "lib/stringinfo.h"

#include "identifier_error.h"

typedef struct NumericIdentifier
{
	const char *type_name;		/* SQL name, e.g. insurer_no */
	const char *term;			/* the Japanese term, e.g. 保険者番号 */
	int			wire_bytes;		/* 4 or 8 in the binary format */
	int			text_size;		/* output buffer size, NUL included */
	IdentifierProblem (*parse) (const char *in, size_t length, int64 *value);
	int			(*format) (int64 value, char *out);
} NumericIdentifier;

extern int64 numeric_identifier_in(const NumericIdentifier *type, const char *text);
extern char *numeric_identifier_out(const NumericIdentifier *type, int64 value);
extern int64 numeric_identifier_recv(const NumericIdentifier *type, StringInfo buf);
extern bytea *numeric_identifier_send(const NumericIdentifier *type, int64 value);

#endif
