/*
 * Which types and relations carry insured numbers (number_types.h).
 *
 * Asked for every Var and expression of every statement planned, so the
 * answers are kept per backend: a built-in type (OID below
 * FirstNormalObjectId) never carries one and costs nothing; any other type
 * or relation is looked up once.  Any change of pg_type or of a relation
 * (a column added, a composite type altered, the extension dropped and
 * made again) forgets every answer: such changes are rare, and an answer
 * kept past one could let a number through.  Invalidations can arrive in
 * the middle of a lookup (a catalog read takes a lock), so the callbacks
 * only mark the answers stale; they are dropped at the next question.
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "catalog/namespace.h"
#include "catalog/pg_class.h"
#include "catalog/pg_type.h"
#include "utils/fmgroids.h"
#include "utils/hsearch.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/syscache.h"

#include "number_types.h"

typedef struct Answer
{
	Oid			key;			/* a type, or a relation */
	bool		carries;
} Answer;

static HTAB *type_answers = NULL;
static HTAB *relation_answers = NULL;
static bool answers_stale = false;
static bool insured_known = false;
static Oid	insured = InvalidOid;
static Oid	insured_array = InvalidOid;

static void
on_catalog_change(Datum arg, int cache, uint32 hash)
{
	(void) arg;
	(void) cache;
	(void) hash;
	answers_stale = true;
	insured_known = false;
}

static void
on_relation_change(Datum arg, Oid relation)
{
	(void) arg;
	(void) relation;
	answers_stale = true;
}

void
number_types_init(void)
{
	CacheRegisterSyscacheCallback(TYPEOID, on_catalog_change, (Datum) 0);
	CacheRegisterRelcacheCallback(on_relation_change, (Datum) 0);
}

static HTAB *
new_answers(const char *name)
{
	HASHCTL		control = {.keysize = sizeof(Oid),.entrysize = sizeof(Answer)};

	return hash_create(name, 64, &control, HASH_ELEM | HASH_BLOBS);
}

/* Drops stale answers; called before a question, never inside one. */
static void
refresh_answers(void)
{
	if (answers_stale || type_answers == NULL)
	{
		if (type_answers != NULL)
			hash_destroy(type_answers);
		if (relation_answers != NULL)
			hash_destroy(relation_answers);
		answers_stale = false;
		type_answers = new_answers("hokenid types carrying numbers");
		relation_answers = new_answers("hokenid relations carrying numbers");
	}
}

Oid
insured_no_type(void)
{
	if (!insured_known)
	{
		Oid			schema = get_namespace_oid("hokenid", true);

		insured = !OidIsValid(schema) ? InvalidOid :
			GetSysCacheOid2(TYPENAMENSP, Anum_pg_type_oid, CStringGetDatum("insured_no"), ObjectIdGetDatum(schema));
		insured_array = OidIsValid(insured) ? get_array_type(insured) : InvalidOid;
		insured_known = true;
	}
	return insured;
}

Oid
insured_no_array_type(void)
{
	(void) insured_no_type();
	return insured_array;
}

static bool type_carries(Oid type);

static bool
relation_carries(Oid relation)
{
	HeapTuple	class_tuple = SearchSysCache1(RELOID, ObjectIdGetDatum(relation));
	int			columns;
	bool		carries = false;
	bool		found;
	Answer	   *answer;

	if (!HeapTupleIsValid(class_tuple))
		return false;
	columns = ((Form_pg_class) GETSTRUCT(class_tuple))->relnatts;
	ReleaseSysCache(class_tuple);
	for (AttrNumber column = 1; column <= columns && !carries; column++)
	{
		HeapTuple	attribute = SearchSysCache2(ATTNUM, ObjectIdGetDatum(relation), Int16GetDatum(column));

		if (!HeapTupleIsValid(attribute))
			continue;
		if (!((Form_pg_attribute) GETSTRUCT(attribute))->attisdropped)
			carries = type_carries(((Form_pg_attribute) GETSTRUCT(attribute))->atttypid);
		ReleaseSysCache(attribute);
	}
	answer = hash_search(relation_answers, &relation, HASH_ENTER, &found);
	answer->carries = carries;
	return carries;
}

static bool
type_carries(Oid type)
{
	HeapTuple	tuple;
	Form_pg_type form;
	Oid			inner = InvalidOid;
	Oid			relation = InvalidOid;
	bool		carries = false;
	bool		found;
	Answer	   *answer;

	if (!OidIsValid(type) || type < FirstNormalObjectId)
		return false;
	if (type == insured)
		return true;
	answer = hash_search(type_answers, &type, HASH_FIND, NULL);
	if (answer != NULL)
		return answer->carries;
	tuple = SearchSysCache1(TYPEOID, ObjectIdGetDatum(type));
	if (!HeapTupleIsValid(tuple))
		return false;
	form = (Form_pg_type) GETSTRUCT(tuple);
	switch (form->typtype)
	{
		case TYPTYPE_DOMAIN:
			inner = form->typbasetype;
			break;
		case TYPTYPE_BASE:
			if (IsTrueArrayType(form))
				inner = form->typelem;
			break;
		case TYPTYPE_COMPOSITE:
			relation = form->typrelid;
			break;
		case TYPTYPE_RANGE:
			inner = get_range_subtype(type);
			break;
		case TYPTYPE_MULTIRANGE:
			inner = get_multirange_range(type);
			break;
		default:
			break;
	}
	ReleaseSysCache(tuple);
	/* a composite type cannot contain itself, so this recursion ends */
	if (OidIsValid(inner))
		carries = type_carries(inner);
	else if (OidIsValid(relation))
		carries = relation_carries(relation);
	answer = hash_search(type_answers, &type, HASH_ENTER, &found);
	answer->carries = carries;
	return carries;
}

bool
type_carries_numbers(Oid type)
{
	if (!OidIsValid(type) || type < FirstNormalObjectId || !OidIsValid(insured_no_type()))
		return false;
	refresh_answers();
	return type_carries(type);
}

bool
descriptor_carries_numbers(TupleDesc descriptor)
{
	for (int i = 0; i < descriptor->natts; i++)
		if (!TupleDescAttr(descriptor, i)->attisdropped && type_carries_numbers(TupleDescAttr(descriptor, i)->atttypid))
			return true;
	return false;
}

bool
relation_carries_numbers(Oid relation)
{
	Answer	   *answer;

	if (!OidIsValid(insured_no_type()))
		return false;
	refresh_answers();
	answer = hash_search(relation_answers, &relation, HASH_FIND, NULL);
	return answer != NULL ? answer->carries : relation_carries(relation);
}

bool
column_carries_numbers(Oid relation, AttrNumber column)
{
	if (column == InvalidAttrNumber)
		return relation_carries_numbers(relation);
	if (column < 0)
		return false;			/* system columns */
	return type_carries_numbers(get_atttype(relation, column));
}
