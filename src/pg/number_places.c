/*
 * Places for numbers that DDL makes (number_places.h).
 *
 * Building a store of insured numbers is not only writing rows: a table
 * with a column of a type that carries numbers (made by CREATE TABLE,
 * LIKE, OF, INHERITS, PARTITION OF, ALTER TABLE ADD COLUMN or ALTER COLUMN
 * TYPE, ALTER TYPE ADD ATTRIBUTE) is a place for them, and so is anything
 * that computes on a table's numbers outside any query and keeps or shows
 * the result: an index on an expression or with a predicate over them
 * (the index stores the expression's values, ANALYZE publishes them in
 * pg_stats), extended statistics on them (pg_stats_ext), a CHECK
 * constraint or a generated column over them (evaluated on every row
 * without the executor's hooks).  A plain index on the column stores only
 * what the table holds.
 *
 * The object access hook reports each object as it is made; the utility
 * hook asks, once the statement has made them all and they are visible,
 * which of them is such a place.  Types made are given statistics without
 * values here too (number_statistics.c).
 */
#include "postgres.h"

#include "access/genam.h"
#include "access/htup_details.h"
#include "access/table.h"
#include "access/xact.h"
#include "catalog/indexing.h"
#include "catalog/namespace.h"
#include "catalog/objectaddress.h"
#include "catalog/pg_attrdef.h"
#include "catalog/pg_class.h"
#include "catalog/pg_constraint.h"
#include "catalog/pg_index.h"
#include "catalog/pg_statistic_ext.h"
#include "catalog/pg_type.h"
#include "nodes/makefuncs.h"
#include "nodes/nodeFuncs.h"
#include "nodes/parsenodes.h"
#include "parser/parse_type.h"
#include "optimizer/optimizer.h"
#include "utils/builtins.h"
#include "utils/fmgroids.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rel.h"
#include "utils/syscache.h"

#include "number_places.h"
#include "number_statistics.h"
#include "number_types.h"

static List *made_objects = NIL;	/* of ObjectAddress, in TopTransactionContext */

void
number_places_note(Oid class_id, Oid object_id, int sub_id)
{
	MemoryContext outer = MemoryContextSwitchTo(TopTransactionContext);
	ObjectAddress *made = palloc(sizeof(ObjectAddress));

	made->classId = class_id;
	made->objectId = object_id;
	made->objectSubId = sub_id;
	made_objects = lappend(made_objects, made);
	MemoryContextSwitchTo(outer);
}

void
number_places_forget(void)
{
	made_objects = NIL;
}

/* Tables, partitioned and foreign tables, materialized views: relations that hold rows. */
static bool
holds_rows(Oid relation)
{
	char		kind = get_rel_relkind(relation);

	return kind == RELKIND_RELATION || kind == RELKIND_PARTITIONED_TABLE ||
		kind == RELKIND_FOREIGN_TABLE || kind == RELKIND_MATVIEW;
}

/* Whether a stored expression (nodeToString text) over relation's columns reads a number. */
static bool
stored_expression_reads_numbers(Oid relation, Datum stored, bool isnull)
{
	Bitmapset  *columns = NULL;
	int			member = -1;

	if (isnull)
		return false;
	pull_varattnos(stringToNode(TextDatumGetCString(stored)), 1, &columns);
	while ((member = bms_next_member(columns, member)) >= 0)
		if (column_carries_numbers(relation, member + FirstLowInvalidHeapAttributeNumber))
			return true;
	return false;
}

/* The same for an expression a syscache tuple holds. */
static bool
computes_on_numbers(Oid relation, int cache, HeapTuple tuple, AttrNumber attribute)
{
	bool		isnull;
	Datum		stored = SysCacheGetAttr(cache, tuple, attribute, &isnull);

	return stored_expression_reads_numbers(relation, stored, isnull);
}

static bool
index_computes_on_numbers(Oid index)
{
	HeapTuple	tuple = SearchSysCache1(INDEXRELID, ObjectIdGetDatum(index));
	bool		computes;
	Oid			table;

	if (!HeapTupleIsValid(tuple))
		return false;
	table = ((Form_pg_index) GETSTRUCT(tuple))->indrelid;
	computes = computes_on_numbers(table, INDEXRELID, tuple, Anum_pg_index_indexprs) ||
		computes_on_numbers(table, INDEXRELID, tuple, Anum_pg_index_indpred);
	ReleaseSysCache(tuple);
	return computes;
}

/* The table of a CHECK constraint over numbers, else InvalidOid. */
static Oid
constraint_computes_on_numbers(Oid constraint)
{
	HeapTuple	tuple = SearchSysCache1(CONSTROID, ObjectIdGetDatum(constraint));
	Oid			table;

	if (!HeapTupleIsValid(tuple))
		return InvalidOid;
	table = ((Form_pg_constraint) GETSTRUCT(tuple))->conrelid;
	if (!computes_on_numbers(table, CONSTROID, tuple, Anum_pg_constraint_conbin))
		table = InvalidOid;
	ReleaseSysCache(tuple);
	return table;
}

static bool
statistics_on_numbers(Oid statistics)
{
	HeapTuple	tuple = SearchSysCache1(STATEXTOID, ObjectIdGetDatum(statistics));
	Form_pg_statistic_ext form;
	bool		on_numbers = false;

	if (!HeapTupleIsValid(tuple))
		return false;
	form = (Form_pg_statistic_ext) GETSTRUCT(tuple);
	for (int i = 0; i < form->stxkeys.dim1 && !on_numbers; i++)
		on_numbers = column_carries_numbers(form->stxrelid, form->stxkeys.values[i]);
	if (!on_numbers)
		on_numbers = computes_on_numbers(form->stxrelid, STATEXTOID, tuple, Anum_pg_statistic_ext_stxexprs);
	ReleaseSysCache(tuple);
	return on_numbers;
}

/* A column's default or generation expression (the hook names the column). */
static bool
default_computes_on_numbers(Oid relation, AttrNumber column)
{
	Relation	defaults = table_open(AttrDefaultRelationId, AccessShareLock);
	ScanKeyData keys[2];
	SysScanDesc scan;
	HeapTuple	tuple;
	bool		computes = false;

	ScanKeyInit(&keys[0], Anum_pg_attrdef_adrelid, BTEqualStrategyNumber, F_OIDEQ, ObjectIdGetDatum(relation));
	ScanKeyInit(&keys[1], Anum_pg_attrdef_adnum, BTEqualStrategyNumber, F_INT2EQ, Int16GetDatum(column));
	scan = systable_beginscan(defaults, AttrDefaultIndexId, true, NULL, 2, keys);
	if (HeapTupleIsValid(tuple = systable_getnext(scan)))
	{
		bool		isnull;
		Datum		expression = heap_getattr(tuple, Anum_pg_attrdef_adbin, RelationGetDescr(defaults), &isnull);

		computes = stored_expression_reads_numbers(relation, expression, isnull);
	}
	systable_endscan(scan);
	table_close(defaults, AccessShareLock);
	return computes;
}

/* Whether a column made or retyped is a place for numbers; its row type now carries them. */
static bool
column_is_place(Oid relation, AttrNumber column)
{
	Oid			row_type = get_rel_type_id(relation);

	if (!column_carries_numbers(relation, column))
		return false;
	protect_type_statistics(row_type);
	protect_type_statistics(get_array_type(row_type));
	return holds_rows(relation) || get_rel_relkind(relation) == RELKIND_COMPOSITE_TYPE;
}

static Oid
place_of(const ObjectAddress *made)
{
	switch (made->classId)
	{
		case TypeRelationId:
			protect_type_statistics(made->objectId);
			return InvalidOid;
		case RelationRelationId:
			if (made->objectSubId != 0)
				return column_is_place(made->objectId, made->objectSubId) ? made->objectId : InvalidOid;
			if (get_rel_relkind(made->objectId) == RELKIND_INDEX ||
				get_rel_relkind(made->objectId) == RELKIND_PARTITIONED_INDEX)
				return index_computes_on_numbers(made->objectId) ? made->objectId : InvalidOid;
			return holds_rows(made->objectId) && relation_carries_numbers(made->objectId) ? made->objectId : InvalidOid;
		case ConstraintRelationId:
			return constraint_computes_on_numbers(made->objectId);
		case StatisticExtRelationId:
			return statistics_on_numbers(made->objectId) ? made->objectId : InvalidOid;
		case AttrDefaultRelationId:
			return default_computes_on_numbers(made->objectId, made->objectSubId) ? made->objectId : InvalidOid;
		default:
			return InvalidOid;
	}
}

char *
number_places_made(void)
{
	ListCell   *cell;
	char	   *place = NULL;

	if (made_objects == NIL)
		return NULL;
	/* what the statement made is visible to the catalog lookups below */
	CommandCounterIncrement();
	foreach(cell, made_objects)
	{
		const ObjectAddress *made = lfirst(cell);
		Oid			found = place_of(made);

		if (OidIsValid(found) && place == NULL)
			place = made->classId == StatisticExtRelationId ? pstrdup("statistics") : get_rel_name(found);
	}
	made_objects = NIL;
	return place;
}

/* ------------------------------------------------------------ before DDL runs */

static bool
named_relation_carries(RangeVar *name)
{
	Oid			relation = RangeVarGetRelid(name, NoLock, true);

	return OidIsValid(relation) && relation_carries_numbers(relation);
}

static bool
constraint_computes(Node *node)
{
	return IsA(node, Constraint) &&
		(((Constraint *) node)->contype == CONSTR_CHECK || ((Constraint *) node)->contype == CONSTR_EXCLUSION ||
		 ((Constraint *) node)->contype == CONSTR_GENERATED);
}

static bool
index_computes(IndexStmt *index)
{
	ListCell   *cell;

	if (index->whereClause != NULL)
		return true;
	foreach(cell, index->indexParams)
		if (((IndexElem *) lfirst(cell))->expr != NULL)
			return true;
	return false;
}

static bool
alter_table_computes(AlterTableStmt *alter)
{
	ListCell   *cell;

	foreach(cell, alter->cmds)
	{
		AlterTableCmd *command = lfirst(cell);
		ListCell   *constraint;

		switch (command->subtype)
		{
			case AT_AddConstraint:
				if (constraint_computes(command->def))
					return true;
				break;
			case AT_AddIndex:
				if (index_computes((IndexStmt *) command->def))
					return true;
				break;
			case AT_AddColumn:
				foreach(constraint, ((ColumnDef *) command->def)->constraints)
					if (constraint_computes(lfirst(constraint)))
						return true;
				break;
			case AT_AlterColumnType:
				/* rewrites every value of the column: a number made into another */
				return true;
			default:
				break;
		}
	}
	return false;
}

/*
 * DDL that computes on a table's stored numbers while it runs, outside any
 * query (CHECK and exclusion constraints and generated columns evaluated
 * on every row, indexes on expressions or with predicates built, extended
 * statistics, a column's type changed, a domain's constraint validated):
 * it must be judged before it runs, since what it evaluates can show or
 * keep a number.  Returns the table's (or domain's) name, or NULL.
 */
const char *
number_places_computed(Node *statement)
{
	switch (nodeTag(statement))
	{
		case T_IndexStmt:
			if (index_computes((IndexStmt *) statement) && named_relation_carries(((IndexStmt *) statement)->relation))
				return ((IndexStmt *) statement)->relation->relname;
			break;
		case T_CreateStatsStmt:
			{
				ListCell   *cell;

				foreach(cell, ((CreateStatsStmt *) statement)->relations)
					if (IsA(lfirst(cell), RangeVar) && named_relation_carries(lfirst(cell)))
						return ((RangeVar *) lfirst(cell))->relname;
				break;
			}
		case T_AlterTableStmt:
			if (((AlterTableStmt *) statement)->objtype == OBJECT_TABLE &&
				named_relation_carries(((AlterTableStmt *) statement)->relation) &&
				alter_table_computes((AlterTableStmt *) statement))
				return ((AlterTableStmt *) statement)->relation->relname;
			break;
		case T_AlterDomainStmt:
			{
				AlterDomainStmt *alter = (AlterDomainStmt *) statement;
				TypeName   *name = makeTypeNameFromNameList(alter->typeName);

				if ((alter->subtype == 'C' || alter->subtype == 'V') &&
					type_carries_numbers(LookupTypeNameOid(NULL, name, true)))
					return strVal(llast(alter->typeName));
				break;
			}
		default:
			break;
	}
	return NULL;
}
