/*
 * The distinct persons a statement disclosed, from the digest of every
 * number it returned.  Collecting digests in an array and sorting them
 * once beats a hash set: with a million people the set misses the cache on
 * every insert, while a radix sort streams through memory.  Digests are
 * keyed pseudorandom outputs, so their leading bytes spread them evenly.
 */
#ifndef HOKENID_DIGEST_SET_H
#define HOKENID_DIGEST_SET_H

#include <stddef.h>
#include <stdint.h>

#define PERSON_DIGEST_SIZE 16

/*
 * Groups count digests (PERSON_DIGEST_SIZE bytes each) in place and
 * removes repeats; returns how many distinct ones are left at the front, in
 * no meaningful order.  scratch holds as many digests.
 */
extern size_t distinct_digests(uint8_t *digests, size_t count, uint8_t *scratch);

#endif
