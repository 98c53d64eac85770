/*
 * 支払基金 code masters (基本マスター): the CSV files that name every code a
 * receipt carries — 医薬品 (Y), 診療行為 (S), 傷病名 (B), 特定器材 (T),
 * コメント (C) and 修飾語 (Z) — in the layouts of the マスターファイル仕様説明書
 * (R4).
 * Every field is in double quotes; field 2 names the master.
 */
#ifndef HOKENID_CODE_MASTER_H
#define HOKENID_CODE_MASTER_H

#include <stddef.h>

#include "receipt_date.h"

#define CODE_MASTER_MAX_FIELDS 128

typedef struct CodeMasterField
{
	const char *value;
	size_t		length;
} CodeMasterField;

typedef struct CodeMasterRecord
{
	char		kind;			/* Y, S, B, T, C or Z */
	int			change;			/* 変更区分: 0 as before, 1 抹消, 2 復活, 3 新規, 5 変更, 9 廃止 */
	CodeMasterField code;
	CodeMasterField name;		/* 漢字名称 (診療行為: 省略漢字名称; 傷病名: 基本名称) */
	CodeMasterField kana;
	CodeMasterField unit;		/* 単位 (医薬品, 特定器材) or データ規格名 (診療行為); may be empty */
	CodeMasterField amount;		/* 新又は現金額 / 新又は現点数; empty for 傷病名 and コメント */
	int			has_valid_from;	/* 0: valid from the beginning (修飾語 of before 2003) */
	ReceiptDate valid_from;		/* 変更年月日 (修飾語 not yet changed: 収載年月日) */
	int			has_valid_until;
	ReceiptDate valid_until;	/* 廃止年月日; none for 99999999 */
} CodeMasterRecord;

/*
 * Splits a CSV line (quoted fields, "" for a quote inside one) into at most
 * CODE_MASTER_MAX_FIELDS fields, unquoting them in place.  Returns the
 * number of fields, or -1 for a quote left open.
 */
extern int	code_master_split(char *line, size_t length, CodeMasterField *fields);

/*
 * Reads a record from its fields.  Returns NULL, or what is wrong (an
 * unknown master, too few fields, a code or date that is not one) and the
 * 1-based field it is in.
 */
extern const char *code_master_read(const CodeMasterField *fields, int count, CodeMasterRecord *record,
									int *bad_field);

#endif
