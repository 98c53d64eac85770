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
#include <stdint.h>

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
	const char *line;
	int			count;			/* record type included; > UKE_MAX_FIELDS: too many */
	/*
	 * Field i is line[start[i]] up to the comma before start[i + 1]: one
	 * offset a field, as most fields are a byte or empty.  The last slot
	 * takes the splitter's writes past UKE_MAX_FIELDS.
	 */
	uint32_t	start[UKE_MAX_FIELDS + 2];
} UkeFields;

/* Splits a line on commas; fields past UKE_MAX_FIELDS are counted, not kept. */
extern void uke_split(const char *line, size_t length, UkeFields *fields);

/* Field i, or "" when the record is shorter. */
#define UKE_FIELD(f, i) ((i) < (f)->count && (i) < UKE_MAX_FIELDS ? (f)->line + (f)->start[i] : "")
#define UKE_FIELD_LENGTH(f, i) \
	((i) < (f)->count && (i) < UKE_MAX_FIELDS ? (size_t) ((f)->start[(i) + 1] - (f)->start[i] - 1) : 0)

/* A field of ASCII digits as a number; 0 when empty, -1 when not digits. */
static inline long
uke_number(const char *value, size_t length)
{
	long		n = 0;

	if (length > 18)
		return -1;
	for (size_t i = 0; i < length; i++)
	{
		if (value[i] < '0' || value[i] > '9')
			return -1;
		n = n * 10 + (value[i] - '0');
	}
	return n;
}

/* Bytes a UTF-8 field takes in Shift_JIS (the unit of the spec's limits). */
extern size_t uke_sjis_length(const char *utf8, size_t length);

#endif
