#include "key_wrap.h"

#include <openssl/evp.h>
#include <openssl/rand.h>
#include <string.h>

#include "hex.h"
#include "hmac_sha256.h"

#define NONCE_SIZE 12
#define TAG_SIZE 16

int
random_bytes(uint8_t *out, size_t length)
{
	return RAND_bytes(out, (int) length) == 1 ? 0 : -1;
}

int
key_wrap(const uint8_t master[MASTER_KEY_SIZE], const uint8_t key[LINKAGE_KEY_SIZE],
		 const uint8_t *aad, size_t aad_length, uint8_t wrapped[WRAPPED_KEY_SIZE])
{
	EVP_CIPHER_CTX *context = EVP_CIPHER_CTX_new();
	int			n;
	int			ok;

	ok = context != NULL && random_bytes(wrapped, NONCE_SIZE) == 0 &&
		EVP_EncryptInit_ex(context, EVP_aes_256_gcm(), NULL, master, wrapped) == 1 &&
		EVP_EncryptUpdate(context, NULL, &n, aad, (int) aad_length) == 1 &&
		EVP_EncryptUpdate(context, wrapped + NONCE_SIZE, &n, key, LINKAGE_KEY_SIZE) == 1 &&
		EVP_EncryptFinal_ex(context, wrapped + NONCE_SIZE + n, &n) == 1 &&
		EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_GCM_GET_TAG, TAG_SIZE,
							wrapped + NONCE_SIZE + LINKAGE_KEY_SIZE) == 1;
	EVP_CIPHER_CTX_free(context);
	return ok ? 0 : -1;
}

int
key_unwrap(const uint8_t master[MASTER_KEY_SIZE], const uint8_t wrapped[WRAPPED_KEY_SIZE],
		   const uint8_t *aad, size_t aad_length, uint8_t key[LINKAGE_KEY_SIZE])
{
	EVP_CIPHER_CTX *context = EVP_CIPHER_CTX_new();
	uint8_t		tag[TAG_SIZE];
	int			n;
	int			ok;

	memcpy(tag, wrapped + NONCE_SIZE + LINKAGE_KEY_SIZE, TAG_SIZE);
	ok = context != NULL &&
		EVP_DecryptInit_ex(context, EVP_aes_256_gcm(), NULL, master, wrapped) == 1 &&
		EVP_DecryptUpdate(context, NULL, &n, aad, (int) aad_length) == 1 &&
		EVP_DecryptUpdate(context, key, &n, wrapped + NONCE_SIZE, LINKAGE_KEY_SIZE) == 1 &&
		EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_GCM_SET_TAG, TAG_SIZE, tag) == 1 &&
		EVP_DecryptFinal_ex(context, key + n, &n) == 1;
	EVP_CIPHER_CTX_free(context);
	if (!ok)
		secure_zero(key, LINKAGE_KEY_SIZE);
	return ok ? 0 : -1;
}

int
master_key_parse(const char *content, size_t length, uint8_t master[MASTER_KEY_SIZE])
{
	while (length > 0 && (content[length - 1] == '\n' || content[length - 1] == '\r'))
		length--;
	if (length != 2 * MASTER_KEY_SIZE)
		return -1;
	if (hex_to_bytes(content, MASTER_KEY_SIZE, master) >= 0)
	{
		secure_zero(master, MASTER_KEY_SIZE);
		return -1;
	}
	return 0;
}
