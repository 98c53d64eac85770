/*
 * libFuzzer harness for the linkage and audit core.  Beyond "no crash", it
 * checks what the SQL layer relies on: a folded name folds to itself and
 * fits its buffer (so ID2 keys of one name agree however it was keyed in);
 * a name message never outgrows LINKAGE_MESSAGE_MAX; hex decodes what it
 * encoded; a key unwraps only under its own name (the wrapped key is the
 * input, so tampering is what the fuzzer does); the digest set keeps
 * exactly the distinct digests; and the moved-number map finds what was
 * added (the first mapping of a number) and nothing else.  An audit record
 * reads back as written (parse(format(x)) == x, a text field over its bound
 * as a prefix of itself and "…"), stays on one line within its bound, and
 * any input read as a line of the trail is rejected or parsed, never a crash.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "audit_record.h"
#include "digest_set.h"
#include "hex.h"
#include "key_wrap.h"
#include "linkage_message.h"
#include "moved_map.h"
#include "person_name.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check_name(const uint8_t *data, size_t size)
{
	char		folded[PERSON_NAME_MAX_BYTES];
	char		again[PERSON_NAME_MAX_BYTES];
	uint8_t		message[LINKAGE_MESSAGE_MAX];
	ReceiptDate birth = {1980, 1, 2};
	IdentifierProblem problem;
	int			length = person_name_fold((const char *) data, size, folded, &problem);

	if (length < 0)
		return;
	if (length > PERSON_NAME_MAX_BYTES ||
		person_name_fold(folded, (size_t) length, again, &problem) != length ||
		memcmp(folded, again, (size_t) length) != 0)
		abort();
	if (linkage_person_message(LINKAGE_TAG_ID2, (const uint8_t *) folded, (size_t) length, &birth, 1, message) >
		LINKAGE_MESSAGE_MAX)
		abort();
}

static void
check_hex(const uint8_t *data, size_t size)
{
	uint8_t		bytes[64];
	uint8_t		back[64];
	char		text[2 * 64 + 1];
	size_t		n = size < sizeof(bytes) ? size : sizeof(bytes);

	bytes_to_hex(data, n, text);
	if (hex_to_bytes(text, n, back) != -1 || memcmp(back, data, n) != 0)
		abort();
	/* and arbitrary text: a bad position is inside the text */
	if (size >= 2)
	{
		long		bad = hex_to_bytes((const char *) data, size / 2 > sizeof(bytes) ? sizeof(bytes) : size / 2, bytes);

		if (bad < -1 || bad >= (long) size)
			abort();
	}
}

static void
check_key_unwrap(const uint8_t *data, size_t size)
{
	static const uint8_t master[MASTER_KEY_SIZE] = {1, 2, 3};
	static const uint8_t name[] = "ndb-kaigo-2026/1";
	uint8_t		key[LINKAGE_KEY_SIZE];
	uint8_t		wrapped[WRAPPED_KEY_SIZE];
	uint8_t		original[LINKAGE_KEY_SIZE] = {9};

	/* tampered input never unwraps to the original key under its name */
	if (size >= WRAPPED_KEY_SIZE &&
		key_unwrap(master, data, name, sizeof(name) - 1, key) == 0 && memcmp(key, original, sizeof(key)) == 0)
		abort();
	/* a wrapped key unwraps under its own name only */
	if (key_wrap(master, original, name, sizeof(name) - 1, wrapped) != 0 ||
		key_unwrap(master, wrapped, name, sizeof(name) - 1, key) != 0 || memcmp(key, original, sizeof(key)) != 0 ||
		(size > 0 && key_unwrap(master, wrapped, data, size, key) == 0 &&
		 !(size == sizeof(name) - 1 && memcmp(data, name, size) == 0)))
		abort();
	master_key_parse((const char *) data, size, key);
}

static void
check_digest_set(const uint8_t *data, size_t size)
{
	size_t		count = size / PERSON_DIGEST_SIZE;
	uint8_t    *digests = malloc(count * PERSON_DIGEST_SIZE + 1);
	uint8_t    *scratch = malloc(count * PERSON_DIGEST_SIZE + 1);
	size_t		distinct = 0;
	size_t		kept;

	memcpy(digests, data, count * PERSON_DIGEST_SIZE);
	for (size_t i = 0; i < count; i++)
	{
		size_t		j = 0;

		while (j < i && memcmp(data + j * PERSON_DIGEST_SIZE, data + i * PERSON_DIGEST_SIZE, PERSON_DIGEST_SIZE) != 0)
			j++;
		distinct += j == i;
	}
	kept = distinct_digests(digests, count, scratch);
	if (kept != distinct)
		abort();
	for (size_t i = 0; i < kept; i++)
		for (size_t j = i + 1; j < kept; j++)
			if (memcmp(digests + i * PERSON_DIGEST_SIZE, digests + j * PERSON_DIGEST_SIZE, PERSON_DIGEST_SIZE) == 0)
				abort();
	free(digests);
	free(scratch);
}

/* Both steps of a lookup, back to back. */
static const uint8_t *
lookup(const MovedMap *map, const uint8_t *number, size_t length, size_t *first_length)
{
	return moved_map_find(map, moved_map_request(map, number, length), number, length, first_length);
}

/* The input as entries [n][number: n bytes][first: 1 byte], n from 0. */
static void
check_moved_map(const uint8_t *data, size_t size)
{
	size_t		capacity = size / 2 + 1;
	MovedMap   *map = malloc(moved_map_size((uint32_t) capacity, 255, 1));
	size_t		at = 0;

	moved_map_init(map, (uint32_t) capacity, 255, 1, size);
	while (at + 2 <= size && at + 2 + data[at] <= size)
	{
		const uint8_t *number = data + at + 1;
		size_t		length = data[at];
		size_t		first_length;
		const uint8_t *known = lookup(map, number, length, &first_length);
		int			added = moved_map_add(map, number, length, number + length, 1);

		/* added exactly when new (and not empty); found as first added */
		if (added != (known == NULL && length > 0))
			abort();
		known = lookup(map, number, length, &first_length);
		if (length > 0 && (known == NULL || first_length != 1 || (added && known[0] != number[length])))
			abort();
		at += 2 + length;
	}
	if (map->numbers > map->capacity)
		abort();
	free(map);
}

static int64_t
take_int64(const uint8_t **data, size_t *size)
{
	uint64_t	value = 0;

	for (int i = 0; i < 8 && *size > 0; i++, (*data)++, (*size)--)
		value = value << 8 | **data;
	return (int64_t) value;
}

/* A text field read back: itself, or (cut to its bound) a prefix of itself and "…". */
static void
check_text(const char *written, const char *read, size_t bound)
{
	size_t		length = written ? strlen(written) : 0;
	size_t		back = read ? strlen(read) : 0;
	char	   *escaped;

	if (length == 0 ? read != NULL : read == NULL)
		abort();
	if (length == 0 || strcmp(written, read) == 0)
		return;
	escaped = malloc(4 * length + 4);
	if (audit_record_escape(written, length, 4 * length + 4, escaped) <= bound || back < 3 ||
		strcmp(read + back - 3, "\xe2\x80\xa6") != 0 || memcmp(written, read, back - 3) != 0)
		abort();
	free(escaped);
}

/*
 * The input as a record: numbers from its first bytes, then text fields
 * separated by NUL bytes; formatted, parsed back and verified.  Then the
 * input itself as a line of the trail.
 */
static void
check_audit_record(const uint8_t *data, size_t size)
{
	static const uint8_t digests[3 * AUDIT_RECORD_DIGEST_SIZE] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
	AuditRecord record;
	AuditRecord back;
	AuditVerifier verifier;
	const char *texts[6] = {NULL};
	const uint8_t *input = data;
	size_t		input_size = size;
	char	   *copy = malloc(size + 1);
	char	   *line;
	char		hash[AUDIT_HASH_HEX + 1];
	size_t		length;
	size_t		at = 0;

	memset(&record, 0, sizeof(record));
	record.seq = take_int64(&data, &size);
	/* years 1 to 9999: what a four-digit year holds */
	record.logged_at = (int64_t) ((uint64_t) take_int64(&data, &size) % UINT64_C(315537897600000000)) -
		INT64_C(63082281600000000);
	record.pid = (int32_t) take_int64(&data, &size);
	record.query_id = take_int64(&data, &size);
	record.opened_seq = take_int64(&data, &size);
	record.statements = take_int64(&data, &size);
	record.rows = take_int64(&data, &size);
	record.persons = take_int64(&data, &size) >> 1;
	record.refused = size > 0 && (data[0] & 1);
	record.phase = (AuditPhase) (size > 0 ? (data[0] >> 1) % 3 : 0);
	record.digests = digests;
	record.digest_count = size > 0 ? (data[0] >> 3) % 4 : 0;
	memcpy(copy, data, size);
	copy[size] = '\0';
	for (int i = 0; i < 6 && at < size; i++)
	{
		texts[i] = copy + at;
		at += strlen(copy + at) + 1;
	}
	record.database = texts[0];
	record.role = texts[1];
	record.purpose = texts[2];
	record.relations = texts[3];
	record.action = texts[4];
	record.outcome = texts[5];

	line = malloc(audit_record_max_length(&record) + 1);
	length = audit_record_format(&record, audit_genesis_hash, line, hash);
	if (length == 0 || length > audit_record_max_length(&record) || line[length - 1] != '\n' ||
		memchr(line, '\n', length - 1) != NULL ||
		(record.digest_count == 0 && length > AUDIT_RECORD_MAX_WITHOUT_DIGESTS))
		abort();
	line[--length] = '\0';
	audit_verifier_start(&verifier);
	{
		char	   *again = malloc(length + 1);

		memcpy(again, line, length + 1);
		if (!audit_verifier_add(&verifier, again, length) || memcmp(verifier.previous, hash, AUDIT_HASH_HEX) != 0)
			abort();
		free(again);
	}
	if (audit_record_parse(line, length, &back) != 0 || back.format != 2 || back.seq != record.seq ||
		back.logged_at != record.logged_at || back.pid != record.pid || back.query_id != record.query_id ||
		back.opened_seq != record.opened_seq || back.statements != record.statements ||
		back.rows != (record.rows < 0 ? AUDIT_UNKNOWN : record.rows) ||
		back.persons != (record.persons < 0 ? AUDIT_UNKNOWN : record.persons) ||
		back.refused != record.refused || back.phase != record.phase || back.digest_count != record.digest_count ||
		strcmp(back.hash, hash) != 0 || strcmp(back.previous_hash, audit_genesis_hash) != 0)
		abort();
	check_text(record.database, back.database, AUDIT_NAME_MAX);
	check_text(record.role, back.role, AUDIT_NAME_MAX);
	check_text(record.purpose, back.purpose, AUDIT_PURPOSE_MAX);
	check_text(record.relations, back.relations, AUDIT_RELATIONS_MAX);
	check_text(record.action, back.action, AUDIT_WORD_MAX);
	check_text(record.outcome, back.outcome, AUDIT_WORD_MAX);
	free(line);

	/* garbage: a well-formed record or -1 */
	free(copy);
	copy = malloc(input_size + 1);
	memcpy(copy, input, input_size);
	copy[input_size] = '\0';
	(void) audit_record_parse(copy, strlen(copy), &back);
	memcpy(copy, input, input_size);
	audit_verifier_start(&verifier);
	(void) audit_verifier_add(&verifier, copy, strlen(copy));
	free(copy);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	check_name(data, size);
	check_hex(data, size);
	check_key_unwrap(data, size);
	if (size <= 64 * PERSON_DIGEST_SIZE)
		check_digest_set(data, size);
	check_moved_map(data, size);
	check_audit_record(data, size);
	return 0;
}
