/*
 * The distinct persons a statement disclosed, from the digest of every
 * number it returned.  A hash set of a million digests misses the cache on
 * every insert; instead the digests are split by their leading bytes into
 * buckets small enough for the cache, and each bucket's repeats are found
 * with a small hash table that stays there.  Digests are keyed
 * pseudorandom outputs, so their bytes spread them evenly.
 */
#ifndef HOKENID_DIGEST_SET_H
#define HOKENID_DIGEST_SET_H

#include <stddef.h>
#include <stdint.h>

#define PERSON_DIGEST_SIZE 16

/*
 * Removes repeats from count digests (PERSON_DIGEST_SIZE bytes each) in
 * place; returns how many distinct ones are left at the front, in no
 * meaningful order.  scratch holds as many digests.
 */
extern size_t distinct_digests(uint8_t *digests, size_t count, uint8_t *scratch);

#endif
