/*
 * The audit writer: a background worker that makes the audit trail durable
 * against a crash of the operating system, the way PostgreSQL's WAL writer
 * does for asynchronous commits.
 *
 * Every record is in the kernel before its statement's result is complete
 * (audit_log.c), which is what survives ROLLBACK, a backend crash and an
 * immediate shutdown.  hokenid.audit_sync says who flushes it to disk:
 *   statement   the statement, before its result is complete (a flush per
 *               statement, shared by concurrent ones);
 *   background  this worker, within hokenid.audit_sync_delay; an OS crash
 *               or power loss can lose the records of that last interval.
 * The worker also flushes at a clean shutdown, checks that nobody
 * replaced or cut the trail file under the running server, and writes the
 * summary records of refusals (refusal_limit.h) whose minute has ended, and
 * at a clean shutdown those of every minute still running.
 *
 * The settings of the audit trail are defined here too: the three above,
 * which the writer and audit_log.c read, and the two thresholds that only
 * the view hokenid.audit_violations reads (through current_setting), an
 * auditor's choice for the session that looks at the trail.
 */
#include "postgres.h"

#include <limits.h>

#include "miscadmin.h"
#include "postmaster/bgworker.h"
#include "postmaster/interrupt.h"
#include "storage/ipc.h"
#include "storage/latch.h"
#include "utils/guc.h"
#include "utils/wait_event.h"

#include "audit_log.h"

PGDLLEXPORT void audit_writer_main(Datum argument);

typedef enum AuditSync
{
	AUDIT_SYNC_STATEMENT,
	AUDIT_SYNC_BACKGROUND
} AuditSync;

static const struct config_enum_entry audit_sync_options[] = {
	{"statement", AUDIT_SYNC_STATEMENT, false},
	{"background", AUDIT_SYNC_BACKGROUND, false},
	{NULL, 0, false}
};

static int	audit_sync = AUDIT_SYNC_BACKGROUND;
static int	audit_sync_delay_ms = 200;
static int	refusals_per_minute = 10;
/* read only by the view hokenid.audit_violations, through current_setting */
static char *business_hours = NULL;
static int	daily_persons = 0;

bool
audit_sync_each_statement(void)
{
	return audit_sync == AUDIT_SYNC_STATEMENT;
}

int
audit_refusals_per_minute(void)
{
	return refusals_per_minute;
}

/* Reads "H-H" into its hours; false unless both are one or two digits. */
static bool
parse_hour_range(const char *text, int *start, int *end)
{
	const char *p = text;
	int			hours[2];

	for (int i = 0; i < 2; i++)
	{
		int			digits = 0;

		hours[i] = 0;
		while (*p >= '0' && *p <= '9' && digits < 2)
		{
			hours[i] = hours[i] * 10 + (*p - '0');
			p++;
			digits++;
		}
		if (digits == 0)
			return false;
		if (i == 0 && *p++ != '-')
			return false;
	}
	*start = hours[0];
	*end = hours[1];
	return *p == '\0';
}

/*
 * hokenid.audit_business_hours: empty (off) or "H-H", 0 <= start < end <= 24,
 * stored as written without leading zeros so that the view reads plain hours.
 */
static bool
check_business_hours(char **newval, void **extra, GucSource source)
{
	int			start;
	int			end;
	char		canonical[8];

	(void) extra;
	(void) source;
	if (*newval == NULL || (*newval)[0] == '\0')
		return true;
	if (!parse_hour_range(*newval, &start, &end))
	{
		GUC_check_errdetail("Business hours are written as start-end in whole hours, such as 8-20.");
		GUC_check_errhint("Set an empty string to flag no disclosure by its hour.");
		return false;
	}
	if (end > 24 || start >= end)
	{
		GUC_check_errdetail("Business hours must start before they end, within 0-24.");
		return false;
	}
	snprintf(canonical, sizeof(canonical), "%d-%d", start, end);
	if (strcmp(canonical, *newval) != 0)
	{
		/* PostgreSQL 15 keeps string settings in malloc'd memory */
		char	   *copy = strdup(canonical);

		if (copy == NULL)
		{
			GUC_check_errcode(ERRCODE_OUT_OF_MEMORY);
			return false;
		}
		free(*newval);
		*newval = copy;
	}
	return true;
}

void
audit_writer_init(void)
{
	BackgroundWorker worker;

	DefineCustomEnumVariable("hokenid.audit_sync",
							 "Who flushes audit records to disk: the disclosing statement or the audit writer.",
							 "Either way a record is written before its statement completes and survives an "
							 "immediate shutdown; background can lose the last hokenid.audit_sync_delay of "
							 "records to an operating-system crash.",
							 &audit_sync, AUDIT_SYNC_BACKGROUND, audit_sync_options, PGC_SIGHUP, 0,
							 NULL, NULL, NULL);
	DefineCustomIntVariable("hokenid.audit_sync_delay",
							"How long the audit writer waits between flushes of the audit trail.",
							NULL, &audit_sync_delay_ms, 200, 1, 10000, PGC_SIGHUP, GUC_UNIT_MS,
							NULL, NULL, NULL);
	DefineCustomIntVariable("hokenid.audit_refusals_per_minute",
							"How many refusals of one role a minute the audit trail records one by one.",
							"Further refusals in that minute are counted and recorded as one summary record, so "
							"that a role cannot fill the disk with refusals.",
							&refusals_per_minute, 10, 0, 100000, PGC_SIGHUP, 0, NULL, NULL, NULL);
	DefineCustomStringVariable("hokenid.audit_business_hours",
							   "Business hours, such as 8-20, outside which hokenid.audit_violations flags disclosures.",
							   "Whole hours in the session's TimeZone, start inclusive and end exclusive; "
							   "empty flags no disclosure by its hour.",
							   &business_hours, "", PGC_USERSET, 0, check_business_hours, NULL, NULL);
	DefineCustomIntVariable("hokenid.audit_daily_persons",
							"Persons a role may read a day before hokenid.audit_violations flags it.",
							"0 flags no role by the persons it read.",
							&daily_persons, 0, 0, INT_MAX, PGC_USERSET, 0, NULL, NULL, NULL);
	if (!process_shared_preload_libraries_in_progress)
		return;					/* no trail to flush: nothing is audited */

	memset(&worker, 0, sizeof(worker));
	worker.bgw_flags = BGWORKER_SHMEM_ACCESS;
	worker.bgw_start_time = BgWorkerStart_PostmasterStart;
	worker.bgw_restart_time = 1;
	strlcpy(worker.bgw_library_name, "hokenid", BGW_MAXLEN);
	strlcpy(worker.bgw_function_name, "audit_writer_main", BGW_MAXLEN);
	strlcpy(worker.bgw_name, "hokenid audit writer", BGW_MAXLEN);
	strlcpy(worker.bgw_type, "hokenid audit writer", BGW_MAXLEN);
	RegisterBackgroundWorker(&worker);
}

void
audit_writer_main(Datum argument)
{
	(void) argument;
	pqsignal(SIGHUP, SignalHandlerForConfigReload);
	pqsignal(SIGTERM, SignalHandlerForShutdownRequest);
	BackgroundWorkerUnblockSignals();

	for (;;)
	{
		(void) WaitLatch(MyLatch, WL_LATCH_SET | WL_TIMEOUT | WL_EXIT_ON_PM_DEATH,
						 audit_sync_delay_ms, PG_WAIT_EXTENSION);
		ResetLatch(MyLatch);
		if (ConfigReloadPending)
		{
			ConfigReloadPending = false;
			ProcessConfigFile(PGC_SIGHUP);
		}
		audit_log_check_file();
		audit_log_write_summaries(ShutdownRequestPending);
		audit_log_sync(audit_log_written());
		if (ShutdownRequestPending)
			break;
	}
	proc_exit(0);
}
