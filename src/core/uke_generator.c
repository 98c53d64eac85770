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
static const char pharmacy_utf8[] = "合成薬局";
static const char pharmacy_sjis[] = "\x8d\x87\x90\xac\x96\xf2\x8b\xc7";
/* the clinic's two 保険医 */
static const char *const doctors_utf8[] = {"医師　一郎", "医師　二郎"};
static const char *const doctors_sjis[] = {"\x88\xe3\x8e\x74\x81\x40\x88\xea\x98\x59",
"\x88\xe3\x8e\x74\x81\x40\x93\xf1\x98\x59"};

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

/* Drugs a pharmacy dispenses: 医薬品 code, daily 使用量, points a day. */
static const struct
{
	const char *code;
	int			daily_amount;
	int			points;
} dispensed_drugs[] = {
	{"620098801", 3, 6},
	{"610463146", 2, 4},
	{"620004365", 1, 2},
};
#define DISPENSED_DRUGS ((int) (sizeof(dispensed_drugs) / sizeof(dispensed_drugs[0])))

/*
 * A DPC stay: its 診断群分類番号, the diagnosis (傷病名コード and ICD-10) that
 * drew the most resources, and a comorbidity.
 */
static const struct
{
	const char *dpc;
	const char *disease;
	const char *icd10;
} stays[] = {
	{"040080XX99X0XX", "4860003", "J189"},	/* 肺炎 */
	{"050130XX99000X", "4280005", "I500"},	/* 心不全 */
	{"110310XX99XX0X", "5990010", "N390"},	/* 尿路感染症 */
};
#define STAYS ((int) (sizeof(stays) / sizeof(stays[0])))

/* 入院料 and 食事 of a DPC stay, billed per day (出来高) outside the coding data. */
static const struct
{
	const char *identification;
	const char *code;
	int			points;
} daily_fees[] = {
	{"92", "190192210", 135},	/* 入院基本料等加算 */
	{"97", "197000470", 64},	/* 入院時食事療養 */
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
uke_generator_start(UkeGenerator *generator, uint64_t seed, int receipts, int sjis, UkeKind kind)
{
	memset(generator, 0, sizeof(*generator));
	generator->kind = kind;
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

/* A receipt's patient, chosen once: who, insured where, with 公費 or not. */
typedef struct Patient
{
	int			person;
	const char *insurer;
	int			late_elderly;
	int			with_kohi;
	int			symbol;
	int			number;
} Patient;

static Patient
choose_patient(UkeGenerator *g)
{
	Patient		p;

	p.person = below(g, 2);
	p.insurer = insurers[below(g, 5)];
	p.late_elderly = strcmp(p.insurer, "39131032") == 0;
	p.with_kohi = below(g, 10) == 0;
	return p;
}

static void
choose_card(UkeGenerator *g, Patient *p)
{
	p->symbol = 1000 + below(g, 9000);
	p->number = 1 + below(g, 99999);
}

static const char *
receipt_type(const Patient *p)
{
	return p->late_elderly ? "1312" : p->with_kohi ? "1122" : "1112";
}

/*
 * HO (+ KO) and SN of a receipt of total points.  The 調剤 HO and KO have
 * one field fewer after 合計点数 than the 医科 ones, the DPC ones one more
 * (標準負担額).
 */
static size_t
claim_records(UkeGenerator *g, const Patient *p, int total, UkeKind kind, char *out)
{
	const char *tail = kind == UKE_KIND_PHARMACY ? ",,,,,,,," : kind == UKE_KIND_DPC ? ",,,,,,,,,," : ",,,,,,,,,";
	const char *kohi_tail = kind == UKE_KIND_PHARMACY ? "" : kind == UKE_KIND_DPC ? ",,," : ",,";
	size_t		n = 0;

	if (p->late_elderly)
		n += (size_t) sprintf(out + n, "HO,%s,,%08d,1,%d%s\r\n", p->insurer, p->number, total, tail);
	else
		n += (size_t) sprintf(out + n, "HO,%s%s,%d,%d,1,%d%s\r\n",
							  strlen(p->insurer) == 6 ? "  " : "", p->insurer, p->symbol, p->number, total, tail);
	g->claims++;
	if (p->with_kohi)
	{
		n += (size_t) sprintf(out + n, "KO,54016027,1111111,,1,%d,0,,,%s\r\n", total, kohi_tail);
		g->claims++;
	}
	n += (size_t) sprintf(out + n, "SN,1,01,,,,%s,,\r\n", p->late_elderly ? "" : (p->person ? "01" : "00"));
	g->points += total;
	return n;
}

static size_t
birth_date(UkeGenerator *g, char *out)
{
	/* drawn day first: the order files made by earlier versions have */
	int			day = 1 + below(g, 28);
	int			month = 1 + below(g, 12);
	int			year = 30 + below(g, 60);

	return (size_t) sprintf(out, "19%02d%02d%02d", year, month, day);
}

static size_t
medical_receipt(UkeGenerator *g, char *out)
{
	Patient		p = choose_patient(g);
	int			items = 3 + below(g, 8);
	int			total = 0;
	int			day = 1 + below(g, 28);
	size_t		n = 0;
	char		body[UKE_GENERATOR_PIECE_MAX];
	size_t		b = 0;

	choose_card(g, &p);
	/* the items first, to know the receipt's total points */
	b += (size_t) sprintf(body + b, "SY,4280001,202310%02d,1,,,01,\r\n", 1 + below(g, 28));
	for (int i = 0; i < items; i++)
	{
		int			a = below(g, (int) (sizeof(acts) / sizeof(acts[0])));
		int			times = 1 + below(g, 2);

		b += (size_t) sprintf(body + b, "%s,%s,%d,%s,%s,%d,%d,,,,,,", acts[a].record, acts[a].identification,
							  p.with_kohi ? 2 : 1, acts[a].code, acts[a].record[0] == 'I' ? "1" : "",
							  acts[a].points, times);
		b += days(body + b, day, times);
		b += (size_t) sprintf(body + b, "\r\n");
		total += acts[a].points * times;
	}

	g->written++;
	n += (size_t) sprintf(out + n, "RE,%d,%s,202311,%s,%d,", g->written, receipt_type(&p),
						  g->sjis ? names_sjis[p.person][0] : names_utf8[p.person][0], 1 + p.person);
	n += birth_date(g, out + n);
	n += (size_t) sprintf(out + n, ",,,,,,,%05d,,,,,,,,,,,,,,,,,,,,,,,%s,\r\n", g->written % 100000,
						  g->sjis ? names_sjis[p.person][1] : names_utf8[p.person][1]);
	n += claim_records(g, &p, total, UKE_KIND_MEDICAL, out + n);
	memcpy(out + n, body, b);
	return n + b;
}

/*
 * A 調剤 receipt: prescriptions of the synthetic clinic's two doctors, each
 * an SH, its dispensings (CZ: the prescription day, a day later, and for
 * some a refill a week after) and its drugs (IY).
 */
static size_t
pharmacy_receipt(UkeGenerator *g, char *out)
{
	Patient		p = choose_patient(g);
	int			prescriptions = 1 + below(g, 3);
	int			total = 0;
	size_t		n = 0;
	char		body[UKE_GENERATOR_PIECE_MAX];
	size_t		b = 0;

	choose_card(g, &p);
	for (int rx = 1; rx <= prescriptions; rx++)
	{
		int			doctor = 1 + below(g, 2);
		int			prescribed = 1 + below(g, 20);
		int			dispensings = 1 + (below(g, 4) == 0);
		int			supply = 7 * (1 + below(g, 4));
		int			drugs = 1 + below(g, 3);
		int			unit_points = 0;
		int			first = below(g, DISPENSED_DRUGS);
		int			drug[DISPENSED_DRUGS];

		/* different drugs in one prescription */
		for (int d = 0; d < drugs; d++)
		{
			drug[d] = (first + d) % DISPENSED_DRUGS;
			unit_points += dispensed_drugs[drug[d]].points;
		}
		b += (size_t) sprintf(body + b, "SH,%d,1,,,%d,,,,\r\n", rx, unit_points);
		for (int k = 0; k < dispensings; k++)
		{
			int			dispensed = prescribed + 1 + 7 * k;

			b += (size_t) sprintf(body + b, "CZ,%d,11%02d,11%02d,%d,%d,1,1,01,420001810,24,,,%d,",
								  doctor, prescribed, dispensed, rx, supply, unit_points * supply);
			for (int column = 15; column < 54; column++)
				body[b++] = ',';
			b += (size_t) sprintf(body + b, "\r\n");
			total += 24 + unit_points * supply;
		}
		for (int d = 0; d < drugs; d++)
			b += (size_t) sprintf(body + b, "IY,1,%s,%d,,,,,,\r\n", dispensed_drugs[drug[d]].code,
								  dispensed_drugs[drug[d]].daily_amount);
	}

	g->written++;
	n += (size_t) sprintf(out + n, "RE,%d,%s,202311,%s,%d,", g->written, receipt_type(&p),
						  g->sjis ? names_sjis[p.person][0] : names_utf8[p.person][0], 1 + p.person);
	n += birth_date(g, out + n);
	/* 処方箋を交付した医療機関: the synthetic clinic; 保険医氏名 in columns 14-33 */
	n += (size_t) sprintf(out + n, ",,,13,1,1234569,%s,,%s,%s", g->sjis ? clinic_sjis : clinic_utf8,
						  g->sjis ? doctors_sjis[0] : doctors_utf8[0], g->sjis ? doctors_sjis[1] : doctors_utf8[1]);
	for (int column = 16; column < 41; column++)
		out[n++] = ',';
	n += (size_t) sprintf(out + n, ",%s\r\n", g->sjis ? names_sjis[p.person][1] : names_utf8[p.person][1]);
	n += claim_records(g, &p, total, UKE_KIND_PHARMACY, out + n);
	memcpy(out + n, body, b);
	return n + b;
}

/* 31 day columns with count on each day of [first, last]. */
static size_t
stay_days(char *out, int first, int last, int count)
{
	size_t		n = 0;

	for (int d = 1; d <= 31; d++)
		n += (size_t) (d >= first && d <= last ? sprintf(out + n, ",%d", count) : sprintf(out + n, ","));
	return n;
}

/*
 * A DPC receipt (older DPC用 layout, 西暦 dates): an inpatient stay in
 * November 2023 paid by its diagnosis group (包括: HH and GT) with 入院料 and
 * 食事 billed per day (SI), and the coding data (CD): every act, drug and
 * material on its day.  Most stays end with a discharge in the month.
 */
static size_t
dpc_receipt(UkeGenerator *g, char *out)
{
	Patient		p = choose_patient(g);
	int			stay = below(g, STAYS);
	int			admitted = 1 + below(g, 20);
	int			discharged = below(g, 4) > 0 ? admitted + 2 + below(g, 8) : 0;
	int			last = discharged ? discharged : 30;
	int			days_in = last - admitted + 1;
	int			per_day = 2000 + 10 * below(g, 100);
	int			total = per_day * days_in;
	size_t		n = 0;
	char		body[UKE_GENERATOR_PIECE_MAX];
	size_t		b = 0;
	int			sequence = 0;

	choose_card(g, &p);
	b += (size_t) sprintf(body + b, "BU,%s,202311%02d,", stays[stay].dpc, admitted);
	b += (size_t) (discharged ? sprintf(body + b, "202311%02d,%d,\r\n", discharged, 1 + below(g, 4))
				   : sprintf(body + b, ",,\r\n"));
	/* the main disease in its three roles, and a comorbidity */
	b += (size_t) sprintf(body + b, "SB,%s,,,%s,01,,\r\nSB,%s,,,%s,11,,\r\nSB,%s,,,%s,21,,\r\n",
						  stays[stay].disease, stays[stay].icd10, stays[stay].disease, stays[stay].icd10,
						  stays[stay].disease, stays[stay].icd10);
	b += (size_t) sprintf(body + b, "SB,8833421,,,E119,41,,\r\n");
	b += (size_t) sprintf(body + b, "KK,,,%d,,0,%d,,,,,,,\r\n", 1 + below(g, 2), 40 + below(g, 50));
	b += (size_t) sprintf(body + b, "HH,202311,2,1,1,1,%d,%d,%d\r\n", per_day, days_in, total);
	b += (size_t) sprintf(body + b, "GT,202311,2,1,1,%d,%d,,%d,93,,\r\n", total, total, total);
	for (int f = 0; f < (int) (sizeof(daily_fees) / sizeof(daily_fees[0])); f++)
	{
		b += (size_t) sprintf(body + b, "SI,%s,1,%s,,%d,%d,,,,,,", daily_fees[f].identification, daily_fees[f].code,
							  daily_fees[f].points, days_in);
		b += stay_days(body + b, admitted, last, 1);
		b += (size_t) sprintf(body + b, "\r\n");
		total += daily_fees[f].points * days_in;
	}
	/* the coding data: a drug every day, tests and imaging on some */
	for (int day = admitted; day <= last; day++)
	{
		b += (size_t) sprintf(body + b, "CD,202311%02d,21,%d,1,620098801,3,,,1,\r\n", day, ++sequence);
		if (day == admitted || below(g, 3) == 0)
			b += (size_t) sprintf(body + b, "CD,202311%02d,60,%d,1,160008010,,,,1,\r\n", day, ++sequence);
		/* an act and the material it used: one 順序番号, two 行為明細番号 */
		if (day == admitted && ++sequence > 0)
			b += (size_t) sprintf(body + b, "CD,202311%02d,70,%d,1,170000410,,,,1,\r\n"
								  "CD,202311%02d,70,%d,2,710010927,1,,007,1,\r\n",
								  day, sequence, day, sequence);
		if (b > UKE_GENERATOR_PIECE_MAX - 1024)
			break;
	}

	g->written++;
	n += (size_t) sprintf(out + n, "RE,%d,%s,202311,%s,%d,", g->written, p.late_elderly ? "1311" : "1111",
						  g->sjis ? names_sjis[p.person][0] : names_utf8[p.person][0], 1 + p.person);
	n += birth_date(g, out + n);
	/* 入院年月日 is BU's; レセプト総括区分 0 (a DPC receipt) in column 18 */
	n += (size_t) sprintf(out + n, ",,,,,,,%05d,,,,,0,,,,,,,,,\r\n", g->written % 100000);
	n += claim_records(g, &p, total, UKE_KIND_DPC, out + n);
	memcpy(out + n, body, b);
	return n + b;
}

size_t
uke_generate_piece(UkeGenerator *g, char *out)
{
	if (g->stage == 0)
	{
		g->stage = 1;
		/* 薬局コード 13 4 7654327 and 医療機関コード 13 1 1234569: 検証番号 last */
		if (g->kind == UKE_KIND_PHARMACY)
			return (size_t) sprintf(out, "YK,1,13,4,7654327,%s,202311,00,03-0000-0001\r\n",
									g->sjis ? pharmacy_sjis : pharmacy_utf8);
		return (size_t) sprintf(out, "IR,1,13,1,1234569,,%s,202311,00,03-0000-0000\r\n",
								g->sjis ? clinic_sjis : clinic_utf8);
	}
	if (g->stage == 1 && g->written < g->receipts)
		return g->kind == UKE_KIND_PHARMACY ? pharmacy_receipt(g, out) :
			g->kind == UKE_KIND_DPC ? dpc_receipt(g, out) : medical_receipt(g, out);
	if (g->stage == 1)
	{
		g->stage = 2;
		return (size_t) sprintf(out, "GO,%ld,%ld,99\r\n\x1a", g->claims, g->points);
	}
	return 0;
}
