/*
 * The statement trigger on extension tables that backends cache (purposes
 * and their grants, the history's moved numbers): a change invalidates the
 * table's relcache entry, so every backend drops its copy at its next
 * statement, and the writer's own backend at its next command.  Its C
 * symbol keeps the name of its first use, which install scripts name.
 */
#include "postgres.h"

#include "commands/trigger.h"
#include "fmgr.h"
#include "utils/inval.h"
#include "utils/rel.h"

#include "linkage.h"

PG_FUNCTION_INFO_V1(purposes_changed);

Datum
purposes_changed(PG_FUNCTION_ARGS)
{
	TriggerData *trigger = (TriggerData *) fcinfo->context;

	if (!CALLED_AS_TRIGGER(fcinfo))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("cached_table_changed() must be called as a trigger")));
	CacheInvalidateRelcache(trigger->tg_relation);
	/* the trigger is on hokenid's tables only: the history is this one */
	if (strcmp(RelationGetRelationName(trigger->tg_relation), "insured_number") == 0)
		history_written();
	return PointerGetDatum(NULL);
}
