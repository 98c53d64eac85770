/*
 * The first number of a holder's history (hokenid.insured_number.oldest),
 * from which person-level linkage codes are derived, as NDB's ID5 derives
 * from the oldest number.
 *
 * A code costs about two SHA-256 compressions; a btree probe of the history
 * costs several times that.  So a backend that looks up many numbers
 * switches, once, to an in-memory map of the numbers whose first number is
 * another one (holders who changed numbers: the partial index
 * insured_number_moved).  Every other number is its own first number, so
 * the map answers every lookup.  The switch is ski rental: it happens when
 * the probes made so far have cost about what building the map will, so a
 * session never pays more than twice the cheaper way, and a session that
 * links a handful of numbers never builds it.
 *
 * The map is the backend's, kept across statements.  A statement trigger on
 * the history invalidates the table's relcache entry on every change, and
 * the callback below drops the map in every backend; each query accepts
 * pending invalidations before its first lookup.  The map is read under a
 * snapshot taken after the table lock (so after every invalidation already
 * received), which makes it the latest committed history plus the
 * transaction's own changes; under REPEATABLE READ and SERIALIZABLE, whose
 * statements must see the transaction's snapshot, lookups always probe.
 */
#include "postgres.h"

#include "access/genam.h"
#include "access/htup_details.h"
#include "access/relscan.h"
#include "access/table.h"
#include "access/tableam.h"
#include "access/visibilitymap.h"
#include "access/xact.h"
#include "catalog/namespace.h"
#include "common/hashfn.h"
#include "executor/tuptable.h"
#include "lib/bloomfilter.h"
#include "storage/bufmgr.h"
#include "utils/builtins.h"
#include "utils/datum.h"
#include "utils/guc.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rel.h"
#include "utils/snapmgr.h"

#include "identifier_types.h"
#include "linkage.h"

/* Where a moved number's two images live in the map's arena. */
typedef struct MovedEntry
{
	uint32		offset;			/* [length][number image][length][first image] */
	uint32		hash;
	char		status;
} MovedEntry;

/* The offset that stands for the image being looked up. */
#define PROBE_OFFSET PG_UINT32_MAX

typedef struct MovedArena
{
	uint8	   *bytes;
	size_t		used;
	size_t		allocated;
	const uint8 *probe;			/* [length][image] of the number looked up */
} MovedArena;

static inline const uint8 *
arena_image(const MovedArena *arena, uint32 offset)
{
	return offset == PROBE_OFFSET ? arena->probe : arena->bytes + offset;
}

static inline bool
images_equal(const uint8 *a, const uint8 *b)
{
	return a[0] == b[0] && memcmp(a + 1, b + 1, a[0]) == 0;
}

#define SH_PREFIX moved
#define SH_ELEMENT_TYPE MovedEntry
#define SH_KEY_TYPE uint32
#define SH_KEY offset
#define SH_HASH_KEY(tb, key) \
	hash_bytes(arena_image((tb)->private_data, key) + 1, arena_image((tb)->private_data, key)[0])
#define SH_EQUAL(tb, a, b) \
	images_equal(arena_image((tb)->private_data, a), arena_image((tb)->private_data, b))
#define SH_STORE_HASH
#define SH_GET_HASH(tb, a) ((a)->hash)
#define SH_SCOPE static inline
#define SH_DECLARE
#define SH_DEFINE
#include "lib/simplehash.h"

/* Relative costs measured by test/bench/linkage_speed.sh: one btree probe
 * of the history against reading one moved number into the map. */
#define PROBES_PER_MAPPED_NUMBER 0.25
#define MIN_PROBES_BEFORE_MAP 1024
/*
 * Most numbers looked up did not move, and a hash table of millions misses
 * the cache on each of them; a Bloom filter of 16 bits a moved number
 * answers most of them from a few bytes of a smaller bitmap.
 */
#define BLOOM_BYTES_PER_NUMBER 2
/* Arena bytes, hash slots and filter bits per moved number, for the size limit. */
#define MAP_BYTES_PER_NUMBER (2 * 24 + 2 * sizeof(MovedEntry) + BLOOM_BYTES_PER_NUMBER)

typedef struct MovedMap
{
	MemoryContext context;
	bloom_filter *moved;		/* no false "not moved" */
	moved_hash *hash;
	MovedArena arena;
} MovedMap;

static MovedMap *moved_map = NULL;
static Oid	history_table = InvalidOid;	/* the table the map and probes are for */
static uint64 probes_since_change = 0;
static bool map_too_large = false;	/* over the limit until the history changes */
static int	history_cache_size_kb;

static void
drop_moved_map(void)
{
	if (moved_map != NULL)
		MemoryContextDelete(moved_map->context);
	moved_map = NULL;
	probes_since_change = 0;
	map_too_large = false;
}

/* A new limit (0 included) applies from the next lookup. */
static void
on_cache_size_change(int newval, void *extra)
{
	(void) newval;
	(void) extra;
	drop_moved_map();
}

static void
on_relcache_invalidation(Datum arg, Oid relid)
{
	(void) arg;
	if (!OidIsValid(relid) || relid == history_table)
		drop_moved_map();
}

void
history_first_number_init(void)
{
	DefineCustomIntVariable("hokenid.history_cache_size",
							"Memory a backend may use for its map of numbers whose history starts with another number.",
							"Person-level linkage codes look the first number up in this map once a session has "
							"looked up many numbers; 0 always probes the history table.",
							&history_cache_size_kb, 256 * 1024, 0, MAX_KILOBYTES, PGC_USERSET, GUC_UNIT_KB,
							NULL, on_cache_size_change, NULL);
	CacheRegisterRelcacheCallback(on_relcache_invalidation, (Datum) 0);
}

/* Finds the history table and its indexes once per query. */
static bool
resolve(FirstNumberSlot *slot)
{
	Oid			schema;
	Relation	index;

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
	if (slot->table != history_table)
	{
		drop_moved_map();
		history_table = slot->table;
	}
	slot->resolved = true;
	return OidIsValid(slot->moved_index);
}

static void
arena_append(MovedArena *arena, MemoryContext context, const uint8 *image, size_t length)
{
	if (arena->used + 1 + length > arena->allocated)
	{
		size_t		grown = Max(arena->allocated * 2, 1024 * 1024);

		arena->bytes = arena->bytes == NULL ? MemoryContextAllocHuge(context, grown)
			: repalloc_huge(arena->bytes, grown);
		arena->allocated = grown;
	}
	arena->bytes[arena->used] = (uint8) length;
	memcpy(arena->bytes + arena->used + 1, image, length);
	arena->used += 1 + length;
}

static size_t
map_bytes(const MovedMap *map)
{
	return map->arena.allocated + map->hash->size * sizeof(MovedEntry);
}

/*
 * Reads every moved number into a new map; leaves none when it would
 * exceed hokenid.history_cache_size.
 */
static void
build_moved_map(const FirstNumberSlot *slot, double expected)
{
	size_t		limit = (size_t) history_cache_size_kb * 1024;
	MemoryContext context = AllocSetContextCreate(TopMemoryContext, "hokenid history map",
												  ALLOCSET_DEFAULT_SIZES);
	MovedMap   *map = MemoryContextAllocZero(context, sizeof(MovedMap));
	Relation	table = table_open(slot->table, AccessShareLock);
	Relation	index = index_open(slot->moved_index, AccessShareLock);
	Snapshot	snapshot = RegisterSnapshot(GetLatestSnapshot());
	IndexScanDesc scan = index_beginscan(table, index, snapshot, 0, 0);
	TupleTableSlot *heap_tuple = table_slot_create(table, NULL);
	Buffer		visibility = InvalidBuffer;
	ItemPointer tid;
	bool		too_large = false;

	map->context = context;
	map->hash = moved_create(context, (uint32) Min(Max(expected, 1024.0), PG_UINT32_MAX / 2), &map->arena);
	{
		MemoryContext old = MemoryContextSwitchTo(context);

		map->moved = bloom_create((int64) Max(expected, 1024.0),
								  (int) Min(Max(expected * BLOOM_BYTES_PER_NUMBER / 1024, 64.0), MAX_KILOBYTES),
								  0);
		MemoryContextSwitchTo(old);
	}

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
		uint32		offset = (uint32) map->arena.used;
		bool		found;

		if (!VM_ALL_VISIBLE(table, ItemPointerGetBlockNumber(tid), &visibility) &&
			!index_fetch_heap(scan, heap_tuple))
			continue;			/* no version of it is visible */
		if (map_bytes(map) > limit || map->arena.used > PG_UINT32_MAX / 2)
		{
			too_large = true;
			break;
		}
		number = DatumGetInsuredNoP(index_getattr(scan->xs_itup, 1, scan->xs_itupdesc, &isnull));
		first = DatumGetInsuredNoP(index_getattr(scan->xs_itup, 2, scan->xs_itupdesc, &isnull));
		arena_append(&map->arena, context, INSURED_NO_IMAGE(number), INSURED_NO_IMAGE_LENGTH(number));
		arena_append(&map->arena, context, INSURED_NO_IMAGE(first), INSURED_NO_IMAGE_LENGTH(first));
		bloom_add_element(map->moved, (unsigned char *) INSURED_NO_IMAGE(number), INSURED_NO_IMAGE_LENGTH(number));
		moved_insert(map->hash, offset, &found);
	}
	if (BufferIsValid(visibility))
		ReleaseBuffer(visibility);
	ExecDropSingleTupleTableSlot(heap_tuple);
	index_endscan(scan);
	UnregisterSnapshot(snapshot);
	index_close(index, AccessShareLock);
	table_close(table, AccessShareLock);
	if (too_large)
	{
		MemoryContextDelete(context);
		map_too_large = true;
		elog(DEBUG1, "hokenid: the history's moved numbers exceed hokenid.history_cache_size; probing instead");
		return;
	}
	moved_map = map;
	elog(DEBUG1, "hokenid: history map built with %u moved numbers", map->hash->members);
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

static bool
map_is_worth_building(const FirstNumberSlot *slot)
{
	double		expected;

	if (map_too_large || history_cache_size_kb == 0 || IsolationUsesXactSnapshot() ||
		++probes_since_change < MIN_PROBES_BEFORE_MAP)
		return false;
	expected = expected_moved_numbers(slot);
	if (probes_since_change < expected * PROBES_PER_MAPPED_NUMBER)
		return false;
	if (expected * MAP_BYTES_PER_NUMBER > (double) history_cache_size_kb * 1024)
	{
		map_too_large = true;
		return false;
	}
	build_moved_map(slot, expected);
	return moved_map != NULL;
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
 * Copies the canonical image of the first number of insured's history into
 * first (INSURED_NO_IMAGE_MAX bytes) and returns its length.  A copy, since
 * the map may be dropped at the caller's next table access.
 */
size_t
history_first_number(FirstNumberSlot *slot, struct varlena *insured, uint8 *first)
{
	uint8		probe_image[1 + INSURED_NO_IMAGE_MAX];
	const uint8 *found;
	MovedEntry *entry;

	/* without a history installed, every number is its own first number */
	if (resolve(slot))
	{
		if ((moved_map == NULL || IsolationUsesXactSnapshot()) && !map_is_worth_building(slot))
			insured = probe(slot, insured);
		else
		{
			probe_image[0] = (uint8) INSURED_NO_IMAGE_LENGTH(insured);
			memcpy(probe_image + 1, INSURED_NO_IMAGE(insured), probe_image[0]);
			moved_map->arena.probe = probe_image;
			entry = bloom_lacks_element(moved_map->moved, probe_image + 1, probe_image[0]) ? NULL
				: moved_lookup(moved_map->hash, PROBE_OFFSET);
			found = entry == NULL ? probe_image : moved_map->arena.bytes + entry->offset;
			if (entry != NULL)
				found += 1 + found[0];	/* past the number to its first number */
			memcpy(first, found + 1, found[0]);
			return found[0];
		}
	}
	memcpy(first, INSURED_NO_IMAGE(insured), INSURED_NO_IMAGE_LENGTH(insured));
	return INSURED_NO_IMAGE_LENGTH(insured);
}
