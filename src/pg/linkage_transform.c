/*
 * The transform: linkage codes (連結符号) from insured numbers, the NDB-style
 * ID1/ID2 keys, and re-keying a code for another domain.  Every code is
 * HMAC-SHA-256 under a named, versioned key (linkage_key.c) of a tagged
 * message (src/core/linkage_message.h).
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "datatype/timestamp.h"
#include "fmgr.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/datetime.h"

#include "identifier_types.h"
#include "linkage.h"

PG_FUNCTION_INFO_V1(link_number);
PG_FUNCTION_INFO_V1(link_person);
PG_FUNCTION_INFO_V1(link_id1);
PG_FUNCTION_INFO_V1(link_id2);
PG_FUNCTION_INFO_V1(rekey);
PG_FUNCTION_INFO_V1(hmac_sha256_sql);

static Datum
code_datum(const HmacKey *key, const uint8 *message, size_t length)
{
	uint8	   *code = palloc(LINKAGE_CODE_SIZE);

	if (hmac_sha256(key, message, length, code) != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INTERNAL_ERROR),
				 errmsg("HMAC-SHA-256 failed in OpenSSL")));
	PG_RETURN_POINTER(code);
}

/* What a call site keeps across the rows of a query (fn_extra). */
typedef struct CallCache
{
	LinkageKeySlot key;
	FirstNumberSlot history;
} CallCache;

static CallCache *
call_cache(FunctionCallInfo fcinfo)
{
	if (fcinfo->flinfo->fn_extra == NULL)
		fcinfo->flinfo->fn_extra = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(CallCache));
	return fcinfo->flinfo->fn_extra;
}

/* The key named by the domain argument and the optional version argument. */
static const HmacKey *
key_argument(FunctionCallInfo fcinfo, int domain_arg, int version_arg)
{
	int			version = (PG_NARGS() > version_arg && !PG_ARGISNULL(version_arg)) ?
		PG_GETARG_INT32(version_arg) : 0;

	return linkage_key_cached(&call_cache(fcinfo)->key, fcinfo->flinfo->fn_mcxt,
							  PG_GETARG_TEXT_PP(domain_arg), version);
}

static Datum
number_code(const HmacKey *key, const uint8 *image, size_t length)
{
	uint8		message[2 + INSURED_NO_IMAGE_MAX];

	return code_datum(key, message, linkage_number_message(image, length, message));
}

/* link_number(insured, domain, version): the code of this very number. */
Datum
link_number(PG_FUNCTION_ARGS)
{
	struct varlena *insured;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		PG_RETURN_NULL();
	insured = PG_GETARG_INSURED_NO_P(0);
	return number_code(key_argument(fcinfo, 1, 2), INSURED_NO_IMAGE(insured), INSURED_NO_IMAGE_LENGTH(insured));
}

/*
 * link(insured, domain, version): the person-level code, the same from
 * every number the person ever had: the number-level code of the first
 * number of the history.
 */
Datum
link_person(PG_FUNCTION_ARGS)
{
	CallCache  *cache;
	struct varlena *insured;
	const uint8 *first;
	size_t		length;
	Datum		own_code;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		PG_RETURN_NULL();
	cache = call_cache(fcinfo);
	insured = PG_GETARG_INSURED_NO_P(0);
	/* the history first: taking in its changes may drop cached key states */
	history_request(&cache->history, insured);
	/*
	 * Most numbers never moved, and their own code is the answer: it is
	 * computed while the lookup's memory reads are under way, which would
	 * otherwise stall the row for about as long as the code takes.
	 */
	own_code = number_code(key_argument(fcinfo, 1, 2), INSURED_NO_IMAGE(insured), INSURED_NO_IMAGE_LENGTH(insured));
	first = history_first_number(&cache->history, insured, &length);
	if (first == NULL)
		return own_code;
	pfree(DatumGetPointer(own_code));
	/* a probe of the history may have dropped the key's state: ask again */
	return number_code(key_argument(fcinfo, 1, 2), first, length);
}

static ReceiptDate
birth_date(FunctionCallInfo fcinfo, int argument)
{
	DateADT		date = PG_GETARG_DATEADT(argument);
	ReceiptDate birth;

	if (DATE_NOT_FINITE(date))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("birth date must be finite")));
	j2date(date + POSTGRES_EPOCH_JDATE, &birth.year, &birth.month, &birth.day);
	return birth;
}

static int
sex_code(FunctionCallInfo fcinfo, int argument)
{
	int			sex = PG_GETARG_INT32(argument);

	if (sex != 1 && sex != 2)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("sex must be 1 (男) or 2 (女) as in the receipt RE record, not %d", sex)));
	return sex;
}

/* link_id1(insured, birth, sex, domain, version): 保険者番号 + 記号・番号 + 生年月日 + 性別 */
Datum
link_id1(PG_FUNCTION_ARGS)
{
	const HmacKey *key;
	InsuredNo	insured;
	uint8		image[INSURED_NO_IMAGE_MAX];
	uint8		message[LINKAGE_MESSAGE_MAX];
	ReceiptDate birth;
	size_t		length;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1) || PG_ARGISNULL(2) || PG_ARGISNULL(3))
		PG_RETURN_NULL();
	key = key_argument(fcinfo, 3, 4);
	birth = birth_date(fcinfo, 1);

	insured_no_unpack(PG_GETARG_INSURED_NO_P(0), &insured);
	insured.branch = INSURED_NO_NO_BRANCH;	/* ID1 predates 枝番 */
	length = insured_no_encode(&insured, image);
	length = linkage_person_message(LINKAGE_TAG_ID1, image, length, &birth, sex_code(fcinfo, 2), message);
	return code_datum(key, message, length);
}

/* link_id2(name, birth, sex, domain, version): 氏名 + 生年月日 + 性別 */
Datum
link_id2(PG_FUNCTION_ARGS)
{
	const HmacKey *key;
	text	   *name;
	char		folded[PERSON_NAME_MAX_BYTES];
	uint8		message[LINKAGE_MESSAGE_MAX];
	ReceiptDate birth;
	IdentifierProblem problem;
	int			length;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1) || PG_ARGISNULL(2) || PG_ARGISNULL(3))
		PG_RETURN_NULL();
	key = key_argument(fcinfo, 3, 4);
	name = PG_GETARG_TEXT_PP(0);
	birth = birth_date(fcinfo, 1);
	length = person_name_fold(VARDATA_ANY(name), VARSIZE_ANY_EXHDR(name), folded, &problem);

	if (length < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid name for an ID2 linkage code: %s", identifier_error_message(problem.error))));
	return code_datum(key, message,
					  linkage_person_message(LINKAGE_TAG_ID2, (const uint8 *) folded, (size_t) length,
											 &birth, sex_code(fcinfo, 2), message));
}

/* rekey(code, domain, version): the code under another domain's key, without the number */
Datum
rekey(PG_FUNCTION_ARGS)
{
	const HmacKey *key;
	uint8		message[2 + LINKAGE_CODE_SIZE];

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		PG_RETURN_NULL();
	key = key_argument(fcinfo, 1, 2);

	return code_datum(key, message, linkage_rekey_message((const uint8 *) PG_GETARG_POINTER(0), message));
}

/*
 * The primitive, for checking published vectors (RFC 4231).  Its key is SQL
 * text, so it is for test keys only and revoked from everyone.
 */
Datum
hmac_sha256_sql(PG_FUNCTION_ARGS)
{
	bytea	   *key_bytes = PG_GETARG_BYTEA_PP(0);
	bytea	   *data = PG_GETARG_BYTEA_PP(1);
	bytea	   *result = palloc(VARHDRSZ + HMAC_SHA256_SIZE);
	HmacKey    *key = hmac_key_create((const uint8 *) VARDATA_ANY(key_bytes), VARSIZE_ANY_EXHDR(key_bytes));
	int			failed;

	if (key == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_OUT_OF_MEMORY),
				 errmsg("out of memory preparing an HMAC key")));
	failed = hmac_sha256(key, (const uint8 *) VARDATA_ANY(data), VARSIZE_ANY_EXHDR(data),
						 (uint8 *) VARDATA(result));
	hmac_key_destroy(key);
	if (failed)
		ereport(ERROR,
				(errcode(ERRCODE_INTERNAL_ERROR),
				 errmsg("HMAC-SHA-256 failed in OpenSSL")));
	SET_VARSIZE(result, VARHDRSZ + HMAC_SHA256_SIZE);
	PG_RETURN_BYTEA_P(result);
}
