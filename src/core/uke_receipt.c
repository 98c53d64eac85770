#include "uke_receipt.h"

#include <string.h>

static const char *const category_names[] = {
	[MDS_DIAGNOSIS] = "diagnosis",
	[MDS_CONSULTATION] = "consultation",
	[MDS_MANAGEMENT_FEE] = "management_fee",
	[MDS_HOME_CARE] = "home_care",
	[MDS_PRESCRIPTION] = "prescription",
	[MDS_PRESCRIPTION_FEE] = "prescription_fee",
	[MDS_INJECTION] = "injection",
	[MDS_INJECTION_FEE] = "injection_fee",
	[MDS_DRUG] = "drug",
	[MDS_PROCEDURE] = "procedure",
	[MDS_SURGERY] = "surgery",
	[MDS_ANESTHESIA] = "anesthesia",
	[MDS_TEST] = "test",
	[MDS_IMAGING] = "imaging",
	[MDS_INPATIENT_FEE] = "inpatient_fee",
	[MDS_MEAL] = "meal",
	[MDS_MATERIAL] = "material",
	[MDS_ADMISSION] = "admission",
	[MDS_DISCHARGE] = "discharge",
	[MDS_TRANSPLANT] = "transplant",
	[MDS_DISPENSING] = "dispensing",
	[MDS_DISPENSING_FEE] = "dispensing_fee",
	[MDS_OTHER] = "other",
};

const char *
mds_category_name(MdsCategory category)
{
	return category_names[category];
}

void
uke_text_set(UkeText *text, const char *value, size_t length)
{
	if (length > sizeof(text->value) - 1)
		length = sizeof(text->value) - 1;
	memcpy(text->value, value, length);
	text->value[length] = '\0';
	text->length = length;
}

static void
set_field(UkeText *text, const UkeFields *fields, int i)
{
	uke_text_set(text, UKE_FIELD(fields, i), UKE_FIELD_LENGTH(fields, i));
}

static int
is_type(const UkeFields *fields, const char *type)
{
	return UKE_FIELD_LENGTH(fields, 0) == 2 && memcmp(UKE_FIELD(fields, 0), type, 2) == 0;
}

/* A year and month (診療年月, 請求年月). */
static int
month_field(const UkeFields *fields, int i, ReceiptDate *date)
{
	return receipt_date_parse(UKE_FIELD(fields, i), UKE_FIELD_LENGTH(fields, i), date) && date->day == 0;
}

/* A whole date (生年月日, 入院年月日, 診療開始日). */
static int
date_field(const UkeFields *fields, int i, ReceiptDate *date)
{
	return receipt_date_parse(UKE_FIELD(fields, i), UKE_FIELD_LENGTH(fields, i), date) && date->day != 0;
}

void
uke_reader_start(UkeReader *reader)
{
	memset(reader, 0, sizeof(*reader));
}

/* DPC RE: レセプト総括区分 (0 DPC, 1 総括, 2 総括対象DPC, 3 総括対象医科入院) */
#define DPC_SUMMARY 18

void
uke_reader_note_kind(UkeReader *reader, const UkeFields *fields)
{
	long		summary;

	if (reader->kind != UKE_KIND_MEDICAL || UKE_FIELD_LENGTH(fields, 0) != 2)
		return;
	/* a record type only DPC files have */
	if (uke_layout(UKE_FIELD(fields, 0), UKE_KIND_MEDICAL) == NULL &&
		uke_layout(UKE_FIELD(fields, 0), UKE_KIND_DPC) != NULL)
		reader->kind = UKE_KIND_DPC;
	else if (is_type(fields, "RE") && UKE_FIELD_LENGTH(fields, DPC_SUMMARY) == 1 &&
			 (summary = uke_number(UKE_FIELD(fields, DPC_SUMMARY), 1)) >= 0 && summary <= 3)
		reader->kind = UKE_KIND_DPC;
}

/*
 * 別表20 診療識別 → category.  IY within 投薬 (21-28) is a prescribed drug and
 * within 注射 (31-33) an injected one; SI there is the fee for prescribing or
 * injecting.
 */
static MdsCategory
item_category(const char *identification, int is_drug, int is_material)
{
	int			code = (identification[0] - '0') * 10 + (identification[1] - '0');

	if (is_material)
		return MDS_MATERIAL;
	if (code >= 21 && code <= 28)
		return is_drug ? MDS_PRESCRIPTION : MDS_PRESCRIPTION_FEE;
	if (code >= 31 && code <= 33)
		return is_drug ? MDS_INJECTION : MDS_INJECTION_FEE;
	if (is_drug)
		return MDS_DRUG;
	switch (code)
	{
		case 11:
		case 12:
			return MDS_CONSULTATION;
		case 13:
			return MDS_MANAGEMENT_FEE;
		case 14:
			return MDS_HOME_CARE;
		case 40:
			return MDS_PROCEDURE;
		case 50:
			return MDS_SURGERY;
		case 54:
			return MDS_ANESTHESIA;
		case 60:
			return MDS_TEST;
		case 70:
			return MDS_IMAGING;
		case 90:
		case 92:
			return MDS_INPATIENT_FEE;
		case 97:
			return MDS_MEAL;
		default:
			return MDS_OTHER;
	}
}

/* 調剤 RE: 保険医氏名 fill columns 14 to 33, doctor 1 first. */
#define PHARMACY_FIRST_DOCTOR 14
/* 調剤 CZ: 医師番号, 処方月日, 調剤月日 */
#define DISPENSING_DOCTOR 1
#define DISPENSING_PRESCRIBED 2
#define DISPENSING_DISPENSED 3

static void
start_receipt(UkeReader *reader, const UkeFields *fields)
{
	UkeReceipt *r = &reader->receipt;
	long		number = uke_number(UKE_FIELD(fields, 1), UKE_FIELD_LENGTH(fields, 1));

	memset(r, 0, sizeof(*r));
	reader->receipts++;
	reader->in_receipt = 1;
	r->sequence = reader->receipts;
	r->receipt_no = number > 0 && number < 1000000000 ? (int) number : r->sequence;
	r->has_month = month_field(fields, 3, &r->month);
	r->sex = (int) uke_number(UKE_FIELD(fields, 5), UKE_FIELD_LENGTH(fields, 5));
	r->has_birth = date_field(fields, 6, &r->birth);
	if (reader->kind == UKE_KIND_DENTAL)
		r->has_first_visit = date_field(fields, 9, &r->first_visit);
	else if (reader->kind == UKE_KIND_PHARMACY)
	{
		set_field(&r->prescriber_prefecture, fields, 9);
		set_field(&r->prescriber_score_table, fields, 10);
		set_field(&r->prescriber_facility, fields, 11);
		for (int i = 0; i < UKE_DOCTORS; i++)
			set_field(&r->doctors[i], fields, PHARMACY_FIRST_DOCTOR + i);
	}
	else
	{
		/* DPC REs leave 入院年月日 empty (BU has it) but for 総括対象医科入院 */
		r->admission_pending = date_field(fields, 8, &r->admission);
		if (reader->kind == UKE_KIND_DPC)
		{
			long		summary = uke_number(UKE_FIELD(fields, DPC_SUMMARY), UKE_FIELD_LENGTH(fields, DPC_SUMMARY));

			r->coded = summary == 0 || summary == 2;
		}
	}
	reader->identification[0] = '\0';
	reader->coded_identification[0] = '\0';
	reader->coded_sequence = -1;
	reader->unit = 0;
	reader->unit_open = 0;
	reader->dispensing_count = 0;
}

static int
facility_record(UkeReader *reader, const UkeFields *fields)
{
	long		table = uke_number(UKE_FIELD(fields, 3), UKE_FIELD_LENGTH(fields, 3));

	set_field(&reader->prefecture, fields, 2);
	set_field(&reader->score_table, fields, 3);
	set_field(&reader->facility, fields, 4);
	if (is_type(fields, "YK"))
		reader->kind = UKE_KIND_PHARMACY;
	else if (is_type(fields, "UK") || table == 3)
		reader->kind = UKE_KIND_DENTAL;
	else if (reader->kind == UKE_KIND_UNKNOWN)
		reader->kind = UKE_KIND_MEDICAL;
	/* 請求年月: IR 7 in 医科, IR 6 in 歯科, UK 7, YK 6 */
	reader->has_claim_month = month_field(fields,
										 is_type(fields, "YK") ||
										 (is_type(fields, "IR") && reader->kind == UKE_KIND_DENTAL) ? 6 : 7,
										 &reader->claim_month);
	return 0;
}

/* The items of an SI/IY/TO/SS record: one per day of care. */
static int
act_items(UkeReader *reader, const UkeFields *fields, const UkeLayout *layout, MdsItem *items)
{
	MdsItem		item;
	int			count = 0;
	int			days;
	long		times;
	long		points;

	if (UKE_FIELD_LENGTH(fields, layout->identification) == 2)
	{
		memcpy(reader->identification, UKE_FIELD(fields, layout->identification), 2);
		reader->identification[2] = '\0';
	}
	if (!reader->unit_open)
	{
		reader->unit++;
		reader->unit_open = 1;
	}
	memset(&item, 0, sizeof(item));
	item.category = reader->identification[0] ?
		item_category(reader->identification, is_type(fields, "IY"), is_type(fields, "TO")) : MDS_OTHER;
	item.code = UKE_FIELD(fields, layout->code);
	item.code_length = UKE_FIELD_LENGTH(fields, layout->code);
	item.quantity = UKE_FIELD(fields, layout->quantity);
	item.quantity_length = UKE_FIELD_LENGTH(fields, layout->quantity);
	item.unit = reader->unit;
	points = uke_number(UKE_FIELD(fields, layout->points), UKE_FIELD_LENGTH(fields, layout->points));
	if (UKE_FIELD_LENGTH(fields, layout->points) > 0 && points >= 0)
	{
		item.points = points;
		item.has_points = 1;
		reader->unit_open = 0;	/* 点数 closes the billing unit */
	}
	/* the day columns the record has; most are empty */
	days = reader->receipt.has_month ? (fields->count < UKE_MAX_FIELDS ? fields->count : UKE_MAX_FIELDS) - layout->first_day : 0;
	for (int day = 1; day <= 31 && day <= days; day++)
	{
		int			column = layout->first_day + day - 1;
		size_t		length = UKE_FIELD_LENGTH(fields, column);
		long		on_day;
		ReceiptDate date = reader->receipt.month;

		if (length == 0)
			continue;
		on_day = uke_number(UKE_FIELD(fields, column), length);
		date.day = day;
		/* a day the month does not have is not a date */
		if (on_day <= 0 || !receipt_date_exists(date.year, date.month, day))
			continue;
		items[count] = item;
		items[count].date = date;
		items[count].has_date = 1;
		items[count].times = (int) on_day;
		count++;
	}
	if (count == 0)
	{
		times = uke_number(UKE_FIELD(fields, layout->times), UKE_FIELD_LENGTH(fields, layout->times));
		items[0] = item;
		items[0].times = times > 0 ? (int) times : 1;
		count = 1;
	}
	return count;
}

/*
 * A 調剤 day: 月日 (MMDD) or 日 (DD) within the 調剤年月, or a whole date.
 * A prescription may be older than the month it is dispensed in: an MMDD
 * later than the 調剤年月 is of the year before (December for January).
 */
int
uke_pharmacy_day(const UkeReceipt *r, const char *value, size_t length, ReceiptDate *date)
{
	long		number = uke_number(value, length);

	if (length != 2 && length != 4)
		return receipt_date_parse(value, length, date) && date->day != 0;
	if (!r->has_month || number <= 0)
		return 0;
	*date = r->month;
	date->day = (int) (number % 100);
	if (length == 4)
	{
		date->month = (int) (number / 100);
		if (date->month > r->month.month)
			date->year--;
	}
	return receipt_date_exists(date->year, date->month, date->day);
}

static int
pharmacy_day(const UkeReceipt *r, const UkeFields *fields, int i, ReceiptDate *date)
{
	return uke_pharmacy_day(r, UKE_FIELD(fields, i), UKE_FIELD_LENGTH(fields, i), date);
}

/* CZ: a dispensing of the current prescription, and its 調剤料. */
static int
dispensing_record(UkeReader *reader, const UkeFields *fields, MdsItem *items)
{
	const UkeLayout *layout = uke_layout("CZ", UKE_KIND_PHARMACY);
	UkeDispensing d;
	long		doctor = uke_number(UKE_FIELD(fields, DISPENSING_DOCTOR), UKE_FIELD_LENGTH(fields, DISPENSING_DOCTOR));
	long		points = uke_number(UKE_FIELD(fields, layout->points), UKE_FIELD_LENGTH(fields, layout->points));
	MdsItem    *item = &items[0];

	memset(&d, 0, sizeof(d));
	d.has_dispensed = pharmacy_day(&reader->receipt, fields, DISPENSING_DISPENSED, &d.dispensed);
	d.has_prescribed = pharmacy_day(&reader->receipt, fields, DISPENSING_PRESCRIBED, &d.prescribed);
	d.doctor = doctor >= 1 && doctor <= UKE_DOCTORS ? (int) doctor : 0;
	d.quantity = uke_number(UKE_FIELD(fields, layout->quantity), UKE_FIELD_LENGTH(fields, layout->quantity));
	if (reader->dispensing_count < UKE_MAX_DISPENSINGS)
		reader->dispensings[reader->dispensing_count++] = d;
	memset(item, 0, sizeof(*item));
	item->category = MDS_DISPENSING_FEE;
	item->code = UKE_FIELD(fields, layout->code);
	item->code_length = UKE_FIELD_LENGTH(fields, layout->code);
	item->quantity = UKE_FIELD(fields, layout->quantity);
	item->quantity_length = UKE_FIELD_LENGTH(fields, layout->quantity);
	item->date = d.dispensed;
	item->has_date = d.has_dispensed;
	item->prescribed = d.prescribed;
	item->has_prescribed = d.has_prescribed;
	item->doctor = d.doctor;
	item->times = 1;
	item->unit = reader->unit;
	if (UKE_FIELD_LENGTH(fields, layout->points) > 0 && points >= 0)
	{
		item->points = points;
		item->has_points = 1;
	}
	return 1;
}

/*
 * IY/TO of a prescription: the drug or material of each of its
 * dispensings, with that dispensing's day, 調剤数量 and doctor.  One that
 * comes before any CZ keeps no day.
 */
static int
dispensed_items(UkeReader *reader, const UkeFields *fields, MdsItem *items)
{
	const UkeLayout *layout = uke_layout(UKE_FIELD(fields, 0), UKE_KIND_PHARMACY);
	MdsItem		item;
	int			count = reader->dispensing_count > 0 ? reader->dispensing_count : 1;

	memset(&item, 0, sizeof(item));
	item.category = is_type(fields, "TO") ? MDS_MATERIAL : MDS_DISPENSING;
	item.code = UKE_FIELD(fields, layout->code);
	item.code_length = UKE_FIELD_LENGTH(fields, layout->code);
	item.quantity = UKE_FIELD(fields, layout->quantity);
	item.quantity_length = UKE_FIELD_LENGTH(fields, layout->quantity);
	item.unit = reader->unit;
	item.times = 1;
	for (int i = 0; i < count; i++)
	{
		items[i] = item;
		if (reader->dispensing_count == 0)
			continue;
		items[i].date = reader->dispensings[i].dispensed;
		items[i].has_date = reader->dispensings[i].has_dispensed;
		items[i].prescribed = reader->dispensings[i].prescribed;
		items[i].has_prescribed = reader->dispensings[i].has_prescribed;
		items[i].doctor = reader->dispensings[i].doctor;
		items[i].times = reader->dispensings[i].quantity > 0 ? (int) reader->dispensings[i].quantity : 1;
	}
	return count;
}

/* 調剤 records: SH opens a prescription, CZ dispenses it, IY/TO fill it. */
static int
pharmacy_items(UkeReader *reader, const UkeFields *fields, MdsItem *items)
{
	if (is_type(fields, "SH"))
	{
		reader->dispensing_count = 0;
		reader->unit++;			/* each prescription is a billing unit */
		return 0;
	}
	if (is_type(fields, "CZ"))
		return dispensing_record(reader, fields, items);
	if (is_type(fields, "IY") || is_type(fields, "TO"))
		return dispensed_items(reader, fields, items);
	return 0;
}

/* An optional text field: left NULL when empty. */
static void
set_optional(const UkeFields *fields, int i, const char **value, size_t *length)
{
	if (UKE_FIELD_LENGTH(fields, i) > 0)
	{
		*value = UKE_FIELD(fields, i);
		*length = UKE_FIELD_LENGTH(fields, i);
	}
}

/* BU: 診断群分類番号 1, 今回入院年月日 2, 今回退院年月日 3, DPC転帰区分 4, 死因 5 */
static int
stay_items(const UkeFields *fields, MdsItem *items)
{
	int			count = 0;

	memset(&items[0], 0, 2 * sizeof(items[0]));
	if (date_field(fields, 2, &items[0].date))
	{
		items[0].category = MDS_ADMISSION;
		items[0].has_date = 1;
		items[0].code = UKE_FIELD(fields, 1);	/* the stay's DPC code */
		items[0].code_length = UKE_FIELD_LENGTH(fields, 1);
		items[0].times = 1;
		count++;
	}
	if (date_field(fields, 3, &items[count].date))
	{
		items[count].category = MDS_DISCHARGE;
		items[count].has_date = 1;
		items[count].code = UKE_FIELD(fields, 4);	/* how the stay ended */
		items[count].code_length = UKE_FIELD_LENGTH(fields, 4);
		set_optional(fields, 5, &items[count].name, &items[count].name_length);
		items[count].times = 1;
		count++;
	}
	return count;
}

/* SB: 傷病名コード 1, 修飾語コード 2, 傷病名称 3, ICD10 4, 傷病名区分 5 */
static int
dpc_diagnosis(const UkeFields *fields, MdsItem *item)
{
	memset(item, 0, sizeof(*item));
	item->category = MDS_DIAGNOSIS;
	item->code = UKE_FIELD(fields, 1);
	item->code_length = UKE_FIELD_LENGTH(fields, 1);
	set_optional(fields, 2, &item->modifiers, &item->modifiers_length);
	set_optional(fields, 3, &item->name, &item->name_length);
	set_optional(fields, 4, &item->icd10, &item->icd10_length);
	set_optional(fields, 5, &item->role, &item->role_length);
	item->times = 1;
	return 1;
}

/*
 * CD: one act, drug or material on its day.  Its 診療識別 and 順序番号 make
 * the act (行為明細番号 numbers its lines), the billing unit of its items.
 */
static int
coded_item(UkeReader *reader, const UkeFields *fields, MdsItem *item)
{
	const UkeLayout *layout = uke_layout("CD", UKE_KIND_DPC);
	char		identification[3] = "";
	const char *code = UKE_FIELD(fields, layout->code);
	size_t		code_length = UKE_FIELD_LENGTH(fields, layout->code);
	long		sequence = uke_number(UKE_FIELD(fields, 3), UKE_FIELD_LENGTH(fields, 3));
	long		times = uke_number(UKE_FIELD(fields, layout->times), UKE_FIELD_LENGTH(fields, layout->times));

	if (UKE_FIELD_LENGTH(fields, layout->identification) == 2)
		memcpy(identification, UKE_FIELD(fields, layout->identification), 2);
	if (sequence != reader->coded_sequence || strcmp(identification, reader->coded_identification) != 0)
	{
		reader->unit++;
		reader->coded_sequence = sequence;
		memcpy(reader->coded_identification, identification, sizeof(identification));
	}
	memset(item, 0, sizeof(*item));
	/* 医薬品 codes start with 6, 特定器材 with 7 */
	item->category = identification[0] ?
		item_category(identification, code_length > 0 && code[0] == '6', code_length > 0 && code[0] == '7') : MDS_OTHER;
	item->code = code;
	item->code_length = code_length;
	item->has_date = date_field(fields, 1, &item->date);
	/* 使用量 of a drug or material, else the 数量データ of an act */
	item->quantity = UKE_FIELD(fields, layout->quantity);
	item->quantity_length = UKE_FIELD_LENGTH(fields, layout->quantity);
	if (item->quantity_length == 0)
	{
		item->quantity = UKE_FIELD(fields, 7);
		item->quantity_length = UKE_FIELD_LENGTH(fields, 7);
	}
	item->times = times > 0 ? (int) times : 1;
	item->unit = reader->unit;
	return 1;
}

/*
 * Whether an SI/IY/TO of a DPC receipt is left to its CD: all but 入院料
 * and 食事, which the coding data never holds.  The record's 診療識別 (or
 * the group it continues) is followed either way.
 */
static int
left_to_coding_data(UkeReader *reader, const UkeFields *fields)
{
	if (UKE_FIELD_LENGTH(fields, 1) == 2)
	{
		memcpy(reader->identification, UKE_FIELD(fields, 1), 2);
		reader->identification[2] = '\0';
	}
	return strcmp(reader->identification, "90") != 0 && strcmp(reader->identification, "92") != 0 &&
		strcmp(reader->identification, "97") != 0;
}

/* DPC records; -1 for those read as in 医科 files. */
static int
dpc_items(UkeReader *reader, const UkeFields *fields, MdsItem *items)
{
	if (is_type(fields, "BU"))
		return stay_items(fields, items);
	if (is_type(fields, "SB"))
		return dpc_diagnosis(fields, items);
	if (is_type(fields, "CD"))
		return coded_item(reader, fields, items);
	if (reader->receipt.coded && (is_type(fields, "SI") || is_type(fields, "IY") || is_type(fields, "TO")) &&
		left_to_coding_data(reader, fields))
		return 0;
	return -1;
}

static int
record_items(UkeReader *reader, const UkeFields *fields, MdsItem *items)
{
	UkeReceipt *r = &reader->receipt;
	const UkeLayout *layout;
	int			count;

	if (UKE_FIELD_LENGTH(fields, 0) != 2)
		return 0;
	uke_reader_note_kind(reader, fields);
	if (is_type(fields, "IR") || is_type(fields, "UK") || is_type(fields, "YK"))
		return facility_record(reader, fields);
	if (is_type(fields, "RE"))
	{
		start_receipt(reader, fields);
		return 0;
	}
	if (is_type(fields, "GO"))
	{
		reader->in_receipt = 0;
		return 0;
	}
	if (!reader->in_receipt)
		return 0;
	if (is_type(fields, "HO"))
	{
		set_field(&r->insurer, fields, 1);
		set_field(&r->symbol, fields, 2);
		set_field(&r->number, fields, 3);
		r->insurance_points = uke_number(UKE_FIELD(fields, 5), UKE_FIELD_LENGTH(fields, 5));
		r->has_insurance = 1;
		r->insurance_records++;
		return 0;
	}
	if (is_type(fields, "KO"))
	{
		if (r->kohi_records++ == 0)
		{
			set_field(&r->kohi, fields, 1);
			set_field(&r->recipient, fields, 2);
			r->first_kohi_points = uke_number(UKE_FIELD(fields, 5), UKE_FIELD_LENGTH(fields, 5));
		}
		return 0;
	}
	if (is_type(fields, "SN"))
	{
		/* 負担者種別 1 is the insurance; its 枝番 completes the HO number */
		if (uke_number(UKE_FIELD(fields, 1), UKE_FIELD_LENGTH(fields, 1)) == 1)
			set_field(&r->branch, fields, 6);
		return 0;
	}
	if (reader->kind == UKE_KIND_PHARMACY)
		return pharmacy_items(reader, fields, items);
	if (reader->kind == UKE_KIND_DPC && (count = dpc_items(reader, fields, items)) >= 0)
		return count;
	if (is_type(fields, "CO"))
	{
		/* a comment opens or continues a 診療識別 group like any item */
		if (UKE_FIELD_LENGTH(fields, 1) == 2)
		{
			memcpy(reader->identification, UKE_FIELD(fields, 1), 2);
			reader->identification[2] = '\0';
		}
		return 0;
	}
	if (is_type(fields, "SY") || is_type(fields, "HS"))
	{
		MdsItem    *item = &items[0];
		int			code = is_type(fields, "SY") ? 1 : 4;

		memset(item, 0, sizeof(*item));
		item->category = MDS_DIAGNOSIS;
		item->code = UKE_FIELD(fields, code);
		item->code_length = UKE_FIELD_LENGTH(fields, code);
		if (is_type(fields, "SY"))
		{
			item->has_date = date_field(fields, 2, &item->date);
			set_optional(fields, 4, &item->modifiers, &item->modifiers_length);
			set_optional(fields, 5, &item->name, &item->name_length);
		}
		else if (r->has_first_visit)
		{
			item->date = r->first_visit;
			item->has_date = 1;
		}
		item->times = 1;
		return 1;
	}
	if (is_type(fields, "TI"))
	{
		memset(&items[0], 0, sizeof(items[0]));
		items[0].category = MDS_TRANSPLANT;	/* 臓器提供区分 as the code */
		items[0].code = UKE_FIELD(fields, 1);
		items[0].code_length = UKE_FIELD_LENGTH(fields, 1);
		items[0].times = 1;
		return 1;
	}
	layout = uke_layout(UKE_FIELD(fields, 0), reader->kind);
	if (layout != NULL && layout->first_day >= 0)
		return act_items(reader, fields, layout, items);
	return 0;
}

/*
 * The admission (入院年月日 of RE) is yielded with the receipt's first item,
 * once HO and SN have given the insured number it is filed under.
 */
int
uke_read_record(UkeReader *reader, const UkeFields *fields, MdsItem *items)
{
	UkeReceipt *r = &reader->receipt;
	/* an admission waiting for the receipt's first item: room before it */
	int			pending = reader->in_receipt && r->admission_pending;
	int			count = record_items(reader, fields, items + pending);

	if (count == 0 || !pending)
		return count;
	memset(&items[0], 0, sizeof(items[0]));
	items[0].category = MDS_ADMISSION;
	items[0].date = r->admission;
	items[0].has_date = 1;
	items[0].times = 1;
	r->admission_pending = 0;
	return count + 1;
}
