/*
 * Lowercase hexadecimal, the text form of keys, linkage codes and digests.
 */
#ifndef HOKENID_HEX_H
#define HOKENID_HEX_H

#include <stddef.h>
#include <stdint.h>

/* Writes 2 * size characters and a terminating NUL. */
extern void bytes_to_hex(const uint8_t *bytes, size_t size, char *text);

/*
 * Reads 2 * size hexadecimal characters (either case) into bytes.  Returns
 * -1 when all are hexadecimal, else the 0-based position of the first
 * character that is not (bytes is then partly written).
 */
extern long hex_to_bytes(const char *text, size_t size, uint8_t *bytes);

#endif
