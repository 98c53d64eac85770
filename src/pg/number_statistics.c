/*
 * Statistics that publish no insured number.
 *
 * ANALYZE keeps a column's most common values and histogram bounds in
 * pg_statistic, and pg_stats shows them to anyone who may select the
 * column: for a column of numbers that would be a list of numbers, read
 * without any purpose.  Every type that carries numbers analyses through
 * number_typanalyze: PostgreSQL's own analysis for its kind (scalar,
 * array, range, multirange), then every slot that holds values (most
 * common values and elements, histograms of values and bounds) is dropped.
 * What plans need most stays: the null fraction, the width, the number of
 * distinct values and the correlation.
 *
 * insured_no and its array type are set up by the install script; a type
 * made later over them (a composite type, a table's row type, a range,
 * the array of a domain) is set up when it is made, by the restriction's
 * utility hook (protect_type_statistics), and every existing one by
 * hokenid.protect_number_statistics().
 */
#include "postgres.h"

#include "access/genam.h"
#include "access/htup_details.h"
#include "access/table.h"
#include "catalog/indexing.h"
#include "catalog/pg_statistic.h"
#include "catalog/pg_type.h"
#include "commands/vacuum.h"
#include "fmgr.h"
#include "utils/fmgroids.h"
#include "utils/fmgrprotos.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"
#include "utils/syscache.h"

#include "number_statistics.h"
#include "number_types.h"

PG_FUNCTION_INFO_V1(number_typanalyze);
PG_FUNCTION_INFO_V1(protect_number_statistics);

typedef struct ValuelessAnalysis
{
	AnalyzeAttrComputeStatsFunc compute;
	void	   *extra_data;
} ValuelessAnalysis;

static bool
holds_values(int16 kind)
{
	return kind == STATISTIC_KIND_MCV || kind == STATISTIC_KIND_HISTOGRAM ||
		kind == STATISTIC_KIND_MCELEM || kind == STATISTIC_KIND_BOUNDS_HISTOGRAM;
}

static void
compute_without_values(VacAttrStatsP stats, AnalyzeAttrFetchFunc fetch, int sample_rows, double total_rows)
{
	ValuelessAnalysis *analysis = stats->extra_data;

	stats->extra_data = analysis->extra_data;
	analysis->compute(stats, fetch, sample_rows, total_rows);
	for (int slot = 0; slot < STATISTIC_NUM_SLOTS; slot++)
	{
		if (!holds_values(stats->stakind[slot]))
			continue;
		stats->stakind[slot] = 0;
		stats->staop[slot] = InvalidOid;
		stats->stacoll[slot] = InvalidOid;
		stats->numnumbers[slot] = 0;
		stats->stanumbers[slot] = NULL;
		stats->numvalues[slot] = 0;
		stats->stavalues[slot] = NULL;
	}
}

Datum
number_typanalyze(PG_FUNCTION_ARGS)
{
	VacAttrStats *stats = (VacAttrStats *) PG_GETARG_POINTER(0);
	Oid			base = getBaseType(stats->attrtypid);
	char		kind = get_typtype(base);
	bool		analysed;
	ValuelessAnalysis *analysis;

	if (kind == TYPTYPE_RANGE)
		analysed = DatumGetBool(DirectFunctionCall1(range_typanalyze, PointerGetDatum(stats)));
	else if (kind == TYPTYPE_MULTIRANGE)
		analysed = DatumGetBool(DirectFunctionCall1(multirange_typanalyze, PointerGetDatum(stats)));
	else if (OidIsValid(get_element_type(base)))
		analysed = DatumGetBool(DirectFunctionCall1(array_typanalyze, PointerGetDatum(stats)));
	else
		analysed = std_typanalyze(stats);
	if (!analysed)
		PG_RETURN_BOOL(false);
	analysis = palloc(sizeof(ValuelessAnalysis));
	analysis->compute = stats->compute_stats;
	analysis->extra_data = stats->extra_data;
	stats->compute_stats = compute_without_values;
	stats->extra_data = analysis;
	PG_RETURN_BOOL(true);
}

/* The analyser the install script gave insured_no itself. */
static Oid
valueless_analyser(void)
{
	HeapTuple	tuple = SearchSysCache1(TYPEOID, ObjectIdGetDatum(insured_no_type()));
	Oid			analyser;

	if (!HeapTupleIsValid(tuple))
		return InvalidOid;
	analyser = ((Form_pg_type) GETSTRUCT(tuple))->typanalyze;
	ReleaseSysCache(tuple);
	return analyser;
}

void
protect_type_statistics(Oid type)
{
	Oid			analyser = valueless_analyser();
	Relation	types;
	HeapTuple	tuple;
	Form_pg_type form;

	if (!OidIsValid(analyser) || !type_carries_numbers(type))
		return;
	types = table_open(TypeRelationId, RowExclusiveLock);
	tuple = SearchSysCacheCopy1(TYPEOID, ObjectIdGetDatum(type));
	if (HeapTupleIsValid(tuple))
	{
		form = (Form_pg_type) GETSTRUCT(tuple);
		if (form->typanalyze != analyser)
		{
			form->typanalyze = analyser;
			CatalogTupleUpdate(types, &tuple->t_self, tuple);
		}
		heap_freetuple(tuple);
	}
	table_close(types, RowExclusiveLock);
}

/*
 * Every type that carries numbers analyses without values, and statistics
 * already gathered on columns of them are dropped (the next ANALYZE makes
 * them again, without values).  Returns how many columns lost statistics.
 */
Datum
protect_number_statistics(PG_FUNCTION_ARGS)
{
	Relation	types;
	Relation	statistics;
	SysScanDesc scan;
	HeapTuple	tuple;
	List	   *carrying = NIL;
	ListCell   *cell;
	int64		dropped = 0;

	(void) fcinfo;
	types = table_open(TypeRelationId, AccessShareLock);
	scan = systable_beginscan(types, InvalidOid, false, NULL, 0, NULL);
	while (HeapTupleIsValid(tuple = systable_getnext(scan)))
	{
		Oid			type = ((Form_pg_type) GETSTRUCT(tuple))->oid;

		if (type_carries_numbers(type))
			carrying = lappend_oid(carrying, type);
	}
	systable_endscan(scan);
	table_close(types, AccessShareLock);
	foreach(cell, carrying)
		protect_type_statistics(lfirst_oid(cell));

	statistics = table_open(StatisticRelationId, RowExclusiveLock);
	scan = systable_beginscan(statistics, InvalidOid, false, NULL, 0, NULL);
	while (HeapTupleIsValid(tuple = systable_getnext(scan)))
	{
		Form_pg_statistic form = (Form_pg_statistic) GETSTRUCT(tuple);

		if (column_carries_numbers(form->starelid, form->staattnum))
		{
			CatalogTupleDelete(statistics, &tuple->t_self);
			dropped++;
		}
	}
	systable_endscan(scan);
	table_close(statistics, RowExclusiveLock);
	PG_RETURN_INT64(dropped);
}
