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
 * statement could complete) is cut off, and every statement whose opened
 * record has no closed one is closed with outcome "ended".
 *
 * The record's format is audit_record.h's; this file places records in the
 * file, numbers and chains them.  Refusals are limited per role (the
 * refusal table in shared memory, refusal_limit.h), so that a role without
 * privileges cannot fill the disk with them.
 */
#include "postgres.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "access/xact.h"
#include "commands/dbcommands.h"
#include "funcapi.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "port/atomics.h"
#include "storage/fd.h"
#include "storage/ipc.h"
#include "storage/lwlock.h"
#include "storage/shmem.h"
#include "utils/builtins.h"
#include "utils/timestamp.h"

#include "audit_chain.h"
#include "audit_log.h"
#include "audit_record.h"
#include "hex.h"
#include "hmac_sha256.h"
#include "key_wrap.h"
#include "refusal_limit.h"
#include "siphash.h"

#define AUDIT_FILE "hokenid_audit.log"
#define AUDIT_SECRET_FILE "hokenid_audit.key"

typedef struct AuditShared
{
	LWLock	   *lock;
	LWLock	   *refusal_lock;	/* of refusals; never held with lock */
	int64		next_seq;
	char		last_hash[AUDIT_HASH_HEX + 1];
	uint8		secret[MASTER_KEY_SIZE];
	pg_atomic_uint64 synced_through;	/* records up to this one are on disk */
	uint64		end;			/* bytes of records; zero bytes follow */
	uint64		file_size;		/* bytes allocated to the file */
	pg_atomic_uint32 file_damaged;	/* replaced or cut since the server started */
	RefusalTable refusals;		/* refusals per role and minute */
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
static uint64 populated_end = 0;	/* the window's pages up to here (in the file) are mapped in */

PG_FUNCTION_INFO_V1(audit_records);
PG_FUNCTION_INFO_V1(audit_first_broken);

static void
audit_shmem_request(void)
{
	if (previous_shmem_request)
		previous_shmem_request();
	RequestAddinShmemSpace(MAXALIGN(sizeof(AuditShared)));
	RequestNamedLWLockTranche("hokenid_audit", 2);
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
} AuditReader;

static bool
open_reader(AuditReader *reader)
{
	memset(reader, 0, sizeof(*reader));
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

/* An opened record not (yet) followed by its closed one, kept by the loader. */
typedef struct OpenedRecord
{
	int64		seq;
	int32		pid;
	int64		query_id;
	char	   *database;
	char	   *role;
	char	   *purpose;
	char	   *relations;
	char	   *action;
} OpenedRecord;

typedef struct OpenedRecords
{
	OpenedRecord *records;
	int			count;
	int			capacity;
} OpenedRecords;

static void
note_opened(OpenedRecords *opened, const AuditRecord *record)
{
	OpenedRecord *kept;

	if (opened->count == opened->capacity)
	{
		opened->capacity = Max(16, 2 * opened->capacity);
		opened->records = opened->records ? repalloc(opened->records, opened->capacity * sizeof(OpenedRecord))
			: palloc(opened->capacity * sizeof(OpenedRecord));
	}
	kept = &opened->records[opened->count++];
	kept->seq = record->seq;
	kept->pid = record->pid;
	kept->query_id = record->query_id;
	kept->database = record->database ? pstrdup(record->database) : NULL;
	kept->role = record->role ? pstrdup(record->role) : NULL;
	kept->purpose = record->purpose ? pstrdup(record->purpose) : NULL;
	kept->relations = record->relations ? pstrdup(record->relations) : NULL;
	kept->action = record->action ? pstrdup(record->action) : NULL;
}

static void
free_if(char *text)
{
	if (text != NULL)
		pfree(text);
}

/*
 * A closed record forgets its opened one, the most recent looked at first:
 * the loader holds only the statements open at once, however long the trail.
 */
static void
note_closed(OpenedRecords *opened, int64 opened_seq)
{
	for (int i = opened->count - 1; i >= 0; i--)
		if (opened->records[i].seq == opened_seq)
		{
			OpenedRecord *closed = &opened->records[i];

			free_if(closed->database);
			free_if(closed->role);
			free_if(closed->purpose);
			free_if(closed->relations);
			free_if(closed->action);
			memmove(&opened->records[i], &opened->records[i + 1], (opened->count - i - 1) * sizeof(OpenedRecord));
			opened->count--;
			return;
		}
}

/*
 * Closes, at server start, the statements whose opened record has no closed
 * one: the backend died or the server crashed while they ran.  Each gets a
 * closed record with outcome "ended" and rows and persons unknown, written
 * (and flushed) here, before any backend runs.  A failure is reported and
 * the records stay open, to be closed at the next start.
 */
static void
close_ended(AuditShared *shared, const OpenedRecords *opened, uint64 *end)
{
	int			fd;

	if (opened->count == 0)
		return;
	fd = open(AUDIT_FILE, O_WRONLY | PG_BINARY);
	if (fd < 0)
	{
		ereport(WARNING, (errcode_for_file_access(), errmsg("hokenid: could not close the audit trail's open records: %m")));
		return;
	}
	for (int i = 0; i < opened->count; i++)
	{
		const OpenedRecord *open_record = &opened->records[i];
		AuditRecord record;
		char		hash[AUDIT_HASH_HEX + 1];
		char	   *line;
		size_t		length;

		memset(&record, 0, sizeof(record));
		record.seq = shared->next_seq;
		record.logged_at = GetCurrentTimestamp();
		record.pid = open_record->pid;
		record.database = open_record->database;
		record.role = open_record->role;
		record.purpose = open_record->purpose;
		record.query_id = open_record->query_id;
		record.relations = open_record->relations;
		record.action = open_record->action;
		record.phase = AUDIT_PHASE_CLOSED;
		record.opened_seq = open_record->seq;
		record.outcome = "ended";
		record.statements = 1;
		record.rows = AUDIT_UNKNOWN;
		record.persons = AUDIT_UNKNOWN;
		line = palloc(audit_record_max_length(&record));
		length = audit_record_format(&record, shared->last_hash, line, hash);
		if (length == 0 || pwrite(fd, line, length, (off_t) *end) != (ssize_t) length)
		{
			ereport(WARNING, (errcode_for_file_access(), errmsg("hokenid: could not close the audit trail's open records: %m")));
			if (ftruncate(fd, (off_t) *end) != 0)
				ereport(WARNING, (errcode_for_file_access(), errmsg("hokenid: could not cut the audit trail's tail: %m")));
			break;
		}
		pfree(line);
		*end += length;
		memcpy(shared->last_hash, hash, sizeof(hash));
		shared->next_seq++;
	}
	if (pg_fsync(fd) != 0)
		ereport(WARNING, (errcode_for_file_access(), errmsg("hokenid: could not flush the audit trail: %m")));
	close(fd);
	ereport(LOG, (errmsg_plural("hokenid: %d statement ended without its audit record closed; closed as ended",
								"hokenid: %d statements ended without their audit records closed; closed as ended",
								opened->count, opened->count)));
}

/*
 * Finds the chain head in the file, cutting off a torn last line, and
 * closes the statements left open (close_ended).
 */
static void
load_chain_head(AuditShared *shared)
{
	AuditReader reader;
	uint64		complete_end = 0;
	OpenedRecords opened = {NULL, 0, 0};
	MemoryContext loading = AllocSetContextCreate(CurrentMemoryContext, "hokenid audit loader", ALLOCSET_DEFAULT_SIZES);
	MemoryContext old = MemoryContextSwitchTo(loading);

	strlcpy(shared->last_hash, audit_genesis_hash, sizeof(shared->last_hash));
	shared->next_seq = 1;
	if (open_reader(&reader))
	{
		while (read_line(&reader) && reader.complete)
		{
			AuditRecord record;

			complete_end += reader.length + 1;
			if (reader.length < AUDIT_HASH_HEX)
				continue;		/* not a record: audit_verify reports it */
			memcpy(shared->last_hash, reader.line + reader.length - AUDIT_HASH_HEX, AUDIT_HASH_HEX);
			if (audit_record_parse(reader.line, reader.length, &record) != 0)
				continue;
			shared->next_seq = record.seq + 1;
			if (record.phase == AUDIT_PHASE_OPENED)
				note_opened(&opened, &record);
			else if (record.phase == AUDIT_PHASE_CLOSED)
				note_closed(&opened, record.opened_seq);
		}
		close_reader(&reader);
		/* a torn record and the zeros allocated ahead go: the next record allocates afresh */
		if (truncate(AUDIT_FILE, (off_t) complete_end) != 0)
			ereport(WARNING, (errcode_for_file_access(), errmsg("hokenid: could not cut the audit trail's tail: %m")));
		else
			close_ended(shared, &opened, &complete_end);
	}
	shared->end = complete_end;
	shared->file_size = complete_end;
	MemoryContextSwitchTo(old);
	MemoryContextDelete(loading);
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
		audit_shared->lock = &(GetNamedLWLockTranche("hokenid_audit"))[0].lock;
		audit_shared->refusal_lock = &(GetNamedLWLockTranche("hokenid_audit"))[1].lock;
		refusal_table_init(&audit_shared->refusals);
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

/* Records this long take their pages in one call rather than a fault each. */
#define PREFAULT_BYTES (256 * 1024)

/* How far past the next record a backend maps the trail's pages in ahead. */
#define POPULATE_AHEAD ((uint64) 64 * 1024)

/*
 * Maps in the window's pages from from to to (offsets in the file, to at a
 * page boundary): one madvise rather than a page fault each.  A page first
 * touched costs the kernel its allocation and zeroing (the file's blocks
 * are allocated unwritten) and ext4 its write fault: about 15 us on this
 * kind of VM, once per page and process.  Without MADV_POPULATE_WRITE
 * (Linux 5.14) or when it fails, the faults do the same work.
 */
static void
populate(uint64 from, uint64 to)
{
#ifdef MADV_POPULATE_WRITE
	uint64		page = (uint64) sysconf(_SC_PAGESIZE);

	from -= from % page;
	if (to > from)
		(void) madvise(mapping + (from - mapped_offset), to - from, MADV_POPULATE_WRITE);
#endif
	populated_end = Max(populated_end, to);
}

/*
 * Before the lock: the pages the next record of length bytes will take, and
 * POPULATE_AHEAD more, mapped in, so that a record's copy under the lock
 * rarely faults (a fault there made every other backend's record wait, and
 * a waiter sleeps).  The end of the trail is read without the lock, as a
 * guess: if another record goes first, the pages ahead cover it.
 */
static void
populate_ahead(uint64 length)
{
	uint64		page = (uint64) sysconf(_SC_PAGESIZE);
	uint64		end = *(volatile uint64 *) &audit_shared->end;
	uint64		allocated = *(volatile uint64 *) &audit_shared->file_size;
	uint64		from;
	uint64		to;

	if (mapping == NULL || end + length <= populated_end || end < mapped_offset)
		return;
	from = Max(populated_end, end);
	to = end + length + POPULATE_AHEAD;
	to = Min(to + page - 1 - (to + page - 1) % page, Min(allocated, mapped_offset + mapped_size));
	if (to > from)
		populate(from, to);
}

/*
 * Under the lock, a bulk read's record spans thousands of pages of the
 * mapping not yet touched; one madvise maps them all, where a page fault
 * each would cost more than writing them.
 */
static void
prefault(uint64 start, uint64 length)
{
	uint64		page = (uint64) sysconf(_SC_PAGESIZE);
	uint64		end = start + length;

	if (length < PREFAULT_BYTES || end <= populated_end)
		return;
	populate(Max(start, populated_end), end + page - 1 - (end + page - 1) % page);
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
		populated_end = offset;
	}
	return mapping + (start - mapped_offset);
}

/*
 * The database a record names: this backend's, looked up once, in the
 * transaction of its first record (a statement's opened record precedes its
 * closed one, which may be written while the statement fails).
 */
static const char *
this_database(void)
{
	static char name[NAMEDATALEN];
	static bool named = false;

	if (!named)
	{
		char	   *found;

		if (!OidIsValid(MyDatabaseId) || !IsTransactionState() ||
			(found = get_database_name(MyDatabaseId)) == NULL)
			return NULL;
		strlcpy(name, found, sizeof(name));
		pfree(found);
		named = true;
	}
	return name;
}

static void
require_trail(void)
{
	if (audit_shared == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("the hokenid audit trail is not available"),
				 errhint("Add hokenid to shared_preload_libraries and restart the server.")));
}

/*
 * Writes a record at the end of the trail and returns its sequence number.
 * Its fields are laid out before the lock is taken, in a buffer kept for
 * the backend (records are bounded without their digests, so it never
 * grows); under the lock the record is numbered, copied into the mapped
 * file and hashed as it is written, and only then counted in.
 */
static int64
write_record(AuditRecord *record)
{
	static char fields[AUDIT_HEAD_MAX];
	char		seq[sizeof(AUDIT_RECORD_TAG) + AUDIT_INT64_MAX_DIGITS];
	char		hash[AUDIT_HASH_HEX + 1];
	int64		count = record->digests ? record->digest_count : 0;
	size_t		fields_length = audit_record_put_fields(record, fields);
	size_t		seq_length;
	uint64		body_length;
	uint64		length;
	char	   *line;
	int64		sequence;
	bool		ok;

	(void) audit_file();
	populate_ahead(sizeof(seq) + fields_length + audit_record_digests_length(count) + AUDIT_TAIL_LENGTH);
	LWLockAcquire(audit_shared->lock, LW_EXCLUSIVE);
	sequence = audit_shared->next_seq;
	seq_length = audit_record_put_seq(sequence, seq);
	body_length = seq_length + fields_length + audit_record_digests_length(count);
	length = body_length + AUDIT_TAIL_LENGTH;
	line = map_trail(length);
	ok = line != NULL;
	if (ok)
	{
		prefault(audit_shared->end, length);
		memcpy(line, seq, seq_length);
		memcpy(line + seq_length, fields, fields_length);
		ok = audit_chain_start(audit_shared->last_hash) == 0 &&
			audit_chain_add(line, seq_length + fields_length) == 0 &&
			audit_record_put_digests(record->digests, count, line + seq_length + fields_length) == 0 &&
			audit_chain_finish(hash) == 0;
		if (ok)
		{
			audit_record_put_tail(audit_shared->last_hash, hash, line + body_length);
			audit_shared->end += length;
			memcpy(audit_shared->last_hash, hash, sizeof(hash));
			audit_shared->next_seq++;
		}
		else
			memset(line, 0, length);	/* readers stop at zeros */
	}
	LWLockRelease(audit_shared->lock);
	/* no record, no disclosure: the statement fails rather than go unaudited */
	if (!ok)
		ereport(ERROR,
				(errcode_for_file_access(),
				 errmsg("could not write the hokenid audit record: %m")));
	if (audit_sync_each_statement())
		audit_log_sync(sequence);
	return sequence;
}

/* "refused ×k": the refusals of a role's minute beyond the limit, in one record. */
static void
write_summary(const RefusalSummary *summary, TimestampTz now)
{
	AuditRecord record;

	memset(&record, 0, sizeof(record));
	record.logged_at = now;
	record.pid = MyProcPid;
	record.database = summary->database;
	record.role = summary->role;	/* "" for the roles beyond the table: NULL */
	record.purpose = summary->purpose;
	record.action = summary->action;
	record.refused = 1;
	record.phase = AUDIT_PHASE_COMPLETE;
	record.statements = summary->count;
	(void) write_record(&record);
}

int64
audit_log_append(const AuditEntry *entry)
{
	AuditRecord record;

	require_trail();
	memset(&record, 0, sizeof(record));
	record.logged_at = GetCurrentTimestamp();
	record.pid = MyProcPid;
	record.database = this_database();
	record.role = entry->role_name;
	record.purpose = entry->purpose ? entry->purpose : AUDIT_PURPOSE_UNREGISTERED;
	record.query_id = entry->query_id;
	record.relations = entry->relations;
	record.action = entry->action;
	record.refused = entry->refused;
	record.phase = entry->phase;
	record.opened_seq = entry->opened_seq;
	record.outcome = entry->outcome;
	record.statements = 1;
	record.rows = entry->rows;
	record.persons = entry->persons;
	record.digests = entry->digests;
	record.digest_count = entry->digests && entry->persons > 0 ? entry->persons : 0;

	/* a role's refusals beyond its limit a minute are counted, not written */
	if (entry->refused && entry->phase == AUDIT_PHASE_COMPLETE)
	{
		RefusalSummary due;
		bool		admitted;

		LWLockAcquire(audit_shared->refusal_lock, LW_EXCLUSIVE);
		admitted = refusal_admit(&audit_shared->refusals, record.role, record.database, record.purpose,
								 record.action, record.logged_at, audit_refusals_per_minute(), &due);
		LWLockRelease(audit_shared->refusal_lock);
		if (due.count > 0)
			write_summary(&due, record.logged_at);
		if (!admitted)
			return 0;
	}
	return write_record(&record);
}

void
audit_log_write_summaries(bool all)
{
	RefusalSummary due;

	if (audit_shared == NULL)
		return;
	for (;;)
	{
		TimestampTz now = GetCurrentTimestamp();
		bool		taken;

		LWLockAcquire(audit_shared->refusal_lock, LW_EXCLUSIVE);
		taken = refusal_take_due(&audit_shared->refusals, now, all, &due);
		LWLockRelease(audit_shared->refusal_lock);
		if (!taken)
			break;
		write_summary(&due, now);
	}
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

/* A text column: NULL when absent; a field that is not valid text is shown escaped. */
static Datum
text_column(const char *value, bool *isnull)
{
	size_t		length;
	char	   *escaped;

	*isnull = value == NULL;
	if (value == NULL)
		return (Datum) 0;
	length = strlen(value);
	if (pg_verifymbstr(value, (int) length, true))
		return PointerGetDatum(cstring_to_text_with_len(value, (int) length));
	escaped = palloc(4 * length + 4);
	return PointerGetDatum(cstring_to_text_with_len(escaped,
													(int) audit_record_escape(value, length, 4 * length + 4, escaped)));
}

/* The columns of hokenid.audit_read(), in order; 0.4 to 0.7 declared the first 13. */
enum
{
	COLUMN_SEQ,
	COLUMN_LOGGED_AT,
	COLUMN_PID,
	COLUMN_ROLE,
	COLUMN_PURPOSE,
	COLUMN_QUERY_ID,
	COLUMN_RELATIONS,
	COLUMN_ACTION,
	COLUMN_REFUSED,
	COLUMN_ROWS,
	COLUMN_PERSONS,
	COLUMN_DIGESTS,
	COLUMN_PREVIOUS_HASH,
	COLUMN_DATABASE,
	COLUMN_PHASE,
	COLUMN_OPENED_SEQ,
	COLUMN_OUTCOME,
	COLUMN_STATEMENTS,
	COLUMN_HASH,
	COLUMNS
};

/*
 * hokenid.audit_read(): the trail's records as audit_record.h reads them,
 * both formats; lines that are no record are left to audit_verify.
 */
Datum
audit_records(PG_FUNCTION_ARGS)
{
	static const char *const phases[] = {"complete", "opened", "closed"};
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	AuditReader reader;
	AuditRecord record;
	Datum		values[COLUMNS];
	bool		nulls[COLUMNS];

	InitMaterializedSRF(fcinfo, 0);
	if (rsinfo->setDesc->natts != COLUMNS && rsinfo->setDesc->natts != COLUMN_PREVIOUS_HASH + 1)
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("hokenid.audit_read() is declared with %d columns, expected %d", rsinfo->setDesc->natts, COLUMNS),
				 errhint("Update the extension: ALTER EXTENSION hokenid UPDATE.")));
	open_reader(&reader);
	while (read_line(&reader))
	{
		if (audit_record_parse(reader.line, reader.length, &record) != 0)
			continue;
		memset(nulls, 0, sizeof(nulls));
		values[COLUMN_SEQ] = Int64GetDatum(record.seq);
		if (record.time_text != NULL)	/* before 0.7: PostgreSQL's text */
			values[COLUMN_LOGGED_AT] = DirectFunctionCall3(timestamptz_in, CStringGetDatum(record.time_text),
														   ObjectIdGetDatum(InvalidOid), Int32GetDatum(-1));
		else
			values[COLUMN_LOGGED_AT] = TimestampTzGetDatum((TimestampTz) record.logged_at);
		values[COLUMN_PID] = Int32GetDatum(record.pid);
		values[COLUMN_ROLE] = text_column(record.role, &nulls[COLUMN_ROLE]);
		values[COLUMN_PURPOSE] = text_column(record.purpose, &nulls[COLUMN_PURPOSE]);
		values[COLUMN_QUERY_ID] = Int64GetDatum(record.query_id);
		values[COLUMN_RELATIONS] = text_column(record.relations, &nulls[COLUMN_RELATIONS]);
		values[COLUMN_ACTION] = text_column(record.action, &nulls[COLUMN_ACTION]);
		values[COLUMN_REFUSED] = BoolGetDatum(record.refused != 0);
		values[COLUMN_ROWS] = Int64GetDatum(record.rows);
		nulls[COLUMN_ROWS] = record.rows == AUDIT_UNKNOWN;
		values[COLUMN_PERSONS] = Int64GetDatum(record.persons);
		nulls[COLUMN_PERSONS] = record.persons == AUDIT_UNKNOWN;
		values[COLUMN_DIGESTS] = PointerGetDatum(cstring_to_text_with_len(record.digests_hex,
																		  (int) record.digests_hex_length));
		values[COLUMN_PREVIOUS_HASH] = PointerGetDatum(cstring_to_text_with_len(record.previous_hash, AUDIT_HASH_HEX));
		if (rsinfo->setDesc->natts == COLUMNS)
		{
			values[COLUMN_DATABASE] = text_column(record.database, &nulls[COLUMN_DATABASE]);
			values[COLUMN_PHASE] = CStringGetTextDatum(phases[record.phase]);
			values[COLUMN_OPENED_SEQ] = Int64GetDatum(record.opened_seq);
			nulls[COLUMN_OPENED_SEQ] = record.opened_seq == 0;
			values[COLUMN_OUTCOME] = text_column(record.outcome, &nulls[COLUMN_OUTCOME]);
			values[COLUMN_STATEMENTS] = Int64GetDatum(record.statements);
			values[COLUMN_HASH] = PointerGetDatum(cstring_to_text_with_len(record.hash, AUDIT_HASH_HEX));
		}
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	close_reader(&reader);
	return (Datum) 0;
}

/*
 * The position (line, from 1) of the first record whose link is broken
 * (edited, inserted, deleted, torn or no record), or NULL when the chain is
 * intact up to the head the server keeps (which also catches records cut
 * from the end).
 */
Datum
audit_first_broken(PG_FUNCTION_ARGS)
{
	AuditReader reader;
	AuditVerifier verifier;
	int64		broken;

	(void) fcinfo;
	audit_verifier_start(&verifier);
	open_reader(&reader);
	while (read_line(&reader) && audit_verifier_add(&verifier, reader.line, reader.length))
		;
	close_reader(&reader);
	broken = verifier.first_broken;
	if (broken == 0 && audit_shared != NULL)
	{
		LWLockAcquire(audit_shared->lock, LW_SHARED);
		if (memcmp(verifier.previous, audit_shared->last_hash, AUDIT_HASH_HEX) != 0)
			broken = verifier.lines + 1;	/* records are missing at the end */
		LWLockRelease(audit_shared->lock);
	}
	if (broken == 0)
		PG_RETURN_NULL();
	PG_RETURN_INT64(broken);
}
