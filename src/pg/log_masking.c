/*
 * No insured number in the messages PostgreSQL writes: an emit_log_hook
 * that edits each report before the server log and the client get it.
 * EmitErrorReport (elog.c) calls the hook before send_message_to_server_log
 * and send_message_to_frontend, so both read the edited report; it does so
 * only for reports bound for the server log, which is why log_min_messages
 * must let ERROR through (its default, WARNING, does).
 *
 * In every report:
 *  - insured numbers in the message, detail, server-log detail, hint,
 *    context and internal query are masked (number_mask: the masked form of
 *    error details), so "Key (insured)=(06130512:1234:5678:01) already
 *    exists" reads "Key (insured)=(*******************01) already exists";
 *  - a context line quoting data or SQL ('COPY cards, line 3, column
 *    insured: "…"', 'SQL statement "…"') has the quotation masked whole
 *    when it may hold a number, valid or mistyped (number_suspect);
 *  - the statement is kept out of the server log (hide_stmt) when it may
 *    hold a number.
 * In reports hokenid's own code raises (an identifier it rejected, a
 * refusal under the notice-request restriction, …), which concern a number
 * by nature, the statement is always kept out of the server log and every
 * quotation of a context line is masked: a rejected number may be typed in
 * any way, and the statement and COPY line quote it as typed.  A report is
 * hokenid's own when the function that raised it lies in this library.
 *
 * The hook edits the report's strings in place (a masked text is never
 * longer), so it allocates nothing and cannot itself fail.  elog.c documents
 * only turning output_to_server off as a supported edit; PostgreSQL 15 reads
 * the message fields and hide_stmt after the hook returns, which
 * sql/log_masking.sql and test/t/007_log_masking.pl pin down.
 */
#include "postgres.h"

#include <dlfcn.h>

#include "tcop/tcopprot.h"
#include "utils/elog.h"

#include "hokenid.h"
#include "identifier_error.h"
#include "number_masking.h"

static emit_log_hook_type previous_emit_log_hook = NULL;

/* Where this library is mapped; NULL if that cannot be known. */
static void *library_base = NULL;

/* Whether the report was raised by a function of this library. */
static bool
raised_by_hokenid(const ErrorData *edata)
{
	Dl_info		info;

	return library_base != NULL && edata->funcname != NULL &&
		dladdr(edata->funcname, &info) != 0 && info.dli_fbase == library_base;
}

static bool
suspect(const char *text)
{
	return text != NULL && number_suspect(text, strlen(text));
}

/* Replaces text[0..length) by its masked form; returns the new length. */
static size_t
mask_whole(char *text, size_t length)
{
	char		masked[IDENTIFIER_MASK_SIZE];
	size_t		masked_length;

	identifier_mask(text, length, masked);
	masked_length = strlen(masked);
	/* never longer: at most one '*' per hidden character */
	if (masked_length > length)
		return length;
	memcpy(text, masked, masked_length);
	return masked_length;
}

static void
mask_numbers(char *text)
{
	if (text != NULL)
		text[number_mask(text, strlen(text))] = '\0';
}

/*
 * Context lines that end in a quotation ('… "quoted"'): the quotation runs
 * from the first ' "' to the final '"'.  Masked whole when everything
 * must be, or when it may hold a number.
 */
static void
mask_quotations(char *context, bool everything)
{
	char	   *line = context;

	if (context == NULL)
		return;
	while (*line != '\0')
	{
		char	   *newline = strchr(line, '\n');
		size_t		length = newline ? (size_t) (newline - line) : strlen(line);
		char	   *open = NULL;

		for (char *p = line; p + 1 < line + length; p++)
			if (p[0] == ' ' && p[1] == '"')
			{
				open = p + 2;
				break;
			}
		if (open != NULL && length > 0 && line[length - 1] == '"' && open < line + length - 1)
		{
			char	   *close = line + length - 1;
			size_t		quoted = (size_t) (close - open);

			if (everything || number_suspect(open, quoted))
			{
				size_t		kept = mask_whole(open, quoted);

				memmove(open + kept, close, strlen(close) + 1);
				length -= quoted - kept;
			}
		}
		line += length;
		if (*line == '\n')
			line++;
	}
}

static void
log_masking_emit(ErrorData *edata)
{
	bool		own = raised_by_hokenid(edata);

	mask_quotations(edata->context, own);
	if (edata->internalquery != NULL && (own || suspect(edata->internalquery)))
		edata->internalquery[mask_whole(edata->internalquery, strlen(edata->internalquery))] = '\0';
	mask_numbers(edata->message);
	mask_numbers(edata->detail);
	mask_numbers(edata->detail_log);
	mask_numbers(edata->hint);
	mask_numbers(edata->context);
	mask_numbers(edata->internalquery);
	if (!edata->hide_stmt && (own || suspect(debug_query_string)))
		edata->hide_stmt = true;

	if (previous_emit_log_hook)
		previous_emit_log_hook(edata);
}

void
log_masking_init(void)
{
	Dl_info		info;

	if (dladdr((const void *) &log_masking_init, &info) != 0)
		library_base = info.dli_fbase;
	previous_emit_log_hook = emit_log_hook;
	emit_log_hook = log_masking_emit;
}
