/*
 * Unit tests of the linkage core: HMAC-SHA-256 against RFC 4231, key
 * wrapping (round trip, tampering, wrong context, wrong master key), master
 * key file parsing, receipt dates in both eras, name folding for ID2, and
 * the map of moved numbers (found wherever its bytes are copied).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "digest_set.h"
#include "hex.h"
#include "hmac_sha256.h"
#include "key_wrap.h"
#include "linkage_message.h"
#include "moved_map.h"
#include "person_name.h"
#include "receipt_date.h"
#include "siphash.h"
#include "unit.h"

static void
hex(const uint8_t *bytes, size_t n, char *out)
{
	for (size_t i = 0; i < n; i++)
		sprintf(out + 2 * i, "%02x", bytes[i]);
}

static void
test_hmac(void)
{
	uint8_t		key[131];
	uint8_t		data[50];
	uint8_t		out[32];
	char		text[65];
	HmacKey    *state;

	memset(key, 0x0b, 20);
	state = hmac_key_create(key, 20);
	CHECK(hmac_sha256(state, (const uint8_t *) "Hi There", 8, out) == 0);
	hex(out, 32, text);
	CHECK_EQ_STR(text, "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
	/* the cached state gives the same answer again */
	CHECK(hmac_sha256(state, (const uint8_t *) "Hi There", 8, out) == 0);
	hex(out, 32, text);
	CHECK_EQ_STR(text, "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
	hmac_key_destroy(state);

	memset(key, 0xaa, 20);
	memset(data, 0xdd, 50);
	state = hmac_key_create(key, 20);
	hmac_sha256(state, data, 50, out);
	hex(out, 32, text);
	CHECK_EQ_STR(text, "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe");
	hmac_key_destroy(state);

	memset(key, 0xaa, 131);		/* longer than a block: hashed first */
	state = hmac_key_create(key, 131);
	hmac_sha256(state, (const uint8_t *) "Test Using Larger Than Block-Size Key - Hash Key First", 54, out);
	hex(out, 32, text);
	CHECK_EQ_STR(text, "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
	hmac_key_destroy(state);
	hmac_key_destroy(NULL);
}

static void
test_key_wrap(void)
{
	uint8_t		master[MASTER_KEY_SIZE];
	uint8_t		other[MASTER_KEY_SIZE];
	uint8_t		key[LINKAGE_KEY_SIZE];
	uint8_t		back[LINKAGE_KEY_SIZE];
	uint8_t		wrapped[WRAPPED_KEY_SIZE];
	uint8_t		again[WRAPPED_KEY_SIZE];

	CHECK(random_bytes(master, sizeof(master)) == 0);
	CHECK(random_bytes(key, sizeof(key)) == 0);
	memcpy(other, master, sizeof(other));
	other[0] ^= 1;
	CHECK(key_wrap(master, key, (const uint8_t *) "d\0" "1", 3, wrapped) == 0);
	CHECK(key_unwrap(master, wrapped, (const uint8_t *) "d\0" "1", 3, back) == 0);
	CHECK(memcmp(key, back, sizeof(key)) == 0);
	/* a fresh nonce every time: the same key never wraps to the same bytes */
	CHECK(key_wrap(master, key, (const uint8_t *) "d\0" "1", 3, again) == 0);
	CHECK(memcmp(wrapped, again, sizeof(wrapped)) != 0);
	CHECK(key_unwrap(master, wrapped, (const uint8_t *) "d\0" "2", 3, back) != 0);	/* other version */
	CHECK(key_unwrap(other, wrapped, (const uint8_t *) "d\0" "1", 3, back) != 0);	/* other master */
	wrapped[20] ^= 1;
	CHECK(key_unwrap(master, wrapped, (const uint8_t *) "d\0" "1", 3, back) != 0);	/* tampered */

	CHECK(master_key_parse("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1F\n", 65, master) == 0);
	CHECK_EQ_INT(master[1], 1);
	CHECK_EQ_INT(master[31], 0x1f);
	CHECK(master_key_parse("0001", 4, master) != 0);
	CHECK(master_key_parse("zz0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f", 64, master) != 0);
}

static void
test_receipt_date(void)
{
	ReceiptDate d;

	CHECK(receipt_date_parse("20211105", 8, &d) && d.year == 2021 && d.month == 11 && d.day == 5);
	CHECK(receipt_date_parse("202111", 6, &d) && d.year == 2021 && d.month == 11 && d.day == 0);
	CHECK(receipt_date_parse("4070208", 7, &d) && d.year == 1995 && d.month == 2 && d.day == 8);	/* 平成7年 */
	CHECK(receipt_date_parse("43101", 5, &d) && d.year == 2019 && d.month == 1);	/* 平成31年1月 */
	CHECK(receipt_date_parse("5020601", 7, &d) && d.year == 2020 && d.month == 6);	/* 令和2年 */
	CHECK(receipt_date_parse("3640107", 7, &d) && d.year == 1989 && d.day == 7);	/* 昭和64年 */
	CHECK(receipt_date_parse("1450730", 7, &d) && d.year == 1912);	/* 明治45年 */
	CHECK(receipt_date_parse("20240229", 8, &d));
	CHECK(!receipt_date_parse("20230229", 8, &d));
	CHECK(!receipt_date_parse("20231301", 8, &d));
	CHECK(!receipt_date_parse("6010101", 7, &d));	/* no era 6 */
	CHECK(!receipt_date_parse("4000101", 7, &d));	/* year 0 of an era */
	CHECK(!receipt_date_parse("2021110", 7, &d) || d.year != 2021);
	CHECK(!receipt_date_parse("2021-11", 7, &d));
	CHECK(!receipt_date_parse("", 0, &d));
}

static const char *
fold(const char *in, char *out)
{
	IdentifierProblem problem;
	int			n = person_name_fold(in, strlen(in), out, &problem);

	if (n < 0)
		return "(error)";
	out[n] = '\0';
	return out;
}

static void
test_person_name(void)
{
	char		a[PERSON_NAME_MAX_BYTES + 1];
	char		b[PERSON_NAME_MAX_BYTES + 1];

	CHECK_EQ_STR(fold("山田 太郎", a), fold("山田　太郎", b));
	CHECK_EQ_STR(fold("ﾔﾏﾀﾞ ﾀﾛｳ", a), "ヤマダタロウ");
	CHECK_EQ_STR(fold("やまだ たろう", a), "ヤマダタロウ");
	CHECK_EQ_STR(fold("ﾊﾟﾝ", a), "パン");
	CHECK_EQ_STR(fold("ｳﾞｧ", a), "ヴァ");
	CHECK_EQ_STR(fold("ｶ\xE3\x82\x99", a), "ガ");	/* combining 濁点 U+3099 */
	CHECK_EQ_STR(fold("ＹＡＭＡＤＡ yamada", a), "YAMADAYAMADA");
	CHECK_EQ_STR(fold("ﾞ", a), "゛");	/* a lone mark stays as the full-width mark */
	CHECK_EQ_STR(fold(" \xE3\x80\x80", a), "(error)");
	CHECK_EQ_STR(fold("山\x01", a), "(error)");
	CHECK_EQ_STR(fold("山\xFF", a), "(error)");
}

static void
test_messages(void)
{
	uint8_t		image[] = {0, 1, 2, 3, '1', 0, '2', 0, 1};
	uint8_t		out[LINKAGE_MESSAGE_MAX];
	ReceiptDate birth = {1980, 1, 2};
	size_t		n = linkage_number_message(image, sizeof(image), out);

	CHECK_EQ_INT(n, 2 + sizeof(image));
	CHECK(memcmp(out, "N1", 2) == 0);
	n = linkage_person_message(LINKAGE_TAG_ID2, (const uint8_t *) "ヤマダ", 9, &birth, 1, out);
	CHECK_EQ_INT(n, 2 + 9 + 1 + 9);
	CHECK(memcmp(out + 12, "198001021", 9) == 0);
}

/* The reference implementation's vectors: key 00..0f, message 00..len-1. */
static void
test_siphash(void)
{
	static const struct
	{
		size_t		length;
		const char *hex;
	}			vectors[] = {
		{0, "a3817f04ba25a8e66df67214c7550293"},
		{7, "a1f1ebbed8dbc153c0b84aa61ff08239"},
		{8, "3b62a9ba6258f5610f83e264f31497b4"},
		{15, "5493e99933b0a8117e08ec0f97cfc3d9"},
		{63, "5150d1772f50834a503e069a973fbd7c"},
	};
	uint8_t		key[SIPHASH_KEY_SIZE];
	uint8_t		message[64];
	uint8_t		out[SIPHASH128_SIZE];
	char		hex[2 * SIPHASH128_SIZE + 1];

	for (int i = 0; i < 64; i++)
		message[i] = (uint8_t) i;
	for (int i = 0; i < SIPHASH_KEY_SIZE; i++)
		key[i] = (uint8_t) i;
	for (size_t v = 0; v < sizeof(vectors) / sizeof(vectors[0]); v++)
	{
		siphash128(key, message, vectors[v].length, out);
		bytes_to_hex(out, sizeof(out), hex);
		CHECK_EQ_STR(hex, vectors[v].hex);
	}
}

/*
 * Distinct digests: every repeat dropped, in buckets of one split, of two
 * (digests alike in their first byte), and one person many times over.
 */
static void
test_distinct_digests(void)
{
	enum
	{
		PEOPLE = 30000, ROWS = 70000
	};
	static uint8_t digests[ROWS * PERSON_DIGEST_SIZE];
	static uint8_t scratch[ROWS * PERSON_DIGEST_SIZE];
	uint8_t		key[SIPHASH_KEY_SIZE] = {7};
	size_t		kept;
	int			distinct = 1;

	/* every person appears two or three times, in no order */
	for (int row = 0; row < ROWS; row++)
	{
		uint32_t	person = (uint32_t) ((row * 7919) % PEOPLE);

		siphash128(key, (const uint8_t *) &person, sizeof(person), digests + row * PERSON_DIGEST_SIZE);
	}
	kept = distinct_digests(digests, ROWS, scratch);
	CHECK_EQ_INT(kept, PEOPLE);
	for (size_t i = 0; i < kept; i++)
		for (size_t j = i + 1; j < kept && j < i + 64; j++)
			distinct &= memcmp(digests + i * PERSON_DIGEST_SIZE, digests + j * PERSON_DIGEST_SIZE,
							   PERSON_DIGEST_SIZE) != 0;
	CHECK(distinct);
	CHECK_EQ_INT(distinct_digests(digests, 1, scratch), 1);
	CHECK_EQ_INT(distinct_digests(digests, 0, scratch), 0);
	memcpy(digests + PERSON_DIGEST_SIZE, digests, PERSON_DIGEST_SIZE);
	CHECK_EQ_INT(distinct_digests(digests, 2, scratch), 1);

	/* 20,000 people twice each, all in one first-byte bucket */
	for (int row = 0; row < 40000; row++)
	{
		uint32_t	person = (uint32_t) ((row * 7919) % 20000);

		siphash128(key, (const uint8_t *) &person, sizeof(person), digests + row * PERSON_DIGEST_SIZE);
		digests[row * PERSON_DIGEST_SIZE] = 0x42;
	}
	CHECK_EQ_INT(distinct_digests(digests, 40000, scratch), 20000);
	/* one person 50,000 times */
	for (int row = 1; row < 50000; row++)
		memcpy(digests + row * PERSON_DIGEST_SIZE, digests, PERSON_DIGEST_SIZE);
	CHECK_EQ_INT(distinct_digests(digests, 50000, scratch), 1);
}

static void
test_hex(void)
{
	uint8_t		bytes[3];
	char		text[7];

	CHECK_EQ_INT(hex_to_bytes("00fFa9", 3, bytes), -1);
	CHECK(bytes[0] == 0x00 && bytes[1] == 0xFF && bytes[2] == 0xA9);
	bytes_to_hex(bytes, 3, text);
	CHECK_EQ_STR(text, "00ffa9");
	CHECK_EQ_INT(hex_to_bytes("0g0000", 3, bytes), 1);
	CHECK_EQ_INT(hex_to_bytes("00 000", 3, bytes), 2);
}

/* Both steps of a lookup, back to back. */
static const uint8_t *
lookup(const MovedMap *map, const uint8_t *number, size_t length, size_t *first_length)
{
	return moved_map_find(map, moved_map_request(map, number, length), number, length, first_length);
}

static void
test_moved_map(void)
{
	enum
	{
		MOVED = 20000
	};
	size_t		size = moved_map_size(MOVED, 10, 10);
	MovedMap   *map = malloc(size);
	MovedMap   *copy = malloc(size);
	char		number[16];
	char		first[16];
	const uint8_t *found;
	size_t		length;
	int			wrong = 0;
	int			false_hits = 0;

	CHECK(moved_map_size(UINT32_MAX, 10, 10) == 0);
	CHECK(moved_map_size(10, 256, 10) == 0);
	moved_map_init(map, MOVED, 10, 10, 42);
	CHECK(map->size == size);
	for (int i = 0; i < MOVED; i++)
	{
		snprintf(number, sizeof(number), "N%09d", i);
		snprintf(first, sizeof(first), "F%09d", i);
		wrong += moved_map_add(map, (uint8_t *) number, 10, (uint8_t *) first, 10) != 1;
	}
	CHECK_EQ_INT(wrong, 0);
	CHECK_EQ_INT(map->numbers, MOVED);
	/* full, a repeat, an empty or too long image: not added */
	CHECK_EQ_INT(moved_map_add(map, (uint8_t *) "other", 5, (uint8_t *) "x", 1), 0);
	map->capacity++;
	CHECK_EQ_INT(moved_map_add(map, (uint8_t *) "N000000007", 10, (uint8_t *) "x", 1), 0);
	CHECK_EQ_INT(moved_map_add(map, (uint8_t *) "", 0, (uint8_t *) "x", 1), 0);
	CHECK_EQ_INT(moved_map_add(map, (uint8_t *) "other", 5, (uint8_t *) "first-too-long", 14), 0);
	CHECK_EQ_INT(moved_map_add(map, (uint8_t *) "N0000000001", 11, (uint8_t *) "x", 1), 0);
	map->capacity--;
	/* the bytes alone are the map: a copy elsewhere answers the same */
	memcpy(copy, map, size);
	memset(map, 0xee, size);
	for (int i = 0; i < MOVED; i++)
	{
		snprintf(number, sizeof(number), "N%09d", i);
		snprintf(first, sizeof(first), "F%09d", i);
		found = lookup(copy, (uint8_t *) number, 10, &length);
		wrong += found == NULL || length != 10 || memcmp(found, first, 10) != 0;
		snprintf(number, sizeof(number), "M%09d", i);
		false_hits += lookup(copy, (uint8_t *) number, 10, &length) != NULL;
		false_hits += lookup(copy, (uint8_t *) number, 9, &length) != NULL;
		false_hits += lookup(copy, (uint8_t *) "N0000000001", 11, &length) != NULL;
	}
	CHECK_EQ_INT(wrong, 0);
	CHECK_EQ_INT(false_hits, 0);
	/* an empty map finds nothing */
	moved_map_init(map, 0, 0, 0, 1);
	CHECK(lookup(map, (uint8_t *) "N000000001", 10, &length) == NULL);
	free(map);
	free(copy);
}

int
main(void)
{
	test_hex();
	test_moved_map();
	test_siphash();
	test_distinct_digests();
	test_hmac();
	test_key_wrap();
	test_receipt_date();
	test_person_name();
	test_messages();
	return unit_report("linkage");
}
