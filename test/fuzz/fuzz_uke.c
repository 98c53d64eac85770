/*
 * libFuzzer harness for the receipt core: any bytes, split into lines and
 * fields, read as records and checked, must neither crash nor yield an item
 * with an impossible date (of care or, 調剤, of prescription), a doctor the
 * receipt cannot name, or more items than a record can have.
 */
#include <stdint.h>
#include <stdlib.h>

#include "uke_check.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	UkeLineCursor cursor;
	UkeChecker	checker;
	UkeReader	reader;
	UkeProblem	problems[UKE_MAX_PROBLEMS_PER_RECORD];
	MdsItem		items[MDS_MAX_ITEMS_PER_RECORD];
	UkeFields	fields;
	const char *line;
	size_t		length;

	uke_check_start(&checker);
	uke_reader_start(&reader);
	uke_lines_start(&cursor, (const char *) data, size);
	while (uke_next_line(&cursor, &line, &length) == UKE_LINE)
	{
		int			n;

		uke_split(line, length, &fields);
		if (fields.count > UKE_MAX_FIELDS)
			continue;
		if (uke_check_record(&checker, &fields, cursor.line_no, problems) > UKE_MAX_PROBLEMS_PER_RECORD)
			abort();
		n = uke_read_record(&reader, &fields, items);
		if (n < 0 || n > MDS_MAX_ITEMS_PER_RECORD)
			abort();
		for (int i = 0; i < n; i++)
			if ((items[i].has_date && !receipt_date_exists(items[i].date.year, items[i].date.month, items[i].date.day)) ||
				(items[i].has_prescribed &&
				 !receipt_date_exists(items[i].prescribed.year, items[i].prescribed.month, items[i].prescribed.day)) ||
				items[i].doctor < 0 || items[i].doctor > UKE_DOCTORS)
				abort();
		(void) uke_sjis_length(line, length);
	}
	uke_check_end(&checker, problems);
	return 0;
}
