/*
 * The rules an identifier can break, shared by every identifier type so
 * that the SQL layer raises one kind of error and the validation functions
 * report the same words without raising.
 */
#ifndef HOKENID_IDENTIFIER_ERROR_H
#define HOKENID_IDENTIFIER_ERROR_H

#include <stddef.h>

typedef enum IdentifierError
{
	ID_OK = 0,
	ID_EMPTY,
	ID_ENCODING,				/* not valid UTF-8 */
	ID_NOT_DIGIT,
	ID_BAD_CHARACTER,			/* control character, ':' or outside Shift_JIS range */
	ID_INSURER_LENGTH,
	ID_KOHI_LENGTH,
	ID_RECIPIENT_LENGTH,
	ID_FACILITY_LENGTH,
	ID_CHECK_DIGIT,
	ID_PUBLIC_EXPENSE_LAW,		/* 公費 法別番号 given as an insurer */
	ID_INSURANCE_LAW,			/* insurance 法別番号 given as 公費 */
	ID_PREFECTURE,
	ID_SCORE_TABLE,
	ID_PART_COUNT,
	ID_NUMBER_MISSING,
	ID_PART_TOO_LONG,
	ID_PARTS_TOO_LONG,
	ID_BRANCH_FORMAT,
	ID_BRANCH_LATE_ELDERLY,
	ID_SYMBOL_LATE_ELDERLY,
} IdentifierError;

/* Where in the input a rule was broken: 1-based character, 0 = whole value. */
typedef struct IdentifierProblem
{
	IdentifierError error;
	int			position;
} IdentifierProblem;

extern const char *identifier_error_message(IdentifierError error);
extern const char *identifier_error_hint(IdentifierError error);

/*
 * The form in which a rejected value may appear in a message: each
 * character but the last two becomes '*' (at most 24 of them), so a log
 * line can be matched to a complaint without holding the number.
 * out needs IDENTIFIER_MASK_SIZE bytes; returns out.
 */
#define IDENTIFIER_MASK_SIZE (24 + 2 * 4 + 1)
extern char *identifier_mask(const char *in, size_t length, char *out);

#endif
