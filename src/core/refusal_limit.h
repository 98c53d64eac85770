/*
 * How many refusals of one role the audit trail records one by one: at most
 * a limit per window of a minute (starting at the role's first refusal);
 * the rest of the window are counted, and written as one summary record
 * ("refused ×k") once the window has ended — at the role's next refusal,
 * by the audit writer's sweep, or at a clean shutdown.  So a role without
 * privileges cannot fill the disk with refusals, and none goes uncounted.
 *
 * The table is a fixed number of slots in memory the caller provides (the
 * server's shared memory, under a lock the caller holds).  When every slot
 * holds a role whose window is running, further roles share one overflow
 * slot with the same limit, whose summary names no role.
 *
 * No PostgreSQL headers and no global state.
 */
#ifndef HOKENID_REFUSAL_LIMIT_H
#define HOKENID_REFUSAL_LIMIT_H

#include <stdint.h>

#define REFUSAL_LIMIT_SLOTS 128
#define REFUSAL_WINDOW_USECS INT64_C(60000000)
#define REFUSAL_NAME_SIZE 64	/* role and database names (NAMEDATALEN) */
#define REFUSAL_PURPOSE_SIZE 128
#define REFUSAL_ACTION_SIZE 16

/* The refusals of a window not written one by one; strings are NUL-terminated. */
typedef struct RefusalSummary
{
	char		role[REFUSAL_NAME_SIZE];	/* "" for the overflow slot */
	/* of the last refusal counted */
	char		database[REFUSAL_NAME_SIZE];
	char		purpose[REFUSAL_PURPOSE_SIZE];
	char		action[REFUSAL_ACTION_SIZE];
	int64_t		count;			/* refusals counted; 0 when there is no summary */
	int64_t		window_start;	/* microseconds, the caller's clock */
} RefusalSummary;

typedef struct RefusalSlot
{
	RefusalSummary counted;		/* role "" and count 0 in a free slot */
	int64_t		written;		/* refusals written one by one in the window */
} RefusalSlot;

typedef struct RefusalTable
{
	RefusalSlot overflow;
	RefusalSlot slots[REFUSAL_LIMIT_SLOTS];
} RefusalTable;

extern void refusal_table_init(RefusalTable *table);

/*
 * A refusal of role at now: returns 1 when it is to be written as a record,
 * 0 when it was counted instead.  When a window has ended with refusals
 * counted (this role's, or of the slot this role takes over), due is set to
 * its summary (count > 0), to be written before this refusal; else due's
 * count is 0.  limit is the refusals written per window (0: none, all
 * counted).  database, purpose and action may be NULL.
 */
extern int	refusal_admit(RefusalTable *table, const char *role, const char *database, const char *purpose,
						  const char *action, int64_t now, int64_t limit, RefusalSummary *due);

/*
 * One summary to write: of a window ended by now, or of any window when all
 * (a shutdown).  Returns 1 and clears that count, or 0 when none is left.
 */
extern int	refusal_take_due(RefusalTable *table, int64_t now, int all, RefusalSummary *due);

#endif
