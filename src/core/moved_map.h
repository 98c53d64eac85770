/*
 * The map of moved numbers: numbers whose history starts with another
 * number (holders who changed numbers), each with that first number.  Every
 * other number is its own first number, so the map answers any lookup.
 *
 * It lives in one contiguous buffer with no pointers, so the same bytes
 * serve a backend's private memory and a shared memory segment that every
 * backend maps at its own address.  It is filled once and then only read:
 * readers need no lock.  Lookups are bound by cache misses: most numbers
 * looked up did not move, and a blocked Bloom filter (a few bits a moved
 * number, a lookup's two bits in one word) answers most of them from a
 * bitmap small enough to stay in the cache; a moved number's slot holds
 * the number and its first number, so finding it costs one miss more.
 *
 * Layout: this header, the Bloom words, then the slots (open addressing,
 * linear probing, at most 70% full), each [length][number][length][first]
 * padded to the longest pair the map was made for (images up to 255 bytes).
 */
#ifndef HOKENID_MOVED_MAP_H
#define HOKENID_MOVED_MAP_H

#include <stddef.h>
#include <stdint.h>

typedef struct MovedMap
{
	uint64_t	seed;			/* of the hash: random, so numbers cannot be chosen to collide */
	uint64_t	owner_tag;		/* for the owner's use (the history generation it reflects) */
	uint64_t	bloom_mask;		/* Bloom bits - 1 */
	uint64_t	size;			/* of the whole buffer */
	uint32_t	slots;
	uint32_t	slot_size;
	uint32_t	longest_number;
	uint32_t	longest_first;
	uint32_t	capacity;		/* numbers it was made for */
	uint32_t	numbers;		/* numbers added */
} MovedMap;

/*
 * Bytes a map for capacity numbers of at most longest_number bytes, whose
 * first numbers have at most longest_first, needs; 0 when beyond what a map
 * can be.
 */
extern size_t moved_map_size(uint32_t capacity, size_t longest_number, size_t longest_first);

/* Makes an empty map in buffer, which has moved_map_size() bytes. */
extern void moved_map_init(MovedMap *map, uint32_t capacity, size_t longest_number, size_t longest_first,
						   uint64_t seed);

/*
 * Adds number → first.  Returns 1, or 0 when the map is full or already
 * has number (the first mapping stays), or an image is empty or longer
 * than the map was made for.
 */
extern int	moved_map_add(MovedMap *map, const uint8_t *number, size_t number_length,
						  const uint8_t *first, size_t first_length);

/*
 * A lookup takes two steps, so that its cache misses (the Bloom word, and
 * the slot of a moved number) overlap the caller's other work instead of
 * stalling it: moved_map_request() hashes number and asks the memory for
 * the bytes moved_map_find() will read, without waiting for them; the
 * caller does something else (a linkage code takes about as long as a
 * miss), then calls moved_map_find() with the request it got.
 */
extern uint64_t moved_map_request(const MovedMap *map, const uint8_t *number, size_t length);

/*
 * The first number of a moved number (*first_length bytes), or NULL when
 * number did not move.  request is moved_map_request()'s for number.
 */
extern const uint8_t *moved_map_find(const MovedMap *map, uint64_t request, const uint8_t *number,
									 size_t length, size_t *first_length);

#endif
