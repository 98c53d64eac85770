#include "insured_no.h"

#include <string.h>

#include "insurer_no.h"
#include "law_code.h"

static IdentifierProblem
parse_branch(const char *in, size_t length, int first_position, int *branch)
{
	IdentifierProblem problem = {ID_OK, 0};
	char		digits[2];
	int			n = fold_digits(in, length, digits, sizeof(digits), ID_BRANCH_FORMAT,
								first_position, &problem);

	if (n < 0)
		return problem.error == ID_NOT_DIGIT ?
			(IdentifierProblem) {ID_BRANCH_FORMAT, problem.position} : problem;
	if (n == 0)
		*branch = INSURED_NO_NO_BRANCH;
	else if (n != 2)
		return (IdentifierProblem) {ID_BRANCH_FORMAT, 0};
	else
		*branch = (digits[0] - '0') * 10 + (digits[1] - '0');
	return problem;
}

/* Rules that involve more than one part. */
static IdentifierProblem
check_combination(const InsuredNo *value)
{
	if (value->number.length == 0)
		return (IdentifierProblem) {ID_NUMBER_MISSING, 0};
	if (value->symbol.characters + value->number.characters > CARD_TEXT_MAX_CHARACTERS)
		return (IdentifierProblem) {ID_PARTS_TOO_LONG, 0};
	if (insurer_no_law_code(value->insurer) == LAW_CODE_LATE_ELDERLY)
	{
		if (value->branch != INSURED_NO_NO_BRANCH)
			return (IdentifierProblem) {ID_BRANCH_LATE_ELDERLY, 0};
		if (value->symbol.length != 0)
			return (IdentifierProblem) {ID_SYMBOL_LATE_ELDERLY, 0};
	}
	return (IdentifierProblem) {ID_OK, 0};
}

typedef struct Part
{
	const char *start;
	size_t		length;
} Part;

/* 1-based character position of byte offset within in. */
static int
character_position(const char *in, size_t offset)
{
	int			position = 1;

	for (size_t i = 0; i < offset; i++)
		if (((unsigned char) in[i] & 0xC0) != 0x80)
			position++;
	return position;
}

/*
 * Problems inside a part carry positions within the part; counted from the
 * whole input (text) they point at the character the user typed.  Counting
 * only when something is wrong keeps the parse of valid input to one pass.
 */
static IdentifierProblem
from_parts(const char *text, const Part *parts, int count, InsuredNo *out)
{
	IdentifierProblem problem = insurer_no_parse_at(parts[0].start, parts[0].length, 1, &out->insurer);
	int			failed = 0;

	if (problem.error != ID_OK)
		failed = 0;
	else if (!fold_card_text(parts[1].start, parts[1].length, 1, &out->symbol, &problem))
		failed = 1;
	else if (!fold_card_text(parts[2].start, parts[2].length, 1, &out->number, &problem))
		failed = 2;
	else
	{
		out->branch = INSURED_NO_NO_BRANCH;
		if (count == 4)
		{
			problem = parse_branch(parts[3].start, parts[3].length, 1, &out->branch);
			failed = 3;
		}
		if (problem.error == ID_OK)
			return check_combination(out);
	}
	if (problem.position > 0 && text != NULL)
		problem.position += character_position(text, (size_t) (parts[failed].start - text)) - 1;
	return problem;
}

/* The next ':' or full-width '：' (U+FF1A, EF BC 9A) at or after start. */
static const char *
find_separator(const char *in, size_t length, size_t start, size_t *separator_length)
{
	const unsigned char *s = (const unsigned char *) in;

	for (size_t i = start; i < length; i++)
	{
		if (s[i] == ':')
		{
			*separator_length = 1;
			return in + i;
		}
		if (s[i] == 0xEF && i + 2 < length && s[i + 1] == 0xBC && s[i + 2] == 0x9A)
		{
			*separator_length = 3;
			return in + i;
		}
	}
	return NULL;
}

IdentifierProblem
insured_no_parse(const char *in, size_t length, InsuredNo *out)
{
	Part		parts[4];
	int			count = 0;
	size_t		start = 0;

	if (length == 0)
		return (IdentifierProblem) {ID_EMPTY, 0};
	for (;;)
	{
		size_t		separator_length = 0;
		const char *separator = find_separator(in, length, start, &separator_length);
		size_t		end = separator ? (size_t) (separator - in) : length;

		parts[count++] = (Part) {in + start, end - start};
		if (separator == NULL)
			break;
		if (count == 4)
			return (IdentifierProblem) {ID_PART_COUNT, character_position(in, end)};
		start = end + separator_length;
	}
	if (count < 3)
		return (IdentifierProblem) {ID_PART_COUNT, 0};
	return from_parts(in, parts, count, out);
}

IdentifierProblem
insured_no_from_parts(const char *insurer, size_t insurer_length,
					  const char *symbol, size_t symbol_length,
					  const char *number, size_t number_length,
					  const char *branch, size_t branch_length,
					  InsuredNo *out)
{
	Part		parts[4] = {
		{insurer, insurer_length},
		{symbol ? symbol : "", symbol ? symbol_length : 0},
		{number, number_length},
		{branch ? branch : "", branch ? branch_length : 0},
	};

	/* positions stay within the part given */
	return from_parts(NULL, parts, 4, out);
}

size_t
insured_no_format(const InsuredNo *value, char *out)
{
	size_t		n = (size_t) insurer_no_format(value->insurer, out);

	out[n++] = ':';
	memcpy(out + n, value->symbol.bytes, value->symbol.length);
	n += value->symbol.length;
	out[n++] = ':';
	memcpy(out + n, value->number.bytes, value->number.length);
	n += value->number.length;
	if (value->branch != INSURED_NO_NO_BRANCH)
	{
		out[n++] = ':';
		out[n++] = (char) ('0' + value->branch / 10);
		out[n++] = (char) ('0' + value->branch % 10);
	}
	out[n] = '\0';
	return n;
}

size_t
insured_no_encode(const InsuredNo *value, uint8_t *image)
{
	uint32_t	insurer = (uint32_t) value->insurer;
	size_t		n = 4;

	image[0] = (uint8_t) (insurer >> 24);
	image[1] = (uint8_t) (insurer >> 16);
	image[2] = (uint8_t) (insurer >> 8);
	image[3] = (uint8_t) insurer;
	memcpy(image + n, value->symbol.bytes, value->symbol.length);
	n += value->symbol.length;
	image[n++] = 0;
	memcpy(image + n, value->number.bytes, value->number.length);
	n += value->number.length;
	image[n++] = 0;
	image[n++] = value->branch == INSURED_NO_NO_BRANCH ? 0 : (uint8_t) (value->branch + 1);
	return n;
}

/* Copies the part that starts at *offset up to its 0x00 terminator. */
static int
decode_part(const uint8_t *image, size_t length, size_t *offset, CardText *part)
{
	const uint8_t *start = image + *offset;
	const uint8_t *end = memchr(start, 0, length - *offset);

	if (end == NULL || (size_t) (end - start) > sizeof(part->bytes))
		return 0;
	part->length = (size_t) (end - start);
	memcpy(part->bytes, start, part->length);
	*offset += part->length + 1;
	return 1;
}

int
insured_no_decode(const uint8_t *image, size_t length, InsuredNo *out)
{
	size_t		offset = 4;

	if (length < 4 + 1 + 1 + 1 ||
		!decode_part(image, length - 1, &offset, &out->symbol) ||
		!decode_part(image, length - 1, &offset, &out->number) ||
		offset != length - 1)
		return 0;
	out->insurer = (int32_t) (((uint32_t) image[0] << 24) | ((uint32_t) image[1] << 16) |
							  ((uint32_t) image[2] << 8) | image[3]);
	out->branch = image[length - 1] == 0 ? INSURED_NO_NO_BRANCH : image[length - 1] - 1;
	return 1;
}

IdentifierProblem
insured_no_check_image(const uint8_t *image, size_t length)
{
	InsuredNo	decoded;
	InsuredNo	reparsed;
	char		text[INSURED_NO_TEXT_SIZE];
	uint8_t		canonical[INSURED_NO_IMAGE_MAX];
	size_t		text_length;
	IdentifierProblem problem;

	if (!insured_no_decode(image, length, &decoded) || decoded.insurer < 0 || decoded.insurer > 99999999 ||
		decoded.branch > 99)
		return (IdentifierProblem) {ID_PART_COUNT, 0};
	/* a canonical image survives a round trip through the text form unchanged */
	text_length = insured_no_format(&decoded, text);
	problem = insured_no_parse(text, text_length, &reparsed);
	if (problem.error != ID_OK)
		return problem;
	if (insured_no_encode(&reparsed, canonical) != length || memcmp(canonical, image, length) != 0)
		return (IdentifierProblem) {ID_BAD_CHARACTER, 0};
	return problem;
}

int
insured_no_compare(const uint8_t *a, size_t a_length, const uint8_t *b, size_t b_length)
{
	int			c = memcmp(a, b, a_length < b_length ? a_length : b_length);

	if (c != 0)
		return c;
	return (a_length > b_length) - (a_length < b_length);
}
