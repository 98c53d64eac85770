/*
 * Where insured numbers flow in a statement (告知要求制限 by data flow).
 *
 * A statement reads numbers when a number it did not write itself (a
 * stored column, a whole row holding one, a function's result, a
 * parameter) reaches anything but a non-disclosing consumer: the result,
 * a cast, a comparison, a sort key, a user function, JSON, an aggregate
 * other than count.  It stores numbers when a number, or anything made
 * from one, flows into a relation.  The decision is made once, when the
 * statement is planned, and travels with the plan.
 */
#ifndef HOKENID_NUMBER_FLOW_H
#define HOKENID_NUMBER_FLOW_H

#include "postgres.h"

#include "nodes/parsenodes.h"
#include "nodes/plannodes.h"

typedef struct NumberFlow
{
	bool		reads;			/* a number reaches a disclosing consumer */
	bool		stores;			/* a number flows into a relation */
} NumberFlow;

/* The flow of an analysed (rewritten, not yet planned) query. */
extern NumberFlow query_number_flow(Query *query);

/*
 * How many scans of relations read columns that carry numbers: the plan
 * holds more than its query showed when the planner inlined a SQL
 * function's body, whose flow the query did not show.
 */
extern int	query_number_scans(Query *query);
extern int	plan_number_scans(PlannedStmt *plan);

/* Whether the function is a member of the hokenid extension (pg_depend). */
extern bool is_extension_member(Oid function);

/* Registers the invalidation that forgets what function bodies do. */
extern void number_flow_init(void);

/* The flow carried by a plan (see number_flow.c for how). */
extern void mark_plan_flow(PlannedStmt *plan, NumberFlow flow);
extern NumberFlow plan_flow(const PlannedStmt *plan);

#endif
