#include "uke_layout.h"

#include <stddef.h>

/*
 * 医科 from the R4 specification; 歯科 SS/TO/HO/IR/RE as in ORCA's dental
 * output (the corpus), whose TO keeps 点数 and 回数 just before the days;
 * 調剤 CZ: code = 調剤料コード, quantity = 調剤数量, points = 調剤料点数.
 * Records without items only need their field count.
 */
static const UkeLayout layouts[] = {
	/* type  kind               fields  id code qty pts times day  text max */
	{"IR", UKE_KIND_MEDICAL, 10, -1, -1, -1, -1, -1, -1, 6, 40},
	{"IR", UKE_KIND_DENTAL, 9, -1, -1, -1, -1, -1, -1, -1, 0},
	{"UK", UKE_KIND_UNKNOWN, 10, -1, -1, -1, -1, -1, -1, 6, 40},
	{"RE", UKE_KIND_MEDICAL, 38, -1, -1, -1, -1, -1, -1, 4, 40},
	{"RE", UKE_KIND_DENTAL, 0, -1, -1, -1, -1, -1, -1, 4, 40},
	{"HO", UKE_KIND_MEDICAL, 15, -1, -1, -1, -1, -1, -1, -1, 0},
	{"HO", UKE_KIND_DENTAL, 0, -1, -1, -1, -1, -1, -1, -1, 0},
	{"KO", UKE_KIND_MEDICAL, 12, -1, -1, -1, -1, -1, -1, -1, 0},
	{"KO", UKE_KIND_DENTAL, 0, -1, -1, -1, -1, -1, -1, -1, 0},
	{"SN", UKE_KIND_UNKNOWN, 9, -1, -1, -1, -1, -1, -1, -1, 0},
	{"JD", UKE_KIND_UNKNOWN, 33, -1, -1, -1, -1, -1, -1, -1, 0},
	{"MF", UKE_KIND_UNKNOWN, 33, -1, -1, -1, -1, -1, -1, -1, 0},
	{"GR", UKE_KIND_UNKNOWN, 3, -1, -1, -1, -1, -1, -1, -1, 0},
	{"SY", UKE_KIND_UNKNOWN, 8, -1, 1, -1, -1, -1, -1, 5, 40},
	{"HS", UKE_KIND_DENTAL, 0, -1, 4, -1, -1, -1, -1, -1, 0},
	{"SI", UKE_KIND_UNKNOWN, 44, 1, 3, 4, 5, 6, 13, -1, 0},
	{"IY", UKE_KIND_MEDICAL, 44, 1, 3, 4, 5, 6, 13, -1, 0},
	{"IY", UKE_KIND_DENTAL, 44, 1, 3, 4, 5, 6, 13, -1, 0},
	{"TO", UKE_KIND_MEDICAL, 48, 1, 3, 4, 5, 6, 17, 10, 300},
	{"TO", UKE_KIND_DENTAL, 45, 1, 3, 4, 12, 13, 14, -1, 0},
	{"SS", UKE_KIND_DENTAL, 109, 1, 3, 4, 76, 77, 78, -1, 0},
	{"CO", UKE_KIND_UNKNOWN, 5, -1, -1, -1, -1, -1, -1, 4, 76},
	{"SJ", UKE_KIND_UNKNOWN, 3, -1, -1, -1, -1, -1, -1, 2, 2400},
	{"TI", UKE_KIND_UNKNOWN, 10, -1, 1, -1, -1, -1, -1, 7, 40},
	{"TR", UKE_KIND_UNKNOWN, 18, -1, -1, -1, -1, -1, -1, -1, 0},
	{"TS", UKE_KIND_UNKNOWN, 5, -1, -1, -1, -1, -1, -1, -1, 0},
	{"GO", UKE_KIND_UNKNOWN, 4, -1, -1, -1, -1, -1, -1, -1, 0},
	/*
	 * 調剤 (RECEIPTY): positions as the older 記録条件仕様 (調剤用) gives them and
	 * three public readers agree on (DOMAIN.md 3.7); counts are not checked, as
	 * the record lengths grew with later revisions (CZ: 54, then 71 columns).
	 */
	{"YK", UKE_KIND_PHARMACY, 0, -1, -1, -1, -1, -1, -1, -1, 0},
	{"RE", UKE_KIND_PHARMACY, 0, -1, -1, -1, -1, -1, -1, -1, 0},
	{"HO", UKE_KIND_PHARMACY, 0, -1, -1, -1, -1, -1, -1, -1, 0},
	{"KO", UKE_KIND_PHARMACY, 0, -1, -1, -1, -1, -1, -1, -1, 0},
	{"SH", UKE_KIND_PHARMACY, 0, -1, -1, -1, -1, -1, -1, -1, 0},
	{"CZ", UKE_KIND_PHARMACY, 0, -1, 9, 5, 10, -1, -1, -1, 0},
	{"IY", UKE_KIND_PHARMACY, 0, -1, 2, 3, -1, -1, -1, -1, 0},
	{"TO", UKE_KIND_PHARMACY, 0, -1, 2, 3, -1, -1, -1, -1, 0},
	{"TK", UKE_KIND_PHARMACY, 0, -1, -1, -1, -1, -1, -1, -1, 0},
	{"KI", UKE_KIND_PHARMACY, 0, -1, -1, -1, -1, -1, -1, -1, 0},
	{"ST", UKE_KIND_PHARMACY, 0, -1, -1, -1, -1, -1, -1, -1, 0},
	/*
	 * DPC (RECEIPTD): positions as the older 記録条件仕様 (DPC用) gives them and
	 * the 支払基金's DPC sample file bears out (DOMAIN.md 3.6); no current
	 * version was available, so counts are not checked.  RE, HO and KO keep
	 * the 医科 positions the minimum data set reads (DPC RE adds レセプト総括区分
	 * in 18; HO and KO end with 標準負担額); SI/IY/TO/SY/CO are the 医科 ones.
	 * CD: 実施年月日 1, 診療識別 2, 順序番号 3, code 5, 使用量 6, 回数 9.
	 */
	{"RE", UKE_KIND_DPC, 0, -1, -1, -1, -1, -1, -1, 4, 40},
	{"HO", UKE_KIND_DPC, 0, -1, -1, -1, -1, -1, -1, -1, 0},
	{"KO", UKE_KIND_DPC, 0, -1, -1, -1, -1, -1, -1, -1, 0},
	{"BU", UKE_KIND_DPC, 0, -1, 1, -1, -1, -1, -1, -1, 0},
	{"SB", UKE_KIND_DPC, 0, -1, 1, -1, -1, -1, -1, 3, 40},
	{"CD", UKE_KIND_DPC, 0, 2, 5, 6, -1, 9, -1, -1, 0},
	{"KK", UKE_KIND_DPC, 0, -1, -1, -1, -1, -1, -1, -1, 0},
	{"SK", UKE_KIND_DPC, 0, -1, -1, -1, -1, -1, -1, -1, 0},
	{"GA", UKE_KIND_DPC, 0, -1, -1, -1, -1, -1, -1, -1, 0},
	{"HH", UKE_KIND_DPC, 0, -1, -1, -1, -1, -1, -1, -1, 0},
	{"GT", UKE_KIND_DPC, 0, -1, -1, -1, -1, -1, -1, -1, 0},
};

static const UkeLayout *
find_layout(const char *type, UkeKind kind)
{
	const UkeLayout *any = NULL;

	for (size_t i = 0; i < sizeof(layouts) / sizeof(layouts[0]); i++)
	{
		if (layouts[i].type[0] != type[0] || layouts[i].type[1] != type[1])
			continue;
		if (layouts[i].kind == kind)
			return &layouts[i];
		/* a kind-specific layout also stands in when the kind is not known yet */
		if (any == NULL && (layouts[i].kind == UKE_KIND_UNKNOWN || kind == UKE_KIND_UNKNOWN ||
							(layouts[i].kind == UKE_KIND_MEDICAL && kind != UKE_KIND_PHARMACY)))
			any = &layouts[i];
	}
	return any;
}

#define KINDS (UKE_KIND_DPC + 1)

/*
 * Every record asks for its layout: the answers for types of two capital
 * letters are worked out once, on the first call, into a table.
 */
const UkeLayout *
uke_layout(const char *type, UkeKind kind)
{
	static const UkeLayout *known[KINDS][26][26];
	static int	filled = 0;
	unsigned	first = (unsigned char) type[0] - 'A';
	unsigned	second;

	if (first >= 26 || (second = (unsigned char) type[1] - 'A') >= 26 || (unsigned) kind >= KINDS)
		return find_layout(type, kind);
	if (!filled)
	{
		char		name[3] = "";

		for (unsigned k = 0; k < KINDS; k++)
			for (unsigned a = 0; a < 26; a++)
				for (unsigned b = 0; b < 26; b++)
				{
					name[0] = (char) ('A' + a);
					name[1] = (char) ('A' + b);
					known[k][a][b] = find_layout(name, (UkeKind) k);
				}
		filled = 1;
	}
	return known[kind][first][second];
}
