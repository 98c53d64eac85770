/*
 * libFuzzer harness for the linkage and audit core.  Beyond "no crash", it
 * checks what the SQL layer relies on: a folded name folds to itself and
 * fits its buffer (so ID2 keys of one name agree however it was keyed in);
 * a name message never outgrows LINKAGE_MESSAGE_MAX; hex decodes what it
 * encoded; a key unwraps only under its own name (the wrapped key is the
 * input, so tampering is what the fuzzer does); the digest set keeps
 * exactly the distinct digests; and the moved-number map finds what was
 * added (the first mapping of a number) and nothing else.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

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

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	check_name(data, size);
	check_hex(data, size);
	check_key_unwrap(data, size);
	if (size <= 64 * PERSON_DIGEST_SIZE)
		check_digest_set(data, size);
	check_moved_map(data, size);
	return 0;
}
