/*
 * Linkage keys at rest: each 32-byte key is sealed with AES-256-GCM under
 * the master key (which lives in a file outside the database), with the
 * key's name and version as associated data, so a wrapped key copied to
 * another name or version does not open.
 *   wrapped = nonce (12) | ciphertext (32) | tag (16)
 */
#ifndef HOKENID_KEY_WRAP_H
#define HOKENID_KEY_WRAP_H

#include <stddef.h>
#include <stdint.h>

#define LINKAGE_KEY_SIZE 32
#define MASTER_KEY_SIZE 32
#define WRAPPED_KEY_SIZE (12 + LINKAGE_KEY_SIZE + 16)

/* Both return 0 on success; unwrap fails on any tampering or a wrong master key. */
extern int	key_wrap(const uint8_t master[MASTER_KEY_SIZE], const uint8_t key[LINKAGE_KEY_SIZE],
					 const uint8_t *aad, size_t aad_length, uint8_t wrapped[WRAPPED_KEY_SIZE]);
extern int	key_unwrap(const uint8_t master[MASTER_KEY_SIZE], const uint8_t wrapped[WRAPPED_KEY_SIZE],
					   const uint8_t *aad, size_t aad_length, uint8_t key[LINKAGE_KEY_SIZE]);

/* Fills out with bytes from OpenSSL's CSPRNG; returns 0 on success. */
extern int	random_bytes(uint8_t *out, size_t length);

/*
 * The master key file's content: 64 hexadecimal characters, optionally
 * followed by a line end.  Returns 0 and fills master when well-formed.
 */
extern int	master_key_parse(const char *content, size_t length, uint8_t master[MASTER_KEY_SIZE]);

#endif
