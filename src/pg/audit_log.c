/*
 * The audit trail as a file, $PGDATA/hokenid_audit.log, one record a line,
 * each chained to the one before (src/core/audit_chain.h).
 *
 * Why a file and not a table: a record must survive the reader's ROLLBACK,
 * a later error in its transaction and an immediate shutdown right after
 * the statement returned.  A table row written in the reader's transaction
 * does none of that.  The record is copied under an LWLock, before the
 * statement's executor returns, into the file's pages mapped shared into
 * the backend (MAP_SHARED): from then on it is in the kernel's page cache,
 * and survives the backend, the server and an immediate shutdown, without
 * a system call per statement (a write() on a file all backends append to
 * costs a single-row select a quarter of its throughput).  The file grows
 * in preallocated steps, so after its records it holds zero bytes, where
 * readers stop.
 * Against a crash of the operating system it is made durable (fdatasync)
 * either by the statement itself or within hokenid.audit_sync_delay by the
 * audit writer (audit_writer.c), as hokenid.audit_sync says; one flush
 * serves every record written before it.  The chain head (last hash and
 * sequence number) lives in shared memory, read back from the file at
 * server start, when a torn last line (a crash mid-write, before the
 * statement could complete) is cut off.
 */
#include "postgres.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "funcapi.h"
#include "miscadmin.h"
#include "port/atomics.h"
#include "storage/fd.h"
#include "storage/ipc.h"
#include "storage/lwlock.h"
#include "storage/shmem.h"
#include "utils/builtins.h"
#include "utils/datetime.h"
#include "utils/timestamp.h"

#include "audit_chain.h"
#include "audit_log.h"
#include "hex.h"
#include "hmac_sha256.h"
#include "key_wrap.h"
#include "siphash.h"

#define AUDIT_FILE "hokenid_audit.log"
#define AUDIT_SECRET_FILE "hokenid_audit.key"

typedef struct AuditShared
{
	LWLock	   *lock;
	int64		next_seq;
	char		last_hash[AUDIT_HASH_HEX + 1];
	uint8		secret[MASTER_KEY_SIZE];
	pg_atomic_uint64 synced_through;	/* records up to this one are on disk */
	uint64		end;			/* bytes of records; zero bytes follow */
	uint64		file_size;		/* bytes allocated to the file */
	pg_atomic_uint32 file_damaged;	/* replaced or cut since the server started */
} AuditShared;

/* The file grows by this much at a time (and by a record's size). */
#define TRAIL_GROWTH ((uint64) 16 * 1024 * 1024)

static AuditShared *audit_shared = NULL;
static shmem_request_hook_type previous_shmem_request = NULL;
static shmem_startup_hook_type previous_shmem_startup = NULL;
static uint8 digest_key[SIPHASH_KEY_SIZE];
static bool digest_key_made = false;
static int	audit_fd = -1;		/* this process's descriptor, kept open */
static dev_t audit_device;		/* which file audit_fd is */
static ino_t audit_inode;
static char *mapping = NULL;	/* the whole file, shared */
static uint64 mapped_size = 0;

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
	bytes_to_hex(secret, MASTER_KEY_SIZE, content);
	if (write(fd, content, 2 * MASTER_KEY_SIZE) != 2 * MASTER_KEY_SIZE || pg_fsync(fd) != 0)
		ereport(FATAL, (errcode_for_file_access(), errmsg("hokenid: could not write %s: %m", AUDIT_SECRET_FILE)));
	close(fd);
	secure_zero(content, sizeof(content));
}

/*
 * Reading the trail a line at a time, up to the zero bytes that follow the
 * records.  A line is complete when it ends in '\n'; a torn last record
 * (cut by a crash mid-copy) is returned without one.
 */
typedef struct AuditReader
{
	FILE	   *file;
	char	   *line;			/* getline's buffer (malloc'd) */
	size_t		capacity;
	size_t		length;			/* of line, '\n' excluded */
	bool		complete;		/* line ended in '\n' */
	bool		at_zeros;
	char		previous[AUDIT_HASH_HEX + 1];
} AuditReader;

static bool
open_reader(AuditReader *reader)
{
	memset(reader, 0, sizeof(*reader));
	strlcpy(reader->previous, audit_genesis_hash, sizeof(reader->previous));
	reader->file = AllocateFile(AUDIT_FILE, PG_BINARY_R);
	return reader->file != NULL;
}

static bool
read_line(AuditReader *reader)
{
	ssize_t		n;
	char	   *zero;

	if (reader->file == NULL || reader->at_zeros || (n = getline(&reader->line, &reader->capacity, reader->file)) <= 0)
		return false;
	zero = memchr(reader->line, '\0', n);
	if (zero != NULL)
	{
		reader->at_zeros = true;
		n = zero - reader->line;
		reader->complete = false;
	}
	else
	{
		reader->complete = reader->line[n - 1] == '\n';
		n -= reader->complete;
	}
	reader->line[n] = '\0';
	reader->length = n;
	return n > 0 || reader->complete;
}

static void
close_reader(AuditReader *reader)
{
	if (reader->file != NULL)
		FreeFile(reader->file);
	free(reader->line);
}

/* Finds the chain head in the file, cutting off a torn last line. */
static void
load_chain_head(AuditShared *shared)
{
	AuditReader reader;
	uint64		complete_end = 0;

	strlcpy(shared->last_hash, audit_genesis_hash, sizeof(shared->last_hash));
	shared->next_seq = 1;
	if (open_reader(&reader))
	{
		while (read_line(&reader) && reader.complete)
		{
			complete_end += reader.length + 1;
			if (reader.length < AUDIT_HASH_HEX)
				continue;		/* not a record: audit_verify reports it */
			memcpy(shared->last_hash, reader.line + reader.length - AUDIT_HASH_HEX, AUDIT_HASH_HEX);
			shared->next_seq = strtoll(reader.line, NULL, 10) + 1;
		}
		close_reader(&reader);
		/* a torn record and the zeros allocated ahead go: the next record allocates afresh */
		if (truncate(AUDIT_FILE, (off_t) complete_end) != 0)
			ereport(WARNING, (errcode_for_file_access(), errmsg("hokenid: could not cut the audit trail's tail: %m")));
	}
	shared->end = complete_end;
	shared->file_size = complete_end;
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
		/* what was there at start is as durable as it will get */
		pg_atomic_init_u64(&audit_shared->synced_through, (uint64) (audit_shared->next_seq - 1));
		pg_atomic_init_u32(&audit_shared->file_damaged, 0);
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
	/* the digest key is the secret's, but not the secret itself */
	if (!digest_key_made)
	{
		static const char purpose[] = "hokenid person digest";
		HmacKey    *secret = hmac_key_create(audit_shared->secret, MASTER_KEY_SIZE);
		uint8		derived[HMAC_SHA256_SIZE];

		if (secret == NULL || hmac_sha256(secret, (const uint8 *) purpose, strlen(purpose), derived) != 0)
			ereport(ERROR, (errcode(ERRCODE_OUT_OF_MEMORY), errmsg("could not derive the audit digest key")));
		hmac_key_destroy(secret);
		memcpy(digest_key, derived, SIPHASH_KEY_SIZE);
		secure_zero(derived, sizeof(derived));
		digest_key_made = true;
	}
	StaticAssertStmt(AUDIT_DIGEST_SIZE == SIPHASH128_SIZE, "a digest is one SipHash-128 output");
	siphash128(digest_key, image, length, out);
}

/* The bytes of count digests as comma-separated hex. */
static uint64
digests_length(int64 count)
{
	return count == 0 ? 0 : (uint64) count * (AUDIT_DIGEST_HEX + 1) - 1;
}

/* Writes them straight into the trail: a bulk read names a million people. */
static void
write_digests(char *out, const uint8 *digests, int64 count)
{
	for (int64 i = 0; i < count; i++)
	{
		if (i > 0)
			*out++ = ',';
		bytes_to_hex(digests + i * AUDIT_DIGEST_SIZE, AUDIT_DIGEST_SIZE, out);
		out += AUDIT_DIGEST_HEX;
	}
}

/*
 * The time of a record in UTC, ISO 8601 with microseconds
 * ("2026-11-24T20:15:25.123456Z"): the same whatever the session's time
 * zone, and made without the time-zone machinery, once per statement.
 */
static void
format_utc(TimestampTz now, char *out, size_t size)
{
	int64		days = now / USECS_PER_DAY;
	int64		time_of_day = now % USECS_PER_DAY;
	int			year,
				month,
				day;

	if (time_of_day < 0)
	{
		time_of_day += USECS_PER_DAY;
		days--;
	}
	j2date((int) (days + POSTGRES_EPOCH_JDATE), &year, &month, &day);
	snprintf(out, size, "%04d-%02d-%02dT%02d:%02d:%02d.%06dZ", year, month, day,
			 (int) (time_of_day / USECS_PER_HOUR), (int) (time_of_day / USECS_PER_MINUTE % 60),
			 (int) (time_of_day / USECS_PER_SEC % 60), (int) (time_of_day % USECS_PER_SEC));
}

/* Tabs and line ends would break the record's layout. */
static void
append_field(StringInfo body, const char *value)
{
	appendStringInfoChar(body, '\t');
	for (const char *p = value ? value : ""; *p; p++)
		appendStringInfoChar(body, (*p == '\t' || *p == '\n' || *p == '\r') ? ' ' : *p);
}

static void
raise_trail_problem(const char *problem)
{
	ereport(ERROR,
			(errcode_for_file_access(),
			 errmsg("the hokenid audit trail cannot be written: %s", problem),
			 errhint("Nothing is disclosed without its record.  Restore %s in the data directory and "
					 "restart the server.", AUDIT_FILE)));
}

/*
 * This process's descriptor of the trail, opened once.  A trail replaced
 * or cut while the server runs is refused rather than written blindly:
 * records would go to a file nobody reads, or past its end.  The audit
 * writer looks for that (audit_log_check_file), so that a statement pays
 * no system call for it.
 */
static int
open_trail(void)
{
	struct stat st;

	if (audit_fd < 0)
	{
		audit_fd = open(AUDIT_FILE, O_RDWR | O_CREAT | PG_BINARY, S_IRUSR | S_IWUSR);
		if (audit_fd < 0 || fstat(audit_fd, &st) != 0)
			raise_trail_problem(strerror(errno));
		audit_device = st.st_dev;
		audit_inode = st.st_ino;
	}
	return audit_fd;
}

static int
audit_file(void)
{
	if (pg_atomic_read_u32(&audit_shared->file_damaged))
		raise_trail_problem("the file was replaced, removed or cut short while the server ran");
	return open_trail();
}

void
audit_log_check_file(void)
{
	struct stat st;

	if (pg_atomic_read_u32(&audit_shared->file_damaged))
		return;
	(void) open_trail();
	if (stat(AUDIT_FILE, &st) != 0 || st.st_dev != audit_device || st.st_ino != audit_inode ||
		(uint64) st.st_size < audit_shared->end)
	{
		pg_atomic_write_u32(&audit_shared->file_damaged, 1);
		ereport(LOG,
				(errmsg("hokenid: the audit trail %s was replaced, removed or cut short; "
						"disclosures are refused until the server restarts", AUDIT_FILE)));
	}
}

/* Under the lock: the file allocated and mapped up to needed bytes. */
static bool
map_trail(uint64 needed)
{
	if (audit_shared->file_size < needed)
	{
		uint64		size = needed + TRAIL_GROWTH - needed % TRAIL_GROWTH;
		int			failure = posix_fallocate(audit_fd, (off_t) audit_shared->file_size,
											  (off_t) (size - audit_shared->file_size));

		if (failure != 0)
		{
			errno = failure;	/* posix_fallocate returns it: %m reports it */
			return false;
		}
		audit_shared->file_size = size;
	}
	if (mapped_size < audit_shared->file_size)
	{
		if (mapping != NULL)
			munmap(mapping, mapped_size);
		mapping = mmap(NULL, audit_shared->file_size, PROT_READ | PROT_WRITE, MAP_SHARED, audit_fd, 0);
		if (mapping == MAP_FAILED)
		{
			mapping = NULL;
			mapped_size = 0;
			return false;
		}
		mapped_size = audit_shared->file_size;
	}
	return true;
}

/* The end of a record: tab, previous hash, tab, hash, line end. */
#define RECORD_TAIL_LENGTH (2 * AUDIT_HASH_HEX + 3)

void
audit_log_append(const AuditEntry *entry)
{
	StringInfoData fields;
	char		head[MAXDATELEN + 32];
	char		time[MAXDATELEN + 1];
	char		hash[AUDIT_HASH_HEX + 1];
	char		tail[RECORD_TAIL_LENGTH + 1];
	int64		persons = entry->digests ? entry->persons : 0;
	uint64		body_length;
	uint64		length;
	char	   *record;
	int			head_length;
	int64		sequence;
	bool		ok;

	if (audit_shared == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("the hokenid audit trail is not available"),
				 errhint("Add hokenid to shared_preload_libraries and restart the server.")));
	/* what does not depend on the chain is made before taking the lock */
	initStringInfo(&fields);
	appendStringInfo(&fields, "\t%d", MyProcPid);
	append_field(&fields, entry->role_name);
	append_field(&fields, entry->purpose);
	appendStringInfo(&fields, "\t" INT64_FORMAT, entry->query_id);
	append_field(&fields, entry->relations);
	append_field(&fields, entry->action);
	appendStringInfo(&fields, "\t%s\t" INT64_FORMAT "\t" INT64_FORMAT "\t", entry->refused ? "t" : "f",
					 entry->rows, entry->persons);
	format_utc(GetCurrentTimestamp(), time, sizeof(time));
	(void) audit_file();

	/*
	 * The lock orders the chain: the record is laid out in the mapped file,
	 * hashed there and only then counted in, nothing else.
	 */
	LWLockAcquire(audit_shared->lock, LW_EXCLUSIVE);
	sequence = audit_shared->next_seq;
	head_length = snprintf(head, sizeof(head), INT64_FORMAT "\t%s", sequence, time);
	body_length = head_length + fields.len + digests_length(persons);
	length = body_length + RECORD_TAIL_LENGTH;
	ok = map_trail(audit_shared->end + length);
	if (ok)
	{
		record = mapping + audit_shared->end;
		memcpy(record, head, head_length);
		memcpy(record + head_length, fields.data, fields.len);
		write_digests(record + head_length + fields.len, entry->digests, persons);
		ok = audit_chain_hash(audit_shared->last_hash, record, body_length, hash) == 0;
		if (ok)
		{
			snprintf(tail, sizeof(tail), "\t%s\t%s\n", audit_shared->last_hash, hash);
			memcpy(record + body_length, tail, RECORD_TAIL_LENGTH);
			audit_shared->end += length;
			memcpy(audit_shared->last_hash, hash, sizeof(hash));
			audit_shared->next_seq++;
		}
		else
			memset(record, 0, length);	/* readers stop at zeros */
	}
	LWLockRelease(audit_shared->lock);
	pfree(fields.data);
	/* no record, no disclosure: the statement fails rather than go unaudited */
	if (!ok)
		ereport(ERROR,
				(errcode_for_file_access(),
				 errmsg("could not write the hokenid audit record: %m")));
	if (audit_sync_each_statement())
		audit_log_sync(sequence);
}

int64
audit_log_written(void)
{
	int64		written;

	LWLockAcquire(audit_shared->lock, LW_SHARED);
	written = audit_shared->next_seq - 1;
	LWLockRelease(audit_shared->lock);
	return written;
}

/*
 * Makes the records up to through durable, with one flush for every record
 * written before it (concurrent statements and the writer share flushes).
 */
void
audit_log_sync(int64 through)
{
	uint64		flushed;
	uint64		known;

	if ((int64) pg_atomic_read_u64(&audit_shared->synced_through) >= through)
		return;
	flushed = (uint64) audit_log_written();
	if (pg_fdatasync(open_trail()) != 0)
		ereport(data_sync_elevel(ERROR),
				(errcode_for_file_access(),
				 errmsg("could not flush the hokenid audit trail: %m")));
	known = pg_atomic_read_u64(&audit_shared->synced_through);
	while (known < flushed && !pg_atomic_compare_exchange_u64(&audit_shared->synced_through, &known, flushed))
		;
}

/* ---------------------------------------------------------------- reading */

/* hokenid.audit_records(): the records, each with whether its link holds */
Datum
audit_records(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	AuditReader reader;

	InitMaterializedSRF(fcinfo, 0);
	open_reader(&reader);
	while (read_line(&reader))
	{
		char	   *fields[13];
		int			count = 0;
		char	   *p = reader.line;
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
	close_reader(&reader);
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
	while (broken < 0 && read_line(&reader))
	{
		size_t		body_length;
		const char *previous;
		const char *hash;

		position++;
		if (!audit_chain_check_line(reader.line, reader.length, &body_length, &previous, &hash) ||
			memcmp(previous, reader.previous, AUDIT_HASH_HEX) != 0)
			broken = position;
		else
			memcpy(reader.previous, hash, AUDIT_HASH_HEX);
	}
	close_reader(&reader);
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
