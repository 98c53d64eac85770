/*
 * OpenSSL's SHA256_* functions rather than EVP: an EVP digest context can
 * only be restored to the key's state by EVP_MD_CTX_copy_ex, which in
 * OpenSSL 3 frees and allocates a provider context on every copy, and two
 * such copies cost as much as the code's two compressions (360 ns a code
 * against 180 ns here).  A SHA256_CTX is a plain struct that is copied by
 * assignment.  These functions are deprecated in OpenSSL 3.0 but kept in
 * every 3.x; OPENSSL_API_COMPAT, the documented way to name the API level
 * a program uses, declares them without deprecation warnings.
 */
#define OPENSSL_API_COMPAT 10101

#include "hmac_sha256.h"

#include <openssl/sha.h>
#include <stdlib.h>
#include <string.h>

#define SHA256_BLOCK 64

struct HmacKey
{
	SHA256_CTX	inner;			/* after key ^ ipad */
	SHA256_CTX	outer;			/* after key ^ opad */
};

void
secure_zero(void *memory, size_t length)
{
	volatile unsigned char *p = memory;

	while (length--)
		*p++ = 0;
}

static int
absorb_padded_key(SHA256_CTX *context, const uint8_t *block, uint8_t pad)
{
	uint8_t		padded[SHA256_BLOCK];
	int			ok;

	for (int i = 0; i < SHA256_BLOCK; i++)
		padded[i] = block[i] ^ pad;
	ok = SHA256_Init(context) == 1 && SHA256_Update(context, padded, SHA256_BLOCK) == 1;
	secure_zero(padded, sizeof(padded));
	return ok;
}

HmacKey *
hmac_key_create(const uint8_t *key, size_t key_length)
{
	HmacKey    *state = calloc(1, sizeof(HmacKey));
	uint8_t		block[SHA256_BLOCK] = {0};
	int			ok = state != NULL;

	/* RFC 2104: a key longer than the block is hashed first */
	if (ok && key_length > SHA256_BLOCK)
		ok = SHA256(key, key_length, block) != NULL;
	else if (ok)
		memcpy(block, key, key_length);
	ok = ok && absorb_padded_key(&state->inner, block, 0x36) &&
		absorb_padded_key(&state->outer, block, 0x5c);
	secure_zero(block, sizeof(block));
	if (!ok)
	{
		hmac_key_destroy(state);
		return NULL;
	}
	return state;
}

void
hmac_key_destroy(HmacKey *key)
{
	if (key == NULL)
		return;
	/* the contexts are key-derived: as secret as the key */
	secure_zero(key, sizeof(*key));
	free(key);
}

int
hmac_sha256(const HmacKey *key, const uint8_t *message, size_t length,
			uint8_t out[HMAC_SHA256_SIZE])
{
	SHA256_CTX	work = key->inner;
	uint8_t		inner_digest[HMAC_SHA256_SIZE];
	int			ok;

	ok = SHA256_Update(&work, message, length) == 1 && SHA256_Final(inner_digest, &work) == 1;
	work = key->outer;
	ok = ok && SHA256_Update(&work, inner_digest, sizeof(inner_digest)) == 1 &&
		SHA256_Final(out, &work) == 1;
	return ok ? 0 : -1;
}
