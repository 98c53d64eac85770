/*
 * One audited disclosure (disclosure.h): a receiver in front of the
 * statement's own, which holds back its first rows until a record exists,
 * counts the rows that go on and digests the insured numbers in them.
 *
 * Holding back up to HELD_ROWS rows lets a statement that returns a few
 * rows (a lookup, the common case) leave one record, as before; a larger
 * result costs a second record, written before its first row goes on.
 * The columns to digest are found once per run, not per column and row.
 *
 * A single-row select pays for every allocation here, so a disclosure
 * costs as little as it can: its memory is a context kept for the backend
 * and reset, not made and deleted, for each statement (a nested one while
 * another is open makes its own); held rows are kept as minimal tuples and
 * go on through one slot, made when they go, not a slot each made at every
 * run.
 *
 * Disclosures not yet ended are listed, so that an error outside their
 * runs (a PL/pgSQL loop's body), a transaction's abort and a backend's
 * exit (a lost client connection is FATAL) still close them with the rows
 * that went.
 */
#include "postgres.h"

#include "access/xact.h"
#include "catalog/pg_type.h"
#include "executor/tuptable.h"
#include "lib/ilist.h"
#include "storage/ipc.h"
#include "utils/array.h"
#include "utils/memutils.h"

#include "audit_log.h"
#include "disclosure.h"
#include "identifier_types.h"
#include "number_types.h"

#define HELD_ROWS 16

struct Disclosure
{
	DestReceiver pub;			/* first: the receiver is the disclosure */
	DestReceiver *inner;
	MemoryContext context;
	dlist_node	active;
	int			nest_level;		/* of the transaction that began it */
	bool		final;			/* this run ends the disclosure */
	bool		ended;
	AuditEntry	facts;			/* role, purpose, relations, action, query id */
	int64		opened_seq;		/* 0 until an opened record is written */
	/* the columns that hold insured_no or an array of it */
	Oid			insured;
	Oid			array;
	int			column_count;
	int		   *columns;		/* 0-based attribute numbers */
	bool	   *is_array;
	/* rows held back in this run, as minimal tuples in context */
	MinimalTuple held[HELD_ROWS];
	int			held_count;
	int			held_limit;		/* HELD_ROWS while no record is opened at the run's start, else 0 */
	TupleDesc	descriptor;		/* this run's */
	TupleTableSlot *replay;		/* the held rows go on through it; made when they do */
	/* what went on */
	int64		rows;
	uint64		stored;
	uint8	   *digests;		/* one per number that went; repeats too */
	int64		digest_count;
	int64		digest_capacity;
};

static dlist_head active_disclosures = DLIST_STATIC_INIT(active_disclosures);
static bool exit_callback_registered = false;

/* A disclosure's context, reset and kept for the next one to begin. */
static MemoryContext spare_context = NULL;

/* ------------------------------------------------------------ records */

static int64
write_record(Disclosure *disclosure, AuditPhase phase, const char *outcome)
{
	AuditEntry	entry = disclosure->facts;

	entry.phase = phase;
	if (phase != AUDIT_PHASE_OPENED)
	{
		entry.rows = disclosure->rows > 0 ? disclosure->rows : (int64) disclosure->stored;
		entry.persons = disclosure->digest_count;
		if (disclosure->digest_count > 1)
		{
			uint8	   *scratch = MemoryContextAllocHuge(disclosure->context,
														 disclosure->digest_count * AUDIT_DIGEST_SIZE);

			entry.persons = (int64) distinct_digests(disclosure->digests, (size_t) disclosure->digest_count, scratch);
			pfree(scratch);
		}
		entry.digests = disclosure->digests;
	}
	if (phase == AUDIT_PHASE_CLOSED)
	{
		entry.opened_seq = disclosure->opened_seq;
		entry.outcome = outcome;
	}
	return audit_log_append(&entry);
}

static void
note_value(Disclosure *disclosure, Datum value)
{
	struct varlena *number = DatumGetInsuredNoP(value);

	if (disclosure->digest_count == disclosure->digest_capacity)
	{
		disclosure->digest_capacity *= 2;
		disclosure->digests = repalloc_huge(disclosure->digests, disclosure->digest_capacity * AUDIT_DIGEST_SIZE);
	}
	audit_digest(INSURED_NO_IMAGE(number), INSURED_NO_IMAGE_LENGTH(number),
				 disclosure->digests + disclosure->digest_count++ * AUDIT_DIGEST_SIZE);
}

/* A row counted and its numbers digested, for the record that covers it. */
static void
tally(Disclosure *disclosure, TupleTableSlot *slot)
{
	disclosure->rows++;
	for (int c = 0; c < disclosure->column_count; c++)
	{
		bool		isnull;
		Datum		value = slot_getattr(slot, disclosure->columns[c] + 1, &isnull);

		if (isnull)
			continue;
		if (!disclosure->is_array[c])
			note_value(disclosure, value);
		else
		{
			Datum	   *elements;
			bool	   *element_nulls;
			int			count;

			deconstruct_array(DatumGetArrayTypeP(value), disclosure->insured, -1, false, TYPALIGN_INT,
							  &elements, &element_nulls, &count);
			for (int e = 0; e < count; e++)
				if (!element_nulls[e])
					note_value(disclosure, elements[e]);
			pfree(elements);
			pfree(element_nulls);
		}
	}
}

/* A row goes on, under a record that exists: tallied, then passed to the inner receiver. */
static bool
pass_on(Disclosure *disclosure, TupleTableSlot *slot)
{
	tally(disclosure, slot);
	return disclosure->inner->receiveSlot(slot, disclosure->inner);
}

static void
open_record(Disclosure *disclosure)
{
	if (disclosure->opened_seq == 0)
		disclosure->opened_seq = write_record(disclosure, AUDIT_PHASE_OPENED, NULL);
}

/* Held row i in the replay slot (made for this run's descriptor when first needed). */
static TupleTableSlot *
replay(Disclosure *disclosure, int i)
{
	if (disclosure->replay == NULL)
	{
		MemoryContext outer = MemoryContextSwitchTo(disclosure->context);

		disclosure->replay = MakeSingleTupleTableSlot(disclosure->descriptor, &TTSOpsMinimalTuple);
		MemoryContextSwitchTo(outer);
	}
	return ExecStoreMinimalTuple(disclosure->held[i], disclosure->replay, false);
}

/* The held rows are gone: on, or dropped. */
static void
forget_held(Disclosure *disclosure)
{
	if (disclosure->replay != NULL)
	{
		ExecDropSingleTupleTableSlot(disclosure->replay);
		disclosure->replay = NULL;
	}
	for (int i = 0; i < disclosure->held_count; i++)
		pfree(disclosure->held[i]);
	disclosure->held_count = 0;
}

/* Passes the held rows on; tallied says whether the record already counts them. */
static bool
pass_held(Disclosure *disclosure, bool tallied)
{
	bool		more = true;

	for (int i = 0; i < disclosure->held_count && more; i++)
	{
		TupleTableSlot *slot = replay(disclosure, i);

		more = tallied ? disclosure->inner->receiveSlot(slot, disclosure->inner) : pass_on(disclosure, slot);
	}
	forget_held(disclosure);
	return more;
}

/* The record that ends the disclosure: closed if it was opened, else complete. */
static void
end_record(Disclosure *disclosure, const char *outcome)
{
	if (disclosure->ended)
		return;
	disclosure->ended = true;
	dlist_delete(&disclosure->active);
	if (disclosure->opened_seq != 0)
		write_record(disclosure, AUDIT_PHASE_CLOSED, outcome);
	else
		write_record(disclosure, AUDIT_PHASE_COMPLETE, NULL);
}

/* The whole statement's rows are held: one complete record, then the rows. */
static void
end_with_held(Disclosure *disclosure)
{
	for (int i = 0; i < disclosure->held_count; i++)
		tally(disclosure, replay(disclosure, i));
	end_record(disclosure, "complete");
	pass_held(disclosure, true);
}

/* ------------------------------------------------------------ the receiver */

static bool
disclosure_receive(TupleTableSlot *slot, DestReceiver *self)
{
	Disclosure *disclosure = (Disclosure *) self;

	if (disclosure->opened_seq == 0)
	{
		if (disclosure->held_count < disclosure->held_limit)
		{
			MemoryContext outer = MemoryContextSwitchTo(disclosure->context);

			disclosure->held[disclosure->held_count++] = ExecCopySlotMinimalTuple(slot);
			MemoryContextSwitchTo(outer);
			return true;
		}
		open_record(disclosure);
		if (!pass_held(disclosure, false))
			return false;
	}
	return pass_on(disclosure, slot);
}

static void
disclosure_startup(DestReceiver *self, int operation, TupleDesc descriptor)
{
	Disclosure *disclosure = (Disclosure *) self;
	MemoryContext outer = MemoryContextSwitchTo(disclosure->context);

	if (disclosure->columns != NULL)
	{
		pfree(disclosure->columns);
		pfree(disclosure->is_array);
	}
	disclosure->columns = palloc(sizeof(int) * Max(descriptor->natts, 1));
	disclosure->is_array = palloc(sizeof(bool) * Max(descriptor->natts, 1));
	disclosure->column_count = 0;
	for (int i = 0; i < descriptor->natts; i++)
	{
		Form_pg_attribute attribute = TupleDescAttr(descriptor, i);

		if (attribute->attisdropped ||
			(attribute->atttypid != disclosure->insured && attribute->atttypid != disclosure->array))
			continue;
		disclosure->columns[disclosure->column_count] = i;
		disclosure->is_array[disclosure->column_count++] = attribute->atttypid == disclosure->array;
	}
	/* this run's rows are held (while no record is opened) and go on as this run's descriptor says */
	forget_held(disclosure);
	disclosure->held_limit = disclosure->opened_seq == 0 ? HELD_ROWS : 0;
	disclosure->descriptor = descriptor;
	MemoryContextSwitchTo(outer);
	disclosure->inner->rStartup(disclosure->inner, operation, descriptor);
}

static void
disclosure_shutdown(DestReceiver *self)
{
	Disclosure *disclosure = (Disclosure *) self;

	if (disclosure->final && disclosure->opened_seq == 0)
		end_with_held(disclosure);
	else
	{
		if (disclosure->held_count > 0)
		{
			open_record(disclosure);
			pass_held(disclosure, false);
		}
		if (disclosure->final)
			end_record(disclosure, "complete");
	}
	disclosure->inner->rShutdown(disclosure->inner);
}

static void
disclosure_destroy(DestReceiver *self)
{
	(void) self;
}

/* ------------------------------------------------------------ lifecycle */

static void
end_at_exit(int code, Datum arg)
{
	(void) code;
	(void) arg;
	while (!dlist_is_empty(&active_disclosures))
		end_record(dlist_head_element(Disclosure, active, &active_disclosures), "exit");
}

Disclosure *
disclosure_begin(const DisclosureFacts *facts, double expected_rows)
{
	MemoryContext context = spare_context;
	Disclosure *disclosure;

	/* a lookup's disclosure fits in the context's first block, which a reset keeps */
	if (context != NULL)
		spare_context = NULL;
	else
		context = AllocSetContextCreate(TopMemoryContext, "hokenid disclosure", ALLOCSET_DEFAULT_SIZES);
	disclosure = MemoryContextAllocZero(context, sizeof(Disclosure));

	if (!exit_callback_registered)
	{
		before_shmem_exit(end_at_exit, (Datum) 0);
		exit_callback_registered = true;
	}
	disclosure->pub.receiveSlot = disclosure_receive;
	disclosure->pub.rStartup = disclosure_startup;
	disclosure->pub.rShutdown = disclosure_shutdown;
	disclosure->pub.rDestroy = disclosure_destroy;
	disclosure->context = context;
	disclosure->nest_level = GetCurrentTransactionNestLevel();
	disclosure->facts.role_name = MemoryContextStrdup(context, facts->role_name);
	disclosure->facts.purpose = facts->purpose ? MemoryContextStrdup(context, facts->purpose) : NULL;
	disclosure->facts.relations = MemoryContextStrdup(context, facts->relations ? facts->relations : "");
	disclosure->facts.action = MemoryContextStrdup(context, facts->action);
	disclosure->facts.query_id = facts->query_id;
	disclosure->insured = insured_no_type();
	disclosure->array = insured_no_array_type();
	/* sized for the rows the planner expects, grown as needed */
	disclosure->digest_capacity = (int64) Min(Max(expected_rows, 16.0), 1 << 24);
	disclosure->digests = MemoryContextAllocHuge(context, disclosure->digest_capacity * AUDIT_DIGEST_SIZE);
	dlist_push_head(&active_disclosures, &disclosure->active);
	return disclosure;
}

DestReceiver *
disclosure_receiver(Disclosure *disclosure, DestReceiver *inner, bool final)
{
	disclosure->inner = inner;
	disclosure->final = final;
	disclosure->pub.mydest = inner->mydest;
	return &disclosure->pub;
}

void
disclosure_stored(Disclosure *disclosure, uint64 rows)
{
	disclosure->stored = rows;
}

bool
disclosure_ended(Disclosure *disclosure)
{
	return disclosure->ended;
}

void
disclosure_end(Disclosure *disclosure, const char *outcome)
{
	MemoryContext context = disclosure->context;

	if (!disclosure->ended && strcmp(outcome, "complete") == 0 && disclosure->held_count > 0)
		end_with_held(disclosure);
	end_record(disclosure, outcome);
	/* the disclosure is gone with its memory; the context waits for the next one */
	if (spare_context == NULL)
	{
		MemoryContextReset(context);
		spare_context = context;
	}
	else
		MemoryContextDelete(context);
}

/*
 * Ends the disclosures begun at or below a transaction nesting level that
 * is aborting: their statements are gone, with no end of their own.
 */
void
disclosures_abort(int nest_level)
{
	dlist_mutable_iter iter;

	dlist_foreach_modify(iter, &active_disclosures)
	{
		Disclosure *disclosure = dlist_container(Disclosure, active, iter.cur);

		if (disclosure->nest_level >= nest_level)
		{
			/* held rows never left; their memory goes with the disclosure's */
			disclosure->held_count = 0;
			disclosure->replay = NULL;
			end_record(disclosure, "error");
		}
	}
}
