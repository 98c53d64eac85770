/*
 * Where insured numbers flow in a statement (number_flow.h).
 *
 * The analysis walks the rewritten query (views expanded, not yet planned)
 * with, for each expression, how its value is used: not at all or by a
 * non-disclosing consumer (0), disclosed (FLOW_READ), or written into a
 * relation (FLOW_STORE).  A node passes its use to the inputs that its
 * value is made of (a domain coercion, ROW(), ARRAY[], COALESCE, CASE
 * results) and gives every other input FLOW_READ: whatever consumes a
 * number and is not on the short list below can disclose it, if only by an
 * error message or a comparison's answer.  Sources are where a number the
 * statement did not write comes from: a column or whole row of a relation,
 * a function's result or its rows, a trigger's transition table, a
 * parameter.  A constant is the caller's own number: storing it is a store,
 * but using it discloses nothing.
 *
 * Columns of subqueries, CTEs, VALUES lists and set operations are judged
 * by how the query above uses them, so SELECT name FROM a view that also
 * shows the number reads none.  Uses found in one FROM item can reach
 * another (LATERAL), so a level's subqueries are judged again until their
 * uses stop growing.
 *
 * Where the planner inlines a SQL function's body, the query showed only
 * the call: the planner hook compares the scans of number-carrying columns
 * in the plan with those of the query (query_number_scans), and takes an
 * unexplained one as a read.
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "catalog/dependency.h"
#include "catalog/pg_language.h"
#include "catalog/pg_proc.h"
#include "catalog/pg_type.h"
#include "commands/extension.h"
#include "executor/functions.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "nodes/nodeFuncs.h"
#include "nodes/pathnodes.h"
#include "parser/parsetree.h"
#include "rewrite/rewriteHandler.h"
#include "rewrite/rewriteManip.h"
#include "tcop/tcopprot.h"
#include "utils/builtins.h"
#include "utils/fmgrprotos.h"
#include "utils/lsyscache.h"
#include "utils/hsearch.h"
#include "utils/inval.h"
#include "utils/syscache.h"
#include "utils/typcache.h"

#include "number_flow.h"
#include "number_types.h"

#define FLOW_READ 0x01
#define FLOW_STORE 0x02

/*
 * Consumers that reveal no part of a number: counting it, its 保険者番号,
 * its keyed linkage codes (the roles that may compute them are those
 * granted EXECUTE).  NULL tests are node types, not functions, and are
 * non-disclosing too.
 */
static const char *const non_disclosing_signatures[] = {
	"pg_catalog.count(\"any\")",
	"hokenid.insurer(hokenid.insured_no)",
	"hokenid.link(hokenid.insured_no,text,integer)",
	"hokenid.link_number(hokenid.insured_no,text,integer)",
	"hokenid.link_id1(hokenid.insured_no,date,integer,text,integer)",
};

/* Functions whose number is made from their arguments alone, not a source. */
static const char *const number_making_signatures[] = {
	"hokenid.insured_no(text,text,text,text)",
	"hokenid.without_branch(hokenid.insured_no)",
};

#define NON_DISCLOSING lengthof(non_disclosing_signatures)
#define NUMBER_MAKING lengthof(number_making_signatures)

static Oid	resolved_for = InvalidOid;	/* the insured_no the OIDs belong to */
static Oid	non_disclosing[NON_DISCLOSING];
static Oid	number_making[NUMBER_MAKING];

static Oid
function_by_signature(const char *signature)
{
	LOCAL_FCINFO(call, 1);
	Datum		result;

	InitFunctionCallInfoData(*call, NULL, 1, InvalidOid, NULL, NULL);
	call->args[0].value = CStringGetTextDatum(signature);
	call->args[0].isnull = false;
	result = to_regprocedure(call);
	return call->isnull ? InvalidOid : DatumGetObjectId(result);
}

static void
resolve_functions(void)
{
	Oid			insured = insured_no_type();

	if (insured == resolved_for)
		return;
	for (int i = 0; i < (int) NON_DISCLOSING; i++)
		non_disclosing[i] = function_by_signature(non_disclosing_signatures[i]);
	for (int i = 0; i < (int) NUMBER_MAKING; i++)
		number_making[i] = function_by_signature(number_making_signatures[i]);
	resolved_for = insured;
}

bool
is_extension_member(Oid function)
{
	Oid			extension = get_extension_oid("hokenid", true);

	return OidIsValid(extension) && getExtensionOfObject(ProcedureRelationId, function) == extension;
}

static bool
is_listed(Oid function, const Oid *list, int count)
{
	for (int i = 0; i < count; i++)
		if (OidIsValid(list[i]) && list[i] == function)
			return true;
	return false;
}

/* ------------------------------------------------------------ state */

/* The uses of one subquery's, VALUES list's or CTE's output columns. */
typedef struct OutputUses
{
	int			count;
	uint8	   *wanted;			/* use of each column, by the query above */
	uint8	   *judged;			/* the uses it was last judged with */
	bool		analysed;
} OutputUses;

typedef struct Level
{
	Query	   *query;
	OutputUses *entries;		/* by range table index - 1 */
	OutputUses *ctes;			/* by position in cteList */
} Level;

typedef struct Flow
{
	List	   *levels;			/* innermost first */
	NumberFlow	result;
} Flow;

static void walk(Flow *flow, Node *node, uint8 use);
static void analyse_query(Flow *flow, Query *query, const OutputUses *outputs, uint8 other_use);
static bool inlinable_body_reads_numbers(Oid function);

static void
note_source(Flow *flow, uint8 use)
{
	if (use & FLOW_READ)
		flow->result.reads = true;
	if (use & FLOW_STORE)
		flow->result.stores = true;
}

/* What an input of a disclosing consumer gets: a read, and any store. */
static inline uint8
consumed(uint8 use)
{
	return FLOW_READ | (use & FLOW_STORE);
}

static void
want(OutputUses *uses, int count, AttrNumber column, uint8 use)
{
	if (uses->wanted == NULL)
	{
		uses->count = count;
		uses->wanted = palloc0(Max(count, 1));
		uses->judged = palloc0(Max(count, 1));
	}
	if (column == InvalidAttrNumber)
	{
		for (int i = 0; i < uses->count; i++)
			uses->wanted[i] |= use;
	}
	else if (column > 0 && column <= uses->count)
		uses->wanted[column - 1] |= use;
}

static bool
uses_grew(const OutputUses *uses)
{
	if (!uses->analysed)
		return true;
	for (int i = 0; i < uses->count; i++)
		if (uses->wanted[i] & ~uses->judged[i])
			return true;
	return false;
}

static void
mark_judged(OutputUses *uses)
{
	uses->analysed = true;
	if (uses->wanted != NULL)
		memcpy(uses->judged, uses->wanted, uses->count);
}

static uint8
output_use(const OutputUses *outputs, uint8 other_use, AttrNumber resno)
{
	if (outputs != NULL && outputs->wanted != NULL && resno >= 1 && resno <= outputs->count)
		return outputs->wanted[resno - 1];
	return other_use;
}

/* ------------------------------------------------------------ sources */

static bool
any_type_carries(List *types)
{
	ListCell   *cell;

	foreach(cell, types)
		if (type_carries_numbers(lfirst_oid(cell)))
			return true;
	return false;
}

static bool
function_rows_carry(RangeTblEntry *entry)
{
	ListCell   *cell;

	foreach(cell, entry->functions)
	{
		RangeTblFunction *function = lfirst(cell);
		Oid			result_type;
		TupleDesc	descriptor;

		if (function->funccoltypes != NIL)
		{
			if (any_type_carries(function->funccoltypes))
				return true;
			continue;
		}
		switch (get_expr_result_type(function->funcexpr, &result_type, &descriptor))
		{
			case TYPEFUNC_COMPOSITE:
			case TYPEFUNC_COMPOSITE_DOMAIN:
				if (descriptor_carries_numbers(descriptor))
					return true;
				break;
			case TYPEFUNC_SCALAR:
				if (type_carries_numbers(result_type))
					return true;
				break;
			default:
				/* a result type the catalog cannot tell: assume it may */
				return true;
		}
	}
	return false;
}

/* Whether the whole row of a source range table entry can hold a number. */
static bool
row_carries(RangeTblEntry *entry)
{
	switch (entry->rtekind)
	{
		case RTE_RELATION:
			return relation_carries_numbers(entry->relid);
		case RTE_FUNCTION:
			return function_rows_carry(entry);
		default:
			return any_type_carries(entry->coltypes);
	}
}

static Level *
level_of(Flow *flow, Index levels_up)
{
	if (levels_up >= (Index) list_length(flow->levels))
		return NULL;
	return list_nth(flow->levels, levels_up);
}

static void
walk_join_column(Flow *flow, Var *var, Node *alias, uint8 use)
{
	if (alias == NULL)
		return;
	if (var->varlevelsup > 0)
	{
		alias = copyObject(alias);
		IncrementVarSublevelsUp(alias, var->varlevelsup, 0);
	}
	walk(flow, alias, use);
}

static void
walk_var(Flow *flow, Var *var, uint8 use)
{
	Level	   *level = level_of(flow, var->varlevelsup);
	RangeTblEntry *entry;

	if (use == 0)
		return;
	if (level == NULL || var->varno < 1 || var->varno > (int) list_length(level->query->rtable))
	{
		/* not a reference this walk can follow: judge it by its type */
		if (type_carries_numbers(var->vartype) || var->vartype == RECORDOID)
			note_source(flow, use);
		return;
	}
	entry = rt_fetch(var->varno, level->query->rtable);
	switch (entry->rtekind)
	{
		case RTE_SUBQUERY:
			want(&level->entries[var->varno - 1], list_length(entry->subquery->targetList), var->varattno, use);
			break;
		case RTE_VALUES:
			want(&level->entries[var->varno - 1], list_length(linitial(entry->values_lists)), var->varattno, use);
			break;
		case RTE_CTE:
			{
				Level	   *owner = level_of(flow, var->varlevelsup + entry->ctelevelsup);
				ListCell   *cell;
				int			position = 0;

				if (owner == NULL)
				{
					note_source(flow, use);
					break;
				}
				foreach(cell, owner->query->cteList)
				{
					CommonTableExpr *cte = lfirst(cell);

					if (strcmp(cte->ctename, entry->ctename) == 0)
					{
						want(&owner->ctes[position], list_length(cte->ctecolnames), var->varattno, use);
						break;
					}
					position++;
				}
				if (cell == NULL)
					note_source(flow, use);
				break;
			}
		case RTE_JOIN:
			if (var->varattno == InvalidAttrNumber)
			{
				ListCell   *cell;

				foreach(cell, entry->joinaliasvars)
					walk_join_column(flow, var, lfirst(cell), use);
			}
			else if (var->varattno > 0 && var->varattno <= list_length(entry->joinaliasvars))
				walk_join_column(flow, var, list_nth(entry->joinaliasvars, var->varattno - 1), use);
			break;
		case RTE_RESULT:
			break;
		default:
			/* relations, functions, table functions, transition tables */
			if (var->varattno == InvalidAttrNumber ? row_carries(entry) : type_carries_numbers(var->vartype))
				note_source(flow, use);
			break;
	}
}

/* ------------------------------------------------------------ inlined functions */

/*
 * The planner replaces a call of a simple SQL function by its body (a
 * single SELECT, in FROM or in an expression), which then never runs as a
 * statement of its own: the query showed only the call.  Such a body is
 * judged here, as a query whose every output is read, and a call of a
 * function whose body reads or stores numbers reads them.  The answer is
 * kept per function until pg_proc changes; a function met again while its
 * own body is judged (recursion) is taken to read.
 */
typedef struct BodyAnswer
{
	Oid			function;
	bool		judged;			/* false while its body is being judged */
	bool		reads;
} BodyAnswer;

static HTAB *body_answers = NULL;

static void
on_function_change(Datum arg, int cache, uint32 hash)
{
	(void) arg;
	(void) cache;
	(void) hash;
	if (body_answers != NULL)
	{
		hash_destroy(body_answers);
		body_answers = NULL;
	}
}

/*
 * Whether the planner could inline the function: SQL, not SECURITY
 * DEFINER, no SET, and not the extension's own (whose statements are its
 * own, like those of its other functions).
 */
static bool
could_be_inlined(HeapTuple tuple)
{
	Form_pg_proc form = (Form_pg_proc) GETSTRUCT(tuple);

	return form->prolang == SQLlanguageId && !form->prosecdef &&
		heap_attisnull(tuple, Anum_pg_proc_proconfig, NULL) && !is_extension_member(form->oid);
}

/* The body's queries, rewritten, as the planner would inline them (NIL: never inlined). */
static List *
inlinable_body(HeapTuple tuple)
{
	bool		isnull;
	Datum		body = SysCacheGetAttr(PROCOID, tuple, Anum_pg_proc_prosqlbody, &isnull);
	List	   *queries = NIL;

	if (!isnull)
	{
		Node	   *tree = stringToNode(TextDatumGetCString(body));
		List	   *statements = IsA(tree, List) ? linitial_node(List, castNode(List, tree)) : list_make1(tree);
		ListCell   *cell;

		foreach(cell, statements)
		{
			Query	   *query = copyObject(lfirst_node(Query, cell));

			AcquireRewriteLocks(query, true, false);
			queries = list_concat(queries, pg_rewrite_query(query));
		}
		return queries;
	}
	else
	{
		char	   *source = TextDatumGetCString(SysCacheGetAttr(PROCOID, tuple, Anum_pg_proc_prosrc, &isnull));
		List	   *statements = pg_parse_query(source);
		SQLFunctionParseInfoPtr parse_info;

		/* only a single SELECT is ever inlined; others run as statements */
		if (list_length(statements) != 1 || !IsA(linitial_node(RawStmt, statements)->stmt, SelectStmt))
			return NIL;
		parse_info = prepare_sql_fn_parse_info(tuple, NULL, InvalidOid);
		return pg_analyze_and_rewrite_withcb(linitial_node(RawStmt, statements), source,
											 (ParserSetupHook) sql_fn_parser_setup, parse_info, NULL);
	}
}

static bool
judge_body(Oid function)
{
	HeapTuple	tuple = SearchSysCache1(PROCOID, ObjectIdGetDatum(function));
	Form_pg_proc form;
	ListCell   *cell;
	bool		reads = false;
	bool		polymorphic;

	if (!HeapTupleIsValid(tuple))
		return false;
	form = (Form_pg_proc) GETSTRUCT(tuple);
	polymorphic = IsPolymorphicType(form->prorettype);
	for (int i = 0; i < form->pronargs && !polymorphic; i++)
		polymorphic = IsPolymorphicType(form->proargtypes.values[i]);
	if (could_be_inlined(tuple))
	{
		/* a polymorphic body cannot be analysed without its call: assume it reads */
		if (polymorphic)
			reads = true;
		else
			foreach(cell, inlinable_body(tuple))
			{
				NumberFlow	body = query_number_flow(lfirst_node(Query, cell));

				reads = reads || body.reads || body.stores;
			}
	}
	ReleaseSysCache(tuple);
	return reads;
}

static bool
inlinable_body_reads_numbers(Oid function)
{
	BodyAnswer *answer;
	bool		found;
	bool		reads;

	if (function < FirstNormalObjectId)
		return false;
	if (body_answers == NULL)
	{
		HASHCTL		control = {.keysize = sizeof(Oid),.entrysize = sizeof(BodyAnswer)};

		body_answers = hash_create("hokenid function bodies", 64, &control, HASH_ELEM | HASH_BLOBS);
	}
	answer = hash_search(body_answers, &function, HASH_ENTER, &found);
	if (found)
		return !answer->judged || answer->reads;
	answer->judged = false;
	reads = judge_body(function);
	/* judging may have dropped the table (an invalidation): look again */
	if (body_answers != NULL && (answer = hash_search(body_answers, &function, HASH_FIND, NULL)) != NULL)
	{
		answer->judged = true;
		answer->reads = reads;
	}
	return reads;
}

void
number_flow_init(void)
{
	CacheRegisterSyscacheCallback(PROCOID, on_function_change, (Datum) 0);
}

/* ------------------------------------------------------------ expressions */

typedef struct ChildWalk
{
	Flow	   *flow;
	uint8		use;
} ChildWalk;

static bool
walk_child(Node *node, void *context)
{
	ChildWalk  *child = context;

	walk(child->flow, node, child->use);
	return false;
}

/* Walks every input of node with the same use. */
static void
walk_inputs(Flow *flow, Node *node, uint8 use)
{
	ChildWalk	child = {flow, use};

	expression_tree_walker(node, walk_child, &child);
}

/* Whether an expression's value can hold a number, a record's fields included. */
static bool
result_carries(Node *expression, Oid type)
{
	TupleDesc	descriptor;

	if (type_carries_numbers(type))
		return true;
	return type == RECORDOID && get_expr_result_type(expression, NULL, &descriptor) == TYPEFUNC_COMPOSITE &&
		descriptor_carries_numbers(descriptor);
}

static void
walk_function(Flow *flow, Node *node, Oid function, Oid result_type, uint8 use)
{
	bool		makes_number = result_carries(node, result_type);

	resolve_functions();
	/* a number written into a relation is a store, whatever it was made from */
	if (makes_number && (use & FLOW_STORE))
		flow->result.stores = true;
	if (is_listed(function, number_making, NUMBER_MAKING))
	{
		walk_inputs(flow, node, use);
		return;
	}
	if (makes_number)
		note_source(flow, use);
	if (inlinable_body_reads_numbers(function))
		note_source(flow, FLOW_READ);
	walk_inputs(flow, node, is_listed(function, non_disclosing, NON_DISCLOSING) ? 0 : consumed(use));
}

static void
walk_aggregate(Flow *flow, Oid function, Oid result_type, List *direct, List *arguments, Expr *filter, uint8 use)
{
	resolve_functions();
	if (type_carries_numbers(result_type))
	{
		note_source(flow, use);
		if (use & FLOW_STORE)
			flow->result.stores = true;
	}
	if (inlinable_body_reads_numbers(function))
		note_source(flow, FLOW_READ);
	walk(flow, (Node *) direct, consumed(use));
	walk(flow, (Node *) arguments, is_listed(function, non_disclosing, NON_DISCLOSING) ? 0 : consumed(use));
	walk(flow, (Node *) filter, FLOW_READ);
}

static void
walk_sublink(Flow *flow, SubLink *sublink, uint8 use)
{
	uint8		outputs;

	switch (sublink->subLinkType)
	{
		case EXISTS_SUBLINK:
			outputs = 0;
			break;
		case EXPR_SUBLINK:
		case ARRAY_SUBLINK:
		case MULTIEXPR_SUBLINK:
			outputs = use;
			break;
		default:
			/* ANY, ALL, row comparison: compared with the test expression */
			outputs = consumed(use);
			break;
	}
	walk(flow, sublink->testexpr, FLOW_READ);
	analyse_query(flow, castNode(Query, sublink->subselect), NULL, outputs);
}

static void
walk_case(Flow *flow, CaseExpr *expression, uint8 use)
{
	ListCell   *cell;

	walk(flow, (Node *) expression->arg, consumed(use));
	foreach(cell, expression->args)
	{
		CaseWhen   *when = lfirst(cell);

		walk(flow, (Node *) when->expr, FLOW_READ);
		walk(flow, (Node *) when->result, use);
	}
	walk(flow, (Node *) expression->defresult, use);
}

static void
walk_subscript(Flow *flow, SubscriptingRef *reference, uint8 use)
{
	walk(flow, (Node *) reference->refexpr, type_carries_numbers(reference->refrestype) ? use : consumed(use));
	walk(flow, (Node *) reference->refupperindexpr, FLOW_READ);
	walk(flow, (Node *) reference->reflowerindexpr, FLOW_READ);
	walk(flow, (Node *) reference->refassgnexpr, use);
}

static void
walk(Flow *flow, Node *node, uint8 use)
{
	if (node == NULL)
		return;
	check_stack_depth();
	switch (nodeTag(node))
	{
		case T_Var:
			walk_var(flow, (Var *) node, use);
			break;
		case T_Const:
			if ((use & FLOW_STORE) && !((Const *) node)->constisnull &&
				type_carries_numbers(((Const *) node)->consttype))
				flow->result.stores = true;
			break;
		case T_Param:
			/* sublink parameters stand for outputs the sublink judges */
			if (((Param *) node)->paramkind != PARAM_SUBLINK &&
				((Param *) node)->paramkind != PARAM_MULTIEXPR &&
				type_carries_numbers(((Param *) node)->paramtype))
				note_source(flow, use);
			break;
		case T_FuncExpr:
			walk_function(flow, node, ((FuncExpr *) node)->funcid, ((FuncExpr *) node)->funcresulttype, use);
			break;
		case T_OpExpr:
		case T_DistinctExpr:
		case T_NullIfExpr:
			walk_function(flow, node, get_opcode(((OpExpr *) node)->opno), ((OpExpr *) node)->opresulttype, use);
			break;
		case T_Aggref:
			{
				Aggref	   *aggregate = (Aggref *) node;

				walk_aggregate(flow, aggregate->aggfnoid, aggregate->aggtype, aggregate->aggdirectargs,
							   aggregate->args, aggregate->aggfilter, use);
				break;
			}
		case T_WindowFunc:
			{
				WindowFunc *window = (WindowFunc *) node;

				walk_aggregate(flow, window->winfnoid, window->wintype, NIL, window->args, window->aggfilter, use);
				break;
			}
		case T_NullTest:
			walk_inputs(flow, node, 0);
			break;
		case T_FieldSelect:
			/* selecting a field that holds no number discloses none */
			walk_inputs(flow, node, type_carries_numbers(((FieldSelect *) node)->resulttype) ? use : 0);
			break;
		case T_CoerceViaIO:
			if (type_carries_numbers(((CoerceViaIO *) node)->resulttype))
			{
				/* a number made from text: storing it is a store */
				if (use & FLOW_STORE)
					flow->result.stores = true;
				walk_inputs(flow, node, use);
			}
			else
				walk_inputs(flow, node, consumed(use));
			break;
		case T_ArrayCoerceExpr:
			walk(flow, (Node *) ((ArrayCoerceExpr *) node)->arg,
				 type_carries_numbers(((ArrayCoerceExpr *) node)->resulttype) ? use : consumed(use));
			break;
		case T_CoerceToDomain:
			/* a domain's CHECK constraints run on the value: a consumer */
			walk_inputs(flow, node, DomainHasConstraints(((CoerceToDomain *) node)->resulttype) ? consumed(use) : use);
			break;
		case T_RelabelType:
		case T_CollateExpr:
		case T_ConvertRowtypeExpr:
		case T_CoalesceExpr:
		case T_ArrayExpr:
		case T_RowExpr:
		case T_FieldStore:
		case T_TargetEntry:
		case T_List:
			walk_inputs(flow, node, use);
			break;
		case T_CaseExpr:
			walk_case(flow, (CaseExpr *) node, use);
			break;
		case T_SubscriptingRef:
			walk_subscript(flow, (SubscriptingRef *) node, use);
			break;
		case T_SubLink:
			walk_sublink(flow, (SubLink *) node, use);
			break;
		case T_Query:
			analyse_query(flow, (Query *) node, NULL, consumed(use));
			break;
		default:
			/* any other consumer (operators on rows, GREATEST, XML, …) */
			walk_inputs(flow, node, consumed(use));
			break;
	}
}

/* ------------------------------------------------------------ queries */

static void
walk_target_list(Flow *flow, List *target_list, const OutputUses *outputs, uint8 other_use, uint8 written_use)
{
	ListCell   *cell;

	foreach(cell, target_list)
	{
		TargetEntry *entry = lfirst(cell);
		uint8		use;

		if (entry->resjunk)
			use = FLOW_READ;	/* a sort key, a row identity */
		else if (written_use != 0)
			use = written_use;
		else
			use = output_use(outputs, other_use, entry->resno);
		if (entry->ressortgroupref != 0)
			use |= FLOW_READ;	/* sorted, grouped or made distinct by */
		walk(flow, (Node *) entry->expr, use);
	}
}

static bool
set_operations_compare(Node *node)
{
	SetOperationStmt *operation;

	if (!IsA(node, SetOperationStmt))
		return false;
	operation = (SetOperationStmt *) node;
	return operation->op != SETOP_UNION || !operation->all ||
		set_operations_compare(operation->larg) || set_operations_compare(operation->rarg);
}

static void
want_set_leaves(Level *level, Node *node, const OutputUses *uses)
{
	if (IsA(node, RangeTblRef))
	{
		int			index = ((RangeTblRef *) node)->rtindex;
		RangeTblEntry *entry = rt_fetch(index, level->query->rtable);

		for (int i = 0; i < uses->count; i++)
			want(&level->entries[index - 1], list_length(entry->subquery->targetList), i + 1, uses->wanted[i]);
	}
	else if (IsA(node, SetOperationStmt))
	{
		want_set_leaves(level, ((SetOperationStmt *) node)->larg, uses);
		want_set_leaves(level, ((SetOperationStmt *) node)->rarg, uses);
	}
}

/*
 * A set operation's outputs are its leaves' columns: the query above uses
 * them through the first leaf (its target list's Vars point there), and a
 * set operation other than UNION ALL compares them.
 */
static void
spread_set_operation_uses(Level *level)
{
	Node	   *tree = level->query->setOperations;
	Node	   *first = tree;
	OutputUses uses = {0};
	OutputUses *first_uses;
	bool		compares = set_operations_compare(tree);

	while (IsA(first, SetOperationStmt))
		first = ((SetOperationStmt *) first)->larg;
	first_uses = &level->entries[((RangeTblRef *) first)->rtindex - 1];
	uses.count = list_length(level->query->targetList);
	uses.wanted = palloc0(Max(uses.count, 1));
	for (int i = 0; i < uses.count; i++)
	{
		if (first_uses->wanted != NULL && i < first_uses->count)
			uses.wanted[i] = first_uses->wanted[i];
		if (compares)
			uses.wanted[i] |= FLOW_READ;
	}
	want_set_leaves(level, tree, &uses);
}

static void
walk_merge_actions(Flow *flow, List *actions)
{
	ListCell   *cell;

	foreach(cell, actions)
	{
		MergeAction *action = lfirst(cell);

		walk(flow, action->qual, FLOW_READ);
		walk_target_list(flow, action->targetList, NULL, 0,
						 action->commandType == CMD_DELETE ? 0 : FLOW_STORE);
	}
}

/* Judges subqueries, VALUES lists and CTEs until their uses stop growing. */
static void
judge_children(Flow *flow, Level *level)
{
	Query	   *query = level->query;
	bool		again;

	do
	{
		ListCell   *cell;
		int			index = 0;

		again = false;
		foreach(cell, query->rtable)
		{
			RangeTblEntry *entry = lfirst(cell);
			OutputUses *uses = &level->entries[index++];

			if ((entry->rtekind != RTE_SUBQUERY && entry->rtekind != RTE_VALUES) || !uses_grew(uses))
				continue;
			mark_judged(uses);
			again = true;
			if (entry->rtekind == RTE_SUBQUERY)
				analyse_query(flow, entry->subquery, uses, 0);
			else
			{
				ListCell   *row;

				foreach(row, entry->values_lists)
				{
					ListCell   *column;
					int			position = 0;

					foreach(column, (List *) lfirst(row))
						walk(flow, lfirst(column), output_use(uses, 0, ++position));
				}
			}
		}
		index = list_length(query->cteList);
		for (int position = index - 1; position >= 0; position--)
		{
			CommonTableExpr *cte = list_nth(query->cteList, position);
			OutputUses *uses = &level->ctes[position];

			if (!uses_grew(uses))
				continue;
			mark_judged(uses);
			again = true;
			/* a recursive CTE feeds itself: judge its every column as read */
			analyse_query(flow, castNode(Query, cte->ctequery), cte->cterecursive ? NULL : uses,
						  cte->cterecursive ? FLOW_READ : 0);
		}
	} while (again);
}

/*
 * Judges a query whose output column i is used as outputs->wanted[i]
 * (other_use where outputs says nothing).
 */
static void
analyse_query(Flow *flow, Query *query, const OutputUses *outputs, uint8 other_use)
{
	Level	   *level = palloc0(sizeof(Level));
	ListCell   *cell;

	check_stack_depth();
	level->query = query;
	level->entries = palloc0(sizeof(OutputUses) * Max(list_length(query->rtable), 1));
	level->ctes = palloc0(sizeof(OutputUses) * Max(list_length(query->cteList), 1));
	flow->levels = lcons(level, flow->levels);

	walk(flow, (Node *) query->jointree, FLOW_READ);
	walk(flow, query->havingQual, FLOW_READ);
	walk(flow, query->limitOffset, FLOW_READ);
	walk(flow, query->limitCount, FLOW_READ);
	foreach(cell, query->windowClause)
	{
		walk(flow, ((WindowClause *) lfirst(cell))->startOffset, FLOW_READ);
		walk(flow, ((WindowClause *) lfirst(cell))->endOffset, FLOW_READ);
	}
	foreach(cell, query->withCheckOptions)
		walk(flow, ((WithCheckOption *) lfirst(cell))->qual, FLOW_READ);
	foreach(cell, query->rtable)
	{
		RangeTblEntry *entry = lfirst(cell);
		ListCell   *function;

		/* row-level security policies and security barrier quals run on the rows */
		walk(flow, (Node *) entry->securityQuals, FLOW_READ);
		switch (entry->rtekind)
		{
			case RTE_FUNCTION:
				/* its rows are judged where they are used */
				foreach(function, entry->functions)
					walk(flow, ((RangeTblFunction *) lfirst(function))->funcexpr, 0);
				break;
			case RTE_TABLEFUNC:
				walk(flow, (Node *) entry->tablefunc, FLOW_READ);
				break;
			case RTE_RELATION:
				walk(flow, (Node *) entry->tablesample, FLOW_READ);
				break;
			default:
				break;
		}
	}
	if (query->onConflict != NULL)
	{
		walk_target_list(flow, query->onConflict->onConflictSet, NULL, 0, FLOW_STORE);
		walk(flow, query->onConflict->onConflictWhere, FLOW_READ);
		walk(flow, query->onConflict->arbiterWhere, FLOW_READ);
	}
	walk_merge_actions(flow, query->mergeActionList);
	walk_target_list(flow, query->targetList, outputs, other_use,
					 (query->commandType == CMD_INSERT || query->commandType == CMD_UPDATE) ? FLOW_STORE : 0);
	walk_target_list(flow, query->returningList, outputs, other_use, 0);
	if (query->setOperations != NULL)
		spread_set_operation_uses(level);
	judge_children(flow, level);

	flow->levels = list_delete_first(flow->levels);
}

NumberFlow
query_number_flow(Query *query)
{
	Flow		flow = {0};

	if (!OidIsValid(insured_no_type()))
		return flow.result;
	/* a statement's result goes to its caller: every output is disclosed */
	analyse_query(&flow, query, NULL, FLOW_READ);
	return flow.result;
}

/* ------------------------------------------------------------ scans */

static bool
entry_reads_numbers(RangeTblEntry *entry)
{
	int			member = -1;

	if (entry->rtekind != RTE_RELATION || !relation_carries_numbers(entry->relid))
		return false;
	while ((member = bms_next_member(entry->selectedCols, member)) >= 0)
		if (column_carries_numbers(entry->relid, member + FirstLowInvalidHeapAttributeNumber))
			return true;
	return false;
}

static bool
count_scans(Node *node, void *context)
{
	if (node == NULL)
		return false;
	if (IsA(node, RangeTblEntry))
	{
		if (entry_reads_numbers((RangeTblEntry *) node))
			(*(int *) context)++;
		return false;
	}
	if (IsA(node, Query))
		return query_tree_walker((Query *) node, count_scans, context, QTW_EXAMINE_RTES_BEFORE);
	return expression_tree_walker(node, count_scans, context);
}

int
query_number_scans(Query *query)
{
	int			count = 0;

	if (OidIsValid(insured_no_type()))
		count_scans((Node *) query, &count);
	return count;
}

int
plan_number_scans(PlannedStmt *plan)
{
	Bitmapset  *children = NULL;
	ListCell   *cell;
	int			count = 0;
	int			index = 0;

	if (!OidIsValid(insured_no_type()))
		return 0;
	/*
	 * A partition or inheritance child is its parent's scan; a child of a
	 * UNION ALL (an inlined function among them) is a scan of its own.
	 */
	foreach(cell, plan->appendRelations)
	{
		AppendRelInfo *child = lfirst(cell);

		if (rt_fetch(child->parent_relid, plan->rtable)->rtekind == RTE_RELATION)
			children = bms_add_member(children, child->child_relid);
	}
	foreach(cell, plan->rtable)
	{
		index++;
		if (!bms_is_member(index, children) && entry_reads_numbers(lfirst(cell)))
			count++;
	}
	bms_free(children);
	return count;
}

/* ------------------------------------------------------------ the plan */

/*
 * The flow travels with the plan as plan invalidation items on the type:
 * a plan that reads numbers depends on insured_no (a change of the type
 * replans it), one that stores them on insured_no[].  PostgreSQL itself
 * records type dependencies for domains only, so these items are ours.
 * They survive every copy of the plan (plan cache, portals, SPI, cursors
 * WITH HOLD) and cost one short list scan when the plan runs.
 */
static uint32
type_hash(Oid type)
{
	return GetSysCacheHashValue1(TYPEOID, ObjectIdGetDatum(type));
}

static void
add_marker(PlannedStmt *plan, Oid type)
{
	PlanInvalItem *item = makeNode(PlanInvalItem);

	item->cacheId = TYPEOID;
	item->hashValue = type_hash(type);
	plan->invalItems = lappend(plan->invalItems, item);
}

void
mark_plan_flow(PlannedStmt *plan, NumberFlow flow)
{
	if (flow.reads)
		add_marker(plan, insured_no_type());
	if (flow.stores)
		add_marker(plan, insured_no_array_type());
}

NumberFlow
plan_flow(const PlannedStmt *plan)
{
	NumberFlow	flow = {0};
	ListCell   *cell;
	uint32		reads_hash;
	uint32		stores_hash;

	if (plan->invalItems == NIL || !OidIsValid(insured_no_type()))
		return flow;
	reads_hash = type_hash(insured_no_type());
	stores_hash = type_hash(insured_no_array_type());
	foreach(cell, plan->invalItems)
	{
		PlanInvalItem *item = lfirst(cell);

		if (item->cacheId != TYPEOID)
			continue;
		if (item->hashValue == reads_hash)
			flow.reads = true;
		else if (item->hashValue == stores_hash)
			flow.stores = true;
	}
	return flow;
}
