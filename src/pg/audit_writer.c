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
 */
#include "postgres.h"

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
