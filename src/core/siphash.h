/*
 * SipHash-2-4 with a 128-bit output (Aumasson & Bernstein, 2012): a keyed
 * pseudorandom function for short inputs.  The audit trail names each
 * disclosed person by it: keyed, so no one without the cluster's audit
 * secret can test guesses of insured numbers against the trail, and some
 * five times cheaper per number than HMAC-SHA-256 through OpenSSL, which
 * matters when one statement discloses a million people.
 */
#ifndef HOKENID_SIPHASH_H
#define HOKENID_SIPHASH_H

#include <stddef.h>
#include <stdint.h>

#define SIPHASH_KEY_SIZE 16
#define SIPHASH128_SIZE 16

extern void siphash128(const uint8_t key[SIPHASH_KEY_SIZE], const uint8_t *message, size_t length,
					   uint8_t out[SIPHASH128_SIZE]);

#endif
