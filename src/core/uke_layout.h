/*
 * Where things are in each record type, by kind of file (医科 R4 record
 * specification, the 歯科 layout as ORCA writes it, and the 調剤 and DPC
 * ones of the older 調剤用 and DPC用 specifications; see DOMAIN.md 3.3 and
 * 3.6-3.8).  Indices are 0-based CSV columns, column 0 being the record
 * type; -1 means the record has no such field.
 */
#ifndef HOKENID_UKE_LAYOUT_H
#define HOKENID_UKE_LAYOUT_H

typedef enum UkeKind
{
	UKE_KIND_UNKNOWN = 0,
	UKE_KIND_MEDICAL,			/* 医科 (点数表 1) */
	UKE_KIND_DENTAL,			/* 歯科 (点数表 3) */
	UKE_KIND_PHARMACY,			/* 調剤 (YK record) */
	UKE_KIND_DPC,				/* DPC (点数表 1, with BU/SB/CD records) */
} UkeKind;

typedef struct UkeLayout
{
	char		type[3];
	UkeKind		kind;			/* UKE_KIND_UNKNOWN: the same in every kind */
	int			fields;			/* the count the specification gives; 0: not checked */
	int			identification;	/* 診療識別 */
	int			code;
	int			quantity;
	int			points;
	int			times;
	int			first_day;		/* 1日の情報; 31 columns follow */
	int			max_bytes_field;	/* a free-text field with a Shift_JIS byte limit */
	int			max_bytes;
} UkeLayout;

/* The layout of a record type in a kind of file; NULL for an unknown type. */
extern const UkeLayout *uke_layout(const char *type, UkeKind kind);

#endif
