#include "siphash.h"

#include <string.h>

static inline uint64_t
rotate_left(uint64_t x, int bits)
{
	return (x << bits) | (x >> (64 - bits));
}

/* Compilers fold this to a constant, and the little-endian load to one move. */
static inline int
little_endian(void)
{
	const uint16_t one = 1;

	return *(const uint8_t *) &one == 1;
}

static inline uint64_t
load_le64(const uint8_t *p)
{
	uint64_t	v;

	if (little_endian())
	{
		memcpy(&v, p, sizeof(v));
		return v;
	}
	v = 0;
	for (int i = 7; i >= 0; i--)
		v = (v << 8) | p[i];
	return v;
}

static inline void
store_le64(uint8_t *p, uint64_t v)
{
	for (int i = 0; i < 8; i++, v >>= 8)
		p[i] = (uint8_t) v;
}

#define SIPROUND(v0, v1, v2, v3) \
	do { \
		v0 += v1; v1 = rotate_left(v1, 13); v1 ^= v0; v0 = rotate_left(v0, 32); \
		v2 += v3; v3 = rotate_left(v3, 16); v3 ^= v2; \
		v0 += v3; v3 = rotate_left(v3, 21); v3 ^= v0; \
		v2 += v1; v1 = rotate_left(v1, 17); v1 ^= v2; v2 = rotate_left(v2, 32); \
	} while (0)

void
siphash128(const uint8_t key[SIPHASH_KEY_SIZE], const uint8_t *message, size_t length,
		   uint8_t out[SIPHASH128_SIZE])
{
	uint64_t	k0 = load_le64(key);
	uint64_t	k1 = load_le64(key + 8);
	uint64_t	v0 = k0 ^ 0x736f6d6570736575ULL;
	uint64_t	v1 = k1 ^ 0x646f72616e646f6dULL ^ 0xee;	/* 0xee: the 128-bit variant */
	uint64_t	v2 = k0 ^ 0x6c7967656e657261ULL;
	uint64_t	v3 = k1 ^ 0x7465646279746573ULL;
	uint64_t	last = (uint64_t) length << 56;
	size_t		whole = length - length % 8;

	for (size_t i = 0; i < whole; i += 8)
	{
		uint64_t	m = load_le64(message + i);

		v3 ^= m;
		SIPROUND(v0, v1, v2, v3);
		SIPROUND(v0, v1, v2, v3);
		v0 ^= m;
	}
	for (size_t i = whole; i < length; i++)
		last |= (uint64_t) message[i] << (8 * (i - whole));
	v3 ^= last;
	SIPROUND(v0, v1, v2, v3);
	SIPROUND(v0, v1, v2, v3);
	v0 ^= last;

	v2 ^= 0xee;
	for (int r = 0; r < 4; r++)
		SIPROUND(v0, v1, v2, v3);
	store_le64(out, v0 ^ v1 ^ v2 ^ v3);
	v1 ^= 0xdd;
	for (int r = 0; r < 4; r++)
		SIPROUND(v0, v1, v2, v3);
	store_le64(out + 8, v0 ^ v1 ^ v2 ^ v3);
}
