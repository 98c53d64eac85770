/*
 * Validation without raising, for cleaning dirty data: for each identifier
 * a function answering true/false and one answering the broken rule (NULL
 * when the value is valid), in the same words the input function uses.
 */
#include "postgres.h"

#include "fmgr.h"
#include "utils/builtins.h"

#include "facility_code.h"
#include "identifier_types.h"
#include "insured_no.h"
#include "insurer_no.h"
#include "kohi_no.h"

typedef IdentifierProblem (*IdentifierCheck) (const char *in, size_t length);

static IdentifierProblem
check_insurer_no(const char *in, size_t length)
{
	int32_t		value;

	return insurer_no_parse(in, length, &value);
}

static IdentifierProblem
check_kohi_no(const char *in, size_t length)
{
	int32_t		value;

	return kohi_no_parse(in, length, &value);
}

static IdentifierProblem
check_facility_code(const char *in, size_t length)
{
	int64_t		value;

	return facility_code_parse(in, length, &value);
}

static IdentifierProblem
check_insured_no(const char *in, size_t length)
{
	InsuredNo	value;

	return insured_no_parse(in, length, &value);
}

static IdentifierProblem
run_check(FunctionCallInfo fcinfo, IdentifierCheck check)
{
	text	   *input = PG_GETARG_TEXT_PP(0);

	return check(VARDATA_ANY(input), VARSIZE_ANY_EXHDR(input));
}

static Datum
problem_text(IdentifierProblem problem)
{
	if (problem.error == ID_OK)
		return (Datum) 0;
	if (problem.position > 0)
		return PointerGetDatum(cstring_to_text(psprintf("%s at position %d",
														identifier_error_message(problem.error),
														problem.position)));
	return PointerGetDatum(cstring_to_text(identifier_error_message(problem.error)));
}

#define VALIDATION_FUNCTIONS(name, check) \
PG_FUNCTION_INFO_V1(is_valid_##name); \
Datum \
is_valid_##name(PG_FUNCTION_ARGS) \
{ \
	PG_RETURN_BOOL(run_check(fcinfo, check).error == ID_OK); \
} \
PG_FUNCTION_INFO_V1(name##_error); \
Datum \
name##_error(PG_FUNCTION_ARGS) \
{ \
	IdentifierProblem problem = run_check(fcinfo, check); \
	if (problem.error == ID_OK) \
		PG_RETURN_NULL(); \
	return problem_text(problem); \
}

VALIDATION_FUNCTIONS(insurer_no, check_insurer_no)
VALIDATION_FUNCTIONS(kohi_no, check_kohi_no)
VALIDATION_FUNCTIONS(facility_code, check_facility_code)
VALIDATION_FUNCTIONS(insured_no, check_insured_no)
VALIDATION_FUNCTIONS(recipient_no, recipient_no_check)
