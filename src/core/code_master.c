#include "code_master.h"

#include <string.h>

/* Where each master keeps what the minimum data set shows (1-based; 0: none). */
typedef struct MasterLayout
{
	char		kind;
	int			fields;			/* at least this many */
	int			code;
	int			code_digits;
	int			name;
	int			kana;
	int			unit;
	int			amount;
	int			valid_from;
	int			valid_until;
	int			listed;			/* 収載年月日, for a 変更年月日 left empty */
} MasterLayout;

static const MasterLayout layouts[] = {
	/* kind fields code digits name kana unit amount from until listed */
	{'Y', 31, 3, 9, 5, 7, 10, 12, 30, 31, 0},
	{'S', 88, 3, 9, 5, 7, 10, 12, 87, 88, 0},
	{'B', 24, 3, 7, 6, 10, 0, 0, 23, 24, 0},
	{'T', 30, 3, 9, 5, 7, 10, 12, 28, 30, 0},
	{'C', 23, 23, 9, 7, 9, 0, 0, 21, 22, 0},
	/* 修飾語 leave 変更年月日 empty until a modifier first changes */
	{'Z', 19, 3, 4, 7, 10, 0, 0, 15, 16, 14},
};

int
code_master_split(char *line, size_t length, CodeMasterField *fields)
{
	size_t		in = 0;
	int			count = 0;

	for (;;)
	{
		char	   *out = line + in;
		char	   *start = out;

		if (count == CODE_MASTER_MAX_FIELDS)
			return count;
		if (in < length && line[in] == '"')
		{
			in++;
			for (;;)
			{
				if (in >= length)
					return -1;	/* the quote never closes */
				if (line[in] == '"' && in + 1 < length && line[in + 1] == '"')
				{
					*out++ = '"';
					in += 2;
				}
				else if (line[in] == '"')
				{
					in++;
					break;
				}
				else
					*out++ = line[in++];
			}
		}
		while (in < length && line[in] != ',')
			*out++ = line[in++];
		fields[count].value = start;
		fields[count].length = (size_t) (out - start);
		count++;
		if (in >= length)
			return count;
		in++;					/* the comma */
	}
}

static CodeMasterField
field(const CodeMasterField *fields, int number)
{
	CodeMasterField none = {"", 0};

	return number > 0 ? fields[number - 1] : none;
}

static int
all_digits(CodeMasterField f)
{
	for (size_t i = 0; i < f.length; i++)
		if (f.value[i] < '0' || f.value[i] > '9')
			return 0;
	return f.length > 0;
}

const char *
code_master_read(const CodeMasterField *fields, int count, CodeMasterRecord *record, int *bad_field)
{
	const MasterLayout *layout = NULL;
	CodeMasterField f;

	memset(record, 0, sizeof(*record));
	*bad_field = 2;
	if (count < 2 || fields[1].length != 1)
		return "not a code master record (field 2 names the master: Y, S, B, T, C or Z)";
	for (size_t i = 0; i < sizeof(layouts) / sizeof(layouts[0]); i++)
		if (layouts[i].kind == fields[1].value[0])
			layout = &layouts[i];
	if (layout == NULL)
		return "not a master hokenid reads (field 2 must be Y, S, B, T, C or Z)";
	*bad_field = count + 1;
	if (count < layout->fields)
		return "is missing: the record ends before the fields this master has";
	record->kind = layout->kind;
	*bad_field = 1;
	f = field(fields, 1);
	if (f.length != 1 || !all_digits(f))
		return "変更区分 must be one digit";
	record->change = f.value[0] - '0';
	*bad_field = layout->code;
	record->code = field(fields, layout->code);
	if (record->code.length != (size_t) layout->code_digits || !all_digits(record->code))
		return "the code has the wrong number of digits";
	record->name = field(fields, layout->name);
	record->kana = field(fields, layout->kana);
	record->unit = field(fields, layout->unit);
	record->amount = field(fields, layout->amount);
	*bad_field = layout->valid_from;
	f = field(fields, layout->valid_from);
	if (f.length == 0 && layout->listed > 0)
	{
		/* 修飾語 listed before 2003-04-01 carry neither date: valid ever since */
		*bad_field = layout->listed;
		f = field(fields, layout->listed);
		record->has_valid_from = f.length > 0;
		if (record->has_valid_from &&
			(f.length != 8 || !receipt_date_parse(f.value, f.length, &record->valid_from)))
			return "収載年月日 must be a date YYYYMMDD";
	}
	else if (f.length != 8 || !receipt_date_parse(f.value, f.length, &record->valid_from))
		return "変更年月日 must be a date YYYYMMDD";
	else
		record->has_valid_from = 1;
	*bad_field = layout->valid_until;
	f = field(fields, layout->valid_until);
	if (f.length == 8 && memcmp(f.value, "99999999", 8) == 0)
		record->has_valid_until = 0;
	else if (f.length == 8 && receipt_date_parse(f.value, f.length, &record->valid_until))
		record->has_valid_until = 1;
	else
		return "廃止年月日 must be a date YYYYMMDD or 99999999";
	*bad_field = 0;
	return NULL;
}
