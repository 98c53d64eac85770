#include "uke_generator.h"

#include <stdio.h>
#include <string.h>


/* Names in both encodings: 氏名 and カタカナ of a few synthetic people. */
static const char *const names_utf8[][2] = {
	{"山田　太郎", "ヤマダタロウ"},
	{"佐藤　花子", "サトウハナコ"},
};
static const char *const names_sjis[][2] = {
	{"\x8e\x52\x93\x63\x81\x40\x91\xbe\x98\x59", "\x83\x84\x83\x7d\x83\x5f\x83\x5e\x83\x8d\x83\x45"},
	{"\x8d\xb2\x93\xa1\x81\x40\x89\xd4\x8e\x71", "\x83\x54\x83\x67\x83\x45\x83\x6e\x83\x69\x83\x52"},
};
static const char clinic_utf8[] = "合成クリニック";
static const char clinic_sjis[] = "\x8d\x87\x90\xac\x83\x4e\x83\x8a\x83\x6a\x83\x62\x83\x4e";

/* Insurers with valid 検証番号: 協会けんぽ, 組合, 共済, 国保, 後期高齢者. */
static const char *const insurers[] = {"01130012", "06130512", "31130032", "133066", "39131032"};

/* 診療行為 and 医薬品 codes by 診療識別, with points. */
static const struct
{
	const char *identification;
	const char *record;
	const char *code;
	int			points;
} acts[] = {
	{"12", "SI", "112007410", 73},	/* 再診料 */
	{"13", "SI", "113001810", 225},	/* 特定疾患療養管理料 */
	{"21", "IY", "620098801", 12},	/* 内服薬 */
	{"33", "IY", "620003855", 10},	/* 注射薬 */
	{"40", "SI", "140000610", 52},	/* 処置 */
	{"50", "SI", "150253010", 12100},	/* 手術 */
	{"60", "SI", "160008010", 21},	/* 検体検査 */
	{"70", "SI", "170000410", 210},	/* 画像診断 */
};

static uint64_t
next_random(UkeGenerator *g)
{
	uint64_t	z = (g->state += 0x9E3779B97F4A7C15ULL);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

static int
below(UkeGenerator *g, int n)
{
	return (int) (next_random(g) % (uint64_t) n);
}

void
uke_generator_start(UkeGenerator *generator, uint64_t seed, int receipts, int sjis)
{
	memset(generator, 0, sizeof(*generator));
	generator->state = seed;
	generator->receipts = receipts;
	generator->sjis = sjis;
}

/* 31 day columns with count on day (0: none). */
static size_t
days(char *out, int day, int count)
{
	size_t		n = 0;

	for (int d = 1; d <= 31; d++)
		n += (size_t) (d == day ? sprintf(out + n, ",%d", count) : sprintf(out + n, ","));
	return n;
}

static size_t
receipt(UkeGenerator *g, char *out)
{
	int			person = below(g, 2);
	const char *insurer = insurers[below(g, 5)];
	int			late_elderly = strcmp(insurer, "39131032") == 0;
	int			with_kohi = below(g, 10) == 0;
	int			items = 3 + below(g, 8);
	int			total = 0;
	int			day = 1 + below(g, 28);
	size_t		n = 0;
	char		body[UKE_GENERATOR_PIECE_MAX];
	size_t		b = 0;
	int			symbol = 1000 + below(g, 9000);
	int			number = 1 + below(g, 99999);

	/* the items first, to know the receipt's total points */
	b += (size_t) sprintf(body + b, "SY,4280001,202310%02d,1,,,01,\r\n", 1 + below(g, 28));
	for (int i = 0; i < items; i++)
	{
		int			a = below(g, (int) (sizeof(acts) / sizeof(acts[0])));
		int			times = 1 + below(g, 2);

		b += (size_t) sprintf(body + b, "%s,%s,%d,%s,%s,%d,%d,,,,,,", acts[a].record, acts[a].identification,
							  with_kohi ? 2 : 1, acts[a].code, acts[a].record[0] == 'I' ? "1" : "",
							  acts[a].points, times);
		b += days(body + b, day, times);
		b += (size_t) sprintf(body + b, "\r\n");
		total += acts[a].points * times;
	}

	g->written++;
	n += (size_t) sprintf(out + n, "RE,%d,%s,202311,%s,%d,19%02d%02d%02d,,,,,,,%05d,,,,,,,,,,,,,,,,,,,,,,,%s,\r\n",
						  g->written, late_elderly ? "1312" : with_kohi ? "1122" : "1112",
						  g->sjis ? names_sjis[person][0] : names_utf8[person][0], 1 + person,
						  30 + below(g, 60), 1 + below(g, 12), 1 + below(g, 28), g->written % 100000,
						  g->sjis ? names_sjis[person][1] : names_utf8[person][1]);
	if (late_elderly)
		n += (size_t) sprintf(out + n, "HO,%s,,%08d,1,%d,,,,,,,,,\r\n", insurer, number, total);
	else
		n += (size_t) sprintf(out + n, "HO,%s%s,%d,%d,1,%d,,,,,,,,,\r\n",
							  strlen(insurer) == 6 ? "  " : "", insurer, symbol, number, total);
	g->claims++;
	if (with_kohi)
	{
		n += (size_t) sprintf(out + n, "KO,54016027,1111111,,1,%d,0,,,,,\r\n", total);
		g->claims++;
	}
	n += (size_t) sprintf(out + n, "SN,1,01,,,,%s,,\r\n", late_elderly ? "" : (person ? "01" : "00"));
	memcpy(out + n, body, b);
	g->points += total;
	return n + b;
}

size_t
uke_generate_piece(UkeGenerator *g, char *out)
{
	if (g->stage == 0)
	{
		g->stage = 1;
		/* 医療機関コード 13 1 1234569: 検証番号 over 131123456 */
		return (size_t) sprintf(out, "IR,1,13,1,1234569,,%s,202311,00,03-0000-0000\r\n",
								g->sjis ? clinic_sjis : clinic_utf8);
	}
	if (g->stage == 1 && g->written < g->receipts)
		return receipt(g, out);
	if (g->stage == 1)
	{
		g->stage = 2;
		return (size_t) sprintf(out, "GO,%ld,%ld,99\r\n\x1a", g->claims, g->points);
	}
	return 0;
}
