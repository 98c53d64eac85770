/*
 * Unit tests of number masking: insured numbers inside the messages
 * PostgreSQL writes about a column of the type, inside statements and COPY
 * lines, in every written form the parser accepts without spaces, become
 * the masked form of error details; text that only resembles a number
 * stays as it was.
 */
#include <stdlib.h>
#include <string.h>

#include "number_masking.h"
#include "unit.h"

static char buffer[4096];

static const char *
masked(const char *in)
{
	size_t		length = strlen(in);

	memcpy(buffer, in, length);
	buffer[number_mask(buffer, length)] = '\0';
	return buffer;
}

static void
test_postgres_messages(void)
{
	/* unique and foreign-key violations, failing rows (canonical forms) */
	CHECK_EQ_STR(masked("Key (insured)=(06130512:1234:5678:01) already exists."),
				 "Key (insured)=(*******************01) already exists.");
	CHECK_EQ_STR(masked("Key (insured)=(39131032::07) is not present in table \"cards\"."),
				 "Key (insured)=(**********07) is not present in table \"cards\".");
	CHECK_EQ_STR(masked("Failing row contains (1, 06130512:1234:5678, a)."),
				 "Failing row contains (1, ****************78, a).");
	CHECK_EQ_STR(masked("Failing row contains (null, 133066:12:345:01)."),
				 "Failing row contains (null, **************01).");
	/* a row and an array of numbers, a cast's complaint, a COPY line */
	CHECK_EQ_STR(masked("{06130512:1234:5678:00,39131032::07}"),
				 "{*******************00,**********07}");
	CHECK_EQ_STR(masked("invalid input syntax for type integer: \"06130512:1234:5678:00\""),
				 "invalid input syntax for type integer: \"*******************00\"");
	CHECK_EQ_STR(masked("COPY cards, line 2: \"2\t06130512:1234:5678:01\tb\""),
				 "COPY cards, line 2: \"2\t*******************01\tb\"");
	/* a logged statement: quoted literals */
	CHECK_EQ_STR(masked("statement: INSERT INTO cards VALUES (1, '06130512:1234:5678:00'), (2, '39131032::07')"),
				 "statement: INSERT INTO cards VALUES (1, '*******************00'), (2, '**********07')");
	/* 記号 and 番号 with kanji, kana and hyphens */
	CHECK_EQ_STR(masked("(01130012:19D0001:10-23:00)"), "(***********************00)");
	CHECK_EQ_STR(masked("=(06130512:東京:あ-1)"), "=(*************-1)");
}

static void
test_written_forms(void)
{
	/* full-width digits and separators, lower case: masked as written */
	CHECK_EQ_STR(masked("'０６１３０５１２：１２３４：５６７８：０１'"),
				 "'*******************０１'");
	CHECK_EQ_STR(masked("x=06130512:ab:cd;"), "x=************cd;");
	/* a 国保 number padded to 8 digits */
	CHECK_EQ_STR(masked("00133066:12:345"), "*************45");
	/* digits glued before the insurer: still found */
	CHECK_EQ_STR(masked("9906130512:1234:5678:01"), "99*******************01");
	/* Japanese punctuation ends a 番号 */
	CHECK_EQ_STR(masked("番号は133066:12:345、以上"), "番号は***********45、以上");
}

static void
test_left_alone(void)
{
	/* wrong check digit, wrong lengths, times, casts, plain text */
	CHECK_EQ_STR(masked("06130513:1234:5678:01"), "06130513:1234:5678:01");
	CHECK_EQ_STR(masked("0613051:1234:5678:01"), "0613051:1234:5678:01");
	CHECK_EQ_STR(masked("2024-01-10 12:34:56+09"), "2024-01-10 12:34:56+09");
	CHECK_EQ_STR(masked("SELECT 123456::bigint"), "SELECT 123456::bigint");
	CHECK_EQ_STR(masked("06130512:1234"), "06130512:1234");
	CHECK_EQ_STR(masked("06130512:1234:"), "06130512:1234:");
	CHECK_EQ_STR(masked(""), "");
	CHECK_EQ_STR(masked("::::"), "::::");
	/* numbers with spaces inside are not found: number_suspect is */
	CHECK_EQ_STR(masked("06130512: 1234:5678"), "06130512: 1234:5678");
	CHECK(number_suspect("06130512: 1234:5678", 19));
	/* a mask is never part of a number */
	CHECK_EQ_STR(masked("133066:A:(*****45:67"), "133066:A:(*****45:67");
}

static void
test_suspect(void)
{
	CHECK(number_suspect("x '0613051:1234:5678:01'", 24) == 1);	/* seven digits */
	CHECK(number_suspect("０６１３０５：", 21) == 1);
	CHECK(number_suspect("12345:6", 7) == 0);
	CHECK(number_suspect("2024-01-10 12:34:56", 19) == 0);
	CHECK(number_suspect("", 0) == 0);
}

static void
test_idempotent_and_shorter(void)
{
	const char *inputs[] = {
		"06130512:1234:5678:0106130512:1234:5678:01",
		"133066:1:06130512:1234:5678:01",
		"133066:A:(06130512:XY:Z:45:67",
		"06130512:1234:5678:01:133066:12:345",
		"(06130512:1234:5678)(39131032::07)",
	};

	for (size_t i = 0; i < sizeof(inputs) / sizeof(inputs[0]); i++)
	{
		char		once[256];
		size_t		length = strlen(inputs[i]);
		size_t		once_length;

		memcpy(once, inputs[i], length);
		once_length = number_mask(once, length);
		CHECK(once_length <= length);
		once[once_length] = '\0';
		CHECK_EQ_STR(masked(once), once);
	}
	/* two numbers glued: both masked, the second found after the first's mask */
	CHECK_EQ_STR(masked("06130512:1234:5678:0106130512:1234:5678:01"),
				 "*******************01*******************01");
	/* the 枝番 of one number begins the insurer of the next */
	CHECK_EQ_STR(masked("06130512:1234:5678:133066:1:2"), "***************************:2");
}

int
main(void)
{
	test_postgres_messages();
	test_written_forms();
	test_left_alone();
	test_suspect();
	test_idempotent_and_shorter();
	return unit_report("number_masking");
}
