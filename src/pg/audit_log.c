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
static char *mapping = NULL;	/* a window of the file where records go, shared */
static uint64 mapped_offset = 0;	/* of the window in the file */
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

/* Digests written between two additions to the chain hash: about a page. */
#define DIGESTS_PER_PART 128

/*
 * Writes them straight into the trail, a bulk read names a million people,
 * and adds each part to the chain hash while it is still in the cache.
 */
static int
write_digests(char *out, const uint8 *digests, int64 count)
{
	char	   *part = out;

	for (int64 i = 0; i < count; i++)
	{
		if (i > 0)
			*out++ = ',';
		bytes_to_hex(digests + i * AUDIT_DIGEST_SIZE, AUDIT_DIGEST_SIZE, out);
		out += AUDIT_DIGEST_HEX;
		if ((i + 1) % DIGESTS_PER_PART == 0 || i + 1 == count)
		{
			if (audit_chain_add(part, out - part) != 0)
				return -1;
			part = out;
		}
	}
	return 0;
}

/* Records this long take their pages in one call rather than a fault each. */
#define PREFAULT_BYTES (256 * 1024)

/*
 * A bulk read's record spans thousands of pages of the mapping not yet
 * touched; one madvise maps them all, where a page fault each would cost
 * more than writing them.  Without MADV_POPULATE_WRITE (Linux 5.14) or when
 * it fails, the faults do the same work.
 */
static void
prefault(char *start, uint64 length)
{
#ifdef MADV_POPULATE_WRITE
	uintptr_t	page;

	if (length < PREFAULT_BYTES)
		return;
	page = (uintptr_t) start & ~((uintptr_t) sysconf(_SC_PAGESIZE) - 1);
	(void) madvise((void *) page, (uintptr_t) start + length - page, MADV_POPULATE_WRITE);
#else
	(void) start;
	(void) length;
#endif
}

/* value in width decimal digits, zero-padded; returns the end */
static char *
put_digits(char *out, int64 value, int width)
{
	for (int i = width - 1; i >= 0; i--, value /= 10)
		out[i] = (char) ('0' + value % 10);
	return out + width;
}

/*
 * The time of a record in UTC, ISO 8601 with microseconds
 * ("2026-11-24T20:15:25.123456Z", AUDIT_TIME_LENGTH characters): the same
 * whatever the session's time zone, and made without the time-zone
 * machinery or a format string, once per statement.
 */
#define AUDIT_TIME_LENGTH 27

static void
format_utc(TimestampTz now, char *out)
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
	out = put_digits(out, year, 4);
	*out++ = '-';
	out = put_digits(out, month, 2);
	*out++ = '-';
	out = put_digits(out, day, 2);
	*out++ = 'T';
	out = put_digits(out, time_of_day / USECS_PER_HOUR, 2);
	*out++ = ':';
	out = put_digits(out, time_of_day / USECS_PER_MINUTE % 60, 2);
	*out++ = ':';
	out = put_digits(out, time_of_day / USECS_PER_SEC % 60, 2);
	*out++ = '.';
	out = put_digits(out, time_of_day % USECS_PER_SEC, 6);
	*out++ = 'Z';
	*out = '\0';
}

static void
append_number(StringInfo body, int64 value)
{
	char		digits[MAXINT8LEN + 1];

	appendStringInfoChar(body, '\t');
	appendBinaryStringInfo(body, digits, pg_lltoa(value, digits));
}

/* Tabs and line ends would break the record's layout. */
static void
append_field(StringInfo body, const char *value)
{
	const char *p = value ? value : "";
	size_t		plain = strcspn(p, "\t\n\r");

	appendStringInfoChar(body, '\t');
	appendBinaryStringInfo(body, p, (int) plain);
	for (p += plain; *p; p++)
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

/*
 * Records are written through a window of the file, not a mapping of all
 * of it: a trail grows without bound, and unmapping a mapping of gigabytes
 * whose pages this process wrote costs every backend milliseconds each time
 * the file grows.  The window may reach past the end of the file, which is
 * allocated ahead of every record written (touching past it would fault).
 */
#define TRAIL_WINDOW ((uint64) 64 * 1024 * 1024)

/*
 * Under the lock: the file allocated up to the end of a record of length
 * bytes at the end of the trail, and where in this process it is written;
 * NULL on failure (errno says why).
 */
static char *
map_trail(uint64 length)
{
	uint64		start = audit_shared->end;
	uint64		needed = start + length;

	if (audit_shared->file_size < needed)
	{
		uint64		size = needed + TRAIL_GROWTH - needed % TRAIL_GROWTH;
		int			failure = posix_fallocate(audit_fd, (off_t) audit_shared->file_size,
											  (off_t) (size - audit_shared->file_size));

		if (failure != 0)
		{
			errno = failure;	/* posix_fallocate returns it: %m reports it */
			return NULL;
		}
		audit_shared->file_size = size;
	}
	if (mapping == NULL || start < mapped_offset || needed > mapped_offset + mapped_size)
	{
		uint64		page = (uint64) sysconf(_SC_PAGESIZE);
		uint64		offset = start - start % page;
		uint64		size = Max(TRAIL_WINDOW, needed - offset + page - 1) / page * page;

		if (mapping != NULL)
			munmap(mapping, mapped_size);
		mapping = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, audit_fd, (off_t) offset);
		if (mapping == MAP_FAILED)
		{
			mapping = NULL;
			return NULL;
		}
		mapped_offset = offset;
		mapped_size = size;
	}
	return mapping + (start - mapped_offset);
}

/*
 * The buffer a record's fields are laid out in, emptied for each record and
 * kept for the backend: a statement's memory context is new, and its first
 * allocation a malloc, which a single-row select notices.
 */
static StringInfo
record_fields(void)
{
	static StringInfo fields = NULL;

	if (fields == NULL)
	{
		MemoryContext old = MemoryContextSwitchTo(TopMemoryContext);

		fields = makeStringInfo();
		MemoryContextSwitchTo(old);
	}
	resetStringInfo(fields);
	return fields;
}

/* The end of a record: tab, previous hash, tab, hash, line end. */
#define RECORD_TAIL_LENGTH (2 * AUDIT_HASH_HEX + 3)

void
audit_log_append(const AuditEntry *entry)
{
	StringInfo	fields = record_fields();
	char		head[MAXINT8LEN + 1 + AUDIT_TIME_LENGTH];
	char		time[AUDIT_TIME_LENGTH + 1];
	char		hash[AUDIT_HASH_HEX + 1];
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
	append_number(fields, MyProcPid);
	append_field(fields, entry->role_name);
	append_field(fields, entry->purpose);
	append_number(fields, entry->query_id);
	append_field(fields, entry->relations);
	append_field(fields, entry->action);
	append_field(fields, entry->refused ? "t" : "f");
	append_number(fields, entry->rows);
	append_number(fields, entry->persons);
	appendStringInfoChar(fields, '\t');
	format_utc(GetCurrentTimestamp(), time);
	(void) audit_file();

	/*
	 * The lock orders the chain: the record is laid out in the mapped file,
	 * hashed as it is written and only then counted in, nothing else.
	 */
	LWLockAcquire(audit_shared->lock, LW_EXCLUSIVE);
	sequence = audit_shared->next_seq;
	head_length = pg_lltoa(sequence, head);
	head[head_length++] = '\t';
	memcpy(head + head_length, time, AUDIT_TIME_LENGTH);
	head_length += AUDIT_TIME_LENGTH;
	body_length = head_length + fields->len + digests_length(persons);
	length = body_length + RECORD_TAIL_LENGTH;
	record = map_trail(length);
	ok = record != NULL;
	if (ok)
	{
		prefault(record, length);
		memcpy(record, head, head_length);
		memcpy(record + head_length, fields->data, fields->len);
		ok = audit_chain_start(audit_shared->last_hash) == 0 &&
			audit_chain_add(record, head_length + fields->len) == 0 &&
			write_digests(record + head_length + fields->len, entry->digests, persons) == 0 &&
			audit_chain_finish(hash) == 0;
		if (ok)
		{
			/* tab, previous hash, tab, hash, line end */
			record[body_length] = '\t';
			memcpy(record + body_length + 1, audit_shared->last_hash, AUDIT_HASH_HEX);
			record[body_length + 1 + AUDIT_HASH_HEX] = '\t';
			memcpy(record + body_length + 2 + AUDIT_HASH_HEX, hash, AUDIT_HASH_HEX);
			record[length - 1] = '\n';
			audit_shared->end += length;
			memcpy(audit_shared->last_hash, hash, sizeof(hash));
			audit_shared->next_seq++;
		}
		else
			memset(record, 0, length);	/* readers stop at zeros */
	}
	LWLockRelease(audit_shared->lock);
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
