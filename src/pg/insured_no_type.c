/*
 * SQL type hokenid.insured_no (個人単位被保険者番号): a varlena holding the
 * canonical image of src/core/insured_no.h.  Equal numbers have equal
 * images, so equality and hashing work on the bytes; ordering follows the
 * parts (insurer, 記号, 番号, 枝番).
 */
#include "postgres.h"

#include "common/hashfn.h"
#include "fmgr.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"
#include "utils/sortsupport.h"

#include "hokenid.h"
#include "identifier_types.h"
#include "insured_no.h"

PG_FUNCTION_INFO_V1(insured_no_in);
PG_FUNCTION_INFO_V1(insured_no_out);
PG_FUNCTION_INFO_V1(insured_no_recv);
PG_FUNCTION_INFO_V1(insured_no_send);
PG_FUNCTION_INFO_V1(insured_no_from_text_parts);
PG_FUNCTION_INFO_V1(insured_no_insurer);
PG_FUNCTION_INFO_V1(insured_no_symbol);
PG_FUNCTION_INFO_V1(insured_no_number);
PG_FUNCTION_INFO_V1(insured_no_branch);
PG_FUNCTION_INFO_V1(insured_no_without_branch);
PG_FUNCTION_INFO_V1(insured_no_cmp);
PG_FUNCTION_INFO_V1(insured_no_eq);
PG_FUNCTION_INFO_V1(insured_no_ne);
PG_FUNCTION_INFO_V1(insured_no_lt);
PG_FUNCTION_INFO_V1(insured_no_le);
PG_FUNCTION_INFO_V1(insured_no_gt);
PG_FUNCTION_INFO_V1(insured_no_ge);
PG_FUNCTION_INFO_V1(insured_no_hash);
PG_FUNCTION_INFO_V1(insured_no_hash_extended);
PG_FUNCTION_INFO_V1(insured_no_sortsupport);

Datum
insured_no_datum(const InsuredNo *value)
{
	uint8		image[INSURED_NO_IMAGE_MAX];
	size_t		length = insured_no_encode(value, image);
	struct varlena *result = palloc(VARHDRSZ + length);

	SET_VARSIZE(result, VARHDRSZ + length);
	memcpy(VARDATA(result), image, length);
	PG_RETURN_POINTER(result);
}

void
insured_no_unpack(struct varlena *datum, InsuredNo *value)
{
	if (!insured_no_decode(INSURED_NO_IMAGE(datum), INSURED_NO_IMAGE_LENGTH(datum), value))
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("corrupt insured_no value")));
}

Datum
insured_no_in(PG_FUNCTION_ARGS)
{
	const char *text = PG_GETARG_CSTRING(0);
	size_t		length = strlen(text);
	InsuredNo	value;
	IdentifierProblem problem = insured_no_parse(text, length, &value);

	require_enforced_restriction();
	if (problem.error != ID_OK)
		report_identifier_problem("insured_no", problem, text, length);
	return insured_no_datum(&value);
}

Datum
insured_no_out(PG_FUNCTION_ARGS)
{
	InsuredNo	value;
	char	   *out = palloc(INSURED_NO_TEXT_SIZE);

	require_enforced_restriction();
	insured_no_unpack(PG_GETARG_INSURED_NO_P(0), &value);
	insured_no_format(&value, out);
	PG_RETURN_CSTRING(out);
}

/* Binary format: the format byte, then the canonical image. */
Datum
insured_no_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int			length;
	const uint8 *image;
	struct varlena *result;

	require_enforced_restriction();
	check_binary_format(buf, "insured_no");
	length = buf->len - buf->cursor;
	image = (const uint8 *) pq_getmsgbytes(buf, length);
	if (length > INSURED_NO_IMAGE_MAX || insured_no_check_image(image, length).error != ID_OK)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary value for type insured_no: not a canonical 被保険者番号")));
	result = palloc(VARHDRSZ + length);
	SET_VARSIZE(result, VARHDRSZ + length);
	memcpy(VARDATA(result), image, length);
	PG_RETURN_POINTER(result);
}

Datum
insured_no_send(PG_FUNCTION_ARGS)
{
	struct varlena *value = PG_GETARG_INSURED_NO_P(0);
	StringInfoData buf;

	require_enforced_restriction();
	pq_begintypsend(&buf);
	pq_sendbyte(&buf, IDENTIFIER_BINARY_FORMAT);
	pq_sendbytes(&buf, (const char *) INSURED_NO_IMAGE(value), INSURED_NO_IMAGE_LENGTH(value));
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* insured_no(insurer, 記号, 番号, 枝番): NULL 記号 or 枝番 means absent. */
Datum
insured_no_from_text_parts(PG_FUNCTION_ARGS)
{
	text	   *insurer;
	text	   *number;
	text	   *symbol = PG_ARGISNULL(1) ? NULL : PG_GETARG_TEXT_PP(1);
	text	   *branch = PG_ARGISNULL(3) ? NULL : PG_GETARG_TEXT_PP(3);
	InsuredNo	value;
	IdentifierProblem problem;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(2))
		PG_RETURN_NULL();
	insurer = PG_GETARG_TEXT_PP(0);
	number = PG_GETARG_TEXT_PP(2);
	problem = insured_no_from_parts(VARDATA_ANY(insurer), VARSIZE_ANY_EXHDR(insurer),
									symbol ? VARDATA_ANY(symbol) : NULL,
									symbol ? VARSIZE_ANY_EXHDR(symbol) : 0,
									VARDATA_ANY(number), VARSIZE_ANY_EXHDR(number),
									branch ? VARDATA_ANY(branch) : NULL,
									branch ? VARSIZE_ANY_EXHDR(branch) : 0,
									&value);
	if (problem.error != ID_OK)
	{
		/* positions count within the offending part; mask the 番号, the most identifying part */
		report_identifier_problem("insured_no", problem,
								  VARDATA_ANY(number), VARSIZE_ANY_EXHDR(number));
	}
	return insured_no_datum(&value);
}

Datum
insured_no_insurer(PG_FUNCTION_ARGS)
{
	struct varlena *value = PG_GETARG_INSURED_NO_P(0);
	InsuredNo	parsed;

	insured_no_unpack(value, &parsed);
	PG_RETURN_INT32(parsed.insurer);
}

static Datum
card_text_datum(const CardText *part)
{
	return PointerGetDatum(cstring_to_text_with_len(part->bytes, (int) part->length));
}

Datum
insured_no_symbol(PG_FUNCTION_ARGS)
{
	InsuredNo	value;

	require_enforced_restriction();
	insured_no_unpack(PG_GETARG_INSURED_NO_P(0), &value);
	if (value.symbol.length == 0)
		PG_RETURN_NULL();
	return card_text_datum(&value.symbol);
}

Datum
insured_no_number(PG_FUNCTION_ARGS)
{
	InsuredNo	value;

	require_enforced_restriction();
	insured_no_unpack(PG_GETARG_INSURED_NO_P(0), &value);
	return card_text_datum(&value.number);
}

Datum
insured_no_branch(PG_FUNCTION_ARGS)
{
	InsuredNo	value;
	char		digits[3];

	require_enforced_restriction();
	insured_no_unpack(PG_GETARG_INSURED_NO_P(0), &value);
	if (value.branch == INSURED_NO_NO_BRANCH)
		PG_RETURN_NULL();
	snprintf(digits, sizeof(digits), "%02d", value.branch);
	PG_RETURN_TEXT_P(cstring_to_text(digits));
}

Datum
insured_no_without_branch(PG_FUNCTION_ARGS)
{
	InsuredNo	value;

	insured_no_unpack(PG_GETARG_INSURED_NO_P(0), &value);
	value.branch = INSURED_NO_NO_BRANCH;
	return insured_no_datum(&value);
}

static int
compare_datums(Datum a, Datum b)
{
	struct varlena *x = DatumGetInsuredNoP(a);
	struct varlena *y = DatumGetInsuredNoP(b);

	return insured_no_compare(INSURED_NO_IMAGE(x), INSURED_NO_IMAGE_LENGTH(x),
							  INSURED_NO_IMAGE(y), INSURED_NO_IMAGE_LENGTH(y));
}

static bool
equal_datums(Datum a, Datum b)
{
	struct varlena *x = DatumGetInsuredNoP(a);
	struct varlena *y = DatumGetInsuredNoP(b);
	size_t		length = INSURED_NO_IMAGE_LENGTH(x);

	return length == INSURED_NO_IMAGE_LENGTH(y) &&
		memcmp(INSURED_NO_IMAGE(x), INSURED_NO_IMAGE(y), length) == 0;
}

Datum
insured_no_cmp(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(compare_datums(PG_GETARG_DATUM(0), PG_GETARG_DATUM(1)));
}

Datum
insured_no_eq(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(equal_datums(PG_GETARG_DATUM(0), PG_GETARG_DATUM(1)));
}

Datum
insured_no_ne(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(!equal_datums(PG_GETARG_DATUM(0), PG_GETARG_DATUM(1)));
}

Datum
insured_no_lt(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(compare_datums(PG_GETARG_DATUM(0), PG_GETARG_DATUM(1)) < 0);
}

Datum
insured_no_le(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(compare_datums(PG_GETARG_DATUM(0), PG_GETARG_DATUM(1)) <= 0);
}

Datum
insured_no_gt(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(compare_datums(PG_GETARG_DATUM(0), PG_GETARG_DATUM(1)) > 0);
}

Datum
insured_no_ge(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(compare_datums(PG_GETARG_DATUM(0), PG_GETARG_DATUM(1)) >= 0);
}

Datum
insured_no_hash(PG_FUNCTION_ARGS)
{
	struct varlena *value = PG_GETARG_INSURED_NO_P(0);

	return hash_any(INSURED_NO_IMAGE(value), (int) INSURED_NO_IMAGE_LENGTH(value));
}

Datum
insured_no_hash_extended(PG_FUNCTION_ARGS)
{
	struct varlena *value = PG_GETARG_INSURED_NO_P(0);

	return hash_any_extended(INSURED_NO_IMAGE(value), (int) INSURED_NO_IMAGE_LENGTH(value),
							 PG_GETARG_INT64(1));
}

static int
sort_compare(Datum a, Datum b, SortSupport ssup)
{
	(void) ssup;
	return compare_datums(a, b);
}

/*
 * Abbreviated key: the first eight bytes of the image, big-endian, so that
 * unsigned integer order is memcmp order (insurer, then the start of 記号).
 */
static Datum
abbreviate(Datum original, SortSupport ssup)
{
	struct varlena *value = DatumGetInsuredNoP(original);
	const uint8 *image = INSURED_NO_IMAGE(value);
	size_t		length = Min(INSURED_NO_IMAGE_LENGTH(value), sizeof(uint64));
	uint64		key = 0;

	(void) ssup;
	for (size_t i = 0; i < sizeof(uint64); i++)
		key = (key << 8) | (i < length ? image[i] : 0);
	return UInt64GetDatum(key);
}

static bool
keep_abbreviation(int memtupcount, SortSupport ssup)
{
	(void) memtupcount;
	(void) ssup;
	return false;
}

/* Sorting and index builds call the comparators directly, not through fmgr. */
Datum
insured_no_sortsupport(PG_FUNCTION_ARGS)
{
	SortSupport ssup = (SortSupport) PG_GETARG_POINTER(0);

	ssup->comparator = sort_compare;
	if (ssup->abbreviate)
	{
		ssup->comparator = ssup_datum_unsigned_cmp;
		ssup->abbrev_converter = abbreviate;
		ssup->abbrev_abort = keep_abbreviation;
		ssup->abbrev_full_comparator = sort_compare;
	}
	PG_RETURN_VOID();
}
