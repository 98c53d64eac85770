/*
 * The audit trail of disclosures of insured numbers (告知要求制限): an
 * append-only, hash-chained file in the data directory, written outside any
 * transaction before the disclosing statement completes, and made durable
 * by that statement or by the audit writer (hokenid.audit_sync).
 */
#ifndef HOKENID_AUDIT_LOG_H
#define HOKENID_AUDIT_LOG_H

#include "postgres.h"

#include "audit_record.h"
#include "digest_set.h"

#define AUDIT_DIGEST_SIZE PERSON_DIGEST_SIZE
#define AUDIT_DIGEST_HEX (2 * AUDIT_DIGEST_SIZE)

/*
 * What a record says about a statement; the trail adds its sequence number,
 * time, backend pid and database (the backend's, looked up once).  Text
 * fields are bounded and escaped as written (audit_record.h).  Zeroed, an
 * entry is a complete record: phase 0 is AUDIT_PHASE_COMPLETE.
 *
 * A statement whose rows leave while it runs has two records: an opened one
 * before its first row leaves (rows and persons 0), and a closed one with
 * opened_seq = the opened record's sequence number, the rows and persons
 * actually sent and an outcome word (complete, error, cancel …).  An opened
 * record left without its closed one (the backend died, the server
 * crashed) is closed at the next server start with outcome "ended" and
 * rows and persons unknown (AUDIT_UNKNOWN, NULL in hokenid.audit_log).
 */
typedef struct AuditEntry
{
	const char *role_name;
	const char *purpose;		/* a registered purpose's name; NULL is written AUDIT_PURPOSE_UNREGISTERED */
	int64		query_id;
	const char *relations;
	bool		refused;
	const char *action;			/* read, copy, store … */
	int64		rows;			/* or AUDIT_UNKNOWN */
	int64		persons;		/* or AUDIT_UNKNOWN */
	const uint8 *digests;		/* persons digests of AUDIT_DIGEST_SIZE bytes; may be NULL */
	AuditPhase	phase;			/* complete (0), opened or closed */
	int64		opened_seq;		/* closed: the sequence number of its opened record */
	const char *outcome;		/* closed: complete, error, cancel … */
} AuditEntry;

extern void audit_log_init(void);

/*
 * Writes a record before returning (no record, no disclosure: ERROR when it
 * cannot) and returns its sequence number.  A refusal (refused, phase
 * complete) beyond its role's hokenid.audit_refusals_per_minute is counted
 * into a summary record instead: then 0 is returned.
 */
extern int64 audit_log_append(const AuditEntry *entry);

/* Writes the summaries of refusals whose minute has ended (all of them at a shutdown). */
extern void audit_log_write_summaries(bool all);

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
extern int	audit_refusals_per_minute(void);

#endif
