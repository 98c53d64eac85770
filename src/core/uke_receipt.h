/*
 * Reading a receipt file record by record: which receipt a record belongs
 * to, the receipt's context (facility, patient basics, insured number with
 * the 枝番 from SN, 公費), the 診療識別 group an item belongs to (an omitted
 * 診療識別 continues the group) and its billing unit (点数・回数算定単位: the
 * 点数 stands on the unit's last record), and the minimum-data-set items a
 * record yields (保健医療記録共有サービスの最小データセット), one per day of care.
 * In 調剤 files a prescription (SH) lists its dispensings (CZ: 調剤月日,
 * 調剤数量, the prescribing doctor's number) and then its drugs (IY), so a
 * drug yields one item per dispensing.  In DPC files the coding data (CD)
 * lists every act, drug and material of a DPC receipt with its day, so
 * those come from CD; of its SI/IY/TO only 入院料 and 食事 (診療識別 90, 92,
 * 97), which CD never holds; BU gives the admission and the discharge, SB
 * the diagnoses with ICD-10 and their role.  Lines are given decoded to
 * UTF-8.
 */
#ifndef HOKENID_UKE_RECEIPT_H
#define HOKENID_UKE_RECEIPT_H

#include <stddef.h>

#include "receipt_date.h"
#include "uke_file.h"
#include "uke_layout.h"

typedef enum MdsCategory
{
	MDS_DIAGNOSIS,
	MDS_CONSULTATION,
	MDS_MANAGEMENT_FEE,
	MDS_HOME_CARE,
	MDS_PRESCRIPTION,
	MDS_PRESCRIPTION_FEE,
	MDS_INJECTION,
	MDS_INJECTION_FEE,
	MDS_DRUG,
	MDS_PROCEDURE,
	MDS_SURGERY,
	MDS_ANESTHESIA,
	MDS_TEST,
	MDS_IMAGING,
	MDS_INPATIENT_FEE,
	MDS_MEAL,
	MDS_MATERIAL,
	MDS_ADMISSION,
	MDS_DISCHARGE,				/* DPC: 今回退院年月日 */
	MDS_TRANSPLANT,
	MDS_DISPENSING,				/* 調剤: a drug dispensed (IY) */
	MDS_DISPENSING_FEE,			/* 調剤: the 調剤料 of a dispensing (CZ) */
	MDS_OTHER,
} MdsCategory;

extern const char *mds_category_name(MdsCategory category);

/* A short text copied out of a record (the line buffer does not live on). */
typedef struct UkeText
{
	char		value[88];
	size_t		length;
} UkeText;

#define UKE_DOCTORS 20			/* 保険医氏名 columns of a 調剤 RE */
#define UKE_MAX_DISPENSINGS 31	/* CZ of one SH kept; one a day at most */

typedef struct UkeReceipt
{
	int			receipt_no;		/* RE レセプト番号, else the sequence */
	int			sequence;		/* 1, 2, … in file order */
	ReceiptDate month;			/* 診療年月 */
	int			has_month;
	int			sex;			/* 0 unknown */
	ReceiptDate birth;
	int			has_birth;
	ReceiptDate first_visit;	/* 歯科 RE 診療開始日 */
	int			has_first_visit;
	ReceiptDate admission;		/* 医科 RE 入院年月日 */
	int			admission_pending;	/* yielded with the receipt's first item */
	UkeText		insurer;		/* HO */
	UkeText		symbol;
	UkeText		number;
	UkeText		branch;			/* SN of 負担者種別 1 */
	int			has_insurance;
	UkeText		kohi;			/* first KO */
	UkeText		recipient;
	long		insurance_points;	/* HO 合計点数 */
	long		first_kohi_points;
	int			insurance_records;	/* HO count */
	int			kohi_records;	/* KO count */
	/* 調剤: the prescribing facility (RE 9-11) and its doctors (保険医氏名) */
	UkeText		prescriber_prefecture;
	UkeText		prescriber_score_table;
	UkeText		prescriber_facility;
	UkeText		doctors[UKE_DOCTORS];	/* CZ 医師番号 n names doctors[n - 1] */
	/* DPC: its acts come from CD (レセプト総括区分 0 DPC, 2 総括対象DPC) */
	int			coded;
} UkeReceipt;

/* 調剤: one dispensing (CZ) of the current prescription. */
typedef struct UkeDispensing
{
	ReceiptDate dispensed;		/* 調剤月日 */
	int			has_dispensed;
	ReceiptDate prescribed;		/* 処方月日 */
	int			has_prescribed;
	int			doctor;			/* 医師番号; 0 unknown */
	long		quantity;		/* 調剤数量 (days, or times for 屯服) */
} UkeDispensing;

typedef struct UkeReader
{
	UkeKind		kind;
	UkeText		prefecture;		/* IR / UK */
	UkeText		score_table;
	UkeText		facility;
	ReceiptDate claim_month;
	int			has_claim_month;
	int			receipts;
	UkeReceipt	receipt;		/* the current one, when receipts > 0 */
	int			in_receipt;
	char		identification[3];	/* current 診療識別 group */
	int			unit;			/* billing unit within the receipt, from 1 */
	int			unit_open;
	UkeDispensing dispensings[UKE_MAX_DISPENSINGS];	/* of the current SH */
	int			dispensing_count;
	char		coded_identification[3];	/* DPC: 診療識別 and 順序番号 of the last CD */
	long		coded_sequence;
} UkeReader;

typedef struct MdsItem
{
	MdsCategory category;
	const char *code;
	size_t		code_length;
	const char *name;			/* 傷病名称 of an uncoded diagnosis, DPC 死因; NULL otherwise */
	size_t		name_length;
	const char *modifiers;		/* 修飾語コード of a diagnosis (4 digits each); NULL otherwise */
	size_t		modifiers_length;
	const char *icd10;			/* DPC diagnosis: ICD10コード; NULL otherwise */
	size_t		icd10_length;
	const char *role;			/* DPC diagnosis: 傷病名区分 (01 医療資源を最も投入, 11 主傷病, …) */
	size_t		role_length;
	ReceiptDate date;
	int			has_date;
	const char *quantity;
	size_t		quantity_length;
	int			times;			/* on this day; 回数 when no day is given; 調剤: 調剤数量 */
	long		points;			/* per time, on the unit's last record */
	int			has_points;
	int			unit;
	ReceiptDate prescribed;		/* 調剤: 処方月日 */
	int			has_prescribed;
	int			doctor;			/* 調剤: 医師番号 (see UkeReceipt.doctors); 0 none */
} MdsItem;

#define MDS_MAX_ITEMS_PER_RECORD 33	/* 31 days or dispensings, or one item, and an admission */

extern void uke_reader_start(UkeReader *reader);

/*
 * A 医科 file whose records show it is DPC becomes one: a DPC-only record
 * (BU, SB, CD, …) or an RE with a レセプト総括区分 (0-3 in column 18, where a
 * 医科 RE has the long 検索番号 or nothing).  uke_read_record does this
 * itself; a caller that needs the kind before reading the record calls it.
 */
extern void uke_reader_note_kind(UkeReader *reader, const UkeFields *fields);

/*
 * Takes one record; returns how many items it yields into items (0 for
 * records that carry none).  Records before the first RE belong to no
 * receipt (reader->in_receipt is 0).
 */
extern int	uke_read_record(UkeReader *reader, const UkeFields *fields, MdsItem *items);

/*
 * A 調剤 CZ day (処方月日, 調剤月日) of receipt r: MMDD or DD in its 調剤年月
 * (an MMDD past that month is of the year before), or a whole date.
 * Returns 0 when it is no day.
 */
extern int	uke_pharmacy_day(const UkeReceipt *r, const char *value, size_t length, ReceiptDate *date);

/* Copies a field into a UkeText, cut at its capacity. */
extern void uke_text_set(UkeText *text, const char *value, size_t length);

#endif
