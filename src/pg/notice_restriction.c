/*
 * The notice-request restriction (告知要求制限, 健康保険法194条の2): insured
 * numbers are read only for a declared purpose that permits it, and every
 * statement that discloses them leaves an audit record.
 *
 * A session declares its purpose in hokenid.purpose.  Every statement whose
 * result reaches a client, a COPY, or a new table or materialized view and
 * carries hokenid.insured_no (or an array of it) is checked when it runs
 * (each FETCH of a cursor and each EXECUTE of a prepared statement too, so
 * a purpose changed in between counts): the current role must have been
 * granted the purpose and the purpose must permit reading numbers (or, for
 * CREATE TABLE AS, SELECT INTO and materialized views, building stores of
 * them).  Creating or adding a column of the type needs a purpose that
 * builds stores.  Superusers are not refused (pg_dump and recovery must
 * work) but are audited like everyone.  Statements inside functions are not
 * checked on their own: what matters is what leaves the function.
 */
#include "postgres.h"

#include "access/parallel.h"
#include "access/relation.h"
#include "access/xact.h"
#include "catalog/namespace.h"
#include "catalog/pg_type.h"
#include "commands/copy.h"
#include "executor/executor.h"
#include "executor/spi.h"
#include "miscadmin.h"
#include "nodes/makefuncs.h"
#include "parser/parse_type.h"
#include "tcop/utility.h"
#include "utils/acl.h"
#include "utils/builtins.h"
#include "utils/guc.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rel.h"
#include "utils/syscache.h"
#include "utils/timestamp.h"

#include "audit_log.h"
#include "digest_set.h"
#include "hokenid.h"
#include "identifier_types.h"

PG_FUNCTION_INFO_V1(require_preloaded);

static bool preloaded = false;
static char *declared_purpose = NULL;
static bool enforce = true;		/* hokenid.enforce */
static bool audit_disclosures = true;	/* hokenid.audit */
static bool disclosed_in_transaction = false;
static ExecutorRun_hook_type previous_executor_run = NULL;
static int	executor_depth = 0;		/* nesting of ExecutorRun calls */
static bool in_toplevel_fetch = false;	/* running a top-level EXECUTE or FETCH */
static ProcessUtility_hook_type previous_process_utility = NULL;

/* Cached per backend; emptied when the purpose tables change. */
typedef struct PurposeCache
{
	bool		valid;
	Oid			role;
	char		purpose[NAMEDATALEN];
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
	/* the purpose under which numbers were read stays the transaction's */
	if (disclosed_in_transaction && IsTransactionState() &&
		strcmp(*newval ? *newval : "", declared_purpose ? declared_purpose : "") != 0)
	{
		GUC_check_errcode(ERRCODE_INVALID_TRANSACTION_STATE);
		GUC_check_errmsg("hokenid.purpose cannot change in a transaction that has read insured numbers");
		GUC_check_errhint("Commit or roll back first: each disclosure is audited under one purpose.");
		return false;
	}
	return true;
}

static void
at_transaction_end(XactEvent event, void *arg)
{
	(void) arg;
	if (event == XACT_EVENT_COMMIT || event == XACT_EVENT_ABORT ||
		event == XACT_EVENT_PARALLEL_COMMIT || event == XACT_EVENT_PARALLEL_ABORT ||
		event == XACT_EVENT_PREPARE)
		disclosed_in_transaction = false;
}

static void
on_relcache_invalidation(Datum arg, Oid relid)
{
	(void) arg;
	(void) relid;
	purpose_cache.valid = false;
	relation_names.count = -1;
}

/* ------------------------------------------------------------ the type */

/*
 * insured_no and its array type, looked up once: every statement asks, and
 * two catalog lookups would cost a single-row select a few percent.  Any
 * change of pg_type (the extension dropped and made again) forgets them.
 */
typedef struct InsuredTypes
{
	bool		known;
	Oid			insured;		/* InvalidOid: the extension is not installed */
	Oid			array;
} InsuredTypes;

static InsuredTypes insured_types;

static void
on_type_change(Datum arg, int cache, uint32 hash)
{
	(void) arg;
	(void) cache;
	(void) hash;
	insured_types.known = false;
}

static const InsuredTypes *
find_insured_types(void)
{
	Oid			schema;

	if (insured_types.known)
		return &insured_types;
	schema = get_namespace_oid("hokenid", true);
	insured_types.insured = !OidIsValid(schema) ? InvalidOid :
		GetSysCacheOid2(TYPENAMENSP, Anum_pg_type_oid, CStringGetDatum("insured_no"), ObjectIdGetDatum(schema));
	insured_types.array = OidIsValid(insured_types.insured) ? get_array_type(insured_types.insured) : InvalidOid;
	insured_types.known = true;
	return &insured_types;
}

static Oid
insured_no_type(void)
{
	return find_insured_types()->insured;
}

/* Whether type is insured_no or an array of it. */
static bool
is_insured_type(Oid type)
{
	const InsuredTypes *types = find_insured_types();

	return OidIsValid(type) && (type == types->insured || type == types->array);
}

static bool
carries_insured_numbers(TupleDesc descriptor, Oid insured)
{
	if (descriptor == NULL || !OidIsValid(insured))
		return false;
	for (int i = 0; i < descriptor->natts; i++)
		if (!TupleDescAttr(descriptor, i)->attisdropped &&
			is_insured_type(TupleDescAttr(descriptor, i)->atttypid))
			return true;
	return false;
}

/* ------------------------------------------------------------ purposes */

/*
 * The current role's name for the audit record, looked up once per role:
 * a single-row select cannot afford a catalog lookup per statement.  A
 * renamed role is looked up afresh (syscache invalidation).
 */
static Oid	named_role = InvalidOid;
static char role_name[NAMEDATALEN];

static void
on_role_change(Datum arg, int cache, uint32 hash)
{
	(void) arg;
	(void) cache;
	(void) hash;
	named_role = InvalidOid;
}

static const char *
current_role_name(void)
{
	Oid			role = GetUserId();

	if (role != named_role)
	{
		strlcpy(role_name, GetUserNameFromId(role, false), sizeof(role_name));
		named_role = role;
	}
	return role_name;
}

/* The declared purpose as granted to the current role, from the registry. */
static const PurposeCache *
current_purpose(void)
{
	Oid			role = GetUserId();
	const char *purpose = declared_purpose ? declared_purpose : "";

	if (purpose_cache.valid && purpose_cache.role == role && strcmp(purpose_cache.purpose, purpose) == 0)
		return &purpose_cache;
	memset(&purpose_cache, 0, sizeof(purpose_cache));
	purpose_cache.role = role;
	strlcpy(purpose_cache.purpose, purpose, sizeof(purpose_cache.purpose));
	if (purpose[0] != '\0')
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
			purpose_cache.reads_numbers = DatumGetBool(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull));
			purpose_cache.builds_stores = DatumGetBool(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 2, &isnull));
			purpose_cache.granted = DatumGetBool(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 3, &isnull));
		}
		SPI_finish();
	}
	purpose_cache.valid = true;
	return &purpose_cache;
}

static void
audit_refusal(const char *action, const char *relations)
{
	AuditEntry	entry = {0};

	entry.role_name = current_role_name();
	entry.purpose = declared_purpose;
	entry.relations = relations;
	entry.refused = true;
	entry.action = action;
	audit_log_append(&entry);
}

/*
 * Refuses (42501) unless the declared purpose, granted to the current
 * role, permits the action; a refusal is audited first.
 */
static void
enforce_purpose(bool builds_store, const char *action, const char *relations)
{
	const PurposeCache *purpose;
	const char *problem = NULL;

	if (superuser())
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

/* ------------------------------------------------------------ disclosure */

/* Wraps the statement's receiver: counts rows and the persons they name. */
typedef struct AuditReceiver
{
	DestReceiver pub;
	DestReceiver *inner;
	Oid			insured;
	/* the result columns that carry numbers, found once at startup */
	int			column_count;
	int		   *columns;		/* 0-based attribute numbers */
	bool	   *is_array;
	int64		rows;
	uint8	   *digests;		/* one per number returned; repeats too */
	int64		digest_count;
	int64		digest_capacity;
} AuditReceiver;

static void
note_value(AuditReceiver *receiver, Datum value)
{
	struct varlena *number = DatumGetInsuredNoP(value);

	if (receiver->digest_count == receiver->digest_capacity)
	{
		receiver->digest_capacity *= 2;
		receiver->digests = repalloc_huge(receiver->digests, receiver->digest_capacity * AUDIT_DIGEST_SIZE);
	}
	audit_digest(INSURED_NO_IMAGE(number), INSURED_NO_IMAGE_LENGTH(number),
				 receiver->digests + receiver->digest_count++ * AUDIT_DIGEST_SIZE);
}

static bool
audit_receive(TupleTableSlot *slot, DestReceiver *self)
{
	AuditReceiver *receiver = (AuditReceiver *) self;

	receiver->rows++;
	for (int c = 0; c < receiver->column_count; c++)
	{
		int			attribute = receiver->columns[c];
		bool		isnull;
		Datum		value = slot_getattr(slot, attribute + 1, &isnull);

		if (isnull)
			continue;
		if (!receiver->is_array[c])
			note_value(receiver, value);
		else
		{
			ArrayType  *array = DatumGetArrayTypeP(value);
			Datum	   *elements;
			bool	   *element_nulls;
			int			count;

			deconstruct_array(array, receiver->insured, -1, false, TYPALIGN_INT, &elements, &element_nulls, &count);
			for (int e = 0; e < count; e++)
				if (!element_nulls[e])
					note_value(receiver, elements[e]);
			pfree(elements);
			pfree(element_nulls);
		}
	}
	return receiver->inner->receiveSlot(slot, receiver->inner);
}

/* Finds the columns to digest once, not a catalog lookup per column and row. */
static void
audit_startup(DestReceiver *self, int operation, TupleDesc descriptor)
{
	AuditReceiver *receiver = (AuditReceiver *) self;

	receiver->columns = palloc(sizeof(int) * Max(descriptor->natts, 1));
	receiver->is_array = palloc(sizeof(bool) * Max(descriptor->natts, 1));
	receiver->column_count = 0;
	for (int i = 0; i < descriptor->natts; i++)
	{
		Form_pg_attribute attribute = TupleDescAttr(descriptor, i);

		if (attribute->attisdropped || !is_insured_type(attribute->atttypid))
			continue;
		receiver->columns[receiver->column_count] = i;
		receiver->is_array[receiver->column_count++] = attribute->atttypid != receiver->insured;
	}
	receiver->inner->rStartup(receiver->inner, operation, descriptor);
}

static void
audit_shutdown(DestReceiver *self)
{
	AuditReceiver *receiver = (AuditReceiver *) self;

	receiver->inner->rShutdown(receiver->inner);
}

static void
audit_destroy(DestReceiver *self)
{
	(void) self;
}

static bool
is_client_facing(CommandDest dest)
{
	return dest == DestRemote || dest == DestRemoteExecute || dest == DestRemoteSimple ||
		dest == DestCopyOut || dest == DestIntoRel || dest == DestTransientRel;
}

static const char *
relations_of(QueryDesc *query)
{
	StringInfoData names;
	ListCell   *cell;
	Oid			relations[CACHED_RELATIONS];
	int			count = 0;

	foreach(cell, query->plannedstmt->rtable)
	{
		RangeTblEntry *entry = lfirst(cell);

		if (entry->rtekind == RTE_RELATION && count++ < CACHED_RELATIONS)
			relations[count - 1] = entry->relid;
	}
	if (count == relation_names.count && memcmp(relations, relation_names.relations, count * sizeof(Oid)) == 0)
		return relation_names.names;
	initStringInfo(&names);
	foreach(cell, query->plannedstmt->rtable)
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

/* Runs the statement, counting how deep executors nest. */
static void
run_nested(QueryDesc *query, ScanDirection direction, uint64 count, bool execute_once)
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
hokenid_executor_run(QueryDesc *query, ScanDirection direction, uint64 count, bool execute_once)
{
	Oid			insured;
	AuditReceiver receiver;
	bool		builds_store;
	const char *action;
	const char *relations;
	AuditEntry	entry = {0};

	/*
	 * A top-level EXECUTE or FETCH runs its statement into the portal's
	 * tuplestore, from which the client is sent the rows: that statement (at
	 * depth 0) is a disclosure, what runs inside functions is not.
	 */
	if (!enforce || IsParallelWorker() ||
		!(is_client_facing(query->dest->mydest) ||
		  (query->dest->mydest == DestTuplestore && in_toplevel_fetch && executor_depth == 0)) ||
		!carries_insured_numbers(query->tupDesc, insured = insured_no_type()))
	{
		run_nested(query, direction, count, execute_once);
		return;
	}

	builds_store = query->dest->mydest == DestIntoRel || query->dest->mydest == DestTransientRel;
	action = builds_store ? "store" : query->dest->mydest == DestCopyOut ? "copy" : "read";
	relations = relations_of(query);
	enforce_purpose(builds_store, action, relations);
	disclosed_in_transaction = true;
	if (!audit_disclosures)
	{
		run_nested(query, direction, count, execute_once);
		return;
	}

	memset(&receiver, 0, sizeof(receiver));
	receiver.pub.receiveSlot = audit_receive;
	receiver.pub.rStartup = audit_startup;
	receiver.pub.rShutdown = audit_shutdown;
	receiver.pub.rDestroy = audit_destroy;
	receiver.pub.mydest = query->dest->mydest;
	receiver.inner = query->dest;
	receiver.insured = insured;
	/* sized for the rows the planner expects, grown as needed */
	receiver.digest_capacity = (int64) Min(Max(query->plannedstmt->planTree->plan_rows, 16.0), 1 << 24);
	receiver.digests = palloc_extended(receiver.digest_capacity * AUDIT_DIGEST_SIZE, MCXT_ALLOC_HUGE);
	query->dest = (DestReceiver *) &receiver;
	PG_TRY();
	{
		run_nested(query, direction, count, execute_once);
	}
	PG_FINALLY();
	{
		query->dest = receiver.inner;
	}
	PG_END_TRY();

	/* the record is written before the statement's result is complete */
	entry.persons = receiver.digest_count;
	if (receiver.digest_count > 1)
	{
		uint8	   *scratch = palloc_extended(receiver.digest_count * AUDIT_DIGEST_SIZE, MCXT_ALLOC_HUGE);

		entry.persons = (int64) distinct_digests(receiver.digests, (size_t) receiver.digest_count, scratch);
		pfree(scratch);
	}
	entry.role_name = current_role_name();
	entry.purpose = declared_purpose;
	entry.query_id = (int64) query->plannedstmt->queryId;
	entry.relations = relations;
	entry.action = action;
	entry.rows = receiver.rows;
	entry.digests = receiver.digests;
	audit_log_append(&entry);
	pfree(receiver.digests);
}

/* ------------------------------------------------------------ utility */

static bool
type_name_is_insured(TypeName *name)
{
	return is_insured_type(LookupTypeNameOid(NULL, name, true));
}

/* COPY table TO runs as COPY (SELECT …) TO, so the executor audits it. */
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

static bool
relation_carries_insured_numbers(RangeVar *name, Oid insured)
{
	Oid			relation = RangeVarGetRelid(name, NoLock, true);
	bool		carries = false;

	if (OidIsValid(relation))
	{
		Relation	r = relation_open(relation, AccessShareLock);

		carries = carries_insured_numbers(RelationGetDescr(r), insured);
		relation_close(r, AccessShareLock);
	}
	return carries;
}

static void
run_utility(PlannedStmt *statement, const char *query_string, bool read_only_tree,
			ProcessUtilityContext context, ParamListInfo params,
			QueryEnvironment *environment, DestReceiver *dest, QueryCompletion *completion,
			bool toplevel_fetch)
{
	bool		outer = in_toplevel_fetch;

	in_toplevel_fetch = toplevel_fetch;
	PG_TRY();
	{
		if (previous_process_utility)
			previous_process_utility(statement, query_string, read_only_tree, context, params,
									 environment, dest, completion);
		else
			standard_ProcessUtility(statement, query_string, read_only_tree, context, params,
									environment, dest, completion);
	}
	PG_FINALLY();
	{
		in_toplevel_fetch = outer;
	}
	PG_END_TRY();
}

static void
hokenid_process_utility(PlannedStmt *statement, const char *query_string, bool read_only_tree,
						ProcessUtilityContext context, ParamListInfo params,
						QueryEnvironment *environment, DestReceiver *dest, QueryCompletion *completion)
{
	Node	   *parsed = statement->utilityStmt;
	Oid			insured = (!enforce || IsParallelWorker()) ? InvalidOid : insured_no_type();

	if (OidIsValid(insured))
	{
		if (IsA(parsed, CopyStmt) && !((CopyStmt *) parsed)->is_from && ((CopyStmt *) parsed)->relation != NULL &&
			relation_carries_insured_numbers(((CopyStmt *) parsed)->relation, insured))
		{
			if (read_only_tree)
			{
				statement = copyObject(statement);
				parsed = statement->utilityStmt;
			}
			copy_through_query((CopyStmt *) parsed);
		}
		else if (IsA(parsed, CreateStmt))
		{
			ListCell   *cell;

			foreach(cell, ((CreateStmt *) parsed)->tableElts)
				if (IsA(lfirst(cell), ColumnDef) && type_name_is_insured(((ColumnDef *) lfirst(cell))->typeName))
					enforce_purpose(true, "store", ((CreateStmt *) parsed)->relation->relname);
		}
		else if (IsA(parsed, AlterTableStmt))
		{
			ListCell   *cell;

			foreach(cell, ((AlterTableStmt *) parsed)->cmds)
			{
				AlterTableCmd *command = lfirst(cell);

				if (command->subtype == AT_AddColumn && IsA(command->def, ColumnDef) &&
					type_name_is_insured(((ColumnDef *) command->def)->typeName))
					enforce_purpose(true, "store", ((AlterTableStmt *) parsed)->relation->relname);
			}
		}
	}
	run_utility(statement, query_string, read_only_tree, context, params, environment, dest, completion,
				context == PROCESS_UTILITY_TOPLEVEL && (IsA(parsed, ExecuteStmt) || IsA(parsed, FetchStmt)));
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
	if (!process_shared_preload_libraries_in_progress)
		return;
	preloaded = true;
	audit_log_init();
	previous_executor_run = ExecutorRun_hook;
	ExecutorRun_hook = hokenid_executor_run;
	previous_process_utility = ProcessUtility_hook;
	ProcessUtility_hook = hokenid_process_utility;
	RegisterXactCallback(at_transaction_end, NULL);
	CacheRegisterRelcacheCallback(on_relcache_invalidation, (Datum) 0);
	CacheRegisterSyscacheCallback(AUTHOID, on_role_change, (Datum) 0);
	CacheRegisterSyscacheCallback(TYPEOID, on_type_change, (Datum) 0);
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
