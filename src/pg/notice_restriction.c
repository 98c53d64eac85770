/*
 * The notice-request restriction (告知要求制限, 健康保険法194条の2): insured
 * numbers are read only for a declared purpose that permits it, stores of
 * them are built only for one that permits that, and every statement that
 * discloses or stores them leaves an audit record.
 *
 * What a statement does with numbers is decided by where their values flow
 * (number_flow.c), when it is planned; the decision travels with the plan.
 * Every run of a plan that reads or stores numbers is judged when it runs
 * (top-level or nested in a function, a cursor's FETCH, a prepared
 * statement's EXECUTE, a trigger), so a purpose changed in between counts:
 * the current role must have been granted the declared purpose and the
 * purpose must permit the action.  Fetches from a cursor WITH HOLD, whose
 * rows were stored at its COMMIT, are judged like runs.  DDL that makes a
 * place for numbers (a column of a type that carries them) is a store.
 * Superusers are not refused (pg_dump and recovery must work) but are
 * audited like everyone.  What the extension's own functions run inside is
 * theirs: what leaves them is judged in the statement that called them.
 */
#include "postgres.h"

#include "access/parallel.h"
#include "access/xact.h"
#include "catalog/namespace.h"
#include "catalog/objectaccess.h"
#include "catalog/pg_proc.h"
#include "funcapi.h"
#include "catalog/pg_class.h"
#include "catalog/pg_type.h"
#include "commands/extension.h"
#include "executor/executor.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "miscadmin.h"
#include "nodes/makefuncs.h"
#include "optimizer/planner.h"
#include "tcop/utility.h"
#include "utils/acl.h"
#include "utils/builtins.h"
#include "utils/guc.h"
#include "utils/hsearch.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/portal.h"
#include "utils/syscache.h"

#include "audit_log.h"
#include "disclosure.h"
#include "identifier_types.h"
#include "hokenid.h"
#include "number_flow.h"
#include "number_places.h"
#include "number_types.h"

PG_FUNCTION_INFO_V1(require_preloaded);
PG_FUNCTION_INFO_V1(audit_history_provision);

static bool preloaded = false;
static char *declared_purpose = NULL;
static bool enforce = true;		/* hokenid.enforce */
static bool audit_disclosures = true;	/* hokenid.audit */

/* The purpose under which this transaction disclosed numbers, if it did. */
static bool disclosed_in_transaction = false;
static char transaction_purpose[NAMEDATALEN];

static planner_hook_type previous_planner = NULL;
static ExecutorRun_hook_type previous_executor_run = NULL;
static ProcessUtility_hook_type previous_process_utility = NULL;
static object_access_hook_type previous_object_access = NULL;
static fmgr_hook_type previous_fmgr_hook = NULL;

static int	internal_depth = 0;	/* running inside the extension's own functions */
static int	executor_depth = 0;	/* nesting of ExecutorRun calls */
static int	procedure_depth = 0;	/* nesting of DO and CALL */
static int	disclosing_depth = 0;	/* statements running through a disclosure */
static ExecutorEnd_hook_type previous_executor_end = NULL;

/*
 * The disclosures of statements run inside functions, DO and CALL: one per
 * statement, over all its runs (a PL/pgSQL loop fetches in batches, a
 * set-returning SQL function runs once per row), ended by ExecutorEnd.
 */
typedef struct NestedDisclosure
{
	QueryDesc  *query;
	Disclosure *disclosure;
} NestedDisclosure;

static List *nested_disclosures = NIL;	/* in TopMemoryContext */
static bool copying_to_file = false;	/* COPY … TO a file or program */

/* Cached per backend; emptied when the purpose tables or memberships change. */
typedef struct PurposeCache
{
	bool		valid;
	Oid			role;
	char		purpose[NAMEDATALEN];
	bool		registered;
	bool		granted;
	bool		reads_numbers;
	bool		builds_stores;
} PurposeCache;

static PurposeCache purpose_cache;

/*
 * The names of the statement's relations for its audit record, kept for
 * the next statement over the same relations (a prepared statement run
 * again, an application's hot query): a name is a catalog lookup.  Any
 * relcache invalidation (a rename among them) forgets them.
 */
#define CACHED_RELATIONS 8

typedef struct RelationNames
{
	int			count;			/* -1: nothing cached */
	Oid			relations[CACHED_RELATIONS];
	char	   *names;			/* in TopMemoryContext */
} RelationNames;

static RelationNames relation_names = {.count = -1};

/* ------------------------------------------------------------ settings */

static bool
check_purpose(char **newval, void **extra, GucSource source)
{
	(void) extra;
	(void) source;
	/* a purpose is a registered name: nothing longer can be one */
	if (*newval != NULL && strlen(*newval) >= NAMEDATALEN)
	{
		GUC_check_errcode(ERRCODE_INVALID_PARAMETER_VALUE);
		GUC_check_errmsg("hokenid.purpose is longer than any registered purpose (at most %d bytes)", NAMEDATALEN - 1);
		GUC_check_errhint("Declare the name of a purpose registered in hokenid.purpose.");
		return false;
	}
	/* refused early here; judged again at every disclosure (RESET, savepoints) */
	if (disclosed_in_transaction && IsTransactionState() &&
		strcmp(*newval ? *newval : "", transaction_purpose) != 0)
	{
		GUC_check_errcode(ERRCODE_INVALID_TRANSACTION_STATE);
		GUC_check_errmsg("hokenid.purpose cannot change in a transaction that has read insured numbers");
		GUC_check_errhint("Commit or roll back first: each disclosure is audited under one purpose.");
		return false;
	}
	return true;
}

/* The statements of an aborting (sub)transaction end with no end of their own. */
static void
end_aborted_disclosures(int nest_level)
{
	ListCell   *cell;

	disclosures_abort(nest_level);
	foreach(cell, nested_disclosures)
	{
		NestedDisclosure *nested = lfirst(cell);

		if (disclosure_ended(nested->disclosure))
		{
			disclosure_end(nested->disclosure, "error");
			nested_disclosures = foreach_delete_current(nested_disclosures, cell);
			pfree(nested);
		}
	}
}

static void
at_transaction_end(XactEvent event, void *arg)
{
	(void) arg;
	if (event == XACT_EVENT_COMMIT || event == XACT_EVENT_ABORT ||
		event == XACT_EVENT_PARALLEL_COMMIT || event == XACT_EVENT_PARALLEL_ABORT ||
		event == XACT_EVENT_PREPARE)
	{
		disclosed_in_transaction = false;
		transaction_purpose[0] = '\0';
		number_places_forget();
	}
	if (event == XACT_EVENT_ABORT || event == XACT_EVENT_PARALLEL_ABORT)
	{
		internal_depth = executor_depth = procedure_depth = disclosing_depth = 0;
		end_aborted_disclosures(1);
	}
}

static void
at_subtransaction_end(SubXactEvent event, SubTransactionId subtransaction, SubTransactionId parent, void *arg)
{
	(void) subtransaction;
	(void) parent;
	(void) arg;
	if (event == SUBXACT_EVENT_ABORT_SUB)
		end_aborted_disclosures(GetCurrentTransactionNestLevel());
}

static void
on_relcache_invalidation(Datum arg, Oid relid)
{
	(void) arg;
	(void) relid;
	purpose_cache.valid = false;
	relation_names.count = -1;
}

static void
on_membership_change(Datum arg, int cache, uint32 hash)
{
	(void) arg;
	(void) cache;
	(void) hash;
	purpose_cache.valid = false;
}

/* ------------------------------------------------------------ purposes */

/*
 * The current role's name for the audit record, looked up once per role:
 * a single-row select cannot afford a catalog lookup per statement.  A
 * renamed role is looked up afresh (syscache invalidation).
 */
static Oid	named_role = InvalidOid;
static char role_name[NAMEDATALEN];

/*
 * The role judged: the current user, except where the extension's own
 * function is called, whose current user is its owner: there the caller
 * (the role outside any security-definer function, as hokenid.history()
 * judges its recipients).
 */
static Oid	judged_caller = InvalidOid;

static Oid
judged_role(void)
{
	return OidIsValid(judged_caller) ? judged_caller : GetUserId();
}

static void
on_role_change(Datum arg, int cache, uint32 hash)
{
	(void) arg;
	(void) cache;
	(void) hash;
	named_role = InvalidOid;
	purpose_cache.valid = false;
}

static const char *
current_role_name(void)
{
	Oid			role = judged_role();

	if (role != named_role)
	{
		strlcpy(role_name, GetUserNameFromId(role, false), sizeof(role_name));
		named_role = role;
	}
	return role_name;
}

static const char *
current_purpose_text(void)
{
	return declared_purpose ? declared_purpose : "";
}

/* The declared purpose as granted to the judged role, from the registry. */
static const PurposeCache *
current_purpose(void)
{
	Oid			role = judged_role();
	const char *purpose = current_purpose_text();

	if (purpose_cache.valid && purpose_cache.role == role && strcmp(purpose_cache.purpose, purpose) == 0)
		return &purpose_cache;
	memset(&purpose_cache, 0, sizeof(purpose_cache));
	purpose_cache.role = role;
	strlcpy(purpose_cache.purpose, purpose, sizeof(purpose_cache.purpose));
	/* a name longer than any registered one is no registered name */
	if (purpose[0] != '\0' && strlen(purpose) < NAMEDATALEN)
	{
		Oid			types[2] = {TEXTOID, OIDOID};
		Datum		values[2] = {CStringGetTextDatum(purpose), ObjectIdGetDatum(role)};
		bool		isnull;

		if (SPI_connect() != SPI_OK_CONNECT)
			elog(ERROR, "SPI_connect failed");
		SPI_execute_with_args("SELECT p.reads_numbers, p.builds_stores, "
							  "EXISTS (SELECT 1 FROM hokenid.purpose_grant g WHERE g.purpose OPERATOR(pg_catalog.=) p.name "
							  "AND pg_catalog.pg_has_role($2, g.member, 'MEMBER')) "
							  "FROM hokenid.purpose p WHERE p.name OPERATOR(pg_catalog.=) $1",
							  2, types, values, NULL, true, 1);
		if (SPI_processed == 1)
		{
			purpose_cache.registered = true;
			purpose_cache.reads_numbers = DatumGetBool(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull));
			purpose_cache.builds_stores = DatumGetBool(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 2, &isnull));
			purpose_cache.granted = DatumGetBool(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 3, &isnull));
		}
		SPI_finish();
	}
	purpose_cache.valid = true;
	return &purpose_cache;
}

/*
 * The purpose an audit record names: a registered purpose's name, never
 * what a session typed (which could be anything, a number included).
 */
static const char *
recorded_purpose(void)
{
	const PurposeCache *purpose = current_purpose();

	return purpose->registered ? purpose->purpose : NULL;
}

/* A record of what the judged role did (or was refused) that no disclosure counts rows of. */
static void
record_action(const char *action, const char *relations, int64 rows, bool refused)
{
	AuditEntry	entry = {0};

	entry.role_name = current_role_name();
	entry.purpose = recorded_purpose();
	entry.relations = relations;
	entry.action = action;
	entry.rows = rows;
	entry.refused = refused;
	audit_log_append(&entry);
}

static void
audit_refusal(const char *action, const char *relations)
{
	record_action(action, relations, 0, true);
}

/*
 * Refuses (42501) unless the declared purpose, granted to the current
 * role, permits the action; a refusal is audited first.  A transaction
 * that disclosed numbers under one purpose discloses under no other
 * (25000), however the setting changed: SET, RESET, a savepoint rolled
 * back.
 */
static void
enforce_purpose(bool builds_store, const char *action, const char *relations)
{
	const PurposeCache *purpose;
	const char *problem = NULL;

	if (disclosed_in_transaction && strcmp(current_purpose_text(), transaction_purpose) != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TRANSACTION_STATE),
				 errmsg("hokenid.purpose cannot change in a transaction that has read insured numbers"),
				 errhint("Commit or roll back first: each disclosure is audited under one purpose.")));
	if (superuser_arg(judged_role()))
		return;
	purpose = current_purpose();
	if (purpose->purpose[0] == '\0')
		problem = "no purpose is declared";
	else if (!purpose->granted)
		problem = "the declared purpose is unknown or not granted to this role";
	else if (builds_store ? !purpose->builds_stores : !purpose->reads_numbers)
		problem = builds_store ? "the declared purpose does not permit building stores of insured numbers" :
			"the declared purpose does not permit reading insured numbers";
	if (problem == NULL)
		return;
	audit_refusal(action, relations);
	ereport(ERROR,
			(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
			 errmsg("%s of insured numbers refused: %s", action, problem),
			 errdetail("健康保険法 194条の2 (告知要求制限) limits insured numbers to health-insurance business and its related work."),
			 errhint("SET hokenid.purpose to a purpose granted to your role (hokenid.grant_purpose) that permits this.")));
}

/* Pins the transaction to the purpose of its first disclosure. */
static void
note_disclosure(void)
{
	if (!disclosed_in_transaction)
	{
		strlcpy(transaction_purpose, current_purpose_text(), sizeof(transaction_purpose));
		disclosed_in_transaction = true;
	}
}

/*
 * Without the hooks nothing is judged: refuse rather than let numbers by.
 * The type's input, output and parts functions ask this too, so a session
 * that loaded hokenid late still fails closed.
 */
void
require_enforced_restriction(void)
{
	if (preloaded)
		return;
	ereport(ERROR,
			(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
			 errmsg("insured numbers refused: hokenid is not loaded by shared_preload_libraries"),
			 errdetail("Without it the notice-request restriction (告知要求制限) cannot be enforced."),
			 errhint("Add hokenid to shared_preload_libraries in postgresql.conf and restart the server.")));
}

/* ------------------------------------------------------------ disclosure */

static const char *
relations_of(List *range_table)
{
	StringInfoData names;
	ListCell   *cell;
	Oid			relations[CACHED_RELATIONS];
	int			count = 0;

	foreach(cell, range_table)
	{
		RangeTblEntry *entry = lfirst(cell);

		if (entry->rtekind == RTE_RELATION && count++ < CACHED_RELATIONS)
			relations[count - 1] = entry->relid;
	}
	if (count == relation_names.count && memcmp(relations, relation_names.relations, count * sizeof(Oid)) == 0)
		return relation_names.names;
	initStringInfo(&names);
	foreach(cell, range_table)
	{
		RangeTblEntry *entry = lfirst(cell);

		if (entry->rtekind == RTE_RELATION)
		{
			char	   *name = get_rel_name(entry->relid);

			if (name != NULL)
				appendStringInfo(&names, "%s%s", names.len ? "," : "", name);
		}
	}
	if (count <= CACHED_RELATIONS)
	{
		if (relation_names.names != NULL)
			pfree(relation_names.names);
		relation_names.names = MemoryContextStrdup(TopMemoryContext, names.data);
		memcpy(relation_names.relations, relations, count * sizeof(Oid));
		relation_names.count = count;
	}
	return names.data;
}

static bool
judged_here(void)
{
	return enforce && !IsParallelWorker() && internal_depth == 0;
}

static void
run_executor(QueryDesc *query, ScanDirection direction, uint64 count, bool execute_once)
{
	executor_depth++;
	PG_TRY();
	{
		if (previous_executor_run)
			previous_executor_run(query, direction, count, execute_once);
		else
			standard_ExecutorRun(query, direction, count, execute_once);
	}
	PG_FINALLY();
	{
		executor_depth--;
	}
	PG_END_TRY();
}

static void
fill_facts(DisclosureFacts *facts, const char *action, const char *relations, int64 query_id)
{
	facts->role_name = current_role_name();
	facts->purpose = recorded_purpose();
	facts->relations = relations;
	facts->action = action;
	facts->query_id = query_id;
}

static NestedDisclosure *
nested_disclosure_of(QueryDesc *query)
{
	ListCell   *cell;

	foreach(cell, nested_disclosures)
		if (((NestedDisclosure *) lfirst(cell))->query == query)
			return lfirst(cell);
	return NULL;
}

static void
forget_nested(NestedDisclosure *nested)
{
	if (nested == NULL)
		return;
	nested_disclosures = list_delete_ptr(nested_disclosures, nested);
	pfree(nested);
}

/* How a statement that failed ends its disclosure: cancelled, or any other error. */
static const char *
failure_outcome(void)
{
	return geterrcode() == ERRCODE_QUERY_CANCELED ? "cancel" : "error";
}

/*
 * Runs the statement with its rows through its disclosure.  The run of a
 * top-level statement (a query, an EXECUTE, a FETCH, a cursor stored at
 * COMMIT) is a disclosure of its own; a statement inside a function, DO or
 * CALL is one disclosure over all its runs.
 */
static void
run_disclosed(QueryDesc *query, ScanDirection direction, uint64 count, bool execute_once,
			  const char *action, const char *relations)
{
	bool		nested = executor_depth > 0 || procedure_depth > 0;
	NestedDisclosure *volatile tracked = nested ? nested_disclosure_of(query) : NULL;
	Disclosure *volatile disclosure = tracked != NULL ? tracked->disclosure : NULL;
	volatile bool final = !nested || (count == 0 && ScanDirectionIsForward(direction) && tracked == NULL);
	DestReceiver *volatile inner = query->dest;

	if (disclosure == NULL)
	{
		DisclosureFacts facts;

		fill_facts(&facts, action, relations, (int64) query->plannedstmt->queryId);
		disclosure = disclosure_begin(&facts, query->plannedstmt->planTree->plan_rows);
		if (!final)
		{
			NestedDisclosure *made = MemoryContextAlloc(TopMemoryContext, sizeof(NestedDisclosure));
			MemoryContext outer = MemoryContextSwitchTo(TopMemoryContext);

			made->query = query;
			made->disclosure = disclosure;
			nested_disclosures = lappend(nested_disclosures, made);
			MemoryContextSwitchTo(outer);
			tracked = made;
		}
	}
	query->dest = disclosure_receiver(disclosure, inner, final);
	disclosing_depth++;
	PG_TRY();
	{
		run_executor(query, direction, count, execute_once);
	}
	PG_CATCH();
	{
		disclosing_depth--;
		query->dest = inner;
		forget_nested(tracked);
		disclosure_end(disclosure, failure_outcome());
		PG_RE_THROW();
	}
	PG_END_TRY();
	disclosing_depth--;
	query->dest = inner;
	if (query->estate != NULL)
		disclosure_stored(disclosure, query->estate->es_processed);
	if (final)
		disclosure_end(disclosure, "complete");
}

static void
hokenid_executor_run(QueryDesc *query, ScanDirection direction, uint64 count, bool execute_once)
{
	NumberFlow	flow;
	CommandDest dest = query->dest->mydest;
	bool		builds_store;
	const char *action;
	const char *relations;

	if (!judged_here() || (flow = plan_flow(query->plannedstmt), !flow.reads && !flow.stores))
	{
		run_executor(query, direction, count, execute_once);
		return;
	}
	builds_store = flow.stores ||
		dest == DestIntoRel || dest == DestTransientRel || (dest == DestCopyOut && copying_to_file);
	action = builds_store ? "store" : dest == DestCopyOut ? "copy" : "read";
	relations = relations_of(query->plannedstmt->rtable);
	enforce_purpose(builds_store, action, relations);
	note_disclosure();
	if (audit_disclosures)
		run_disclosed(query, direction, count, execute_once, action, relations);
	else
		run_executor(query, direction, count, execute_once);
}

/* A statement inside a function ends its disclosure when it ends. */
static void
hokenid_executor_end(QueryDesc *query)
{
	NestedDisclosure *tracked = nested_disclosures != NIL ? nested_disclosure_of(query) : NULL;

	if (tracked != NULL)
	{
		Disclosure *disclosure = tracked->disclosure;

		forget_nested(tracked);
		disclosure_end(disclosure, "complete");
	}
	if (previous_executor_end)
		previous_executor_end(query);
	else
		standard_ExecutorEnd(query);
}

/* Executes nothing when not preloaded; refuses plans that read or store. */
static void
unenforced_executor_run(QueryDesc *query, ScanDirection direction, uint64 count, bool execute_once)
{
	NumberFlow	flow = plan_flow(query->plannedstmt);

	if (flow.reads || flow.stores)
		require_enforced_restriction();
	run_executor(query, direction, count, execute_once);
}

/* ------------------------------------------------------------ planning */

static PlannedStmt *
hokenid_planner(Query *parse, const char *query_string, int cursor_options, ParamListInfo parameters)
{
	bool		judged = OidIsValid(insured_no_type()) && !IsParallelWorker();
	NumberFlow	flow = {0};
	int			query_scans = 0;
	PlannedStmt *plan;

	/* the planner rewrites the query in place: judge it first */
	if (judged)
	{
		flow = query_number_flow(parse);
		query_scans = query_number_scans(parse);
	}
	if (previous_planner)
		plan = previous_planner(parse, query_string, cursor_options, parameters);
	else
		plan = standard_planner(parse, query_string, cursor_options, parameters);
	if (judged)
	{
		/* an inlined SQL function read numbers the query did not show */
		if (plan_number_scans(plan) > query_scans)
			flow.reads = true;
		mark_plan_flow(plan, flow);
	}
	return plan;
}

/* ------------------------------------------------------------ utility */

/* COPY table TO runs as COPY (SELECT …) TO, so the executor judges it. */
static void
copy_through_query(CopyStmt *copy)
{
	SelectStmt *select = makeNode(SelectStmt);
	ResTarget  *target = makeNode(ResTarget);
	ColumnRef  *star = makeNode(ColumnRef);

	star->fields = list_make1(makeNode(A_Star));
	target->val = (Node *) star;
	if (copy->attlist == NIL)
		select->targetList = list_make1(target);
	else
	{
		ListCell   *cell;

		foreach(cell, copy->attlist)
		{
			ResTarget  *column = makeNode(ResTarget);
			ColumnRef  *reference = makeNode(ColumnRef);

			reference->fields = list_make1(lfirst(cell));
			column->val = (Node *) reference;
			select->targetList = lappend(select->targetList, column);
		}
		copy->attlist = NIL;
	}
	select->fromClause = list_make1(copyObject(copy->relation));
	copy->query = (Node *) select;
	copy->relation = NULL;
}

/* Whether the named relation's columns (those listed, or all) carry numbers. */
static bool
named_relation_carries_numbers(RangeVar *name, List *columns)
{
	Oid			relation = RangeVarGetRelid(name, NoLock, true);
	ListCell   *cell;

	if (!OidIsValid(relation) || !relation_carries_numbers(relation))
		return false;
	if (columns == NIL)
		return true;
	foreach(cell, columns)
	{
		AttrNumber	column = get_attnum(relation, strVal(lfirst(cell)));

		if (column == InvalidAttrNumber || column_carries_numbers(relation, column))
			return true;
	}
	return false;
}

typedef struct UtilityCall
{
	PlannedStmt *statement;
	const char *query_string;
	bool		read_only_tree;
	ProcessUtilityContext context;
	ParamListInfo params;
	QueryEnvironment *environment;
	DestReceiver *dest;
	QueryCompletion *completion;
} UtilityCall;

static void
run_utility(UtilityCall *call)
{
	if (previous_process_utility)
		previous_process_utility(call->statement, call->query_string, call->read_only_tree, call->context,
								 call->params, call->environment, call->dest, call->completion);
	else
		standard_ProcessUtility(call->statement, call->query_string, call->read_only_tree, call->context,
								call->params, call->environment, call->dest, call->completion);
}

/*
 * A cursor WITH HOLD keeps its rows past its transaction, and PostgreSQL
 * reads them back from its store by paths no hook sees (the protocol's
 * Execute, a PL/pgSQL FETCH): one over numbers is refused when declared,
 * before any row is stored.
 */
static void
refuse_held_numbers(DeclareCursorStmt *declare)
{
	Portal		portal = GetPortalByName(declare->portalname);
	PlannedStmt *plan;
	NumberFlow	flow;
	const char *relations;

	if (!(declare->options & CURSOR_OPT_HOLD) || !PortalIsValid(portal) || portal->stmts == NIL)
		return;
	plan = linitial_node(PlannedStmt, portal->stmts);
	flow = plan_flow(plan);
	if (!flow.reads && !flow.stores)
		return;
	relations = relations_of(plan->rtable);
	audit_refusal("read", relations);
	ereport(ERROR,
			(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
			 errmsg("read of insured numbers refused: a cursor WITH HOLD cannot hold insured numbers"),
			 errdetail("Its rows would outlive the transaction and its purpose, and are read back where the notice-request restriction (告知要求制限) cannot judge them."),
			 errhint("Declare the cursor without WITH HOLD, inside a transaction with a declared purpose.")));
}

/* COPY … FROM into a relation with numbers builds a store of them. */
static void
copy_into(UtilityCall *call, CopyStmt *copy)
{
	const char *relations = copy->relation->relname;

	enforce_purpose(true, "store", relations);
	note_disclosure();
	run_utility(call);
	if (audit_disclosures)
		record_action("store", relations, call->completion != NULL ? (int64) call->completion->nprocessed : 0, false);
}

/* DDL that makes or computes on a place for numbers (number_places.c) builds a store. */
static void
judge_store_ddl(const char *place)
{
	enforce_purpose(true, "store", place);
	note_disclosure();
	if (audit_disclosures)
		record_action("store", place, 0, false);
}

static void
hokenid_process_utility(PlannedStmt *statement, const char *query_string, bool read_only_tree,
						ProcessUtilityContext context, ParamListInfo params,
						QueryEnvironment *environment, DestReceiver *dest, QueryCompletion *completion)
{
	UtilityCall call = {statement, query_string, read_only_tree, context, params, environment, dest, completion};
	Node	   *parsed = statement->utilityStmt;
	bool		outer_copying = copying_to_file;
	bool		procedure = IsA(parsed, DoStmt) || IsA(parsed, CallStmt);
	const char *computed;
	char	   *made;

	if (!judged_here() || !OidIsValid(insured_no_type()))
	{
		run_utility(&call);
		return;
	}
	if (IsA(parsed, CopyStmt))
	{
		CopyStmt   *copy = (CopyStmt *) parsed;

		if (copy->is_from)
		{
			if (named_relation_carries_numbers(copy->relation, copy->attlist))
			{
				copy_into(&call, copy);
				return;
			}
		}
		else
		{
			if (copy->relation != NULL && named_relation_carries_numbers(copy->relation, NIL))
			{
				if (read_only_tree)
				{
					call.statement = copyObject(statement);
					copy = (CopyStmt *) call.statement->utilityStmt;
				}
				copy_through_query(copy);
			}
			copying_to_file = copy->filename != NULL;
		}
	}
	/* what computes on stored numbers as it runs is judged before it runs */
	if ((computed = number_places_computed(parsed)) != NULL)
		judge_store_ddl(computed);
	if (procedure)
		procedure_depth++;
	PG_TRY();
	{
		run_utility(&call);
		/* a place made is judged once it is made (and a refusal rolls it back) */
		made = number_places_made();
		if (made != NULL && computed == NULL)
			judge_store_ddl(made);
		if (IsA(parsed, DeclareCursorStmt))
			refuse_held_numbers((DeclareCursorStmt *) parsed);
	}
	PG_FINALLY();
	{
		copying_to_file = outer_copying;
		if (procedure)
			procedure_depth--;
	}
	PG_END_TRY();
}

static void
hokenid_object_access(ObjectAccessType access, Oid class_id, Oid object_id, int sub_id, void *arg)
{
	if (previous_object_access)
		previous_object_access(access, class_id, object_id, sub_id, arg);
	if (creating_extension || !judged_here())
		return;
	if (access == OAT_POST_CREATE || (access == OAT_POST_ALTER && class_id == RelationRelationId && sub_id != 0))
		number_places_note(class_id, object_id, sub_id);
}

/* ------------------------------------------------------------ internals */

/*
 * The extension's own functions (those with SET search_path or SECURITY
 * DEFINER, which PostgreSQL calls through this hook) read and write the
 * history tables inside: those statements are theirs, not the caller's.
 * A function is the extension's when pg_depend says it is a member, not
 * when it merely sits in schema hokenid; the answer is kept per function
 * until pg_proc changes.
 */
typedef struct MemberAnswer
{
	Oid			function;
	bool		member;
	bool		returns_numbers;	/* its result, or a field of it, carries numbers */
} MemberAnswer;

static HTAB *member_answers = NULL;

static void
on_function_change(Datum arg, int cache, uint32 hash)
{
	(void) arg;
	(void) cache;
	(void) hash;
	if (member_answers != NULL)
	{
		hash_destroy(member_answers);
		member_answers = NULL;
	}
}

static const MemberAnswer *
extension_function(Oid function)
{
	static const MemberAnswer outsider = {InvalidOid, false, false};
	MemberAnswer *answer;
	MemberAnswer made = {function, false, false};
	bool		found;

	if (function < FirstNormalObjectId)
		return &outsider;
	if (member_answers == NULL)
	{
		HASHCTL		control = {.keysize = sizeof(Oid),.entrysize = sizeof(MemberAnswer)};

		member_answers = hash_create("hokenid member functions", 64, &control, HASH_ELEM | HASH_BLOBS);
	}
	answer = hash_search(member_answers, &function, HASH_FIND, NULL);
	if (answer != NULL)
		return answer;
	made.member = is_extension_member(function);
	if (made.member)
	{
		Oid			result_type;
		TupleDesc	descriptor;

		made.returns_numbers = get_func_result_type(function, &result_type, &descriptor) == TYPEFUNC_COMPOSITE ?
			descriptor_carries_numbers(descriptor) : type_carries_numbers(result_type);
	}
	/* the lookups may have taken an invalidation that dropped the table */
	if (member_answers == NULL)
	{
		static MemberAnswer uncached;

		uncached = made;
		return &uncached;
	}
	answer = hash_search(member_answers, &function, HASH_ENTER, &found);
	*answer = made;
	return answer;
}

/*
 * Every call of the extension's functions passes here, however it is
 * evaluated: in a statement the executor runs, or in a PL/pgSQL simple
 * expression, a CALL's arguments, an EXECUTE's parameters, which no
 * executor hook sees.  A function that returns numbers (history,
 * eligibility, route_receipt, oldest_number) is a read, called from
 * outside the extension: judged here too, before it runs.
 */
static void
hokenid_fmgr_hook(FmgrHookEventType event, FmgrInfo *info, Datum *private)
{
	const MemberAnswer *function;

	if (previous_fmgr_hook)
		previous_fmgr_hook(event, info, private);
	function = extension_function(info->fn_oid);
	if (!function->member)
		return;
	if (event != FHET_START)
	{
		if (internal_depth > 0)
			internal_depth--;
		return;
	}
	/* judged before the depth counts it: an error here gets no FHET_ABORT */
	if (function->returns_numbers && internal_depth == 0 && enforce && !IsParallelWorker())
	{
		char	   *name = get_func_name(info->fn_oid);

		judged_caller = GetOuterUserId();
		PG_TRY();
		{
			enforce_purpose(false, "read", name);
			note_disclosure();
			/* no statement's disclosure covers it (a PL/pgSQL expression, a CALL's argument) */
			if (disclosing_depth == 0 && audit_disclosures)
				record_action("read", name, 1, false);
		}
		PG_FINALLY();
		{
			judged_caller = InvalidOid;
		}
		PG_END_TRY();
	}
	internal_depth++;
}

/* ------------------------------------------------------------ start-up */

void
notice_restriction_init(void)
{
	DefineCustomStringVariable("hokenid.purpose",
							   "The purpose for which this session reads insured numbers (告知要求制限).",
							   "Must be a purpose registered with hokenid.register_purpose and granted to the role.",
							   &declared_purpose, "", PGC_USERSET, 0, check_purpose, NULL, NULL);
	DefineCustomBoolVariable("hokenid.enforce",
							 "Whether reading insured numbers requires a declared purpose (superuser only).",
							 "Off only for maintenance and benchmarks: nothing is refused or audited.",
							 &enforce, true, PGC_SUSET, 0, NULL, NULL, NULL);
	DefineCustomBoolVariable("hokenid.audit",
							 "Whether permitted disclosures of insured numbers are audited (superuser only).",
							 "Refusals are audited either way.",
							 &audit_disclosures, true, PGC_SUSET, 0, NULL, NULL, NULL);
	audit_writer_init();
	number_types_init();
	number_flow_init();
	previous_planner = planner_hook;
	planner_hook = hokenid_planner;
	previous_executor_run = ExecutorRun_hook;
	if (!process_shared_preload_libraries_in_progress)
	{
		/* loaded by a session, too late to judge: refuse what reads or stores */
		ExecutorRun_hook = unenforced_executor_run;
		return;
	}
	preloaded = true;
	audit_log_init();
	ExecutorRun_hook = hokenid_executor_run;
	previous_executor_end = ExecutorEnd_hook;
	ExecutorEnd_hook = hokenid_executor_end;
	previous_process_utility = ProcessUtility_hook;
	ProcessUtility_hook = hokenid_process_utility;
	previous_object_access = object_access_hook;
	object_access_hook = hokenid_object_access;
	previous_fmgr_hook = fmgr_hook;
	fmgr_hook = hokenid_fmgr_hook;
	RegisterXactCallback(at_transaction_end, NULL);
	RegisterSubXactCallback(at_subtransaction_end, NULL);
	CacheRegisterRelcacheCallback(on_relcache_invalidation, (Datum) 0);
	CacheRegisterSyscacheCallback(AUTHOID, on_role_change, (Datum) 0);
	CacheRegisterSyscacheCallback(AUTHMEMROLEMEM, on_membership_change, (Datum) 0);
	CacheRegisterSyscacheCallback(PROCOID, on_function_change, (Datum) 0);
}

/*
 * hokenid.history() gives a registered recipient a person's numbers from
 * inside, where the statements are the extension's own: it records the
 * provision here, outside any transaction, before its rows leave, so that
 * a provision rolled back or consumed without disclosure is still in the
 * trail.  The role is the caller's (the function runs as its owner), the
 * person is the given number's digest.
 */
Datum
audit_history_provision(PG_FUNCTION_ARGS)
{
	struct varlena *given = PG_GETARG_INSURED_NO_P(0);
	AuditEntry	entry = {0};
	uint8		digest[AUDIT_DIGEST_SIZE];

	audit_digest(INSURED_NO_IMAGE(given), INSURED_NO_IMAGE_LENGTH(given), digest);
	entry.role_name = GetUserNameFromId(GetOuterUserId(), false);
	entry.purpose = recorded_purpose();
	entry.relations = "qualification";
	entry.action = "provide";
	entry.rows = PG_GETARG_INT32(1);
	entry.persons = 1;
	entry.digests = digest;
	audit_log_append(&entry);
	PG_RETURN_VOID();
}

/* Called by the install script: no enforcement without the hooks. */
Datum
require_preloaded(PG_FUNCTION_ARGS)
{
	(void) fcinfo;
	if (!preloaded)
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("hokenid must be loaded by shared_preload_libraries to enforce the notice-request restriction"),
				 errhint("Add hokenid to shared_preload_libraries in postgresql.conf and restart the server.")));
	PG_RETURN_VOID();
}
