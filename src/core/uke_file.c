#include "uke_file.h"

#include <string.h>

#define EOF_MARK 0x1A

void
uke_lines_start(UkeLineCursor *cursor, const char *data, size_t length)
{
	cursor->data = data;
	cursor->length = length;
	cursor->offset = 0;
	cursor->line_no = 0;
}

UkeLineResult
uke_next_line(UkeLineCursor *cursor, const char **line, size_t *length)
{
	const char *start;
	const char *end;
	size_t		remaining;

	if (cursor->offset >= cursor->length)
		return UKE_END;
	start = cursor->data + cursor->offset;
	remaining = cursor->length - cursor->offset;
	if ((unsigned char) start[0] == EOF_MARK)
	{
		/* nothing but line ends may follow the EOF mark */
		for (size_t i = 1; i < remaining; i++)
			if (start[i] != '\r' && start[i] != '\n' && (unsigned char) start[i] != EOF_MARK)
				return UKE_DATA_AFTER_EOF_MARK;
		cursor->offset = cursor->length;
		return UKE_END;
	}
	end = memchr(start, '\n', remaining);
	cursor->offset = end ? (size_t) (end - cursor->data) + 1 : cursor->length;
	if (end == NULL)
		end = start + remaining;
	if (end > start && end[-1] == '\r')
		end--;
	cursor->line_no++;
	*line = start;
	*length = (size_t) (end - start);
	return UKE_LINE;
}

void
uke_split(const char *line, size_t length, UkeFields *fields)
{
	int			count = 1;

	fields->line = line;
	fields->start[0] = 0;

	/*
	 * Commas come at no predictable place ("SI,12,2,112007410,,73,1,,,,"),
	 * so the loop has no branch on them: every byte writes where the next
	 * field would start, and only a comma moves on to the next slot.
	 */
	for (size_t i = 0; i < length; i++)
	{
		fields->start[count <= UKE_MAX_FIELDS ? count : UKE_MAX_FIELDS + 1] = (uint32_t) (i + 1);
		count += line[i] == ',';
	}
	/* the line's end closes the last field like a comma would */
	if (count <= UKE_MAX_FIELDS)
		fields->start[count] = (uint32_t) (length + 1);
	fields->count = count;
}

size_t
uke_sjis_length(const char *utf8, size_t length)
{
	size_t		bytes = 0;

	for (size_t i = 0; i < length;)
	{
		unsigned char c = (unsigned char) utf8[i];

		if (c < 0x80)
		{
			bytes++;
			i++;
		}
		else
		{
			size_t		width = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;

			/* half-width katakana U+FF61..U+FF9F (EF BD A1 .. EF BE 9F) is one byte */
			bytes += (width == 3 && c == 0xEF && i + 2 < length &&
					  (((unsigned char) utf8[i + 1] == 0xBD && (unsigned char) utf8[i + 2] >= 0xA1) ||
					   (unsigned char) utf8[i + 1] == 0xBE)) ? 1 : 2;
			i += width;
		}
	}
	return bytes;
}
