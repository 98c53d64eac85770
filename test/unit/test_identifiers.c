/*
 * Unit tests of the identifier core: every rule of 保険者番号, 公費負担者番号,
 * 受給者番号, 医療機関等コード and 個人単位被保険者番号, with the published
 * numbers of DOMAIN.md 1.3.
 */
#include <stdint.h>
#include <string.h>

#include "check_digit.h"
#include "facility_code.h"
#include "insured_no.h"
#include "insurer_no.h"
#include "kohi_no.h"
#include "unit.h"
#include "utf8.h"

static IdentifierError
insurer_error(const char *s)
{
	int32_t		v;

	return insurer_no_parse(s, strlen(s), &v).error;
}

static const char *
insurer_text(const char *s, char *out)
{
	int32_t		v;

	if (insurer_no_parse(s, strlen(s), &v).error != ID_OK)
		return "(error)";
	insurer_no_format(v, out);
	return out;
}

static IdentifierError
kohi_error(const char *s)
{
	int32_t		v;

	return kohi_no_parse(s, strlen(s), &v).error;
}

static IdentifierError
facility_error(const char *s)
{
	int64_t		v;

	return facility_code_parse(s, strlen(s), &v).error;
}

static IdentifierProblem
insured(const char *s, char *canonical)
{
	InsuredNo	v;
	IdentifierProblem p = insured_no_parse(s, strlen(s), &v);

	if (p.error == ID_OK)
		insured_no_format(&v, canonical);
	else
		strcpy(canonical, "(error)");
	return p;
}

static void
test_check_digit(void)
{
	CHECK_EQ_INT(luhn_check_digit("3312001", 7), 5);	/* 設定要領 worked example */
	CHECK_EQ_INT(luhn_check_digit("0113001", 7), 2);
	CHECK_EQ_INT(luhn_check_digit("8813445", 7), 7);	/* 東京都 2024 correction */
	CHECK_EQ_INT(luhn_check_digit("011011371", 9), 9);
	CHECK_EQ_INT(luhn_check_digit("", 0), 0);
}

static void
test_insurer_no(void)
{
	const char *valid[] = {"01130012", "01040013", "01010016", "01350016", "33120015",
		"34130021", "06130512", "07130024", "31130032", "31110281", "39131032",
		"133066", "140053", "110080", "138057", "133223", "138032", "061234"};
	char		out[INSURER_NO_TEXT_SIZE];
	int32_t		v;

	for (size_t i = 0; i < sizeof(valid) / sizeof(valid[0]); i++)
		CHECK_EQ_STR(insurer_text(valid[i], out), valid[i]);
	CHECK_EQ_STR(insurer_text("  133066", out), "133066");	/* receipt HO padding */
	CHECK_EQ_STR(insurer_text("00133066", out), "133066");	/* zero-padded 国保 */
	CHECK_EQ_STR(insurer_text("０１１３００１２", out), "01130012");
	CHECK_EQ_STR(insurer_text("\xE3\x80\x80" "01130012 ", out), "01130012");
	CHECK_EQ_INT(insurer_error("01130013"), ID_CHECK_DIGIT);
	CHECK_EQ_INT(insurer_error("133067"), ID_CHECK_DIGIT);
	CHECK_EQ_INT(insurer_error(""), ID_EMPTY);
	CHECK_EQ_INT(insurer_error("   "), ID_EMPTY);
	CHECK_EQ_INT(insurer_error("1234567"), ID_INSURER_LENGTH);
	CHECK_EQ_INT(insurer_error("011300120"), ID_INSURER_LENGTH);
	CHECK_EQ_INT(insurer_error("0113 0012"), ID_NOT_DIGIT);
	CHECK_EQ_INT(insurer_error("0113001a"), ID_NOT_DIGIT);
	CHECK_EQ_INT(insurer_error("\xFF"), ID_ENCODING);
	CHECK_EQ_INT(insurer_error("54016027"), ID_PUBLIC_EXPENSE_LAW);	/* 難病 is 公費 */
	CHECK_EQ_INT(insurer_error("88134457"), ID_PUBLIC_EXPENSE_LAW);
	CHECK_EQ_INT(insurer_no_parse("01x", 3, &v).position, 3);
	insurer_no_parse("39131032", 8, &v);
	CHECK_EQ_INT(insurer_no_law_code(v), 39);
	CHECK_EQ_INT(insurer_no_prefecture(v), 13);
	insurer_no_parse("133066", 6, &v);
	CHECK_EQ_INT(insurer_no_law_code(v), -1);
	CHECK_EQ_INT(insurer_no_prefecture(v), 13);
	CHECK(insurer_no_is_national_health(v));
}

static void
test_kohi_and_recipient(void)
{
	const char *valid[] = {"88134457", "54016027", "12131017", "21116017", "21136015",
		"12141024", "52148020", "54147012", "28140507", "83120071"};
	int32_t		v;

	for (size_t i = 0; i < sizeof(valid) / sizeof(valid[0]); i++)
		CHECK_EQ_INT(kohi_error(valid[i]), ID_OK);
	CHECK_EQ_INT(kohi_error("88134458"), ID_CHECK_DIGIT);	/* the 東京都 2024 error */
	CHECK_EQ_INT(kohi_error("83136019"), ID_CHECK_DIGIT);	/* in a real receipt file */
	CHECK_EQ_INT(kohi_error("01130012"), ID_INSURANCE_LAW);
	CHECK_EQ_INT(kohi_error("133066"), ID_KOHI_LENGTH);
	kohi_no_parse("54016027", 8, &v);
	CHECK_EQ_INT(kohi_no_law_code(v), 54);
	CHECK_EQ_INT(kohi_no_prefecture(v), 1);
	CHECK_EQ_INT(recipient_no_check("0000000", 7).error, ID_OK);
	CHECK_EQ_INT(recipient_no_check("1111111", 7).error, ID_OK);
	CHECK_EQ_INT(recipient_no_check("1111112", 7).error, ID_CHECK_DIGIT);
	CHECK_EQ_INT(recipient_no_check("000000", 6).error, ID_RECIPIENT_LENGTH);
	CHECK_EQ_INT(recipient_no_check("", 0).error, ID_EMPTY);
}

static void
test_facility_code(void)
{
	int64_t		v;
	char		out[FACILITY_CODE_TEXT_SIZE];

	CHECK_EQ_INT(facility_error("0110113719"), ID_OK);
	CHECK_EQ_INT(facility_error("0110113718"), ID_CHECK_DIGIT);
	CHECK_EQ_INT(facility_error("4810113719"), ID_PREFECTURE);
	CHECK_EQ_INT(facility_error("0000000000"), ID_PREFECTURE);
	CHECK_EQ_INT(facility_error("0120113719"), ID_SCORE_TABLE);
	CHECK_EQ_INT(facility_error("011011371"), ID_FACILITY_LENGTH);
	facility_code_parse("0110113719", 10, &v);
	CHECK_EQ_INT(facility_code_prefecture(v), 1);
	CHECK_EQ_INT(facility_code_score_table(v), 1);
	CHECK_EQ_INT(facility_code_local(v), 113719);
	facility_code_format(v, out);
	CHECK_EQ_STR(out, "0110113719");
	CHECK_EQ_INT(facility_code_from_parts("01", 2, "1", 1, "0113719", 7, &v).error, ID_OK);
	CHECK_EQ_INT(v, 110113719);
	/* the ORCA demo's fake code, and a 5-digit code that breaks the spec */
	CHECK_EQ_INT(facility_code_from_parts("13", 2, "1", 1, "1234567", 7, &v).error, ID_CHECK_DIGIT);
	CHECK_EQ_INT(facility_code_from_parts("13", 2, "3", 1, "12345", 5, &v).error, ID_FACILITY_LENGTH);
}

static void
test_insured_no(void)
{
	char		out[INSURED_NO_TEXT_SIZE];
	IdentifierProblem p;

	CHECK_EQ_INT(insured("06130512:1234:5678:01", out).error, ID_OK);
	CHECK_EQ_STR(out, "06130512:1234:5678:01");
	/* legacy card without 枝番, with or without a trailing separator */
	insured("06130512:1234:5678", out);
	CHECK_EQ_STR(out, "06130512:1234:5678");
	insured("06130512:1234:5678:", out);
	CHECK_EQ_STR(out, "06130512:1234:5678");
	/* full-width, spaces, hyphen variants, lower case, full-width colon */
	insured("０６１３０５１２：１９ｄ　０００１：１０－２３：０１", out);
	CHECK_EQ_STR(out, "06130512:19D0001:10-23:01");
	insured("06130512:ab:1\xE2\x88\x92" "2:00", out);	/* U+2212 minus */
	CHECK_EQ_STR(out, "06130512:AB:1-2:00");
	/* kanji and kana kept */
	insured("01130012:東京あ:12:03", out);
	CHECK_EQ_STR(out, "01130012:東京あ:12:03");
	/* leading zeros are significant */
	insured("39131032::０７", out);
	CHECK_EQ_STR(out, "39131032::07");
	insured("  133066:1:7", out);
	CHECK_EQ_STR(out, "133066:1:7");

	CHECK_EQ_INT(insured("", out).error, ID_EMPTY);
	CHECK_EQ_INT(insured("06130512:1234", out).error, ID_PART_COUNT);
	CHECK_EQ_INT(insured("06130512:1:2:01:9", out).error, ID_PART_COUNT);
	CHECK_EQ_INT(insured("06130512:1234::01", out).error, ID_NUMBER_MISSING);
	CHECK_EQ_INT(insured("06130513:1234:5678:01", out).error, ID_CHECK_DIGIT);
	CHECK_EQ_INT(insured("06130512:1234:5678:1", out).error, ID_BRANCH_FORMAT);
	CHECK_EQ_INT(insured("06130512:1234:5678:100", out).error, ID_BRANCH_FORMAT);
	CHECK_EQ_INT(insured("06130512:1234:5678:0a", out).error, ID_BRANCH_FORMAT);
	CHECK_EQ_INT(insured("39131032::07:01", out).error, ID_BRANCH_LATE_ELDERLY);
	CHECK_EQ_INT(insured("39131032:1:07", out).error, ID_SYMBOL_LATE_ELDERLY);
	p = insured("06130512:12\x01" "4:5678", out);
	CHECK_EQ_INT(p.error, ID_BAD_CHARACTER);
	CHECK_EQ_INT(p.position, 12);
	p = insured("06130512:1234:56\xC3", out);
	CHECK_EQ_INT(p.error, ID_ENCODING);
	CHECK_EQ_INT(insured("06130512:1234:5\xF0\x9F\x98\x80", out).error, ID_BAD_CHARACTER);
	/* 38 Shift_JIS bytes per part, 19 characters together */
	CHECK_EQ_INT(insured("06130512:1234567890:123456789", out).error, ID_OK);
	CHECK_EQ_INT(insured("06130512:1234567890:1234567890", out).error, ID_PARTS_TOO_LONG);
	CHECK_EQ_INT(insured("06130512::東東東東東東東東東東東東東東東東東東東東", out).error, ID_PART_TOO_LONG);
	CHECK_EQ_INT(insured("06130512::12345678901234567890", out).error, ID_PARTS_TOO_LONG);
}

static void
test_insured_image(void)
{
	InsuredNo	a;
	InsuredNo	b;
	InsuredNo	decoded;
	uint8_t		ia[INSURED_NO_IMAGE_MAX];
	uint8_t		ib[INSURED_NO_IMAGE_MAX];
	size_t		na;
	size_t		nb;
	char		out[INSURED_NO_TEXT_SIZE];

	insured_no_parse("06130512:1234:5678:01", 21, &a);
	na = insured_no_encode(&a, ia);
	CHECK_EQ_INT(na, 4 + 4 + 1 + 4 + 1 + 1);
	CHECK(insured_no_decode(ia, na, &decoded));
	insured_no_format(&decoded, out);
	CHECK_EQ_STR(out, "06130512:1234:5678:01");
	CHECK_EQ_INT(insured_no_check_image(ia, na).error, ID_OK);

	/* ordering: insurer, then 記号, 番号, 枝番 with a missing 枝番 first */
	insured_no_parse("06130512:1234:5678", 18, &b);
	nb = insured_no_encode(&b, ib);
	CHECK(insured_no_compare(ib, nb, ia, na) < 0);
	CHECK(insured_no_compare(ia, na, ib, nb) > 0);
	CHECK_EQ_INT(insured_no_compare(ia, na, ia, na), 0);
	insured_no_parse("133066:9:9", 10, &b);
	nb = insured_no_encode(&b, ib);
	CHECK(insured_no_compare(ib, nb, ia, na) < 0);	/* 6-digit 国保 first */
	insured_no_parse("06130512:123:9", 14, &b);
	nb = insured_no_encode(&b, ib);
	CHECK(insured_no_compare(ib, nb, ia, na) < 0);	/* shorter 記号 prefix first */

	/* images that no parse produces are refused */
	ia[4] = 'a';				/* lower case is not canonical */
	CHECK(insured_no_check_image(ia, na).error != ID_OK);
	CHECK(insured_no_check_image(ia, 3).error != ID_OK);
	ia[4] = '1';
	ia[8] = '5';				/* 記号 without its terminator */
	CHECK(insured_no_check_image(ia, na).error != ID_OK);
	ia[8] = 0;
	ia[na - 1] = 101;			/* 枝番 100 */
	CHECK(insured_no_check_image(ia, na).error != ID_OK);
	ia[na - 1] = 2;
	CHECK_EQ_INT(insured_no_check_image(ia, na).error, ID_OK);
}

static void
test_mask(void)
{
	char		out[IDENTIFIER_MASK_SIZE];

	CHECK_EQ_STR(identifier_mask("01130012", 8, out), "******12");
	CHECK_EQ_STR(identifier_mask("1", 1, out), "1");
	CHECK_EQ_STR(identifier_mask("", 0, out), "");
	CHECK_EQ_STR(identifier_mask("１２３", 9, out), "*２３");
	CHECK_EQ_STR(identifier_mask("12\xFF", 3, out), "*2?");
	CHECK_EQ_STR(identifier_mask("1234567890123456789012345678901234567890", 40, out),
				 "************************90");
}

static void
test_utf8(void)
{
	static const uint32_t points[] = {0x41, 0xE9, 0x30AC, 0x1F600};
	char		bytes[4];
	uint32_t	back;

	for (size_t i = 0; i < sizeof(points) / sizeof(points[0]); i++)
	{
		size_t		n = utf8_encode(points[i], bytes);

		CHECK_EQ_INT(n, i + 1);
		CHECK_EQ_INT(utf8_decode((const unsigned char *) bytes, n, &back), n);
		CHECK_EQ_INT(back, points[i]);
	}
	CHECK_EQ_INT(utf8_decode((const unsigned char *) "\xE3\x82", 2, &back), 0);
	CHECK_EQ_INT(utf8_decode((const unsigned char *) "\xC0\x80", 2, &back), 0);
}

int
main(void)
{
	test_utf8();
	test_check_digit();
	test_insurer_no();
	test_kohi_and_recipient();
	test_facility_code();
	test_insured_no();
	test_insured_image();
	test_mask();
	return unit_report("identifiers");
}
