#include "hmac_sha256.h"

#include <openssl/evp.h>
#include <stdlib.h>
#include <string.h>

#define SHA256_BLOCK 64

struct HmacKey
{
	EVP_MD_CTX *inner;			/* after key ^ ipad */
	EVP_MD_CTX *outer;			/* after key ^ opad */
	EVP_MD_CTX *work;			/* scratch, reused by every call */
};

void
secure_zero(void *memory, size_t length)
{
	volatile unsigned char *p = memory;

	while (length--)
		*p++ = 0;
}

static int
absorb_padded_key(EVP_MD_CTX *context, const uint8_t *block, uint8_t pad)
{
	uint8_t		padded[SHA256_BLOCK];
	int			ok;

	for (int i = 0; i < SHA256_BLOCK; i++)
		padded[i] = block[i] ^ pad;
	ok = EVP_DigestInit_ex(context, EVP_sha256(), NULL) == 1 &&
		EVP_DigestUpdate(context, padded, SHA256_BLOCK) == 1;
	secure_zero(padded, sizeof(padded));
	return ok;
}

HmacKey *
hmac_key_create(const uint8_t *key, size_t key_length)
{
	HmacKey    *state = calloc(1, sizeof(HmacKey));
	uint8_t		block[SHA256_BLOCK] = {0};
	unsigned int digest_length;
	int			ok;

	if (state == NULL)
		return NULL;
	state->inner = EVP_MD_CTX_new();
	state->outer = EVP_MD_CTX_new();
	state->work = EVP_MD_CTX_new();
	ok = state->inner && state->outer && state->work;
	/* RFC 2104: a key longer than the block is hashed first */
	if (ok && key_length > SHA256_BLOCK)
		ok = EVP_Digest(key, key_length, block, &digest_length, EVP_sha256(), NULL) == 1;
	else if (ok)
		memcpy(block, key, key_length);
	ok = ok && absorb_padded_key(state->inner, block, 0x36) &&
		absorb_padded_key(state->outer, block, 0x5c);
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
	/* EVP_MD_CTX_free cleanses the contexts, key-derived state included */
	EVP_MD_CTX_free(key->inner);
	EVP_MD_CTX_free(key->outer);
	EVP_MD_CTX_free(key->work);
	free(key);
}

int
hmac_sha256(const HmacKey *key, const uint8_t *message, size_t length,
			uint8_t out[HMAC_SHA256_SIZE])
{
	uint8_t		inner_digest[HMAC_SHA256_SIZE];
	unsigned int n;

	if (EVP_MD_CTX_copy_ex(key->work, key->inner) != 1 ||
		EVP_DigestUpdate(key->work, message, length) != 1 ||
		EVP_DigestFinal_ex(key->work, inner_digest, &n) != 1 ||
		EVP_MD_CTX_copy_ex(key->work, key->outer) != 1 ||
		EVP_DigestUpdate(key->work, inner_digest, sizeof(inner_digest)) != 1 ||
		EVP_DigestFinal_ex(key->work, out, &n) != 1)
		return -1;
	return 0;
}
