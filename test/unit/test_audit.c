/*
 * Unit tests of the audit record and the refusal limit: a record's line as
 * written (every field in its place, the two hashes apart), read back field
 * for field; text fields escaped (tab, line end, backslash, control bytes,
 * bytes that are not UTF-8) and cut to their bounds with "…"; times in UTC
 * across leap days and before 2000; a 0.7 (format 1) line read as a
 * complete record without a database; the chain verified line by line
 * (edited, deleted, inserted and malformed lines caught); and the refusal
 * limit: a role's refusals beyond the limit counted into one summary per
 * window, the overflow slot when the table is full.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "audit_chain.h"
#include "audit_record.h"
#include "refusal_limit.h"
#include "unit.h"

#define LINE_MAX_BYTES (AUDIT_RECORD_MAX_WITHOUT_DIGESTS + 4 * (AUDIT_RECORD_DIGEST_HEX + 1))

/* 2026-11-24T20:15:25.123456Z in microseconds since 2000-01-01 */
#define SOME_TIME INT64_C(848866525123456)

static AuditRecord
sample(void)
{
	static const uint8_t digests[2 * AUDIT_RECORD_DIGEST_SIZE] = {
		0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef, 0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef,
		0xff, 0xee, 0xdd, 0xcc, 0xbb, 0xaa, 0x99, 0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11, 0x00};
	AuditRecord record;

	memset(&record, 0, sizeof(record));
	record.seq = 42;
	record.logged_at = SOME_TIME;
	record.pid = 4711;
	record.database = "clinic";
	record.role = "受付";
	record.purpose = "資格確認";
	record.query_id = -7;
	record.relations = "cards,visits";
	record.action = "read";
	record.phase = AUDIT_PHASE_COMPLETE;
	record.statements = 1;
	record.rows = 3;
	record.persons = 2;
	record.digests = digests;
	record.digest_count = 2;
	return record;
}

/* Formats record after previous into line; returns its length without the '\n', line NUL-terminated. */
static size_t
format_line(const AuditRecord *record, const char *previous, char *line, char *hash)
{
	size_t		length = audit_record_format(record, previous, line, hash);

	CHECK(length > 0 && line[length - 1] == '\n');
	line[length - 1] = '\0';
	return length - 1;
}

static void
test_layout(void)
{
	AuditRecord record = sample();
	AuditRecord back;
	char		line[LINE_MAX_BYTES];
	char		hash[AUDIT_HASH_HEX + 1];
	char		expected_hash[AUDIT_HASH_HEX + 1];
	size_t		length = format_line(&record, audit_genesis_hash, line, hash);
	const char *body = "v2\t42\t2026-11-24T20:15:25.123456Z\t4711\tclinic\t受付\t資格確認\t-7\tcards,visits\tread\tf\t"
		"complete\t\t\t1\t3\t2\t0123456789abcdef0123456789abcdef,ffeeddccbbaa99887766554433221100";

	CHECK(strncmp(line, body, strlen(body)) == 0);
	CHECK(line[strlen(body)] == '\t');
	CHECK(strncmp(line + strlen(body) + 1, audit_genesis_hash, AUDIT_HASH_HEX) == 0);
	CHECK_EQ_INT(length, strlen(body) + AUDIT_TAIL_LENGTH - 1);
	CHECK(audit_chain_hash(audit_genesis_hash, body, strlen(body), expected_hash) == 0);
	CHECK_EQ_STR(hash, expected_hash);
	CHECK_EQ_STR(line + length - AUDIT_HASH_HEX, expected_hash);

	CHECK_EQ_INT(audit_record_parse(line, length, &back), 0);
	CHECK_EQ_INT(back.format, 2);
	CHECK_EQ_INT(back.seq, 42);
	CHECK_EQ_INT(back.logged_at, SOME_TIME);
	CHECK_EQ_INT(back.pid, 4711);
	CHECK_EQ_STR(back.database, "clinic");
	CHECK_EQ_STR(back.role, "受付");
	CHECK_EQ_STR(back.purpose, "資格確認");
	CHECK_EQ_INT(back.query_id, -7);
	CHECK_EQ_STR(back.relations, "cards,visits");
	CHECK_EQ_STR(back.action, "read");
	CHECK_EQ_INT(back.refused, 0);
	CHECK_EQ_INT(back.phase, AUDIT_PHASE_COMPLETE);
	CHECK_EQ_INT(back.opened_seq, 0);
	CHECK(back.outcome == NULL);
	CHECK_EQ_INT(back.statements, 1);
	CHECK_EQ_INT(back.rows, 3);
	CHECK_EQ_INT(back.persons, 2);
	CHECK_EQ_INT(back.digest_count, 2);
	CHECK_EQ_INT(back.digests_hex_length, 2 * AUDIT_RECORD_DIGEST_HEX + 1);
	/* the previous hash and the hash are two fields of 64 characters */
	CHECK_EQ_INT(strlen(back.previous_hash), AUDIT_HASH_HEX);
	CHECK_EQ_STR(back.previous_hash, audit_genesis_hash);
	CHECK_EQ_STR(back.hash, expected_hash);
	CHECK(back.time_text == NULL);
}

static void
test_phases(void)
{
	AuditRecord record = sample();
	AuditRecord back;
	char		line[LINE_MAX_BYTES];
	char		hash[AUDIT_HASH_HEX + 1];
	size_t		length;

	/* opened: before the first row, nothing sent yet */
	record.phase = AUDIT_PHASE_OPENED;
	record.rows = 0;
	record.persons = 0;
	record.digests = NULL;
	length = format_line(&record, audit_genesis_hash, line, hash);
	CHECK(strstr(line, "\tf\topened\t\t\t1\t0\t0\t\t") != NULL);
	CHECK_EQ_INT(audit_record_parse(line, length, &back), 0);
	CHECK_EQ_INT(back.phase, AUDIT_PHASE_OPENED);
	CHECK_EQ_INT(back.digest_count, 0);

	/* closed by the server after a crash: rows and persons unknown */
	record.phase = AUDIT_PHASE_CLOSED;
	record.opened_seq = 41;
	record.outcome = "ended";
	record.rows = AUDIT_UNKNOWN;
	record.persons = AUDIT_UNKNOWN;
	length = format_line(&record, audit_genesis_hash, line, hash);
	CHECK(strstr(line, "\tf\tclosed\t41\tended\t1\t\t\t\t") != NULL);
	CHECK_EQ_INT(audit_record_parse(line, length, &back), 0);
	CHECK_EQ_INT(back.phase, AUDIT_PHASE_CLOSED);
	CHECK_EQ_INT(back.opened_seq, 41);
	CHECK_EQ_STR(back.outcome, "ended");
	CHECK_EQ_INT(back.rows, AUDIT_UNKNOWN);
	CHECK_EQ_INT(back.persons, AUDIT_UNKNOWN);

	/* a summary of refusals: no purpose, no relations */
	record = sample();
	record.refused = 1;
	record.statements = 2990;
	record.purpose = NULL;
	record.relations = "";
	record.rows = 0;
	record.persons = 0;
	record.digests = NULL;
	length = format_line(&record, audit_genesis_hash, line, hash);
	CHECK_EQ_INT(audit_record_parse(line, length, &back), 0);
	CHECK_EQ_INT(back.refused, 1);
	CHECK_EQ_INT(back.statements, 2990);
	CHECK(back.purpose == NULL && back.relations == NULL);
}

static void
test_escapes(void)
{
	AuditRecord record = sample();
	AuditRecord back;
	char		line[LINE_MAX_BYTES];
	char		hash[AUDIT_HASH_HEX + 1];
	char		out[AUDIT_PURPOSE_MAX];
	size_t		length;

	record.purpose = "a\tb\nc\\d\re\x01\x7f";
	record.role = "bad\xff\xe3\x81utf8";
	length = format_line(&record, audit_genesis_hash, line, hash);
	/* one line, its fields apart: the escapes are in the file, not the bytes */
	CHECK(strchr(line, '\n') == NULL);
	CHECK(strstr(line, "\ta\\tb\\nc\\\\d\\re\\x01\\x7f\t") != NULL);
	CHECK(strstr(line, "\tbad\\xff\\xe3\\x81utf8\t") != NULL);
	CHECK_EQ_INT(audit_record_parse(line, length, &back), 0);
	CHECK_EQ_STR(back.purpose, "a\tb\nc\\d\re\x01\x7f");
	CHECK_EQ_STR(back.role, "bad\xff\xe3\x81utf8");

	/* cut to the bound with "…", never inside a character */
	{
		char		long_purpose[400];

		memset(long_purpose, 'x', 300);
		long_purpose[300] = '\0';
		length = audit_record_escape(long_purpose, 300, AUDIT_PURPOSE_MAX, out);
		CHECK_EQ_INT(length, AUDIT_PURPOSE_MAX);
		CHECK(memcmp(out + AUDIT_PURPOSE_MAX - 3, "…", 3) == 0);
		for (int i = 0; i < 130; i++)
			memcpy(long_purpose + 3 * i, "資", 3);
		long_purpose[390] = '\0';
		length = audit_record_escape(long_purpose, 390, AUDIT_PURPOSE_MAX, out);
		CHECK(length <= AUDIT_PURPOSE_MAX);
		CHECK_EQ_INT(length % 3, 0);	/* whole characters, then the mark */
		CHECK(memcmp(out + length - 3, "…", 3) == 0);
		/* exactly the bound is not cut */
		length = audit_record_escape(long_purpose, AUDIT_PURPOSE_MAX - 2, AUDIT_PURPOSE_MAX, out);
		CHECK_EQ_INT(length, AUDIT_PURPOSE_MAX - 2);
		/* escapes count against the bound */
		memset(long_purpose, '\t', 100);
		length = audit_record_escape(long_purpose, 100, AUDIT_PURPOSE_MAX, out);
		CHECK(length <= AUDIT_PURPOSE_MAX);
		CHECK(memcmp(out, "\\t\\t", 4) == 0);
	}

	/* a record of fields far over their bounds stays within the largest record */
	{
		static char huge[100001];

		memset(huge, '\x01', sizeof(huge) - 1);
		record = sample();
		record.digests = NULL;
		record.database = record.role = record.purpose = record.relations = record.action = record.outcome = huge;
		record.seq = record.query_id = record.opened_seq = record.statements = INT64_MIN;
		record.rows = record.persons = INT64_MAX;
		record.pid = INT32_MIN;
		length = audit_record_format(&record, audit_genesis_hash, line, hash);
		CHECK(length > 0 && length <= AUDIT_RECORD_MAX_WITHOUT_DIGESTS);
		line[length - 1] = '\0';
		CHECK_EQ_INT(audit_record_parse(line, length - 1, &back), 0);
		CHECK_EQ_INT(back.seq, INT64_MIN);
		CHECK_EQ_INT(back.pid, INT32_MIN);
		CHECK_EQ_INT(back.rows, INT64_MAX);
	}
}

static void
test_times(void)
{
	static const struct
	{
		int64_t		at;
		const char *text;
	}			times[] = {
		{0, "2000-01-01T00:00:00.000000Z"},
		{-1, "1999-12-31T23:59:59.999999Z"},
		{INT64_C(131328000000000), "2004-02-29T00:00:00.000000Z"},
		{INT64_C(762480000000000) + INT64_C(86399999999), "2024-02-29T23:59:59.999999Z"},
		{SOME_TIME, "2026-11-24T20:15:25.123456Z"},
		{-INT64_C(63082281600000000), "0001-01-01T00:00:00.000000Z"},
	};
	char		text[AUDIT_TIME_LENGTH + 1];

	for (size_t i = 0; i < sizeof(times) / sizeof(times[0]); i++)
	{
		audit_record_put_time(times[i].at, text);
		text[AUDIT_TIME_LENGTH] = '\0';
		CHECK_EQ_STR(text, times[i].text);
	}
}

/* A line of the given body with its chain tail, as 0.7 or a forger would write it. */
static size_t
chained(const char *body, const char *previous, char *line, char *hash)
{
	size_t		n = strlen(body);

	CHECK(audit_chain_hash(previous, body, n, hash) == 0);
	memcpy(line, body, n);
	n += audit_record_put_tail(previous, hash, line + n);
	line[--n] = '\0';
	return n;
}

static void
test_format_1(void)
{
	char		line[LINE_MAX_BYTES];
	char		hash[AUDIT_HASH_HEX + 1];
	AuditRecord back;
	size_t		length;

	length = chained("17\t2026-11-24T20:15:25.123456Z\t99\tclinic\t資格確認\t5\tcards\tread\tf\t1\t1\t"
					 "0123456789abcdef0123456789abcdef", audit_genesis_hash, line, hash);
	CHECK_EQ_INT(audit_record_parse(line, length, &back), 0);
	CHECK_EQ_INT(back.format, 1);
	CHECK_EQ_INT(back.seq, 17);
	CHECK_EQ_INT(back.logged_at, SOME_TIME);
	CHECK(back.database == NULL);
	CHECK_EQ_STR(back.role, "clinic");
	CHECK_EQ_INT(back.phase, AUDIT_PHASE_COMPLETE);
	CHECK_EQ_INT(back.statements, 1);
	CHECK_EQ_INT(back.digest_count, 1);
	CHECK_EQ_INT(strlen(back.previous_hash), AUDIT_HASH_HEX);

	/* before 0.7 the time was PostgreSQL's text in the session's zone: left to the caller */
	length = chained("3\t2026-11-20 10:00:00.123456+09\t99\tclinic\t\t0\tcards\tread\tt\t0\t0\t", audit_genesis_hash,
					 line, hash);
	CHECK_EQ_INT(audit_record_parse(line, length, &back), 0);
	CHECK_EQ_STR(back.time_text, "2026-11-20 10:00:00.123456+09");
	CHECK(back.purpose == NULL);
	CHECK_EQ_INT(back.refused, 1);

	/* not records */
	length = chained("3\t2026-11-24T20:15:25.123456Z\t99\tclinic", audit_genesis_hash, line, hash);
	CHECK_EQ_INT(audit_record_parse(line, length, &back), -1);
	length = chained("v2\t3\t2026-11-24T20:15:25.123456Z\t99\tclinic", audit_genesis_hash, line, hash);
	CHECK_EQ_INT(audit_record_parse(line, length, &back), -1);
	length = chained("v2\t1\t2023-02-29T00:00:00.000000Z\t1\t\t\t\t0\t\t\tf\tcomplete\t\t\t1\t0\t0\t", audit_genesis_hash,
					 line, hash);
	CHECK_EQ_INT(audit_record_parse(line, length, &back), -1);	/* no 29 February in 2023 */
	length = chained("v2\t1\t2024-02-29T00:00:00.000000Z\t1\t\t\t\t0\t\t\tf\tcomplete\t\t\t1\t0\t0\t", audit_genesis_hash,
					 line, hash);
	CHECK_EQ_INT(audit_record_parse(line, length, &back), 0);
	length = chained("v2\t1\t2024-02-29T00:00:00.000000Z\t1\t\t\t\t0\t\t\tf\tcomplete\t\t\t1\t0\t0\tABCD", audit_genesis_hash,
					 line, hash);
	CHECK_EQ_INT(audit_record_parse(line, length, &back), -1);	/* digests are lower-case hex */
	length = chained("v2\t1\t2024-02-29T00:00:00.000000Z\t1\t\t\tp\\q\t0\t\t\tf\tcomplete\t\t\t1\t0\t0\t", audit_genesis_hash,
					 line, hash);
	CHECK_EQ_INT(audit_record_parse(line, length, &back), -1);	/* an escape the writer never makes */
	length = chained("v2\t1\t2024-02-29T00:00:00.000000Z\t1\t\t\t\t0\t\t\tf\tbegun\t\t\t1\t0\t0\t", audit_genesis_hash,
					 line, hash);
	CHECK_EQ_INT(audit_record_parse(line, length, &back), -1);	/* no such phase */
}

static void
test_verifier(void)
{
	char		lines[4][LINE_MAX_BYTES];
	size_t		lengths[4];
	char		copy[LINE_MAX_BYTES];
	char		previous[AUDIT_HASH_HEX + 1];
	AuditVerifier verifier;
	AuditRecord record = sample();

	memcpy(previous, audit_genesis_hash, sizeof(previous));
	for (int i = 0; i < 4; i++)
	{
		char		hash[AUDIT_HASH_HEX + 1];

		record.seq = i + 1;
		lengths[i] = format_line(&record, previous, lines[i], hash);
		memcpy(previous, hash, sizeof(previous));
	}
#define ADD(i) (memcpy(copy, lines[i], lengths[i] + 1), audit_verifier_add(&verifier, copy, lengths[i]))
	audit_verifier_start(&verifier);
	CHECK(ADD(0) && ADD(1) && ADD(2) && ADD(3));
	CHECK_EQ_INT(verifier.first_broken, 0);
	CHECK(memcmp(verifier.previous, previous, AUDIT_HASH_HEX) == 0);

	/* a line deleted: the next one is broken */
	audit_verifier_start(&verifier);
	CHECK(ADD(0));
	CHECK(!ADD(2));
	CHECK_EQ_INT(verifier.first_broken, 2);

	/* a line edited: rows 3 becomes 9 */
	audit_verifier_start(&verifier);
	CHECK(ADD(0));
	{
		char	   *rows = strstr(lines[1], "\t1\t3\t2\t");

		CHECK(rows != NULL);
		rows[3] = '9';
		CHECK(!ADD(1));
		rows[3] = '3';
	}
	CHECK_EQ_INT(verifier.first_broken, 2);

	/* a forged line with a right hash but no record in it */
	audit_verifier_start(&verifier);
	CHECK(ADD(0));
	{
		char		hash[AUDIT_HASH_HEX + 1];
		char		forged[LINE_MAX_BYTES];
		size_t		length = chained("not a record", verifier.previous, forged, hash);

		CHECK(!audit_verifier_add(&verifier, forged, length));
	}
	CHECK_EQ_INT(verifier.first_broken, 2);
#undef ADD
}

static void
test_refusal_limit(void)
{
	static RefusalTable table;
	RefusalSummary due;
	int64_t		now = INT64_C(1000000000);
	int			written = 0;

	refusal_table_init(&table);
	for (int i = 0; i < 1000; i++)
	{
		written += refusal_admit(&table, "nobody", "clinic", "xxxx", "read", now + i, 10, &due);
		CHECK_EQ_INT(due.count, 0);
	}
	CHECK_EQ_INT(written, 10);
	/* nothing is due before the window ends, all at a shutdown */
	CHECK_EQ_INT(refusal_take_due(&table, now + 1000, 0, &due), 0);
	/* another role has its own window */
	CHECK_EQ_INT(refusal_admit(&table, "other", "clinic", NULL, "read", now, 10, &due), 1);

	/* the role's next refusal after the window: the summary first, then written again */
	CHECK_EQ_INT(refusal_admit(&table, "nobody", "clinic", "yyyy", "copy", now + REFUSAL_WINDOW_USECS, 10, &due), 1);
	CHECK_EQ_INT(due.count, 990);
	CHECK_EQ_STR(due.role, "nobody");
	CHECK_EQ_STR(due.purpose, "xxxx");
	CHECK_EQ_STR(due.action, "read");
	CHECK_EQ_INT(due.window_start, now);

	/* the writer's sweep: a window ended with refusals counted */
	for (int i = 0; i < 20; i++)
		refusal_admit(&table, "nobody", "clinic", "yyyy", "copy", now + REFUSAL_WINDOW_USECS + i, 10, &due);
	CHECK_EQ_INT(refusal_take_due(&table, now + REFUSAL_WINDOW_USECS + 100, 0, &due), 0);
	CHECK_EQ_INT(refusal_take_due(&table, now + 2 * REFUSAL_WINDOW_USECS, 0, &due), 1);
	CHECK_EQ_INT(due.count, 11);
	CHECK_EQ_INT(refusal_take_due(&table, now + 2 * REFUSAL_WINDOW_USECS, 0, &due), 0);
	/* and a shutdown takes what is counted in a running window */
	refusal_admit(&table, "third", "clinic", NULL, "read", now, 0, &due);
	CHECK_EQ_INT(refusal_take_due(&table, now, 1, &due), 1);
	CHECK_EQ_INT(due.count, 1);

	/* a full table: further roles share the overflow slot, whose summary names none */
	refusal_table_init(&table);
	for (int i = 0; i < REFUSAL_LIMIT_SLOTS; i++)
	{
		char		role[16];

		snprintf(role, sizeof(role), "role%d", i);
		CHECK_EQ_INT(refusal_admit(&table, role, "db", NULL, "read", now, 1, &due), 1);
	}
	CHECK_EQ_INT(refusal_admit(&table, "late1", "db", NULL, "read", now, 1, &due), 1);
	CHECK_EQ_INT(refusal_admit(&table, "late2", "db", NULL, "read", now, 1, &due), 0);
	CHECK_EQ_INT(refusal_take_due(&table, now, 1, &due), 1);
	CHECK_EQ_STR(due.role, "");
	CHECK_EQ_INT(due.count, 1);
	/* once a window has ended its slot is taken over, its summary due first */
	CHECK_EQ_INT(refusal_admit(&table, "role0", "db", NULL, "read", now + 1, 1, &due), 0);
	CHECK_EQ_INT(refusal_admit(&table, "late3", "db", NULL, "read", now + REFUSAL_WINDOW_USECS + 1, 1, &due), 1);
	CHECK_EQ_INT(due.count, 1);
	CHECK_EQ_STR(due.role, "role0");

	/* a long role name is cut at a character, not inside one */
	refusal_table_init(&table);
	{
		char		role[200];

		for (int i = 0; i < 66; i++)
			memcpy(role + 3 * i, "資", 3);
		role[198] = '\0';
		refusal_admit(&table, role, NULL, NULL, NULL, now, 0, &due);
		CHECK_EQ_INT(refusal_take_due(&table, now, 1, &due), 1);
		CHECK_EQ_INT(strlen(due.role), 63);
	}
}

int
main(void)
{
	test_layout();
	test_phases();
	test_escapes();
	test_times();
	test_format_1();
	test_verifier();
	test_refusal_limit();
	return unit_report("audit");
}
