#include "digest_set.h"

#include <string.h>

/*
 * A bucket of at most this many digests is deduplicated with a table of
 * twice as many 16-bit slots (32 KB, within the cache); a larger one is
 * split again by its next byte.  With a million digests a first split
 * leaves about 4,000 a bucket.
 */
#define TABLE_DIGESTS 8192
#define TABLE_SLOTS (2 * TABLE_DIGESTS)

static inline uint64_t
word_at(const uint8_t *digest, int offset)
{
	uint64_t	w;

	memcpy(&w, digest + offset, sizeof(w));
	return w;
}

/*
 * Copies the distinct digests of in (count at most TABLE_DIGESTS) to out,
 * which may be in itself or lie before it: a digest is written only after
 * it was read, at or before where it was.  The table refers to what was
 * written to out, which nothing overwrites later.
 */
static size_t
hash_distinct(const uint8_t *in, size_t count, uint8_t *out, uint16_t *table)
{
	size_t		slots = 16;
	size_t		kept = 0;

	while (slots < 2 * count)
		slots *= 2;
	memset(table, 0, slots * sizeof(uint16_t));
	for (size_t i = 0; i < count; i++)
	{
		const uint8_t *digest = in + i * PERSON_DIGEST_SIZE;
		/* the bytes the splits above did not use, mixed, pick the slot */
		size_t		slot = (size_t) ((word_at(digest, 8) * UINT64_C(0x9e3779b97f4a7c15)) >> 40) & (slots - 1);
		int			repeat = 0;

		for (; table[slot] != 0; slot = (slot + 1) & (slots - 1))
			if (memcmp(out + (size_t) (table[slot] - 1) * PERSON_DIGEST_SIZE, digest, PERSON_DIGEST_SIZE) == 0)
			{
				repeat = 1;
				break;
			}
		if (repeat)
			continue;
		memmove(out + kept * PERSON_DIGEST_SIZE, digest, PERSON_DIGEST_SIZE);
		table[slot] = (uint16_t) ++kept;
	}
	return kept;
}

static int
all_equal(const uint8_t *digests, size_t count)
{
	for (size_t i = 1; i < count; i++)
		if (memcmp(digests, digests + i * PERSON_DIGEST_SIZE, PERSON_DIGEST_SIZE) != 0)
			return 0;
	return 1;
}

/*
 * Copies the distinct digests of in to out (as above); spare is a buffer
 * of count digests that the split scatters into.
 */
static size_t
split_distinct(uint8_t *in, uint8_t *spare, size_t count, int byte, uint8_t *out, uint16_t *table)
{
	size_t		start[257] = {0};
	size_t		next[256];
	size_t		kept = 0;

	if (count <= TABLE_DIGESTS)
		return hash_distinct(in, count, out, table);
	/* one person many times over (a join repeating a row) splits nowhere */
	if (all_equal(in, count))
		return hash_distinct(in, 1, out, table);
	for (size_t i = 0; i < count; i++)
		start[in[i * PERSON_DIGEST_SIZE + byte] + 1]++;
	for (int b = 0; b < 256; b++)
		start[b + 1] += start[b];
	memcpy(next, start, sizeof(next));
	for (size_t i = 0; i < count; i++)
		memcpy(spare + next[in[i * PERSON_DIGEST_SIZE + byte]]++ * PERSON_DIGEST_SIZE,
			   in + i * PERSON_DIGEST_SIZE, PERSON_DIGEST_SIZE);
	/* each bucket now in spare; in is free to be the next split's spare */
	for (int b = 0; b < 256; b++)
	{
		size_t		offset = start[b] * PERSON_DIGEST_SIZE;

		kept += split_distinct(spare + offset, in + offset, start[b + 1] - start[b], byte + 1,
							   out + kept * PERSON_DIGEST_SIZE, table);
	}
	return kept;
}

size_t
distinct_digests(uint8_t *digests, size_t count, uint8_t *scratch)
{
	uint16_t	table[TABLE_SLOTS];

	return split_distinct(digests, scratch, count, 0, digests, table);
}
