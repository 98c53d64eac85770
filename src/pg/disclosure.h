/*
 * One audited disclosure: a statement's rows on their way to wherever they
 * go (the client, a cursor's store, a PL/pgSQL loop, a table), and the
 * records that say so.  No record, no disclosure: a row leaves only after
 * a record of the statement exists.
 *
 * A disclosure holds back its first rows.  If the statement ends with no
 * more than those, one complete record is written, then the rows go on.
 * If more come, an opened record is written before the first row goes on,
 * and a closed record, with the rows and persons that actually went,
 * when the statement ends, fails, is cancelled or its backend exits.  A
 * backend killed outright leaves its opened record to be closed at the
 * next server start.
 */
#ifndef HOKENID_DISCLOSURE_H
#define HOKENID_DISCLOSURE_H

#include "postgres.h"

#include "executor/execdesc.h"
#include "tcop/dest.h"

/* What the records say besides rows and persons; copied. */
typedef struct DisclosureFacts
{
	const char *role_name;
	const char *purpose;		/* a registered purpose, or NULL */
	const char *relations;
	const char *action;			/* read, copy, store */
	int64		query_id;
} DisclosureFacts;

typedef struct Disclosure Disclosure;

extern Disclosure *disclosure_begin(const DisclosureFacts *facts, double expected_rows);

/*
 * The receiver for one run of the statement, in front of inner.  A final
 * run ends the disclosure when its rows are through; a run that is not
 * final (a FETCH of a cursor read inside a function, a set-returning
 * function's row) passes its rows on as it ends, under an opened record.
 */
extern DestReceiver *disclosure_receiver(Disclosure *disclosure, DestReceiver *inner, bool final);

/* Rows that went into a relation rather than through the receiver. */
extern void disclosure_stored(Disclosure *disclosure, uint64 rows);

/*
 * Ends the disclosure with its last record and frees it: outcome
 * "complete" passes held rows on first; any other (error, cancel, exit)
 * drops them, as they never left.
 */
extern void disclosure_end(Disclosure *disclosure, const char *outcome);

/* Whether the disclosure's last record is written (it may still need freeing). */
extern bool disclosure_ended(Disclosure *disclosure);

/*
 * Closes, with outcome "error", the disclosures begun at or below an
 * aborting transaction nesting level; their owners still end them.
 */
extern void disclosures_abort(int nest_level);

#endif
