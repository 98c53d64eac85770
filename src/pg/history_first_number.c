/*
 * The first number of a holder's history (hokenid.insured_number.oldest),
 * from which person-level linkage codes are derived, as NDB's ID5 derives
 * from the oldest number.
 *
 * A code costs about two SHA-256 compressions; a btree probe of the history
 * costs several times that.  So lookups use a map of the numbers whose
 * first number is another one (holders who changed numbers: the partial
 * index insured_number_moved; src/core/moved_map.c); every other number is
 * its own first number, so the map answers every lookup.
 *
 * With hokenid preloaded, a map is built once for the cluster: the backend
 * that builds it publishes a copy in a dynamic shared memory segment, and
 * every other backend's first lookup maps it instead of probing, so only
 * the cluster's first large query pays for it; a backend that goes on to
 * look up many numbers copies it into its own memory, where huge pages
 * make its lookups cheaper (HUGE_PAGE_SIZE).  Without one, a backend probes;
 * when the probes made so far have cost about what building the map will
 * (ski rental: never more than twice the cheaper way, and a session that
 * links a handful of numbers never builds), it builds one.  A transaction
 * that has written anything builds a map of its own, never published: it
 * may hold the transaction's uncommitted changes.
 *
 * The history's statement trigger calls history_written(), which
 * invalidates the catalog cache entry (pg_index) of the moved numbers'
 * index, unchanged: only a change of the history, DDL on that index or a
 * reset of the whole cache sends that invalidation.  (The table's relcache
 * entry would not do: VACUUM and ANALYZE, autovacuum's included, invalidate
 * it each time they update its statistics, and the history has not
 * changed.)  A backend that takes the invalidation in marks its own map
 * stale.  A map published in shared memory is used only while a shared
 * generation is the one it was built at, and the generation is moved on
 * by whoever makes a change: the writing transaction as it writes and at
 * its end (history_written(), on_transaction_end()), COMMIT PREPARED
 * (history_process_utility()), and on a standby, where commits arrive by
 * replay, every backend that takes the invalidation in.  (Were every
 * backend to move it on as it takes the invalidation in, one idle since
 * would do so long after the change, and unpublish a map built since that
 * holds it.)  A map is also tied to the table and the index it was read
 * from, so replacing the index needs no generation.  A change committed
 * before a query began has always moved the generation on by then, and a
 * map built before that commit is not used.  Maps are read under a
 * snapshot taken after the generation (so after every change it counts),
 * which makes them the latest committed history plus the transaction's
 * own changes; under REPEATABLE READ and SERIALIZABLE, whose statements
 * must see the transaction's snapshot, lookups always probe.
 */
#include "postgres.h"

#include <sys/mman.h>
#include <sys/statvfs.h>

#include "access/genam.h"
#include "access/htup_details.h"
#include "access/relscan.h"
#include "access/table.h"
#include "access/tableam.h"
#include "access/visibilitymap.h"
#include "access/xlog.h"
#include "access/xact.h"
#include "catalog/namespace.h"
#include "catalog/pg_index.h"
#include "common/pg_prng.h"
#include "executor/tuptable.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "port/atomics.h"
#include "storage/bufmgr.h"
#include "storage/dsm.h"
#include "storage/dsm_impl.h"
#include "storage/ipc.h"
#include "storage/lwlock.h"
#include "storage/shmem.h"
#include "tcop/utility.h"
#include "utils/builtins.h"
#include "utils/datum.h"
#include "utils/guc.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rel.h"
#include "utils/snapmgr.h"
#include "utils/syscache.h"

#include "identifier_types.h"
#include "linkage.h"
#include "moved_map.h"

/*
 * Reading one moved number into the map costs what this many btree probes
 * of the history cost (test/bench/linkage_speed.sh, 10 million numbers and
 * 2 million moved: 0.6 us against 3.6 us a probe of a history in the
 * buffer cache, and 12 us for those of the first query after a load, which
 * read it from disk: the map is built once for every backend, so the
 * colder figure counts).
 */
#define PROBES_PER_MAPPED_NUMBER 0.07
#define MIN_PROBES_BEFORE_MAP 1024
/*
 * Map bytes per moved number (a slot of two images of about 20 bytes, 48
 * bytes, at most 70% full, and half a byte of Bloom filter), to judge the
 * size limit before reading them.
 */
#define MAP_BYTES_PER_NUMBER (48 / 0.7 + 0.5)
/*
 * A lookup reads random pages of a map of many megabytes.  With 4 kB pages
 * nearly every read misses the TLB, and the page walk stalls the row; in
 * 2 MB pages the whole map stays within the TLB's reach.  Shared memory
 * gets no huge pages by default (transparent ones are for private memory
 * unless shmem_enabled says otherwise, and explicit ones must be reserved),
 * so a backend keeps its map in its own memory, asking for transparent
 * huge pages (10 million codes, a fifth of them moved, the machine busy:
 * person-level codes 1.5-1.7x the number-level time from huge pages,
 * 1.8-2.2x from the shared mapping).
 */
#define HUGE_PAGE_SIZE ((size_t) 2 * 1024 * 1024)
/*
 * A backend reading the published map copies it into its own memory once
 * its lookups through the shared mapping have cost about what the copy
 * does (ski rental again): copying costs 0.2-0.7 ns a byte (more when the
 * kernel first compacts memory to find huge pages), and a lookup in the
 * shared mapping 50-150 ns more than in the copy.
 */
#define MAP_BYTES_PER_LOOKUP_SAVED 250

/* The map published for every backend (shared memory, when preloaded). */
typedef struct SharedMovedMap
{
	LWLock	   *lock;
	pg_atomic_uint64 generation;	/* bumped by every invalidation of the history */
	pg_atomic_uint32 writers;	/* transactions that wrote the history and have not ended */
	dsm_handle	handle;			/* the published map; DSM_HANDLE_INVALID: none */
	Oid			database;
	Oid			table;
	Oid			moved_index;	/* the index of moved numbers it was read from */
	uint32		signal;			/* hash of that index's pg_index entry; also
								 * read without the lock, by invalidations */
	uint64		built_at;		/* the generation it reflects */
} SharedMovedMap;

static SharedMovedMap *shared = NULL;
static shmem_request_hook_type previous_shmem_request = NULL;
static shmem_startup_hook_type previous_shmem_startup = NULL;
static ProcessUtility_hook_type previous_process_utility = NULL;

/* This backend's map: its own memory, or its mapping of the published one. */
static MovedMap *map = NULL;
static dsm_segment *map_segment = NULL;
static uint64 lookups_in_shared_mapping = 0;
static bool map_copied = false;	/* map is this backend's copy of the published one */
static bool map_stale = false;	/* the history changed: drop it at the next query */
static bool counted_as_writer = false;	/* this transaction is in shared->writers */
static Oid	history_table = InvalidOid;	/* the table the map and probes are for */
static Oid	history_moved_index = InvalidOid;	/* its index of moved numbers */
static uint32 history_signal = 0;	/* hash of that index's pg_index entry (INDEXRELID) */
static uint64 probes_since_change = 0;
static bool map_too_large = false;	/* over the limit until the history changes */
static int	history_cache_size_kb;

PG_FUNCTION_INFO_V1(history_map);
PG_FUNCTION_INFO_V1(build_history_map);

/*
 * Memory for a map of size bytes, aligned to huge pages and asked to be
 * backed by them (a hint: where the kernel gives none, 4 kB pages serve).
 */
static MovedMap *
allocate_map(size_t size)
{
	size_t		page = (size_t) sysconf(_SC_PAGESIZE);
	size_t		mapped = size + HUGE_PAGE_SIZE;
	char	   *start = mmap(NULL, mapped, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char	   *aligned;
	char	   *end;

	if (start == MAP_FAILED)
		ereport(ERROR,
				(errcode(ERRCODE_OUT_OF_MEMORY),
				 errmsg("out of memory for a history map of %zu bytes", size),
				 errhint("Lower hokenid.history_cache_size to probe the history instead.")));
	aligned = (char *) TYPEALIGN(HUGE_PAGE_SIZE, start);
	end = aligned + TYPEALIGN(page, size);
	if (aligned > start)
		munmap(start, aligned - start);
	if (start + mapped > end)
		munmap(end, start + mapped - end);
#ifdef MADV_HUGEPAGE
	(void) madvise(aligned, size, MADV_HUGEPAGE);
#endif
	return (MovedMap *) aligned;
}

static void
drop_map(void)
{
	if (map_segment != NULL)
		dsm_detach(map_segment);
	else if (map != NULL)
		munmap(map, map->size);
	map = NULL;
	map_segment = NULL;
	map_copied = false;
	map_stale = false;
}

static void
forget_history(void)
{
	drop_map();
	probes_since_change = 0;
	map_too_large = false;
}

/* A new limit (0 included) applies from the next lookup. */
static void
on_cache_size_change(int newval, void *extra)
{
	(void) newval;
	(void) extra;
	forget_history();
}

/*
 * An invalidation of the moved numbers' index's pg_index entry: the
 * history changed (history_written(); this backend's own change at its
 * next command, or undone by a rollback to a savepoint), or the index did.
 * Hash 0 is a reset of the whole cache, after which any change may have
 * been missed.  Marks the map stale rather than dropping it: an
 * invalidation can arrive between two lookups of one query, whose
 * snapshot the map still serves.
 */
static void
on_moved_index_invalidation(Datum arg, int cacheid, uint32 hashvalue)
{
	(void) arg;
	(void) cacheid;
	if (hashvalue != 0 && hashvalue != history_signal && (shared == NULL || hashvalue != shared->signal))
		return;
	map_stale = true;
	/* on a standby no writer ends here: the replayed commit is the news */
	if (shared != NULL && RecoveryInProgress())
		pg_atomic_fetch_add_u64(&shared->generation, 1);
}

/*
 * A transaction counted among the writers moves the generation on and
 * leaves their count here, after its commit has become visible (or its
 * changes are gone, or prepared: those of a prepared transaction become
 * visible at COMMIT PREPARED, which moves the generation on again).
 */
static void
on_transaction_end(XactEvent event, void *arg)
{
	(void) arg;
	if (event != XACT_EVENT_COMMIT && event != XACT_EVENT_ABORT && event != XACT_EVENT_PREPARE &&
		event != XACT_EVENT_PARALLEL_COMMIT && event != XACT_EVENT_PARALLEL_ABORT)
		return;
	if (counted_as_writer)
	{
		pg_atomic_fetch_add_u64(&shared->generation, 1);
		pg_atomic_fetch_sub_u32(&shared->writers, 1);
	}
	counted_as_writer = false;
}

/*
 * COMMIT PREPARED makes visible the changes of a transaction that left
 * the writers' count at PREPARE (perhaps before a restart): it moves the
 * generation on, whether or not that transaction wrote the history.
 */
static void
history_process_utility(PlannedStmt *statement, const char *query_string, bool read_only_tree,
						ProcessUtilityContext context, ParamListInfo params,
						QueryEnvironment *environment, DestReceiver *dest, QueryCompletion *completion)
{
	Node	   *parsed = statement->utilityStmt;
	bool		commit_prepared = IsA(parsed, TransactionStmt) &&
		((TransactionStmt *) parsed)->kind == TRANS_STMT_COMMIT_PREPARED;

	if (previous_process_utility)
		previous_process_utility(statement, query_string, read_only_tree, context, params, environment, dest,
								 completion);
	else
		standard_ProcessUtility(statement, query_string, read_only_tree, context, params, environment, dest,
								completion);
	if (commit_prepared && shared != NULL)
		pg_atomic_fetch_add_u64(&shared->generation, 1);
}

/*
 * Invalidates the pg_index entry of the history's index of moved numbers,
 * unchanged: this backend takes it in at its next command, the others
 * after the commit (on_moved_index_invalidation()).
 */
static void
signal_history_change(void)
{
	Oid			schema = get_namespace_oid("hokenid", true);
	Oid			moved_index;
	Relation	catalog;
	HeapTuple	entry;

	moved_index = OidIsValid(schema) ? get_relname_relid("insured_number_moved", schema) : InvalidOid;
	if (!OidIsValid(moved_index))
		return;					/* a history without a map */
	entry = SearchSysCache1(INDEXRELID, ObjectIdGetDatum(moved_index));
	if (!HeapTupleIsValid(entry))
		return;
	catalog = table_open(IndexRelationId, AccessShareLock);
	CacheInvalidateHeapTuple(catalog, entry, NULL);
	table_close(catalog, AccessShareLock);
	ReleaseSysCache(entry);
}

/*
 * Called by the history's statement trigger, before the change can
 * commit.  A commit becomes visible to new snapshots a moment before its
 * writer moves the generation on (on_transaction_end()); a query starting
 * in that moment would see the change and yet find the map still current.
 * While any transaction that wrote the history has not ended, other
 * backends use no map (they probe): this closes that moment.  A prepared
 * transaction leaves the count at PREPARE, so COMMIT PREPARED does not
 * close it.
 */
void
history_written(void)
{
	/* every statement: a subtransaction rolled back discards its invalidations */
	signal_history_change();
	if (shared == NULL)
		return;
	if (!counted_as_writer)
		pg_atomic_fetch_add_u32(&shared->writers, 1);
	counted_as_writer = true;
	/* the published map is not this transaction's history any more */
	pg_atomic_fetch_add_u64(&shared->generation, 1);
}

static void
history_shmem_request(void)
{
	if (previous_shmem_request)
		previous_shmem_request();
	RequestAddinShmemSpace(MAXALIGN(sizeof(SharedMovedMap)));
	RequestNamedLWLockTranche("hokenid_history_map", 1);
}

static void
history_shmem_startup(void)
{
	bool		found;

	if (previous_shmem_startup)
		previous_shmem_startup();
	LWLockAcquire(AddinShmemInitLock, LW_EXCLUSIVE);
	shared = ShmemInitStruct("hokenid_history_map", sizeof(SharedMovedMap), &found);
	if (!found)
	{
		shared->lock = &(GetNamedLWLockTranche("hokenid_history_map"))->lock;
		pg_atomic_init_u64(&shared->generation, 1);
		pg_atomic_init_u32(&shared->writers, 0);
		shared->handle = DSM_HANDLE_INVALID;
		shared->database = InvalidOid;
		shared->table = InvalidOid;
		shared->moved_index = InvalidOid;
		shared->signal = 0;
		shared->built_at = 0;
	}
	LWLockRelease(AddinShmemInitLock);
}

void
history_first_number_init(void)
{
	DefineCustomIntVariable("hokenid.history_cache_size",
							"Memory a map of numbers whose history starts with another number may take.",
							"Person-level linkage codes look the first number up in this map, each backend in its "
							"own (built once and published for every backend when hokenid is preloaded); "
							"0 always probes the history table.",
							&history_cache_size_kb, 256 * 1024, 0, MAX_KILOBYTES, PGC_USERSET, GUC_UNIT_KB,
							NULL, on_cache_size_change, NULL);
	CacheRegisterSyscacheCallback(INDEXRELID, on_moved_index_invalidation, (Datum) 0);
	RegisterXactCallback(on_transaction_end, NULL);
	if (process_shared_preload_libraries_in_progress)
	{
		previous_shmem_request = shmem_request_hook;
		shmem_request_hook = history_shmem_request;
		previous_shmem_startup = shmem_startup_hook;
		shmem_startup_hook = history_shmem_startup;
		previous_process_utility = ProcessUtility_hook;
		ProcessUtility_hook = history_process_utility;
	}
}

/* Whether a transaction other than this one has written the history and not ended. */
static bool
other_writers(void)
{
	return shared != NULL && pg_atomic_read_u32(&shared->writers) > (counted_as_writer ? 1 : 0);
}

/* Finds the history table and its indexes once per query. */
static bool
resolve(FirstNumberSlot *slot)
{
	Oid			schema;
	Relation	index;
	bool		writers;

	if (slot->resolved)
		return OidIsValid(slot->moved_index);
	/* A new query: see every history change committed before it began. */
	AcceptInvalidationMessages();
	schema = get_namespace_oid("hokenid", false);
	slot->table = get_relname_relid("insured_number", schema);
	slot->primary_index = get_relname_relid("insured_number_pkey", schema);
	slot->moved_index = get_relname_relid("insured_number_moved", schema);
	if (OidIsValid(slot->table) && OidIsValid(slot->primary_index) && OidIsValid(slot->moved_index))
	{
		index = index_open(slot->primary_index, AccessShareLock);
		slot->equality = get_opcode(get_opfamily_member(index->rd_opfamily[0], index->rd_opcintype[0],
														index->rd_opcintype[0], BTEqualStrategyNumber));
		index_close(index, AccessShareLock);
		slot->first_column = get_attnum(slot->table, "oldest");
	}
	else
		slot->moved_index = InvalidOid;
	/*
	 * A map made with shared memory serves the generation it was built at,
	 * and none serves while another transaction's change may be committing.
	 * A writer moves the generation on before it leaves the writers' count,
	 * so the count is read first.
	 */
	writers = other_writers();
	pg_read_barrier();
	if (slot->table != history_table || slot->moved_index != history_moved_index || map_stale ||
		(map != NULL && writers) ||
		(map != NULL && shared != NULL && map->owner_tag != pg_atomic_read_u64(&shared->generation)))
	{
		forget_history();
		history_table = slot->table;
		history_moved_index = slot->moved_index;
		history_signal = OidIsValid(slot->moved_index) ?
			GetSysCacheHashValue1(INDEXRELID, ObjectIdGetDatum(slot->moved_index)) : 0;
	}
	slot->resolved = true;
	return OidIsValid(slot->moved_index);
}

/* Growing storage for the moved numbers while they are read. */
typedef struct Entries
{
	uint8	   *bytes;
	size_t		used;
	size_t		allocated;
	uint32		count;
	size_t		longest_number;
	size_t		longest_first;
} Entries;

static void
entries_append(Entries *entries, MemoryContext context, const uint8 *image, size_t length)
{
	if (entries->used + 1 + length > entries->allocated)
	{
		size_t		grown = Max(entries->allocated * 2, 1024 * 1024);

		entries->bytes = entries->bytes == NULL ? MemoryContextAllocHuge(context, grown)
			: repalloc_huge(entries->bytes, grown);
		entries->allocated = grown;
	}
	entries->bytes[entries->used] = (uint8) length;
	memcpy(entries->bytes + entries->used + 1, image, length);
	entries->used += 1 + length;
}

/*
 * Reads every moved number visible now into entries ([length][number]
 * [length][first] each); false when they outgrow limit bytes of map.
 */
static bool
read_moved_numbers(const FirstNumberSlot *slot, MemoryContext context, size_t limit, Entries *entries)
{
	Relation	table = table_open(slot->table, AccessShareLock);
	Relation	index = index_open(slot->moved_index, AccessShareLock);
	Snapshot	snapshot = RegisterSnapshot(GetLatestSnapshot());
	IndexScanDesc scan = index_beginscan(table, index, snapshot, 0, 0);
	TupleTableSlot *heap_tuple = table_slot_create(table, NULL);
	Buffer		visibility = InvalidBuffer;
	ItemPointer tid;
	bool		fits = true;

	/*
	 * An index-only scan of the partial index (number, INCLUDE first): the
	 * heap is visited only for pages not known to be all-visible, as
	 * nodeIndexonlyscan.c does.  The first number is an indexed column, so
	 * a visible heap tuple holds the same values as its index entry.
	 */
	scan->xs_want_itup = true;
	index_rescan(scan, NULL, 0, NULL, 0);
	while ((tid = index_getnext_tid(scan, ForwardScanDirection)) != NULL)
	{
		bool		isnull;
		struct varlena *number;
		struct varlena *first;

		if (!VM_ALL_VISIBLE(table, ItemPointerGetBlockNumber(tid), &visibility) &&
			!index_fetch_heap(scan, heap_tuple))
			continue;			/* no version of it is visible */
		number = DatumGetInsuredNoP(index_getattr(scan->xs_itup, 1, scan->xs_itupdesc, &isnull));
		first = DatumGetInsuredNoP(index_getattr(scan->xs_itup, 2, scan->xs_itupdesc, &isnull));
		entries->longest_number = Max(entries->longest_number, INSURED_NO_IMAGE_LENGTH(number));
		entries->longest_first = Max(entries->longest_first, INSURED_NO_IMAGE_LENGTH(first));
		if (moved_map_size(entries->count + 1, entries->longest_number, entries->longest_first) == 0 ||
			moved_map_size(entries->count + 1, entries->longest_number, entries->longest_first) > limit)
		{
			fits = false;
			break;
		}
		entries_append(entries, context, INSURED_NO_IMAGE(number), INSURED_NO_IMAGE_LENGTH(number));
		entries_append(entries, context, INSURED_NO_IMAGE(first), INSURED_NO_IMAGE_LENGTH(first));
		entries->count++;
	}
	if (BufferIsValid(visibility))
		ReleaseBuffer(visibility);
	ExecDropSingleTupleTableSlot(heap_tuple);
	index_endscan(scan);
	UnregisterSnapshot(snapshot);
	index_close(index, AccessShareLock);
	table_close(table, AccessShareLock);
	return fits;
}

/* Makes the published map the new one, if no change came after generation. */
static void
publish(const FirstNumberSlot *slot, dsm_segment *segment, uint64 generation)
{
	dsm_handle	replaced = DSM_HANDLE_INVALID;

	LWLockAcquire(shared->lock, LW_EXCLUSIVE);
	if (pg_atomic_read_u64(&shared->generation) == generation)
	{
		replaced = shared->handle;
		dsm_pin_segment(segment);	/* outlives this backend */
		shared->handle = dsm_segment_handle(segment);
		shared->database = MyDatabaseId;
		shared->table = slot->table;
		shared->moved_index = slot->moved_index;
		shared->signal = history_signal;
		shared->built_at = generation;
	}
	LWLockRelease(shared->lock);
	/* gone once the last backend mapping it lets go */
	if (replaced != DSM_HANDLE_INVALID)
		dsm_unpin_segment(replaced);
}

/*
 * Whether a segment of size bytes can be made.  POSIX segments live in
 * /dev/shm, often small in containers, and one that does not fit there
 * raises an error rather than returning NULL: a private map is better than
 * a failed query.
 */
static bool
shared_memory_has_room(size_t size)
{
	struct statvfs shm;

	if (dynamic_shared_memory_type != DSM_IMPL_POSIX || statvfs("/dev/shm", &shm) != 0)
		return true;
	return (uint64) shm.f_bavail * shm.f_frsize / 2 > size;
}

/*
 * Builds this backend's map of the moved numbers visible now, and publishes
 * a copy for every backend when it can.  Leaves none when it would exceed
 * hokenid.history_cache_size.
 */
static void
build_map(const FirstNumberSlot *slot)
{
	size_t		limit = (size_t) history_cache_size_kb * 1024;
	MemoryContext reading = AllocSetContextCreate(CurrentMemoryContext, "hokenid moved numbers",
												  ALLOCSET_DEFAULT_SIZES);
	Entries		entries = {0};
	uint64		generation = shared != NULL ? pg_atomic_read_u64(&shared->generation) : 0;
	/* a transaction that wrote may see its own uncommitted changes */
	bool		publishable = shared != NULL && !TransactionIdIsValid(GetTopTransactionIdIfAny());
	dsm_segment *segment = NULL;
	MovedMap   *built;
	size_t		size;
	size_t		at = 0;

	if (!read_moved_numbers(slot, reading, limit, &entries))
	{
		MemoryContextDelete(reading);
		map_too_large = true;
		elog(DEBUG1, "hokenid: the history's moved numbers exceed hokenid.history_cache_size; probing instead");
		return;
	}
	size = moved_map_size(entries.count, entries.longest_number, entries.longest_first);
	built = allocate_map(size);
	moved_map_init(built, entries.count, entries.longest_number, entries.longest_first,
				   pg_prng_uint64(&pg_global_prng_state));
	built->owner_tag = generation;
	while (at < entries.used)
	{
		const uint8 *number = entries.bytes + at;
		const uint8 *first = number + 1 + number[0];

		moved_map_add(built, number + 1, number[0], first + 1, first[0]);
		at = (size_t) (first + 1 + first[0] - entries.bytes);
	}
	MemoryContextDelete(reading);
	map = built;
	elog(DEBUG1, "hokenid: history map built with %u moved numbers", built->numbers);
	if (publishable && shared_memory_has_room(size) &&
		(segment = dsm_create(size, DSM_CREATE_NULL_IF_MAXSEGMENTS)) != NULL)
	{
		memcpy(dsm_segment_address(segment), built, size);
		publish(slot, segment, generation);
		dsm_detach(segment);	/* kept while published: pinned */
	}
}

/*
 * Maps the published map when it is of this database's history as it is
 * now.  Once per query: it takes a lock.
 */
static void
attach_published_map(FirstNumberSlot *slot)
{
	dsm_handle	handle;
	uint64		built_at;
	bool		writers;
	bool		current;
	dsm_segment *segment;
	MovedMap   *published;

	slot->looked_for_published = true;
	/* it lacks this transaction's own changes */
	if (shared == NULL || counted_as_writer)
		return;
	LWLockAcquire(shared->lock, LW_SHARED);
	handle = shared->handle;
	built_at = shared->built_at;
	writers = other_writers();
	pg_read_barrier();			/* the count before the generation, as in resolve() */
	current = handle != DSM_HANDLE_INVALID && shared->database == MyDatabaseId && shared->table == slot->table &&
		shared->moved_index == slot->moved_index && built_at == pg_atomic_read_u64(&shared->generation) &&
		!writers;
	LWLockRelease(shared->lock);
	if (!current || (segment = dsm_attach(handle)) == NULL)
		return;					/* none, or replaced and gone since */
	dsm_pin_mapping(segment);
	published = dsm_segment_address(segment);
	if (published->owner_tag != built_at || published->size > (uint64) history_cache_size_kb * 1024)
	{
		dsm_detach(segment);
		return;
	}
	map = published;
	map_segment = segment;
	lookups_in_shared_mapping = 0;
	elog(DEBUG1, "hokenid: using the shared history map of %u moved numbers", map->numbers);
}

/* Trades the shared mapping for a copy in this backend's own memory (see HUGE_PAGE_SIZE). */
static void
copy_published_map(void)
{
	MovedMap   *copy = allocate_map(map->size);

	memcpy(copy, map, map->size);
	dsm_detach(map_segment);
	map_segment = NULL;
	map = copy;
	map_copied = true;
	elog(DEBUG1, "hokenid: copied the shared history map into this backend's memory");
}

/* The moved numbers the planner expects (reltuples of the partial index). */
static double
expected_moved_numbers(const FirstNumberSlot *slot)
{
	Relation	index = index_open(slot->moved_index, AccessShareLock);
	double		expected = Max(index->rd_rel->reltuples, 0.0);

	index_close(index, AccessShareLock);
	return expected;
}

/* Ski rental: build once the probes have cost about what building will. */
static void
build_map_when_worth_it(const FirstNumberSlot *slot)
{
	double		expected;

	if (map_too_large || history_cache_size_kb == 0 || ++probes_since_change < MIN_PROBES_BEFORE_MAP)
		return;
	expected = expected_moved_numbers(slot);
	if (probes_since_change < expected * PROBES_PER_MAPPED_NUMBER)
		return;
	if (expected * MAP_BYTES_PER_NUMBER > (double) history_cache_size_kb * 1024)
	{
		map_too_large = true;
		return;
	}
	build_map(slot);
}

/* The history table's answer through its primary key. */
static struct varlena *
probe(const FirstNumberSlot *slot, struct varlena *insured)
{
	/*
	 * The locks stay to the end of the transaction, as the executor keeps
	 * its own: every probe after the first finds them held, instead of
	 * taking and releasing two locks per row.
	 */
	Relation	table = table_open(slot->table, AccessShareLock);
	Relation	index = index_open(slot->primary_index, AccessShareLock);
	IndexScanDesc scan = index_beginscan(table, index, GetActiveSnapshot(), 1, 0);
	TupleTableSlot *row = table_slot_create(table, NULL);
	ScanKeyData key;
	struct varlena *first = insured;

	ScanKeyInit(&key, 1, BTEqualStrategyNumber, slot->equality, PointerGetDatum(insured));
	index_rescan(scan, &key, 1, NULL, 0);
	if (index_getnext_slot(scan, ForwardScanDirection, row))
	{
		bool		isnull;
		Datum		value = slot_getattr(row, slot->first_column, &isnull);

		if (!isnull)
			first = DatumGetInsuredNoP(datumCopy(value, false, -1));
	}
	index_endscan(scan);
	ExecDropSingleTupleTableSlot(row);
	index_close(index, NoLock);
	table_close(table, NoLock);
	return first;
}

/*
 * Starts finding insured's first number: the map, made or mapped first if
 * need be, is asked for it.  A transaction whose statements see its own
 * snapshot, or a backend without a map, probes the history instead, in
 * history_first_number().
 */
void
history_request(FirstNumberSlot *slot, struct varlena *insured)
{
	slot->map_requested = false;
	/* without a history installed, every number is its own first number */
	if (!resolve(slot) || IsolationUsesXactSnapshot())
		return;
	if (map == NULL && !slot->looked_for_published && history_cache_size_kb > 0)
		attach_published_map(slot);
	if (map == NULL)
		build_map_when_worth_it(slot);
	if (map == NULL)
		return;
	if (map_segment != NULL && ++lookups_in_shared_mapping * MAP_BYTES_PER_LOOKUP_SAVED >= map->size)
		copy_published_map();
	slot->request = moved_map_request(map, INSURED_NO_IMAGE(insured), INSURED_NO_IMAGE_LENGTH(insured));
	slot->map_requested = true;
}

const uint8 *
history_first_number(FirstNumberSlot *slot, struct varlena *insured, size_t *length)
{
	struct varlena *first;

	if (slot->map_requested)
		return moved_map_find(map, slot->request, INSURED_NO_IMAGE(insured), INSURED_NO_IMAGE_LENGTH(insured),
							  length);
	if (!OidIsValid(slot->moved_index))
		return NULL;
	first = probe(slot, insured);
	*length = INSURED_NO_IMAGE_LENGTH(first);
	if (*length == INSURED_NO_IMAGE_LENGTH(insured) &&
		memcmp(INSURED_NO_IMAGE(first), INSURED_NO_IMAGE(insured), *length) == 0)
		return NULL;
	return INSURED_NO_IMAGE(first);
}

/* hokenid.history_map(): this backend's map and the published one, for DBAs and tests. */
Datum
history_map(PG_FUNCTION_ARGS)
{
	TupleDesc	descriptor;
	Datum		values[4];
	bool		nulls[4] = {false, false, false, false};
	bool		published = false;

	if (get_call_result_type(fcinfo, NULL, &descriptor) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "history_map() must return a record");
	if (shared != NULL)
	{
		LWLockAcquire(shared->lock, LW_SHARED);
		published = shared->handle != DSM_HANDLE_INVALID && shared->database == MyDatabaseId &&
			shared->built_at == pg_atomic_read_u64(&shared->generation);
		LWLockRelease(shared->lock);
	}
	values[0] = CStringGetTextDatum(map == NULL ? "none" : map_segment != NULL ? "shared" :
								   map_copied ? "copied" : "private");
	nulls[1] = nulls[2] = map == NULL;
	values[1] = Int64GetDatum(map != NULL ? (int64) map->numbers : 0);
	values[2] = Int64GetDatum(map != NULL ? (int64) map->size : 0);
	values[3] = BoolGetDatum(published);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(descriptor, values, nulls)));
}

/*
 * hokenid.build_history_map(): builds (and publishes) the map now, so that
 * the first linkage query after a load of the history need not pay for it.
 * Returns the moved numbers mapped; NULL when they exceed
 * hokenid.history_cache_size.
 */
Datum
build_history_map(PG_FUNCTION_ARGS)
{
	FirstNumberSlot slot;

	memset(&slot, 0, sizeof(slot));
	if (IsolationUsesXactSnapshot())
		ereport(ERROR,
				(errcode(ERRCODE_ACTIVE_SQL_TRANSACTION),
				 errmsg("the history map cannot be built in a REPEATABLE READ or SERIALIZABLE transaction"),
				 errhint("Its lookups would not see this transaction's snapshot; build it in READ COMMITTED.")));
	if (!resolve(&slot))
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("hokenid's history tables are not installed in this database")));
	forget_history();
	if (history_cache_size_kb > 0)
		build_map(&slot);
	if (map == NULL)
		PG_RETURN_NULL();
	PG_RETURN_INT64(map->numbers);
}
