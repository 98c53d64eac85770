/*
 * An audit record (告知要求制限の監査記録) as a line of the trail: its fields,
 * how they are written, how they are read back and how the chain of lines
 * is verified — the one place that knows the format.  The writer, the loader
 * of the chain head, audit_verify() and the reader view all go through it.
 *
 * A line is  body '\t' previous-hash '\t' hash '\n'  (audit_chain.h).  The
 * body is tab-separated fields.  Format 2 (hokenid 0.8) begins with the tag
 * "v2":
 *
 *   v2 seq time pid database role purpose query_id relations action refused
 *   phase opened_seq outcome statements rows persons digests
 *
 * Format 1 (hokenid 0.4 to 0.7) begins with the sequence number, a digit,
 * and has twelve fields:
 *
 *   seq time pid role purpose query_id relations action refused rows persons digests
 *
 * so the first field tells them apart.  A format-1 record reads as phase
 * complete, database unknown (NULL), one statement.
 *
 * time is UTC, "2026-11-24T20:15:25.123456Z".  Text fields are bounded (the
 * AUDIT_*_MAX below, in bytes as written) and escaped: a backslash, every
 * control character (the tab and line end included) and every byte that is
 * not part of a valid UTF-8 character is written \\, \t, \n, \r or \xHH; a
 * field cut to its bound ends in "…".  An empty text field reads as NULL.
 * rows and persons are empty when unknown (AUDIT_UNKNOWN), opened_seq when
 * the record closes nothing, outcome when it is not a closing record.
 * digests are the persons' 16-byte keyed digests, 32 hex characters each,
 * comma-separated.
 *
 * No PostgreSQL headers and no global state: the chain hash of a line being
 * written is taken with audit_chain.h's helpers.
 */
#ifndef HOKENID_AUDIT_RECORD_H
#define HOKENID_AUDIT_RECORD_H

#include <stddef.h>
#include <stdint.h>

#include "audit_chain.h"

#define AUDIT_RECORD_FORMAT 2
#define AUDIT_RECORD_TAG "v2"

#define AUDIT_RECORD_DIGEST_SIZE 16
#define AUDIT_RECORD_DIGEST_HEX (2 * AUDIT_RECORD_DIGEST_SIZE)

/* Bounds of the text fields, in bytes as written (escapes and "…" included). */
#define AUDIT_NAME_MAX 128		/* role, database */
#define AUDIT_PURPOSE_MAX 128
#define AUDIT_RELATIONS_MAX 1024
#define AUDIT_WORD_MAX 16		/* action, outcome */

/* rows or persons nobody knows (a statement whose backend died) */
#define AUDIT_UNKNOWN (-1)

/* written for a purpose that is not registered (the caller passes NULL) */
#define AUDIT_PURPOSE_UNREGISTERED "(unregistered)"

typedef enum AuditPhase
{
	AUDIT_PHASE_COMPLETE = 0,	/* one record for a whole statement */
	AUDIT_PHASE_OPENED,			/* before the statement's first row left */
	AUDIT_PHASE_CLOSED			/* completes an opened record (opened_seq) */
} AuditPhase;

typedef struct AuditRecord
{
	int			format;			/* read back: 1 or 2; ignored when writing */
	int64_t		seq;
	int64_t		logged_at;		/* microseconds since 2000-01-01 00:00 UTC */
	int32_t		pid;
	/* text fields: NULL or "" is written empty and read back NULL */
	const char *database;
	const char *role;
	const char *purpose;
	int64_t		query_id;
	const char *relations;
	const char *action;			/* read, copy, store … */
	int			refused;		/* 0 or 1 */
	AuditPhase	phase;
	int64_t		opened_seq;		/* the opened record a closing one completes; 0 for none */
	const char *outcome;		/* of a closing record: complete, error, cancel, ended … */
	int64_t		statements;		/* statements the record stands for: 1, or k for a summary */
	int64_t		rows;			/* or AUDIT_UNKNOWN */
	int64_t		persons;		/* or AUDIT_UNKNOWN */
	/* writing: digest_count digests of AUDIT_RECORD_DIGEST_SIZE bytes */
	const uint8_t *digests;
	int64_t		digest_count;
	/* reading: the digests as written, and the line's two hashes (64 hex each) */
	const char *digests_hex;
	size_t		digests_hex_length;
	const char *previous_hash;
	const char *hash;
	/* reading format 1 only: a time written before 0.7's ISO form, for the caller to parse; else NULL */
	const char *time_text;
} AuditRecord;

/* The longest a record's body is before its digests, and its end after them. */
#define AUDIT_INT64_MAX_DIGITS 20
#define AUDIT_TIME_LENGTH 27
#define AUDIT_HEAD_MAX (sizeof(AUDIT_RECORD_TAG) + AUDIT_INT64_MAX_DIGITS /* tag, seq */ \
						+ 1 + AUDIT_TIME_LENGTH + 1 + 11 /* time, pid */ \
						+ 2 * (1 + AUDIT_NAME_MAX) + 1 + AUDIT_PURPOSE_MAX /* database, role, purpose */ \
						+ 5 * (1 + AUDIT_INT64_MAX_DIGITS) /* query_id, opened_seq, statements, rows, persons */ \
						+ 1 + AUDIT_RELATIONS_MAX + 2 * (1 + AUDIT_WORD_MAX) /* relations, action, outcome */ \
						+ 2 + 1 + 8 + 1)	/* refused, phase, the tab before the digests */
#define AUDIT_TAIL_LENGTH (2 * AUDIT_HASH_HEX + 3)
/* the largest record without digests (a refusal): 1,757 bytes */
#define AUDIT_RECORD_MAX_WITHOUT_DIGESTS (AUDIT_HEAD_MAX + AUDIT_TAIL_LENGTH)

/*
 * Writing, in the order a line is laid out, so that the writer can prepare
 * the fields before it takes the trail's lock and number the record under it:
 *   put_seq     the tag and the sequence number;
 *   put_fields  every field after seq up to the digests, ending in a tab
 *               (at most AUDIT_HEAD_MAX bytes with put_seq's);
 *   put_digests the digests (digests_length bytes), each part added to the
 *               chain hash being taken (audit_chain_add) while in the cache;
 *   put_tail    the two hashes and the line end (AUDIT_TAIL_LENGTH bytes).
 * Each returns the bytes written (put_digests 0, or -1 if hashing failed).
 */
extern size_t audit_record_put_seq(int64_t seq, char *out);
extern size_t audit_record_put_fields(const AuditRecord *record, char *out);
extern uint64_t audit_record_digests_length(int64_t count);
extern int	audit_record_put_digests(const uint8_t *digests, int64_t count, char *out);
extern size_t audit_record_put_tail(const char *previous, const char *hash, char *out);

/* The bytes audit_record_format needs for a record: an upper bound. */
extern uint64_t audit_record_max_length(const AuditRecord *record);

/*
 * A whole line (with its '\n') following previous: returns its length and
 * sets hash (65 bytes) to its chain hash; 0 when hashing failed.  out holds
 * audit_record_max_length(record) bytes.
 */
extern size_t audit_record_format(const AuditRecord *record, const char *previous, char *out, char *hash);

/*
 * Reads a line (without its '\n', NUL-terminated at line[length]) in
 * place: tabs become NULs and escapes are decoded, so the record's text
 * fields point into line.  Returns 0, or -1 when the line is not a record
 * of either format.  The hash is not checked (audit_verifier_add does).
 */
extern int	audit_record_parse(char *line, size_t length, AuditRecord *record);

/*
 * A text field as the record writes it: escaped, at most bound bytes, cut
 * with "…".  Returns the bytes written to out (which holds bound bytes).
 * The reader uses it to show a field that is not valid text.
 */
extern size_t audit_record_escape(const char *value, size_t length, size_t bound, char *out);

/* A time as written in a record (AUDIT_TIME_LENGTH bytes, no NUL). */
extern void audit_record_put_time(int64_t logged_at, char *out);

/*
 * Verifying the chain a line at a time, from the first line: each line's
 * hash must be right, it must follow the previous line's hash (the genesis
 * hash for the first) and its body must be a record.
 */
typedef struct AuditVerifier
{
	char		previous[AUDIT_HASH_HEX + 1];	/* the hash the next line must follow */
	int64_t		lines;			/* lines seen */
	int64_t		first_broken;	/* position (from 1) of the first broken line; 0 while intact */
} AuditVerifier;

extern void audit_verifier_start(AuditVerifier *verifier);

/* Adds a line (NUL-terminated at line[length]; parsed in place); returns 1 while intact. */
extern int	audit_verifier_add(AuditVerifier *verifier, char *line, size_t length);

#endif
