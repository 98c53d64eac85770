#include "law_code.h"

/*
 * 公費 法別番号 after the 記載要領 table (法別番号及び制度の略称表):
 * 10-30 感染症法 … 医療観察法, 38 肝炎, 51-54 特定疾患 … 難病, 62 特定B型肝炎,
 * 66 石綿, 79 障害児入所医療, 80-99 地方単独公費.  Insurance codes (01-07,
 * 31-34, 39, 63, 67, 72-75) and unassigned codes fall to the insurer side.
 */
LawScheme
law_code_scheme(int law_code)
{
	if ((law_code >= 10 && law_code <= 30) || law_code == 38 ||
		(law_code >= 51 && law_code <= 54) || law_code == 62 || law_code == 66 ||
		law_code >= 79)
		return LAW_PUBLIC_EXPENSE;
	return LAW_INSURANCE;
}
