/*
 * The identifier types as other glue files see them.  insurer_no and
 * kohi_no are int4 by value, facility_code int8 by value, insured_no a
 * varlena holding the canonical image of src/core/insured_no.h (possibly
 * with a short header on disk).
 */
#ifndef HOKENID_IDENTIFIER_TYPES_H
#define HOKENID_IDENTIFIER_TYPES_H

#include "postgres.h"

#include "fmgr.h"
#include "lib/stringinfo.h"

#include "identifier_error.h"
#include "insured_no.h"

/* Leading byte of every binary (send/recv) format, for future changes. */
#define IDENTIFIER_BINARY_FORMAT 1

#define DatumGetInsuredNoP(d) ((struct varlena *) PG_DETOAST_DATUM_PACKED(d))
#define PG_GETARG_INSURED_NO_P(n) DatumGetInsuredNoP(PG_GETARG_DATUM(n))
#define INSURED_NO_IMAGE(v) ((const uint8 *) VARDATA_ANY(v))
#define INSURED_NO_IMAGE_LENGTH(v) VARSIZE_ANY_EXHDR(v)

/* A new insured_no datum from a parsed value. */
extern Datum insured_no_datum(const InsuredNo *value);

/* The parsed value of a datum; raises on a corrupt image. */
extern void insured_no_unpack(struct varlena *datum, InsuredNo *value);

/* Raises 22P02 for a rejected input, showing only a masked form of it. */
extern void report_identifier_problem(const char *type_name, IdentifierProblem problem,
									  const char *input, size_t length) pg_attribute_noreturn();

/* Reads and checks the leading format byte of a binary value (22P03). */
extern void check_binary_format(StringInfo buf, const char *type_name);

#endif
