/*
 * Unit tests of the receipt core: line splitting (CR LF, LF, the EOF mark
 * and data after it), fields, Shift_JIS lengths, the grouping rules and
 * per-day items of the reader (医科, 調剤 and DPC), the checker's totals, the
 * generator's files passing the checker, and the code master layouts.
 */
#include <stdlib.h>
#include <string.h>

#include "uke_check.h"
#include "uke_generator.h"
#include "code_master.h"
#include "unit.h"

static int
count_lines(const char *data, UkeLineResult *last)
{
	UkeLineCursor cursor;
	const char *line;
	size_t		length;
	int			n = 0;

	uke_lines_start(&cursor, data, strlen(data));
	while ((*last = uke_next_line(&cursor, &line, &length)) == UKE_LINE)
		n++;
	return n;
}

static void
test_lines(void)
{
	UkeLineResult last;
	UkeFields	f;

	CHECK_EQ_INT(count_lines("IR,1\r\nRE,1\r\nGO,1\r\n\x1a", &last), 3);
	CHECK_EQ_INT(last, UKE_END);
	CHECK_EQ_INT(count_lines("IR,1\nRE,1\nGO,1", &last), 3);
	CHECK_EQ_INT(count_lines("IR,1\r\n\x1a\r\n", &last), 1);
	CHECK_EQ_INT(last, UKE_END);
	count_lines("IR,1\r\n\x1aRE", &last);
	CHECK_EQ_INT(last, UKE_DATA_AFTER_EOF_MARK);
	CHECK_EQ_INT(count_lines("", &last), 0);

	uke_split("SI,,1,160008010", 15, &f);
	CHECK_EQ_INT(f.count, 4);
	CHECK_EQ_INT(UKE_FIELD_LENGTH(&f, 1), 0);
	CHECK(memcmp(UKE_FIELD(&f, 3), "160008010", UKE_FIELD_LENGTH(&f, 3)) == 0);
	CHECK_EQ_INT(UKE_FIELD_LENGTH(&f, 3), 9);
	CHECK_EQ_INT(UKE_FIELD_LENGTH(&f, 9), 0);
	uke_split("", 0, &f);
	CHECK_EQ_INT(f.count, 1);
	CHECK_EQ_INT(UKE_FIELD_LENGTH(&f, 0), 0);
	uke_split("RE,", 3, &f);
	CHECK_EQ_INT(f.count, 2);
	CHECK_EQ_INT(UKE_FIELD_LENGTH(&f, 0), 2);
	CHECK_EQ_INT(UKE_FIELD_LENGTH(&f, 1), 0);
	CHECK_EQ_INT(uke_number("0700", 4), 700);
	CHECK_EQ_INT(uke_number("7a", 2), -1);
	CHECK_EQ_INT(uke_sjis_length("テスト", 9), 6);
	CHECK_EQ_INT(uke_sjis_length("ﾃｽﾄ", 9), 3);
	CHECK_EQ_INT(uke_sjis_length("ab", 2), 2);
}

static int
read_line(UkeReader *reader, const char *line, MdsItem *items)
{
	UkeFields	f;

	uke_split(line, strlen(line), &f);
	return uke_read_record(reader, &f, items);
}

static void
test_reader(void)
{
	UkeReader	r;
	MdsItem		items[MDS_MAX_ITEMS_PER_RECORD];
	char		line[512];
	int			n;

	uke_reader_start(&r);
	read_line(&r, "IR,1,13,1,1234569,,x,202311,00,", items);
	CHECK_EQ_INT(r.kind, UKE_KIND_MEDICAL);
	read_line(&r, "RE,7,1112,202311,x,1,19500102,,20231105,,,,,1", items);
	CHECK_EQ_INT(r.receipt.receipt_no, 7);
	read_line(&r, "HO,01130012,1,2,1,100", items);
	read_line(&r, "SN,1,01,,,,02,,", items);
	CHECK_EQ_STR(r.receipt.branch.value, "02");
	/* the first item brings the admission; 診療識別 21 opens a group */
	snprintf(line, sizeof(line), "IY,21,1,620098801,1,,1,,,,,,%s", ",1,,2,,,,,,,,,,,,,,,,,,,,,,,,,,,");
	n = read_line(&r, line, items);
	CHECK_EQ_INT(n, 3);
	CHECK_EQ_INT(items[0].category, MDS_ADMISSION);
	CHECK_EQ_INT(items[0].date.day, 5);
	CHECK_EQ_INT(items[1].category, MDS_PRESCRIPTION);
	CHECK_EQ_INT(items[1].date.day, 1);
	CHECK_EQ_INT(items[2].date.day, 3);
	CHECK_EQ_INT(items[2].times, 2);
	CHECK(!items[1].has_points);
	/* an omitted 診療識別 continues the group; 点数 closes the unit */
	snprintf(line, sizeof(line), "IY,,1,611170005,1,30,1,,,,,,%s", ",1,,,,,,,,,,,,,,,,,,,,,,,,,,,,,");
	n = read_line(&r, line, items);
	CHECK_EQ_INT(n, 1);
	CHECK_EQ_INT(items[0].category, MDS_PRESCRIPTION);
	CHECK(items[0].has_points && items[0].points == 30);
	CHECK_EQ_INT(items[0].unit, 1);
	/* a comment sets the group too; SI in 60 is a test in a new unit */
	read_line(&r, "CO,60,1,810000001,x", items);
	snprintf(line, sizeof(line), "SI,,1,160008010,,21,1,,,,,,%s", ",,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,1");
	n = read_line(&r, line, items);
	CHECK_EQ_INT(items[0].category, MDS_TEST);
	CHECK_EQ_INT(items[0].unit, 2);
	CHECK_EQ_INT(n, 1);			/* day 31 of November does not exist: kept, undated */
	CHECK(!items[0].has_date);
	/* no day columns: one item with 回数 */
	n = read_line(&r, "SI,50,1,150253010,,600,2", items);
	CHECK_EQ_INT(n, 1);
	CHECK(!items[0].has_date);
	CHECK_EQ_INT(items[0].times, 2);
	n = read_line(&r, "SY,0000999,20231101,1,,name,01,", items);
	CHECK_EQ_INT(items[0].category, MDS_DIAGNOSIS);
	CHECK(items[0].name != NULL && items[0].name_length == 4);
	CHECK(items[0].modifiers == NULL);
	/* 修飾語 travel with the diagnosis: 右 + 胃癌 + の疑い */
	read_line(&r, "SY,1519002,20231101,1,20568002,,01,", items);
	CHECK(items[0].modifiers_length == 8 && memcmp(items[0].modifiers, "20568002", 8) == 0);
	read_line(&r, "GO,1,100,99", items);
	CHECK(!r.in_receipt);
	CHECK_EQ_STR(mds_category_name(MDS_TRANSPLANT), "transplant");
}

/* A 調剤 RE: 調剤年月, patient, the prescribing clinic and its doctors. */
static const char pharmacy_receipt[] =
	"RE,3,1112,202401,x,2,19500102,7,,13,1,1234569,clinic,,Dr One,Dr Two,,,,,,,,,,,,,,,,,,,,,,,,,,,kana";

static void
test_pharmacy_reader(void)
{
	UkeReader	r;
	MdsItem		items[MDS_MAX_ITEMS_PER_RECORD];
	int			n;

	uke_reader_start(&r);
	read_line(&r, "YK,1,13,4,7654327,pharmacy,202402,00,03", items);
	CHECK_EQ_INT(r.kind, UKE_KIND_PHARMACY);
	CHECK_EQ_STR(r.score_table.value, "4");
	CHECK_EQ_INT(r.claim_month.month, 2);
	read_line(&r, pharmacy_receipt, items);
	CHECK_EQ_STR(r.receipt.prescriber_facility.value, "1234569");
	CHECK_EQ_STR(r.receipt.doctors[1].value, "Dr Two");
	CHECK_EQ_INT(r.receipt.doctors[2].length, 0);
	read_line(&r, "HO,01130012,1,2,1,100,,,,,,,,", items);
	/* a drug before any dispensing keeps no day */
	read_line(&r, "SH,1,1,,,6,,,,", items);
	n = read_line(&r, "IY,1,620098801,3,,,,,,", items);
	CHECK_EQ_INT(n, 1);
	CHECK(!items[0].has_date);
	CHECK_EQ_INT(items[0].category, MDS_DISPENSING);
	/*
	 * A prescription of December dispensed in January (MMDD), then a refill
	 * recorded with 日 only; each CZ is its 調剤料 in the prescription's unit.
	 */
	read_line(&r, "SH,2,1,,,6,,,,", items);
	n = read_line(&r, "CZ,2,1228,0105,1,14,1,1,01,420001810,24,,,84,", items);
	CHECK_EQ_INT(n, 1);
	CHECK_EQ_INT(items[0].category, MDS_DISPENSING_FEE);
	CHECK(items[0].has_points && items[0].points == 24);
	CHECK(items[0].has_date && items[0].date.year == 2024 && items[0].date.month == 1 && items[0].date.day == 5);
	CHECK(items[0].has_prescribed && items[0].prescribed.year == 2023 && items[0].prescribed.month == 12);
	CHECK_EQ_INT(items[0].doctor, 2);
	CHECK_EQ_INT(items[0].unit, 2);
	read_line(&r, "CZ,2,1228,19,1,14,1,1,01,420001810,24,,,84,", items);
	CHECK(items[0].has_date && items[0].date.day == 19);
	CHECK_EQ_INT(items[0].unit, 2);
	/* its drugs: one item per dispensing, 調剤数量 as times */
	n = read_line(&r, "IY,1,610463146,2,,,,,,", items);
	CHECK_EQ_INT(n, 2);
	CHECK_EQ_INT(items[0].date.day, 5);
	CHECK_EQ_INT(items[1].date.day, 19);
	CHECK_EQ_INT(items[1].times, 14);
	CHECK_EQ_INT(items[1].doctor, 2);
	CHECK(items[1].quantity_length == 1 && items[1].quantity[0] == '2');
	CHECK(!items[1].has_points);
	/* a day that does not exist, a doctor out of range */
	read_line(&r, "SH,3,1,,,6,,,,", items);
	read_line(&r, "CZ,21,1301,0230,1,7,1,1,01,420001810,24,,,42,", items);
	CHECK(!items[0].has_date && !items[0].has_prescribed);
	CHECK_EQ_INT(items[0].doctor, 0);
	CHECK_EQ_STR(mds_category_name(MDS_DISPENSING), "dispensing");
}

static void
test_dpc_reader(void)
{
	UkeReader	r;
	MdsItem		items[MDS_MAX_ITEMS_PER_RECORD];
	int			n;

	uke_reader_start(&r);
	read_line(&r, "IR,1,13,1,1234569,,hospital,202311,00,", items);
	CHECK_EQ_INT(r.kind, UKE_KIND_MEDICAL);
	/* レセプト総括区分 0 in column 18 makes it DPC, before any DPC record */
	read_line(&r, "RE,1,1117,202311,a,1,19500102,,,,,,,1,,,,,0,,,,,,,,,", items);
	CHECK_EQ_INT(r.kind, UKE_KIND_DPC);
	CHECK(r.receipt.coded);
	read_line(&r, "HO,06130512,1,2,5,100,,,,,,,,,,", items);
	n = read_line(&r, "BU,040080XX99X0XX,20231106,20231110,2,", items);
	CHECK_EQ_INT(n, 2);
	CHECK_EQ_INT(items[0].category, MDS_ADMISSION);
	CHECK(items[0].date.day == 6 && items[0].code_length == 14);
	CHECK_EQ_INT(items[1].category, MDS_DISCHARGE);
	CHECK(items[1].date.day == 10 && items[1].code_length == 1 && items[1].code[0] == '2');
	/* not yet discharged: the admission alone */
	CHECK_EQ_INT(read_line(&r, "BU,040080XX99X0XX,20231025,,,", items), 1);
	n = read_line(&r, "SB,4860003,,,J189,11,,", items);
	CHECK_EQ_INT(n, 1);
	CHECK_EQ_INT(items[0].category, MDS_DIAGNOSIS);
	CHECK(items[0].icd10_length == 4 && memcmp(items[0].icd10, "J189", 4) == 0);
	CHECK(items[0].role_length == 2 && memcmp(items[0].role, "11", 2) == 0);
	CHECK(!items[0].has_date);
	/* 入院料 from SI; an act billed per act is left to its CD */
	CHECK_EQ_INT(read_line(&r, "SI,92,1,190192210,,135,2,,,,,,,,,,,,1,1,,,,,,,,,,,,,,,,,,,,,,,,", items), 2);
	CHECK_EQ_INT(read_line(&r, "SI,70,1,170000410,,210,1,,,,,,,,,,,,1,,,,,,,,,,,,,,,,,,,,,,,,,", items), 0);
	CHECK_EQ_INT(read_line(&r, "SI,,1,170000510,,10,1,,,,,,,,,,,,1,,,,,,,,,,,,,,,,,,,,,,,,,", items), 0);
	/* CD: the day, the category from 診療識別 and the code, a unit per act */
	n = read_line(&r, "CD,20231106,70,3,1,170000410,,,,1,", items);
	CHECK_EQ_INT(n, 1);
	CHECK_EQ_INT(items[0].category, MDS_IMAGING);
	CHECK(items[0].has_date && items[0].date.day == 6 && !items[0].has_points);
	n = items[0].unit;
	read_line(&r, "CD,20231106,70,3,2,710010927,1,,007,1,", items);
	CHECK_EQ_INT(items[0].category, MDS_MATERIAL);
	CHECK_EQ_INT(items[0].unit, n);
	read_line(&r, "CD,20231108,33,4,1,620003855,2,,,2,", items);
	CHECK_EQ_INT(items[0].category, MDS_INJECTION);
	CHECK_EQ_INT(items[0].times, 2);
	CHECK(items[0].quantity_length == 1 && items[0].quantity[0] == '2');
	CHECK_EQ_INT(items[0].unit, n + 1);
	/* 総括対象医科入院 (3): SI as in 医科 */
	read_line(&r, "RE,2,1117,202311,a,1,19500102,,20231105,,,,,1,,,,,3,,,,,,,,,", items);
	CHECK(!r.receipt.coded);
	n = read_line(&r, "SI,70,1,170000410,,210,1,,,,,,,,,,,,1,,,,,,,,,,,,,,,,,,,,,,,,,", items);
	CHECK_EQ_INT(n, 2);			/* the admission of RE with the first item */
	CHECK_EQ_INT(items[0].category, MDS_ADMISSION);
	CHECK_EQ_STR(mds_category_name(MDS_DISCHARGE), "discharge");

	/* a 医科 RE with a 検索番号 stays 医科 */
	uke_reader_start(&r);
	read_line(&r, "IR,1,13,1,1234569,,clinic,202311,00,", items);
	read_line(&r, "RE,1,1112,202311,a,1,19500102,,,,,,,1,,,,,123456789012,,,,,,,,,,,,,,,,,,,", items);
	CHECK_EQ_INT(r.kind, UKE_KIND_MEDICAL);
}

static int
check_text(const char *data, int *errors)
{
	UkeChecker	checker;
	UkeProblem	problems[UKE_MAX_PROBLEMS_PER_RECORD];
	UkeLineCursor cursor;
	UkeFields	f;
	const char *line;
	size_t		length;
	int			total = 0;
	int			n;

	*errors = 0;
	uke_check_start(&checker);
	uke_lines_start(&cursor, data, strlen(data));
	while (uke_next_line(&cursor, &line, &length) == UKE_LINE)
	{
		uke_split(line, length, &f);
		n = uke_check_record(&checker, &f, cursor.line_no, problems);
		for (int i = 0; i < n; i++)
			*errors += problems[i].is_error;
		total += n;
	}
	n = uke_check_end(&checker, problems);
	for (int i = 0; i < n; i++)
		*errors += problems[i].is_error;
	return total + n;
}

/* 200 generated receipts of a kind, NUL-terminated where the EOF mark was; returns the receipts written. */
static int
generate(UkeKind kind, char *file)
{
	UkeGenerator g;
	size_t		used = 0;
	size_t		n;

	uke_generator_start(&g, 12345, 200, 0, kind);
	while ((n = uke_generate_piece(&g, file + used)) > 0)
		used += n;
	file[used - 1] = '\0';		/* the EOF mark, which strlen-based helpers stop at */
	return g.written;
}

static void
test_checker_and_generator(void)
{
	char	   *file = malloc(4 * 1024 * 1024);
	int			errors;

	CHECK_EQ_INT(generate(UKE_KIND_MEDICAL, file), 200);
	CHECK_EQ_INT(check_text(file, &errors), 0);

	check_text("RE,1\r\n", &errors);
	CHECK(errors >= 2);			/* not starting with IR, no GO */
	check_text("IR,1,13,1,1234569,,x,202311,00,\r\nRE,1,1112,202311,a,1,19500101\r\nHO,01130012,1,2,1,100\r\nGO,2,100,99\r\n",
			   &errors);
	CHECK_EQ_INT(errors, 1);	/* 総件数 2 where there is one HO */

	CHECK_EQ_INT(generate(UKE_KIND_PHARMACY, file), 200);
	CHECK_EQ_INT(check_text(file, &errors), 0);
	CHECK(strncmp(file, "YK,", 3) == 0);
	/* a drug before its dispensing is flagged; a bad 処方 facility warned */
	CHECK_EQ_INT(check_text("YK,1,13,4,7654327,p,202402,00,\r\nRE,1,1112,202401,x,1,19500101,,,13,1,1234560\r\n"
							"HO,01130012,1,2,1,100\r\nSH,1\r\nIY,1,620098801,1\r\nGO,1,100,99\r\n", &errors), 2);
	CHECK_EQ_INT(errors, 0);

	CHECK_EQ_INT(generate(UKE_KIND_DPC, file), 200);
	CHECK_EQ_INT(check_text(file, &errors), 0);
	CHECK(strstr(file, "\r\nCD,") != NULL);
	free(file);
}

/* A master line of count quoted fields, "0" but where set. */
static char *
master_line(int count, const char *const *set, char *out)
{
	char	   *p = out;

	for (int i = 1; i <= count; i++)
	{
		const char *value = "0";

		for (int s = 0; set[s] != NULL; s += 2)
			if (atoi(set[s]) == i)
				value = set[s + 1];
		p += sprintf(p, "%s\"%s\"", i > 1 ? "," : "", value);
	}
	return out;
}

static int
split_master(char *line, CodeMasterField *fields)
{
	return code_master_split(line, strlen(line), fields);
}

static void
test_code_master(void)
{
	static const char *const drug[] = {"2", "Y", "3", "620000007", "5", "アスピリン\"\"錠\"\"", "7", "ｱｽﾋﾟﾘﾝ",
		"10", "錠", "12", "5.70", "30", "20240401", "31", "99999999", NULL};
	static const char *const procedure[] = {"2", "S", "3", "111000110", "5", "初診料", "12", "291",
		"87", "20240601", "88", "20260531", NULL};
	static const char *const diagnosis[] = {"2", "B", "3", "4280001", "6", "うっ血性心不全", "23", "20000401",
		"24", "99999999", NULL};
	static const char *const short_code[] = {"2", "T", "3", "70001", "28", "20240401", "30", "99999999", NULL};
	static const char *const bad_date[] = {"2", "B", "3", "4280001", "23", "20241301", "24", "99999999", NULL};
	/* the first line of the real コメント master (c_ALL20250307.csv) */
	char		comment[] = "\"0\",\"C\",\"8\",\"10\",\"1\",\"0\",\"\",\"0\",\"\",\"0\",\"0\",\"0\",\"0\",\"0\","
		"\"0\",\"0\",\"0\",\"0\",\"0\",\"0\",\"20240601\",\"99999999\",\"810000001\",\"17470000\",\"\",\"\",\"\",\"\",\"\",\"\"";
	/* the first line of the real 修飾語 master (z_20250101.txt), decoded */
	static const char modifier[] = "\"0\",\"Z\",\"8282\",\"\",\"\",\"5\",\"・高分化型\",\"\",\"8\","
		"\"・コウブンカガタ\",\"\",\"0\",\"0\",\"20240601\",\"\",\"99999999\",\"27002379\",\"5AH1\",\"A8000000\"";
	char		line[4096];
	CodeMasterField fields[CODE_MASTER_MAX_FIELDS];
	CodeMasterRecord r;
	int			count;
	int			bad;

	count = split_master(master_line(33, drug, line), fields);
	CHECK_EQ_INT(count, 33);
	CHECK(code_master_read(fields, count, &r, &bad) == NULL);
	CHECK_EQ_INT(r.kind, 'Y');
	CHECK_EQ_INT(r.change, 0);
	CHECK(r.name.length == strlen("アスピリン\"錠\"") && memcmp(r.name.value, "アスピリン\"錠\"", r.name.length) == 0);
	CHECK(r.amount.length == 4 && memcmp(r.amount.value, "5.70", 4) == 0);
	CHECK_EQ_INT(r.valid_from.year, 2024);
	CHECK(r.has_valid_from);
	CHECK_EQ_INT(r.has_valid_until, 0);

	count = split_master(master_line(113, procedure, line), fields);
	CHECK(code_master_read(fields, count, &r, &bad) == NULL);
	CHECK_EQ_INT(r.kind, 'S');
	CHECK_EQ_INT(r.has_valid_until, 1);
	CHECK_EQ_INT(r.valid_until.month, 5);

	count = split_master(master_line(45, diagnosis, line), fields);
	CHECK(code_master_read(fields, count, &r, &bad) == NULL);
	CHECK_EQ_INT(r.code.length, 7);
	CHECK_EQ_INT(r.unit.length, 0);

	count = code_master_split(comment, strlen(comment), fields);
	CHECK_EQ_INT(count, 30);
	CHECK(code_master_read(fields, count, &r, &bad) == NULL);
	CHECK(r.kind == 'C' && r.code.length == 9 && memcmp(r.code.value, "810000001", 9) == 0);

	count = split_master(master_line(40, short_code, line), fields);
	CHECK(code_master_read(fields, count, &r, &bad) != NULL);
	CHECK_EQ_INT(bad, 3);
	count = split_master(master_line(45, bad_date, line), fields);
	CHECK(code_master_read(fields, count, &r, &bad) != NULL);
	CHECK_EQ_INT(bad, 23);
	count = split_master(master_line(20, drug, line), fields);
	CHECK(code_master_read(fields, count, &r, &bad) != NULL);
	strcpy(line, "\"0\",\"X\",\"8282\"");
	count = code_master_split(line, strlen(line), fields);
	CHECK(code_master_read(fields, count, &r, &bad) != NULL);
	CHECK_EQ_INT(bad, 2);
	/* a 修飾語 not changed since listed: 収載年月日 stands for 変更年月日 */
	strcpy(line, modifier);
	count = code_master_split(line, strlen(line), fields);
	CHECK(code_master_read(fields, count, &r, &bad) == NULL);
	CHECK(r.kind == 'Z' && r.code.length == 4 && r.has_valid_from && r.valid_from.year == 2024 && !r.has_valid_until);
	CHECK(r.kana.length > 0 && r.name.length > 0);
	strcpy(line, modifier);
	memcpy(strstr(line, "20240601"), "2024x601", 8);
	count = code_master_split(line, strlen(line), fields);
	CHECK(code_master_read(fields, count, &r, &bad) != NULL);
	CHECK_EQ_INT(bad, 14);
	/* listed before 2003 (no 収載年月日): valid from the beginning */
	strcpy(line, modifier);
	memmove(strstr(line, "20240601"), strstr(line, "20240601") + 8, strlen(strstr(line, "20240601") + 8) + 1);
	count = code_master_split(line, strlen(line), fields);
	CHECK(code_master_read(fields, count, &r, &bad) == NULL);
	CHECK(!r.has_valid_from);
	CHECK(code_master_read(fields, count - 4, &r, &bad) != NULL);	/* too few fields */
	strcpy(line, "\"0\",\"Y");
	CHECK_EQ_INT(code_master_split(line, strlen(line), fields), -1);
}

int
main(void)
{
	test_code_master();
	test_lines();
	test_reader();
	test_pharmacy_reader();
	test_dpc_reader();
	test_checker_and_generator();
	return unit_report("uke");
}
