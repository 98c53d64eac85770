/*
 * hokenid.generate_receipts(seed, receipts, encoding, kind): a synthetic 医科
 * (medical), 調剤 (pharmacy) or DPC receipt file as bytea, deterministic from
 * the seed (see src/core/uke_generator.h).
 */
#include "postgres.h"

#include "fmgr.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "utils/builtins.h"

#include "receipt_source.h"
#include "uke_generator.h"

PG_FUNCTION_INFO_V1(generate_receipts);

Datum
generate_receipts(PG_FUNCTION_ARGS)
{
	int64		seed = PG_GETARG_INT64(0);
	int32		receipts = PG_GETARG_INT32(1);
	bool		utf8 = receipt_encoding_argument(fcinfo, 2) == RECEIPT_ENCODING_UTF8;
	char	   *kind_name = PG_NARGS() > 3 ? text_to_cstring(PG_GETARG_TEXT_PP(3)) : "medical";
	UkeKind		kind;
	UkeGenerator generator;
	StringInfoData out;
	size_t		n;

	if (receipts < 0 || receipts > 2000000)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("receipts must be between 0 and 2000000, not %d", receipts),
				 errhint("A bytea holds at most 1 GB; generate larger files with test/bench/uke_generate.")));
	if (strcmp(kind_name, "medical") == 0)
		kind = UKE_KIND_MEDICAL;
	else if (strcmp(kind_name, "pharmacy") == 0)
		kind = UKE_KIND_PHARMACY;
	else if (strcmp(kind_name, "dpc") == 0)
		kind = UKE_KIND_DPC;
	else
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown kind of receipt file \"%s\"", kind_name),
				 errhint("The generator writes \"medical\" (医科, RECEIPTC), \"pharmacy\" (調剤, RECEIPTY) and \"dpc\" (RECEIPTD) files.")));
	initStringInfo(&out);
	uke_generator_start(&generator, (uint64) seed, receipts, !utf8, kind);
	do
	{
		enlargeStringInfo(&out, UKE_GENERATOR_PIECE_MAX);
		n = uke_generate_piece(&generator, out.data + out.len);
		out.len += (int) n;
		CHECK_FOR_INTERRUPTS();
	} while (n > 0);
	PG_RETURN_BYTEA_P(cstring_to_text_with_len(out.data, out.len));
}
