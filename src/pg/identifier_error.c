/*
 * How a rejected identifier is reported: SQLSTATE 22P02, the rule it broke,
 * where, and a masked form of the value — never the value itself, which
 * would put insured numbers into the server log.
 */
#include "postgres.h"

#include "lib/stringinfo.h"
#include "libpq/pqformat.h"

#include "identifier_types.h"

void
report_identifier_problem(const char *type_name, IdentifierProblem problem,
						  const char *input, size_t length)
{
	char		masked[IDENTIFIER_MASK_SIZE];

	identifier_mask(input, length, masked);
	if (problem.position > 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid input for type %s: %s at position %d",
						type_name, identifier_error_message(problem.error), problem.position),
				 errdetail("The value was \"%s\" (masked).", masked),
				 errhint("%s", identifier_error_hint(problem.error))));
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("invalid input for type %s: %s",
					type_name, identifier_error_message(problem.error)),
			 errdetail("The value was \"%s\" (masked).", masked),
			 errhint("%s", identifier_error_hint(problem.error))));
}

void
check_binary_format(StringInfo buf, const char *type_name)
{
	int			format;

	if (buf->len - buf->cursor < 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary value for type %s: empty", type_name)));
	format = pq_getmsgbyte(buf);
	if (format != IDENTIFIER_BINARY_FORMAT)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary value for type %s: unknown format %d", type_name, format),
				 errhint("This server reads format %d; the value was written by another version of hokenid or is not a %s.",
						 IDENTIFIER_BINARY_FORMAT, type_name)));
}
