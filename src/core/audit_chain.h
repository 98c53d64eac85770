/*
 * The audit trail's tamper evidence: each record is one text line ending in
 * the hash of the previous record's hash and its own body, so editing,
 * inserting or deleting a record breaks every later link.
 *   line = body '\t' previous-hash '\t' hash '\n'
 *   hash = hex(SHA-256(previous-hash '|' body))
 * The first record's previous hash is 64 zeros.
 */
#ifndef HOKENID_AUDIT_CHAIN_H
#define HOKENID_AUDIT_CHAIN_H

#include <stddef.h>

#define AUDIT_HASH_HEX 64

extern const char audit_genesis_hash[AUDIT_HASH_HEX + 1];

/* hash (65 bytes, NUL-terminated hex) of a body following previous; 0 on success */
extern int	audit_chain_hash(const char *previous, const char *body, size_t body_length, char *hash);

/*
 * The same hash taken in parts, so that a long body (a bulk read names a
 * million people) is hashed while it is still in the cache from being
 * written: start, add each part of the body in order, finish.  One hash at
 * a time per process; each returns 0 on success.
 */
extern int	audit_chain_start(const char *previous);
extern int	audit_chain_add(const char *part, size_t length);
extern int	audit_chain_finish(char *hash);

/*
 * Splits a line (without its '\n') into body, previous hash and hash, and
 * checks the hash.  Returns 1 when the line is well formed and its hash
 * right, 0 otherwise; body_length, previous and hash are set when well formed.
 */
extern int	audit_chain_check_line(const char *line, size_t length, size_t *body_length,
								   const char **previous, const char **hash);

#endif
