/*
 * Module entry point.  Each capability that needs start-up work (settings,
 * hooks, shared memory) exposes an init function called from here, so the
 * order of start-up is visible in one place.
 */
#include "postgres.h"

#include "fmgr.h"

#include "hokenid.h"
#include "linkage.h"

PG_MODULE_MAGIC;

void
_PG_init(void)
{
	linkage_init();
	history_first_number_init();
	notice_restriction_init();
	log_masking_init();
}
