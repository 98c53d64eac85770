#include "digest_set.h"

#include <string.h>

/* Below this many, a bucket is sorted by insertion. */
#define RADIX_CUTOFF 32

/*
 * Below the radix bytes any total order serves (only repeats must end up
 * side by side), so digests compare as two machine words.
 */
static inline int
digest_after(const uint8_t *a, const uint8_t *b)
{
	uint64_t	a0, a1, b0, b1;

	memcpy(&a0, a, 8);
	memcpy(&b0, b, 8);
	if (a0 != b0)
		return a0 > b0;
	memcpy(&a1, a + 8, 8);
	memcpy(&b1, b + 8, 8);
	return a1 > b1;
}

static void
insertion_sort(uint8_t *digests, size_t count)
{
	uint8_t		held[PERSON_DIGEST_SIZE];

	for (size_t i = 1; i < count; i++)
	{
		size_t		j = i;

		memcpy(held, digests + i * PERSON_DIGEST_SIZE, PERSON_DIGEST_SIZE);
		while (j > 0 && digest_after(digests + (j - 1) * PERSON_DIGEST_SIZE, held))
		{
			memcpy(digests + j * PERSON_DIGEST_SIZE, digests + (j - 1) * PERSON_DIGEST_SIZE, PERSON_DIGEST_SIZE);
			j--;
		}
		memcpy(digests + j * PERSON_DIGEST_SIZE, held, PERSON_DIGEST_SIZE);
	}
}

/*
 * Most-significant-byte radix sort on the leading bytes, which splits the
 * digests into cache-sized buckets; digests agree on the bytes before byte.
 * Each pass scatters from one buffer into the other, so the sorted digests
 * end up in sorted_into, which is either digests or scratch.
 */
static void
radix_sort(uint8_t *digests, uint8_t *scratch, uint8_t *sorted_into, size_t count, int byte)
{
	size_t		start[257] = {0};
	size_t		next[256];

	if (count < RADIX_CUTOFF || byte == PERSON_DIGEST_SIZE)
	{
		if (sorted_into != digests)
			memcpy(sorted_into, digests, count * PERSON_DIGEST_SIZE);
		insertion_sort(sorted_into, count);
		return;
	}
	for (size_t i = 0; i < count; i++)
		start[digests[i * PERSON_DIGEST_SIZE + byte] + 1]++;
	for (int b = 0; b < 256; b++)
		start[b + 1] += start[b];
	memcpy(next, start, sizeof(next));
	for (size_t i = 0; i < count; i++)
		memcpy(scratch + next[digests[i * PERSON_DIGEST_SIZE + byte]]++ * PERSON_DIGEST_SIZE,
			   digests + i * PERSON_DIGEST_SIZE, PERSON_DIGEST_SIZE);
	/* the buckets are in scratch now: it is the source of the next pass */
	for (int b = 0; b < 256; b++)
	{
		size_t		offset = start[b] * PERSON_DIGEST_SIZE;

		radix_sort(scratch + offset, digests + offset,
				   sorted_into == digests ? digests + offset : scratch + offset,
				   start[b + 1] - start[b], byte + 1);
	}
}

size_t
distinct_digests(uint8_t *digests, size_t count, uint8_t *scratch)
{
	size_t		kept = 0;

	radix_sort(digests, scratch, digests, count, 0);
	for (size_t i = 0; i < count; i++)
	{
		if (kept > 0 && memcmp(digests + (kept - 1) * PERSON_DIGEST_SIZE, digests + i * PERSON_DIGEST_SIZE,
							   PERSON_DIGEST_SIZE) == 0)
			continue;
		if (kept != i)
			memcpy(digests + kept * PERSON_DIGEST_SIZE, digests + i * PERSON_DIGEST_SIZE, PERSON_DIGEST_SIZE);
		kept++;
	}
	return kept;
}
