/*
 * Module entry point.  Each capability that needs start-up work (settings,
 * hooks, shared memory) exposes an init function called from here, so the
 * order of start-up is visible in one place.
 *
 * Every setting is defined by one of these init functions; once they all
 * have run, the prefix hokenid. is reserved, so that a misspelled setting
 * (SET hokenid.purpse = ...) is refused instead of becoming a placeholder
 * that nothing reads.
 */
#include "postgres.h"

#include "fmgr.h"
#include "utils/guc.h"

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
	MarkGUCPrefixReserved("hokenid");
}
