#include "moved_map.h"

#include <string.h>

#define MAX_CAPACITY (UINT32_C(1) << 30)
/*
 * Few bits a number: the smallest bitmap whose false positives do not cost
 * more slot probes than it saves.  Measured when lookups waited for their
 * reads (test/bench/linkage_speed.sh: 4 bits 1.65x a number-level code,
 * 8 bits 1.8x, 16 bits 1.95x, 2 bits 1.9x); with the reads requested ahead
 * (moved_map_request), 4, 8 and 16 bits cost the same within noise in a C
 * model of the lookups, and 4 keep the map smallest.
 */
#define BLOOM_BITS_PER_NUMBER 4

/*
 * A hint that costs nothing where the compiler has no prefetch: lookups
 * are then right, only slower.
 */
#if defined(__GNUC__) || defined(__clang__)
#define prefetch(address) __builtin_prefetch(address)
#else
#define prefetch(address) ((void) (address))
#endif

/* murmur3's finaliser: every input bit flips each output bit half the time */
static inline uint64_t
mix(uint64_t h)
{
	h ^= h >> 33;
	h *= UINT64_C(0xff51afd7ed558ccd);
	h ^= h >> 33;
	h *= UINT64_C(0xc4ceb9fe1a85ec53);
	h ^= h >> 33;
	return h;
}

/* Eight bytes at a time: an image is 10 to 40 bytes. */
static uint64_t
hash_image(uint64_t seed, const uint8_t *image, size_t length)
{
	uint64_t	h = seed ^ (length * UINT64_C(0x9e3779b97f4a7c15));
	uint64_t	word;

	for (; length >= 8; image += 8, length -= 8)
	{
		memcpy(&word, image, 8);
		h = (h ^ mix(word)) * UINT64_C(0x9e3779b97f4a7c15);
	}
	if (length > 0)
	{
		word = 0;
		memcpy(&word, image, length);
		h = (h ^ mix(word)) * UINT64_C(0x9e3779b97f4a7c15);
	}
	return mix(h);
}

static uint64_t
bloom_bits(uint32_t capacity)
{
	uint64_t	bits = 64;

	while (bits < (uint64_t) capacity * BLOOM_BITS_PER_NUMBER)
		bits <<= 1;
	return bits;
}

/* At most 70% full: a probe for an absent number ends within a few slots. */
static uint32_t
slot_count(uint32_t capacity)
{
	return (uint32_t) ((uint64_t) capacity * 10 / 7 + 1);
}

/* [length][number][length][first], in whole words */
static uint32_t
slot_bytes(size_t longest_number, size_t longest_first)
{
	return (uint32_t) ((2 + longest_number + longest_first + 7) / 8 * 8);
}

static uint64_t *
bloom_of(const MovedMap *map)
{
	return (uint64_t *) ((uint8_t *) map + sizeof(MovedMap));
}

static uint8_t *
slot_at(const MovedMap *map, uint32_t i)
{
	return (uint8_t *) (bloom_of(map) + (map->bloom_mask + 1) / 64) + (size_t) i * map->slot_size;
}

size_t
moved_map_size(uint32_t capacity, size_t longest_number, size_t longest_first)
{
	if (capacity > MAX_CAPACITY || longest_number > 255 || longest_first > 255)
		return 0;
	return sizeof(MovedMap) + bloom_bits(capacity) / 8 +
		(size_t) slot_count(capacity) * slot_bytes(longest_number, longest_first);
}

void
moved_map_init(MovedMap *map, uint32_t capacity, size_t longest_number, size_t longest_first, uint64_t seed)
{
	memset(map, 0, sizeof(*map));
	map->seed = seed;
	map->capacity = capacity;
	map->longest_number = (uint32_t) longest_number;
	map->longest_first = (uint32_t) longest_first;
	map->bloom_mask = bloom_bits(capacity) - 1;
	map->slots = slot_count(capacity);
	map->slot_size = slot_bytes(longest_number, longest_first);
	map->size = moved_map_size(capacity, longest_number, longest_first);
	memset(bloom_of(map), 0, map->size - sizeof(MovedMap));
}

/*
 * A number's two Bloom bits lie in one 64-bit word, so a lookup costs one
 * cache miss there, not two (a blocked Bloom filter: a few more false
 * positives, each costing a slot probe).
 */
static inline uint64_t
bloom_word(const MovedMap *map, uint64_t h)
{
	return (h & map->bloom_mask) >> 6;
}

static inline uint64_t
bloom_bits_of(uint64_t h)
{
	return (UINT64_C(1) << (h >> 52 & 63)) | (UINT64_C(1) << (h >> 58));
}

/* The slot where the search for a number of hash h begins. */
static inline uint32_t
home_slot(const MovedMap *map, uint64_t h)
{
	/* the hash's top bits scaled to the slot count (no division) */
	return (uint32_t) ((mix(h ^ UINT64_C(0x6a09e667f3bcc909)) >> 32) * map->slots >> 32);
}

/* The slot holding number, or the empty slot where it would go. */
static uint8_t *
find_slot(const MovedMap *map, uint64_t h, const uint8_t *number, size_t length)
{
	uint32_t	i = home_slot(map, h);

	for (;; i = i + 1 == map->slots ? 0 : i + 1)
	{
		uint8_t    *slot = slot_at(map, i);

		if (slot[0] == 0 || (slot[0] == length && memcmp(slot + 1, number, length) == 0))
			return slot;
	}
}

int
moved_map_add(MovedMap *map, const uint8_t *number, size_t number_length,
			  const uint8_t *first, size_t first_length)
{
	uint64_t	h;
	uint8_t    *slot;

	if (number_length == 0 || number_length > map->longest_number ||
		first_length == 0 || first_length > map->longest_first || map->numbers >= map->capacity)
		return 0;
	h = hash_image(map->seed, number, number_length);
	slot = find_slot(map, h, number, number_length);
	if (slot[0] != 0)
		return 0;
	slot[0] = (uint8_t) number_length;
	memcpy(slot + 1, number, number_length);
	slot[1 + number_length] = (uint8_t) first_length;
	memcpy(slot + 2 + number_length, first, first_length);
	bloom_of(map)[bloom_word(map, h)] |= bloom_bits_of(h);
	map->numbers++;
	return 1;
}

/*
 * The home slot is fetched with the Bloom word, though most numbers looked
 * up never moved: reading the Bloom word first, to fetch the slot only for
 * its positives, makes a moved number's lookup two misses in a row (in a C
 * model of a query's lookups: +126 ns a row over the number-level code
 * this way, +159 ns gated by the Bloom word, +154 ns with the slot not
 * fetched ahead, +163 ns for a lookup done whole before the code).
 */
uint64_t
moved_map_request(const MovedMap *map, const uint8_t *number, size_t length)
{
	uint64_t	h = hash_image(map->seed, number, length);
	const uint8_t *slot = slot_at(map, home_slot(map, h));

	prefetch(&bloom_of(map)[bloom_word(map, h)]);
	prefetch(slot);
	prefetch(slot + map->slot_size - 1);
	return h;
}

const uint8_t *
moved_map_find(const MovedMap *map, uint64_t request, const uint8_t *number, size_t length,
			   size_t *first_length)
{
	uint64_t	bits = bloom_bits_of(request);
	const uint8_t *slot;

	if (length == 0 || length > map->longest_number ||
		(bloom_of(map)[bloom_word(map, request)] & bits) != bits)
		return NULL;
	slot = find_slot(map, request, number, length);
	if (slot[0] == 0)
		return NULL;
	*first_length = slot[1 + length];
	return slot + 2 + length;
}
