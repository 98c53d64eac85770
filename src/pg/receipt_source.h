/*
 * Where receipt lines come from (a bytea, a large object, a server file)
 * and how they become UTF-8.  Large objects and files are read in chunks,
 * so a file larger than a bytea can hold streams through in constant
 * memory; the core splitter always sees whole lines.
 */
#ifndef HOKENID_RECEIPT_SOURCE_H
#define HOKENID_RECEIPT_SOURCE_H

#include "postgres.h"

#include "uke_file.h"

typedef enum ReceiptEncoding
{
	RECEIPT_ENCODING_AUTO,
	RECEIPT_ENCODING_SJIS,
	RECEIPT_ENCODING_UTF8
} ReceiptEncoding;

typedef struct ReceiptSource
{
	/* the bytes: all of a bytea, or a window of whole lines of a stream */
	char	   *buffer;
	size_t		buffer_length;
	size_t		buffer_capacity;
	size_t		window;			/* bytes of whole lines handed to the cursor */
	UkeLineCursor cursor;
	int			line_base;		/* lines before the current window */
	int			large_object;	/* descriptor of lo_open, or -1 */
	FILE	   *file;
	bool		stream_ended;
	bool		data_after_eof_mark;

	ReceiptEncoding encoding;
	Oid			conversion;		/* Shift_JIS (CP932) to UTF-8 */
	char	   *utf8;			/* the current line, decoded */
	size_t		utf8_capacity;
} ReceiptSource;

extern ReceiptEncoding receipt_encoding_argument(FunctionCallInfo fcinfo, int argument);
extern void receipt_source_bytes(ReceiptSource *source, bytea *data, ReceiptEncoding encoding);
extern void receipt_source_large_object(ReceiptSource *source, Oid object, ReceiptEncoding encoding);
extern void receipt_source_file(ReceiptSource *source, const char *path, ReceiptEncoding encoding);
extern void receipt_source_close(ReceiptSource *source);

/*
 * The next line, decoded to UTF-8 (valid until the next call, not
 * NUL-terminated); false at the end.  A line that does not decode gives
 * *problem (and no line) instead.
 */
extern bool receipt_next_line(ReceiptSource *source, const char **line, size_t *length,
							  int *line_no, const char **problem);

#endif
