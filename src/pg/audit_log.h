/*
 * The audit trail of disclosures of insured numbers (告知要求制限): an
 * append-only, hash-chained file in the data directory, written and fsynced
 * outside any transaction before the disclosing statement completes.
 */
#ifndef HOKENID_AUDIT_LOG_H
#define HOKENID_AUDIT_LOG_H

#include "postgres.h"

#include "lib/stringinfo.h"

#define AUDIT_DIGEST_HEX 32

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

/* A person's digest: keyed with the cluster's audit secret, never reversible. */
extern void audit_digest(const uint8 *image, size_t length, char out[AUDIT_DIGEST_HEX + 1]);

#endif
