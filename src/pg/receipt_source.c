#include "postgres.h"

#include "catalog/namespace.h"
#include "catalog/pg_authid.h"
#include "libpq/be-fsstubs.h"
#include "libpq/libpq-fs.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "storage/fd.h"
#include "utils/acl.h"
#include "utils/builtins.h"
#include "utils/fmgrprotos.h"

#include "receipt_source.h"

#define CHUNK (1024 * 1024)
#define MAX_LINE (16 * 1024 * 1024)

ReceiptEncoding
receipt_encoding_argument(FunctionCallInfo fcinfo, int argument)
{
	char	   *name;

	if (PG_NARGS() <= argument || PG_ARGISNULL(argument))
		return RECEIPT_ENCODING_AUTO;
	name = text_to_cstring(PG_GETARG_TEXT_PP(argument));
	if (pg_strcasecmp(name, "SJIS") == 0 || pg_strcasecmp(name, "CP932") == 0 ||
		pg_strcasecmp(name, "Shift_JIS") == 0 || pg_strcasecmp(name, "Windows-31J") == 0)
		return RECEIPT_ENCODING_SJIS;
	if (pg_strcasecmp(name, "UTF8") == 0 || pg_strcasecmp(name, "UTF-8") == 0)
		return RECEIPT_ENCODING_UTF8;
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("unknown receipt encoding \"%s\"", name),
			 errhint("Receipt files are SJIS (CP932, as submitted) or UTF8; NULL detects which.")));
}

static void
start(ReceiptSource *source, ReceiptEncoding encoding)
{
	source->encoding = encoding;
	source->conversion = FindDefaultConversionProc(PG_SJIS, PG_UTF8);
	source->utf8_capacity = 4096;
	source->utf8 = palloc(source->utf8_capacity);
}

void
receipt_source_bytes(ReceiptSource *source, bytea *data, ReceiptEncoding encoding)
{
	memset(source, 0, sizeof(*source));
	source->large_object = -1;
	start(source, encoding);
	source->buffer = VARDATA_ANY(data);
	source->buffer_length = VARSIZE_ANY_EXHDR(data);
	source->window = source->buffer_length;
	source->stream_ended = true;
	/* a file that is valid UTF-8 throughout is UTF-8; any other is Shift_JIS */
	if (encoding == RECEIPT_ENCODING_AUTO)
		source->encoding = pg_encoding_verifymbstr(PG_UTF8, source->buffer, (int) Min(source->buffer_length, INT_MAX)) ==
			(int) source->buffer_length ? RECEIPT_ENCODING_UTF8 : RECEIPT_ENCODING_SJIS;
	uke_lines_start(&source->cursor, source->buffer, source->window);
}

static void
start_stream(ReceiptSource *source, ReceiptEncoding encoding)
{
	start(source, encoding);
	source->buffer_capacity = 2 * CHUNK;
	source->buffer = palloc(source->buffer_capacity);
	/* a stream is not scanned twice to detect its encoding: as submitted */
	if (encoding == RECEIPT_ENCODING_AUTO)
		source->encoding = RECEIPT_ENCODING_SJIS;
	uke_lines_start(&source->cursor, source->buffer, 0);
}

/*
 * Through the SQL-level lo_open, so that the large-object machinery closes
 * what it opened at the end of the transaction, and privileges are checked
 * as for lo_open.
 */
void
receipt_source_large_object(ReceiptSource *source, Oid object, ReceiptEncoding encoding)
{
	memset(source, 0, sizeof(*source));
	source->large_object = DatumGetInt32(DirectFunctionCall2(be_lo_open, ObjectIdGetDatum(object),
															 Int32GetDatum(INV_READ)));
	start_stream(source, encoding);
}

void
receipt_source_file(ReceiptSource *source, const char *path, ReceiptEncoding encoding)
{
	memset(source, 0, sizeof(*source));
	source->large_object = -1;
	if (!has_privs_of_role(GetUserId(), ROLE_PG_READ_SERVER_FILES))
		ereport(ERROR,
				(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
				 errmsg("reading a receipt file on the server requires the privileges of pg_read_server_files")));
	source->file = AllocateFile(path, PG_BINARY_R);
	if (source->file == NULL)
		ereport(ERROR,
				(errcode_for_file_access(),
				 errmsg("could not open receipt file \"%s\": %m", path)));
	start_stream(source, encoding);
}

void
receipt_source_close(ReceiptSource *source)
{
	if (source->large_object >= 0)
		DirectFunctionCall1(be_lo_close, Int32GetDatum(source->large_object));
	if (source->file != NULL)
		FreeFile(source->file);
	source->large_object = -1;
	source->file = NULL;
}

/* Moves the unread tail to the front and reads more, up to a line end. */
static void
refill(ReceiptSource *source)
{
	size_t		tail = source->buffer_length - source->window;
	const char *last_newline;

	memmove(source->buffer, source->buffer + source->window, tail);
	source->buffer_length = tail;
	source->line_base += source->cursor.line_no;
	for (;;)
	{
		int			n;

		if (source->buffer_capacity - source->buffer_length < CHUNK)
		{
			if (source->buffer_capacity >= MAX_LINE)
				ereport(ERROR,
						(errcode(ERRCODE_BAD_COPY_FILE_FORMAT),
						 errmsg("receipt line %d is longer than %d bytes", source->line_base + 1, MAX_LINE),
						 errhint("The data is probably not a receipt file.")));
			source->buffer_capacity *= 2;
			source->buffer = repalloc(source->buffer, source->buffer_capacity);
		}
		if (source->large_object >= 0)
			n = lo_read(source->large_object, source->buffer + source->buffer_length, CHUNK);
		else
			n = (int) fread(source->buffer + source->buffer_length, 1, CHUNK, source->file);
		if (n <= 0)
		{
			if (source->file != NULL && ferror(source->file))
				ereport(ERROR,
						(errcode_for_file_access(),
						 errmsg("could not read receipt file: %m")));
			source->stream_ended = true;
			source->window = source->buffer_length;
			break;
		}
		source->buffer_length += (size_t) n;
		last_newline = memrchr(source->buffer, '\n', source->buffer_length);
		if (last_newline != NULL)
		{
			source->window = (size_t) (last_newline - source->buffer) + 1;
			break;
		}
	}
	uke_lines_start(&source->cursor, source->buffer, source->window);
}

/* ASCII without NUL bytes, eight bytes at a time (most lines are long). */
static bool
is_ascii(const char *line, size_t length)
{
	const uint64 high_bits = UINT64CONST(0x8080808080808080);
	const uint64 low_bits = UINT64CONST(0x0101010101010101);
	size_t		i = 0;

	for (; i + sizeof(uint64) <= length; i += sizeof(uint64))
	{
		uint64		word;

		memcpy(&word, line + i, sizeof(word));
		/* a high bit set, or a zero byte (whose borrow sets its high bit) */
		if ((word & high_bits) != 0 || ((word - low_bits) & ~word & high_bits) != 0)
			return false;
	}
	for (; i < length; i++)
		if ((unsigned char) line[i] >= 0x80 || line[i] == '\0')
			return false;
	return true;
}

bool
receipt_next_line(ReceiptSource *source, const char **line, size_t *length, int *line_no,
				  const char **problem)
{
	const char *raw;
	size_t		raw_length;
	UkeLineResult result;

	*problem = NULL;
	for (;;)
	{
		result = uke_next_line(&source->cursor, &raw, &raw_length);
		if (result != UKE_END || source->stream_ended)
			break;
		refill(source);
	}
	if (result == UKE_DATA_AFTER_EOF_MARK)
	{
		*line_no = source->line_base + source->cursor.line_no + 1;
		*problem = "data after the end-of-file mark 0x1A";
		source->cursor.offset = source->cursor.length;
		source->stream_ended = true;
		return true;
	}
	if (result == UKE_END)
		return false;
	*line_no = source->line_base + source->cursor.line_no;
	/* lines of ASCII alone (most item records) are the same in both encodings */
	if (is_ascii(raw, raw_length))
	{
		*line = raw;
		*length = raw_length;
		return true;
	}
	if (raw_length * MAX_CONVERSION_GROWTH + 1 > source->utf8_capacity)
	{
		source->utf8_capacity = raw_length * MAX_CONVERSION_GROWTH + 1;
		source->utf8 = repalloc(source->utf8, source->utf8_capacity);
	}
	if (source->encoding == RECEIPT_ENCODING_UTF8)
	{
		if (pg_encoding_verifymbstr(PG_UTF8, raw, (int) raw_length) != (int) raw_length)
		{
			*problem = "invalid UTF-8 byte sequence";
			return true;
		}
		memcpy(source->utf8, raw, raw_length);
		*length = raw_length;
	}
	else
	{
		int			converted = pg_do_encoding_conversion_buf(source->conversion, PG_SJIS, PG_UTF8,
															  (unsigned char *) raw, (int) raw_length,
															  (unsigned char *) source->utf8,
															  (int) source->utf8_capacity, true);

		if (converted != (int) raw_length)
		{
			*problem = "invalid or unmappable Shift_JIS (CP932) byte sequence";
			return true;
		}
		*length = strlen(source->utf8);
	}
	source->utf8[*length] = '\0';
	*line = source->utf8;
	return true;
}
