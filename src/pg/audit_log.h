/*
 * The audit trail of disclosures of insured numbers (告知要求制限): an
 * append-only, hash-chained file in the data directory, written and fsynced
 * outside any transaction before the disclosing statement completes.
 */
#ifndef HOKENID_AUDIT_LOG_H
#define HOKENID_AUDIT_LOG_H

#include "postgres.h"

#include "lib/stringinfo.h"

#define AUDIT_DIGEST_SIZE 16
#define AUDIT_DIGEST_HEX (2 * AUDIT_DIGEST_SIZE)

typedef struct AuditEntry
{
	const char *role_name;
	const char *purpose;
	int64		query_id;
	const char *relations;
	bool		refused;
	const char *action;			/* read, copy, store, refused … */
	int64		rows;
	int64		persons;
	StringInfo	digests;		/* comma-separated; may be NULL */
} AuditEntry;

extern void audit_log_init(void);
extern void audit_log_append(const AuditEntry *entry);

/*
 * A person's digest: HMAC-SHA-256 of the number's canonical image under the
 * cluster's audit secret, cut to 16 bytes; written as 32 hex characters.
 */
extern void audit_digest(const uint8 *image, size_t length, uint8 out[AUDIT_DIGEST_SIZE]);
extern void audit_digest_hex(const uint8 digest[AUDIT_DIGEST_SIZE], char out[AUDIT_DIGEST_HEX + 1]);

#endif
