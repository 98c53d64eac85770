/*
 * HMAC-SHA-256 (RFC 2104) with the key's state computed once: the inner
 * and outer SHA-256 contexts after absorbing key XOR ipad / opad are kept,
 * so each code costs two compressions of its message plus one of the inner
 * digest, not four.  OpenSSL does the hashing (its SHA256_* functions:
 * see hmac_sha256.c for why not EVP).
 */
#ifndef HOKENID_HMAC_SHA256_H
#define HOKENID_HMAC_SHA256_H

#include <stddef.h>
#include <stdint.h>

#define HMAC_SHA256_SIZE 32

typedef struct HmacKey HmacKey;

/* NULL when OpenSSL fails (out of memory); the key bytes are not kept. */
extern HmacKey *hmac_key_create(const uint8_t *key, size_t key_length);
extern void hmac_key_destroy(HmacKey *key);

/* Returns 0 on success. */
extern int	hmac_sha256(const HmacKey *key, const uint8_t *message, size_t length,
						uint8_t out[HMAC_SHA256_SIZE]);

/* Overwrites memory in a way the compiler may not drop. */
extern void secure_zero(void *memory, size_t length);

#endif
