#include "uke_check.h"

#include <stdio.h>
#include <string.h>

#include "facility_code.h"
#include "insurer_no.h"
#include "kohi_no.h"

typedef struct Report
{
	UkeProblem *problems;
	int			count;
	int			line_no;
	const UkeFields *fields;
} Report;

static void
add(Report *report, int is_error, const char *message)
{
	UkeProblem *p;

	if (report->count >= UKE_MAX_PROBLEMS_PER_RECORD)
		return;
	p = &report->problems[report->count++];
	p->line_no = report->line_no;
	p->is_error = is_error;
	p->record_type[0] = '\0';
	if (report->fields != NULL && UKE_FIELD_LENGTH(report->fields, 0) == 2)
	{
		memcpy(p->record_type, UKE_FIELD(report->fields, 0), 2);
		p->record_type[2] = '\0';
	}
	snprintf(p->message, sizeof(p->message), "%s", message);
}

static void
add_detail(Report *report, int is_error, const char *what, const char *detail)
{
	char		message[200];

	snprintf(message, sizeof(message), "%s%s", what, detail);
	add(report, is_error, message);
}

void
uke_check_start(UkeChecker *checker)
{
	memset(checker, 0, sizeof(*checker));
	uke_reader_start(&checker->reader);
}

/* The points a receipt contributes to GO 総合計点数. */
static long
receipt_points(const UkeReceipt *r)
{
	if (r->insurance_records > 0)
		return r->insurance_points > 0 ? r->insurance_points : 0;
	return r->first_kohi_points > 0 ? r->first_kohi_points : 0;
}

static void
close_receipt(UkeChecker *checker)
{
	if (checker->reader.in_receipt)
		checker->points += receipt_points(&checker->reader.receipt);
}

static void
check_identifiers(Report *report, const UkeFields *f, UkeKind kind)
{
	int32_t		v32;
	int64_t		v64;
	IdentifierProblem problem;
	const char *type = UKE_FIELD(f, 0);

	if (memcmp(type, "HO", 2) == 0)
	{
		if (UKE_FIELD_LENGTH(f, 1) == 0 || uke_number(UKE_FIELD(f, 1), UKE_FIELD_LENGTH(f, 1)) == 0)
			add(report, 1, "保険者番号 is empty");
		else if ((problem = insurer_no_parse(UKE_FIELD(f, 1), UKE_FIELD_LENGTH(f, 1), &v32)).error != ID_OK)
			add_detail(report, 1, "保険者番号: ", identifier_error_message(problem.error));
	}
	if (memcmp(type, "KO", 2) == 0)
	{
		if ((problem = kohi_no_parse(UKE_FIELD(f, 1), UKE_FIELD_LENGTH(f, 1), &v32)).error != ID_OK)
			add_detail(report, 1, "公費負担者番号: ", identifier_error_message(problem.error));
		if (UKE_FIELD_LENGTH(f, 2) > 0 &&
			(problem = recipient_no_check(UKE_FIELD(f, 2), UKE_FIELD_LENGTH(f, 2))).error != ID_OK)
			add_detail(report, 0, "受給者番号: ", identifier_error_message(problem.error));
	}
	if (memcmp(type, "IR", 2) == 0 || memcmp(type, "UK", 2) == 0 || memcmp(type, "YK", 2) == 0)
	{
		problem = facility_code_from_parts(UKE_FIELD(f, 2), UKE_FIELD_LENGTH(f, 2), UKE_FIELD(f, 3),
										   UKE_FIELD_LENGTH(f, 3), UKE_FIELD(f, 4), UKE_FIELD_LENGTH(f, 4), &v64);
		if (problem.error != ID_OK)
			add_detail(report, 1, memcmp(type, "YK", 2) == 0 ? "薬局コード: " : "医療機関コード: ",
					   identifier_error_message(problem.error));
	}
	if (memcmp(type, "RE", 2) == 0 && kind == UKE_KIND_PHARMACY && UKE_FIELD_LENGTH(f, 11) > 0)
	{
		problem = facility_code_from_parts(UKE_FIELD(f, 9), UKE_FIELD_LENGTH(f, 9), UKE_FIELD(f, 10),
										   UKE_FIELD_LENGTH(f, 10), UKE_FIELD(f, 11), UKE_FIELD_LENGTH(f, 11), &v64);
		if (problem.error != ID_OK)
			add_detail(report, 0, "処方箋を交付した医療機関コード: ", identifier_error_message(problem.error));
	}
}

/* Whether field i is not a whole date (an empty one counts when optional). */
static int
not_a_date(const UkeFields *f, int i, int optional)
{
	ReceiptDate date;

	if (optional && UKE_FIELD_LENGTH(f, i) == 0)
		return 0;
	return !receipt_date_parse(UKE_FIELD(f, i), UKE_FIELD_LENGTH(f, i), &date) || date.day == 0;
}

static void
check_dates(Report *report, const UkeFields *f, const UkeReader *reader)
{
	ReceiptDate date;
	const char *type = UKE_FIELD(f, 0);

	if (memcmp(type, "RE", 2) == 0)
	{
		if (!receipt_date_parse(UKE_FIELD(f, 3), UKE_FIELD_LENGTH(f, 3), &date) || date.day != 0)
			add(report, 1, "診療年月 is not a year and month (YYYYMM or GYYMM)");
		if (not_a_date(f, 6, 1))
			add(report, 1, "生年月日 is not a date (YYYYMMDD or GYYMMDD)");
	}
	if (memcmp(type, "SY", 2) == 0 && not_a_date(f, 2, 0))
		add(report, 0, "診療開始日 is not a date (YYYYMMDD or GYYMMDD)");
	if (memcmp(type, "BU", 2) == 0 && reader->kind == UKE_KIND_DPC)
	{
		if (not_a_date(f, 2, 0))
			add(report, 0, "今回入院年月日 is not a date (YYYYMMDD or GYYMMDD): the admission is left out");
		if (not_a_date(f, 3, 1))
			add(report, 0, "今回退院年月日 is not a date (YYYYMMDD or GYYMMDD): the discharge is left out");
	}
	if (memcmp(type, "CD", 2) == 0 && reader->kind == UKE_KIND_DPC && not_a_date(f, 1, 0))
		add(report, 0, "実施年月日 is not a date (YYYYMMDD or GYYMMDD): the item is kept undated");
	if (memcmp(type, "CZ", 2) == 0 && reader->kind == UKE_KIND_PHARMACY && reader->in_receipt)
	{
		if (!uke_pharmacy_day(&reader->receipt, UKE_FIELD(f, 2), UKE_FIELD_LENGTH(f, 2), &date))
			add(report, 0, "処方月日 is not a day (MMDD in the 調剤年月, or a date)");
		if (!uke_pharmacy_day(&reader->receipt, UKE_FIELD(f, 3), UKE_FIELD_LENGTH(f, 3), &date))
			add(report, 0, "調剤月日 is not a day (MMDD or DD in the 調剤年月, or a date): the dispensing is kept undated");
	}
}

int
uke_check_record(UkeChecker *checker, const UkeFields *f, int line_no, UkeProblem *problems)
{
	Report		report = {problems, 0, line_no, f};
	UkeReader  *reader = &checker->reader;
	const UkeLayout *layout;
	const char *type = UKE_FIELD(f, 0);
	int			is_header;
	char		message[200];

	checker->last_line = line_no;
	if (f->count == 1 && UKE_FIELD_LENGTH(f, 0) == 0)
	{
		add(&report, 1, "empty line");
		return report.count;
	}
	if (UKE_FIELD_LENGTH(f, 0) != 2)
	{
		add(&report, 1, "record type must be two characters");
		return report.count;
	}
	if (f->count > UKE_MAX_FIELDS)
	{
		snprintf(message, sizeof(message), "%d fields, more than any record has", f->count);
		add(&report, 1, message);
	}
	is_header = memcmp(type, "IR", 2) == 0 || memcmp(type, "UK", 2) == 0 || memcmp(type, "YK", 2) == 0;
	if (checker->records == 0 && !is_header)
	{
		snprintf(message, sizeof(message), "the file must start with IR (or UK/YK), not %.2s", type);
		add(&report, 1, message);
	}
	if (checker->seen_go)
		add(&report, 1, "record after GO, which must be last");
	checker->records++;

	uke_reader_note_kind(reader, f);
	layout = uke_layout(type, reader->kind);
	if (layout == NULL)
	{
		snprintf(message, sizeof(message), "unknown record type %.2s (returned as a record, not in the minimum data set)", type);
		add(&report, 0, message);
	}
	else
	{
		if (layout->fields > 0 && f->count != layout->fields)
		{
			snprintf(message, sizeof(message), "%d fields where the specification has %d", f->count, layout->fields);
			add(&report, 0, message);
		}
		if (layout->max_bytes_field > 0 &&
			uke_sjis_length(UKE_FIELD(f, layout->max_bytes_field), UKE_FIELD_LENGTH(f, layout->max_bytes_field)) >
			(size_t) layout->max_bytes)
		{
			snprintf(message, sizeof(message), "field %d is longer than %d bytes", layout->max_bytes_field, layout->max_bytes);
			add(&report, 0, message);
		}
	}
	if (memcmp(type, "RE", 2) == 0)
		close_receipt(checker);
	else if (!is_header && memcmp(type, "GO", 2) != 0 && !reader->in_receipt && layout != NULL)
	{
		snprintf(message, sizeof(message), "%.2s outside a receipt (no RE before it)", type);
		add(&report, 1, message);
	}
	if (memcmp(type, "HO", 2) == 0 || memcmp(type, "KO", 2) == 0)
		checker->claims++;
	if (reader->kind == UKE_KIND_PHARMACY && reader->in_receipt && reader->dispensing_count == 0 &&
		(memcmp(type, "IY", 2) == 0 || memcmp(type, "TO", 2) == 0))
		add(&report, 0, "a drug or material before any CZ of its prescription: its dispensing days are not known");
	check_identifiers(&report, f, reader->kind);
	check_dates(&report, f, reader);
	if (memcmp(type, "GO", 2) == 0)
	{
		long		count = uke_number(UKE_FIELD(f, 1), UKE_FIELD_LENGTH(f, 1));
		long		total = uke_number(UKE_FIELD(f, 2), UKE_FIELD_LENGTH(f, 2));

		close_receipt(checker);
		checker->seen_go = 1;
		if (count != checker->claims)
		{
			snprintf(message, sizeof(message), "GO 総件数 is %ld, the file has %ld HO and KO records", count, checker->claims);
			add(&report, 1, message);
		}
		if (total != checker->points)
		{
			snprintf(message, sizeof(message), "GO 総合計点数 is %ld, the receipts add up to %ld", total, checker->points);
			add(&report, 1, message);
		}
	}
	uke_read_record(reader, f, checker->items);
	return report.count;
}

int
uke_check_end(UkeChecker *checker, UkeProblem *problems)
{
	Report		report = {problems, 0, checker->last_line, NULL};

	if (checker->records == 0)
		add(&report, 1, "the file has no records");
	else if (!checker->seen_go)
		add(&report, 1, "the file ends without GO (truncated?)");
	return report.count;
}
