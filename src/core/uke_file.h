/*
 * UKE receipt files (レセプト電算処理, RECEIPTC.UKE and kin) at the level of
 * lines and fields.  A file is CSV without quoting, one record a line,
 * CR LF (LF alone tolerated), optionally closed by an EOF byte 0x1A.  In
 * Shift_JIS no trail byte is 0x0A, 0x0D, 0x1A or 0x2C, so lines and fields
 * are split on raw bytes before any decoding; the callers decode each line.
 */
#ifndef HOKENID_UKE_FILE_H
#define HOKENID_UKE_FILE_H

#include <stddef.h>

typedef struct UkeLineCursor
{
	const char *data;
	size_t		length;
	size_t		offset;
	int			line_no;		/* of the line last returned, from 1 */
} UkeLineCursor;

typedef enum UkeLineResult
{
	UKE_LINE,
	UKE_END,
	UKE_DATA_AFTER_EOF_MARK		/* bytes other than line ends after 0x1A */
} UkeLineResult;

extern void uke_lines_start(UkeLineCursor *cursor, const char *data, size_t length);
extern UkeLineResult uke_next_line(UkeLineCursor *cursor, const char **line, size_t *length);

#define UKE_MAX_FIELDS 128

typedef struct UkeFields
{
	int			count;			/* record type included; > UKE_MAX_FIELDS: too many */
	const char *value[UKE_MAX_FIELDS];
	size_t		length[UKE_MAX_FIELDS];
} UkeFields;

/* Splits a line on commas; fields past UKE_MAX_FIELDS are counted, not kept. */
extern void uke_split(const char *line, size_t length, UkeFields *fields);

/* Field i, or "" when the record is shorter. */
#define UKE_FIELD(f, i) ((i) < (f)->count && (i) < UKE_MAX_FIELDS ? (f)->value[i] : "")
#define UKE_FIELD_LENGTH(f, i) ((i) < (f)->count && (i) < UKE_MAX_FIELDS ? (f)->length[i] : 0)

/* A field of ASCII digits as a number; 0 when empty, -1 when not digits. */
extern long uke_number(const char *value, size_t length);

/* Bytes a UTF-8 field takes in Shift_JIS (the unit of the spec's limits). */
extern size_t uke_sjis_length(const char *utf8, size_t length);

#endif
