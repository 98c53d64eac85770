/*
 * The audit trail as a file, $PGDATA/hokenid_audit.log, one record a line,
 * each chained to the one before (src/core/audit_chain.h).
 *
 * Why a file and not a table: a record must survive the reader's ROLLBACK,
 * a later error in its transaction and an immediate shutdown right after
 * the statement returned.  A table row written in the reader's transaction
 * does none of that; the file is written with one write() and fsynced under
 * an LWLock before the statement's executor returns, so a client that saw a
 * result can rely on its record being on disk.  The chain head (last hash
 * and sequence number) lives in shared memory, read back from the file at
 * server start, when a torn last line (a crash mid-write, before the
 * statement could complete) is cut off.
 */
#include "postgres.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "funcapi.h"
#include "miscadmin.h"
#include "storage/fd.h"
#include "storage/ipc.h"
#include "storage/lwlock.h"
#include "storage/shmem.h"
#include "utils/builtins.h"
#include "utils/timestamp.h"

#include "audit_chain.h"
#include "audit_log.h"
#include "hex.h"
#include "hmac_sha256.h"
#include "key_wrap.h"

#define AUDIT_FILE "hokenid_audit.log"
#define AUDIT_SECRET_FILE "hokenid_audit.key"

typedef struct AuditShared
{
	LWLock	   *lock;
	int64		next_seq;
	char		last_hash[AUDIT_HASH_HEX + 1];
	uint8		secret[MASTER_KEY_SIZE];
} AuditShared;

static AuditShared *audit_shared = NULL;
static shmem_request_hook_type previous_shmem_request = NULL;
static shmem_startup_hook_type previous_shmem_startup = NULL;
static HmacKey *digest_key = NULL;
static int	audit_fd = -1;		/* this backend's append descriptor, kept open */

PG_FUNCTION_INFO_V1(audit_records);
PG_FUNCTION_INFO_V1(audit_first_broken);

static void
audit_shmem_request(void)
{
	if (previous_shmem_request)
		previous_shmem_request();
	RequestAddinShmemSpace(MAXALIGN(sizeof(AuditShared)));
	RequestNamedLWLockTranche("hokenid_audit", 1);
}

/* The cluster's digest secret: made once, kept beside the data, 0600. */
static void
load_secret(uint8 *secret)
{
	char		content[80];
	int			fd = open(AUDIT_SECRET_FILE, O_RDONLY | PG_BINARY);
	ssize_t		n;

	if (fd >= 0)
	{
		n = read(fd, content, sizeof(content));
		close(fd);
		if (n > 0 && master_key_parse(content, (size_t) n, secret) == 0)
			return;
		ereport(FATAL, (errmsg("hokenid: %s is damaged", AUDIT_SECRET_FILE)));
	}
	if (random_bytes(secret, MASTER_KEY_SIZE) != 0)
		ereport(FATAL, (errmsg("hokenid: could not generate the audit secret")));
	fd = open(AUDIT_SECRET_FILE, O_WRONLY | O_CREAT | O_EXCL | PG_BINARY, S_IRUSR | S_IWUSR);
	if (fd < 0)
		ereport(FATAL, (errcode_for_file_access(), errmsg("hokenid: could not create %s: %m", AUDIT_SECRET_FILE)));
	for (int i = 0; i < MASTER_KEY_SIZE; i++)
		snprintf(content + 2 * i, 3, "%02x", secret[i]);
	if (write(fd, content, 2 * MASTER_KEY_SIZE) != 2 * MASTER_KEY_SIZE || pg_fsync(fd) != 0)
		ereport(FATAL, (errcode_for_file_access(), errmsg("hokenid: could not write %s: %m", AUDIT_SECRET_FILE)));
	close(fd);
	secure_zero(content, sizeof(content));
}

/* Finds the chain head in the file, cutting off a torn last line. */
static void
load_chain_head(AuditShared *shared)
{
	FILE	   *file = AllocateFile(AUDIT_FILE, PG_BINARY_R);
	StringInfoData line;
	long		complete_end = 0;
	int			c;

	strlcpy(shared->last_hash, audit_genesis_hash, sizeof(shared->last_hash));
	shared->next_seq = 1;
	if (file == NULL)
		return;
	initStringInfo(&line);
	while ((c = fgetc(file)) != EOF)
	{
		if (c != '\n')
		{
			appendStringInfoChar(&line, (char) c);
			continue;
		}
		complete_end = ftell(file);
		if (line.len >= AUDIT_HASH_HEX)
			memcpy(shared->last_hash, line.data + line.len - AUDIT_HASH_HEX, AUDIT_HASH_HEX);
		shared->next_seq = strtoll(line.data, NULL, 10) + 1;
		resetStringInfo(&line);
	}
	FreeFile(file);
	if (line.len > 0 && truncate(AUDIT_FILE, complete_end) != 0)
		ereport(WARNING, (errcode_for_file_access(), errmsg("hokenid: could not cut a torn audit record: %m")));
	pfree(line.data);
}

static void
audit_shmem_startup(void)
{
	bool		found;

	if (previous_shmem_startup)
		previous_shmem_startup();
	LWLockAcquire(AddinShmemInitLock, LW_EXCLUSIVE);
	audit_shared = ShmemInitStruct("hokenid_audit", sizeof(AuditShared), &found);
	if (!found)
	{
		audit_shared->lock = &(GetNamedLWLockTranche("hokenid_audit"))->lock;
		load_secret(audit_shared->secret);
		load_chain_head(audit_shared);
	}
	LWLockRelease(AddinShmemInitLock);
}

void
audit_log_init(void)
{
	previous_shmem_request = shmem_request_hook;
	shmem_request_hook = audit_shmem_request;
	previous_shmem_startup = shmem_startup_hook;
	shmem_startup_hook = audit_shmem_startup;
}

void
audit_digest(const uint8 *image, size_t length, uint8 out[AUDIT_DIGEST_SIZE])
{
	uint8		mac[HMAC_SHA256_SIZE];

	if (digest_key == NULL)
		digest_key = hmac_key_create(audit_shared->secret, MASTER_KEY_SIZE);
	if (digest_key == NULL || hmac_sha256(digest_key, image, length, mac) != 0)
		ereport(ERROR, (errcode(ERRCODE_OUT_OF_MEMORY), errmsg("could not compute an audit digest")));
	memcpy(out, mac, AUDIT_DIGEST_SIZE);
}

void
audit_digest_hex(const uint8 digest[AUDIT_DIGEST_SIZE], char out[AUDIT_DIGEST_HEX + 1])
{
	bytes_to_hex(digest, AUDIT_DIGEST_SIZE, out);
}

/* Tabs and line ends would break the record's layout. */
static void
append_field(StringInfo body, const char *value)
{
	appendStringInfoChar(body, '\t');
	for (const char *p = value ? value : ""; *p; p++)
		appendStringInfoChar(body, (*p == '\t' || *p == '\n' || *p == '\r') ? ' ' : *p);
}

void
audit_log_append(const AuditEntry *entry)
{
	StringInfoData body;
	char		hash[AUDIT_HASH_HEX + 1];
	int			fd;
	bool		ok;

	if (audit_shared == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("the hokenid audit trail is not available"),
				 errhint("Add hokenid to shared_preload_libraries and restart the server.")));
	initStringInfo(&body);
	LWLockAcquire(audit_shared->lock, LW_EXCLUSIVE);
	appendStringInfo(&body, INT64_FORMAT, audit_shared->next_seq);
	append_field(&body, timestamptz_to_str(GetCurrentTimestamp()));
	appendStringInfo(&body, "\t%d", MyProcPid);
	append_field(&body, entry->role_name);
	append_field(&body, entry->purpose);
	appendStringInfo(&body, "\t" INT64_FORMAT, entry->query_id);
	append_field(&body, entry->relations);
	append_field(&body, entry->action);
	appendStringInfo(&body, "\t%s\t" INT64_FORMAT "\t" INT64_FORMAT, entry->refused ? "t" : "f",
					 entry->rows, entry->persons);
	append_field(&body, entry->digests ? entry->digests->data : "");
	ok = audit_chain_hash(audit_shared->last_hash, body.data, body.len, hash) == 0;
	appendStringInfo(&body, "\t%s\t%s\n", audit_shared->last_hash, hash);
	/*
	 * Kept open across statements (reopened if the file was replaced).  The
	 * write happens under the lock, which orders the chain; the flush after
	 * it, so that concurrent statements share their flushes.
	 */
	if (ok && audit_fd >= 0)
	{
		struct stat st;

		if (fstat(audit_fd, &st) != 0 || st.st_nlink == 0)
		{
			close(audit_fd);
			audit_fd = -1;
		}
	}
	if (ok && audit_fd < 0)
		audit_fd = open(AUDIT_FILE, O_WRONLY | O_APPEND | O_CREAT | PG_BINARY, S_IRUSR | S_IWUSR);
	fd = audit_fd;
	ok = ok && fd >= 0 && write(fd, body.data, body.len) == body.len;
	if (ok)
	{
		memcpy(audit_shared->last_hash, hash, sizeof(hash));
		audit_shared->next_seq++;
	}
	LWLockRelease(audit_shared->lock);
	ok = ok && pg_fdatasync(fd) == 0;
	pfree(body.data);
	/* no record, no disclosure: the statement fails rather than go unaudited */
	if (!ok)
		ereport(ERROR,
				(errcode_for_file_access(),
				 errmsg("could not write the hokenid audit record: %m")));
}

/* ---------------------------------------------------------------- reading */

typedef struct AuditReader
{
	FILE	   *file;
	StringInfoData line;
	char		previous[AUDIT_HASH_HEX + 1];
} AuditReader;

static bool
read_line(AuditReader *reader)
{
	int			c;

	resetStringInfo(&reader->line);
	while ((c = fgetc(reader->file)) != EOF && c != '\n')
		appendStringInfoChar(&reader->line, (char) c);
	return c != EOF || reader->line.len > 0;
}

static void
open_reader(AuditReader *reader)
{
	reader->file = AllocateFile(AUDIT_FILE, PG_BINARY_R);
	initStringInfo(&reader->line);
	strlcpy(reader->previous, audit_genesis_hash, sizeof(reader->previous));
}

/* hokenid.audit_records(): the records, each with whether its link holds */
Datum
audit_records(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	AuditReader reader;

	InitMaterializedSRF(fcinfo, 0);
	open_reader(&reader);
	while (reader.file != NULL && read_line(&reader))
	{
		char	   *fields[13];
		int			count = 0;
		char	   *p = reader.line.data;
		Datum		values[13];
		bool		nulls[13];

		memset(nulls, 0, sizeof(nulls));
		fields[count++] = p;
		for (; *p && count < 13; p++)
			if (*p == '\t')
			{
				*p = '\0';
				fields[count++] = p + 1;
			}
		if (count < 13)
			continue;			/* not a record: audit_verify reports it */
		values[0] = Int64GetDatum(strtoll(fields[0], NULL, 10));
		values[1] = DirectFunctionCall3(timestamptz_in, CStringGetDatum(fields[1]),
										ObjectIdGetDatum(InvalidOid), Int32GetDatum(-1));
		values[2] = Int32GetDatum(atoi(fields[2]));
		values[3] = CStringGetTextDatum(fields[3]);
		values[4] = CStringGetTextDatum(fields[4]);
		values[5] = Int64GetDatum(strtoll(fields[5], NULL, 10));
		values[6] = CStringGetTextDatum(fields[6]);
		values[7] = CStringGetTextDatum(fields[7]);
		values[8] = BoolGetDatum(fields[8][0] == 't');
		values[9] = Int64GetDatum(strtoll(fields[9], NULL, 10));
		values[10] = Int64GetDatum(strtoll(fields[10], NULL, 10));
		values[11] = CStringGetTextDatum(fields[11]);
		values[12] = CStringGetTextDatum(fields[12]);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	if (reader.file != NULL)
		FreeFile(reader.file);
	return (Datum) 0;
}

/*
 * The sequence number of the first record whose link is broken (edited,
 * inserted, deleted or torn), or NULL when the chain is intact up to the
 * head the server keeps (which also catches records cut from the end).
 */
Datum
audit_first_broken(PG_FUNCTION_ARGS)
{
	AuditReader reader;
	int64		position = 0;
	int64		broken = -1;

	(void) fcinfo;
	open_reader(&reader);
	while (reader.file != NULL && broken < 0 && read_line(&reader))
	{
		size_t		body_length;
		const char *previous;
		const char *hash;

		position++;
		if (!audit_chain_check_line(reader.line.data, reader.line.len, &body_length, &previous, &hash) ||
			memcmp(previous, reader.previous, AUDIT_HASH_HEX) != 0)
			broken = position;
		else
			memcpy(reader.previous, hash, AUDIT_HASH_HEX);
	}
	if (reader.file != NULL)
		FreeFile(reader.file);
	if (broken < 0 && audit_shared != NULL)
	{
		LWLockAcquire(audit_shared->lock, LW_SHARED);
		if (memcmp(reader.previous, audit_shared->last_hash, AUDIT_HASH_HEX) != 0)
			broken = position + 1;	/* records are missing at the end */
		LWLockRelease(audit_shared->lock);
	}
	if (broken < 0)
		PG_RETURN_NULL();
	PG_RETURN_INT64(broken);
}
