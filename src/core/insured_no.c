#include "insured_no.h"

#include <string.h>

#include "insurer_no.h"
#include "law_code.h"

#define NO_BRANCH_BYTE 0xFF

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

/* Parts with their first character positions, for the error report. */
typedef struct Part
{
	const char *start;
	size_t		length;
	int			position;
} Part;

static IdentifierProblem
from_parts(const Part *parts, int count, InsuredNo *out)
{
	IdentifierProblem problem;

	problem = insurer_no_parse_at(parts[0].start, parts[0].length, parts[0].position, &out->insurer);
	if (problem.error != ID_OK)
		return problem;
	if (!fold_card_text(parts[1].start, parts[1].length, parts[1].position, &out->symbol, &problem) ||
		!fold_card_text(parts[2].start, parts[2].length, parts[2].position, &out->number, &problem))
		return problem;
	out->branch = INSURED_NO_NO_BRANCH;
	if (count == 4)
	{
		problem = parse_branch(parts[3].start, parts[3].length, parts[3].position, &out->branch);
		if (problem.error != ID_OK)
			return problem;
	}
	return check_combination(out);
}

/* ':' or the full-width '：' (U+FF1A, EF BC 9A) separate the parts. */
static size_t
separator_length(const unsigned char *s, size_t remaining)
{
	if (s[0] == ':')
		return 1;
	if (remaining >= 3 && s[0] == 0xEF && s[1] == 0xBC && s[2] == 0x9A)
		return 3;
	return 0;
}

IdentifierProblem
insured_no_parse(const char *in, size_t length, InsuredNo *out)
{
	const unsigned char *s = (const unsigned char *) in;
	Part		parts[4];
	int			count = 1;
	int			position = 1;
	size_t		i = 0;

	parts[0] = (Part) {in, 0, 1};
	while (i < length)
	{
		size_t		sep = separator_length(s + i, length - i);
		uint32_t	cp;
		size_t		n;

		if (sep > 0)
		{
			if (count == 4)
				return (IdentifierProblem) {ID_PART_COUNT, position};
			parts[count - 1].length = (size_t) ((in + i) - parts[count - 1].start);
			parts[count] = (Part) {in + i + sep, 0, position + 1};
			count++;
			i += sep;
		}
		else
		{
			n = utf8_decode(s + i, length - i, &cp);
			if (n == 0)
				return (IdentifierProblem) {ID_ENCODING, position};
			i += n;
		}
		position++;
	}
	parts[count - 1].length = (size_t) ((in + length) - parts[count - 1].start);
	if (length == 0)
		return (IdentifierProblem) {ID_EMPTY, 0};
	if (count < 3)
		return (IdentifierProblem) {ID_PART_COUNT, 0};
	return from_parts(parts, count, out);
}

IdentifierProblem
insured_no_from_parts(const char *insurer, size_t insurer_length,
					  const char *symbol, size_t symbol_length,
					  const char *number, size_t number_length,
					  const char *branch, size_t branch_length,
					  InsuredNo *out)
{
	Part		parts[4] = {
		{insurer, insurer_length, 1},
		{symbol ? symbol : "", symbol ? symbol_length : 0, 1},
		{number, number_length, 1},
		{branch ? branch : "", branch ? branch_length : 0, 1},
	};

	return from_parts(parts, 4, out);
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

	image[0] = (uint8_t) (insurer >> 24);
	image[1] = (uint8_t) (insurer >> 16);
	image[2] = (uint8_t) (insurer >> 8);
	image[3] = (uint8_t) insurer;
	image[4] = value->branch == INSURED_NO_NO_BRANCH ? NO_BRANCH_BYTE : (uint8_t) value->branch;
	image[5] = (uint8_t) value->symbol.length;
	memcpy(image + INSURED_NO_IMAGE_HEADER, value->symbol.bytes, value->symbol.length);
	memcpy(image + INSURED_NO_IMAGE_HEADER + value->symbol.length,
		   value->number.bytes, value->number.length);
	return INSURED_NO_IMAGE_HEADER + value->symbol.length + value->number.length;
}

int
insured_no_decode(const uint8_t *image, size_t length, InsuredNo *out)
{
	size_t		symbol_length;
	size_t		number_length;

	if (length < INSURED_NO_IMAGE_HEADER)
		return 0;
	symbol_length = image[5];
	if (symbol_length > sizeof(out->symbol.bytes) ||
		length - INSURED_NO_IMAGE_HEADER < symbol_length)
		return 0;
	number_length = length - INSURED_NO_IMAGE_HEADER - symbol_length;
	if (number_length > sizeof(out->number.bytes))
		return 0;
	out->insurer = (int32_t) (((uint32_t) image[0] << 24) | ((uint32_t) image[1] << 16) |
							  ((uint32_t) image[2] << 8) | image[3]);
	out->branch = image[4] == NO_BRANCH_BYTE ? INSURED_NO_NO_BRANCH : image[4];
	out->symbol.length = symbol_length;
	memcpy(out->symbol.bytes, image + INSURED_NO_IMAGE_HEADER, symbol_length);
	out->number.length = number_length;
	memcpy(out->number.bytes, image + INSURED_NO_IMAGE_HEADER + symbol_length, number_length);
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
		(decoded.branch != INSURED_NO_NO_BRANCH && decoded.branch > 99))
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

static int
compare_bytes(const uint8_t *a, size_t a_length, const uint8_t *b, size_t b_length)
{
	int			c = memcmp(a, b, a_length < b_length ? a_length : b_length);

	if (c != 0)
		return c;
	return (a_length > b_length) - (a_length < b_length);
}

int
insured_no_compare(const uint8_t *a, size_t a_length, const uint8_t *b, size_t b_length)
{
	size_t		a_symbol = a[5];
	size_t		b_symbol = b[5];
	int			c;
	int			a_branch;
	int			b_branch;

	c = memcmp(a, b, 4);		/* big-endian insurer: byte order is numeric order */
	if (c != 0)
		return c;
	c = compare_bytes(a + INSURED_NO_IMAGE_HEADER, a_symbol, b + INSURED_NO_IMAGE_HEADER, b_symbol);
	if (c != 0)
		return c;
	c = compare_bytes(a + INSURED_NO_IMAGE_HEADER + a_symbol, a_length - INSURED_NO_IMAGE_HEADER - a_symbol,
					  b + INSURED_NO_IMAGE_HEADER + b_symbol, b_length - INSURED_NO_IMAGE_HEADER - b_symbol);
	if (c != 0)
		return c;
	a_branch = a[4] == NO_BRANCH_BYTE ? -1 : a[4];
	b_branch = b[4] == NO_BRANCH_BYTE ? -1 : b[4];
	return (a_branch > b_branch) - (a_branch < b_branch);
}
