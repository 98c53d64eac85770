/*
 * The audit trail of disclosures of insured numbers (告知要求制限): an
 * append-only, hash-chained file in the data directory, written outside any
 * transaction before the disclosing statement completes, and made durable
 * by that statement or by the audit writer (hokenid.audit_sync).
 */
#ifndef HOKENID_AUDIT_LOG_H
#define HOKENID_AUDIT_LOG_H

#include "postgres.h"

#include "digest_set.h"

#define AUDIT_DIGEST_SIZE PERSON_DIGEST_SIZE
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
	const uint8 *digests;		/* persons digests of AUDIT_DIGEST_SIZE bytes; may be NULL */
} AuditEntry;

extern void audit_log_init(void);
extern void audit_log_append(const AuditEntry *entry);

/* The sequence number of the last record written, and making it durable. */
extern int64 audit_log_written(void);
extern void audit_log_sync(int64 through);

/* Refuses further disclosures when the trail file was replaced or cut. */
extern void audit_log_check_file(void);

/*
 * A person's digest: SipHash-2-4-128 of the number's canonical image under
 * a key derived from the cluster's audit secret; written as 32 hex
 * characters.
 */
extern void audit_digest(const uint8 *image, size_t length, uint8 out[AUDIT_DIGEST_SIZE]);

/* The audit writer (audit_writer.c). */
extern void audit_writer_init(void);
extern bool audit_sync_each_statement(void);

#endif
