/*
 * Synthetic 医科, 調剤 and DPC receipt files, deterministic from a seed, of any size: for
 * tests, the demo and benchmarks (real receipts never enter the project).
 * Every number in them is valid (check digits of insurers, 公費 and the
 * facility) and the GO record holds the file's true totals, so a generated
 * file passes receipt_check with no problem.
 */
#ifndef HOKENID_UKE_GENERATOR_H
#define HOKENID_UKE_GENERATOR_H

#include <stddef.h>
#include <stdint.h>

#include "uke_layout.h"

typedef struct UkeGenerator
{
	uint64_t	state;			/* splitmix64 */
	UkeKind		kind;			/* UKE_KIND_MEDICAL, UKE_KIND_PHARMACY or UKE_KIND_DPC */
	int			sjis;			/* else UTF-8 */
	int			receipts;		/* to write */
	int			written;
	long		claims;			/* HO + KO records so far */
	long		points;
	int			stage;			/* 0 header, 1 receipts, 2 done */
} UkeGenerator;

extern void uke_generator_start(UkeGenerator *generator, uint64_t seed, int receipts, int sjis,
								UkeKind kind);

/*
 * Appends the next piece of the file (the header, one receipt, or the GO
 * record and EOF mark) to out, which must have UKE_GENERATOR_PIECE_MAX bytes
 * free; returns the bytes written, 0 when the file is complete.
 */
#define UKE_GENERATOR_PIECE_MAX 16384
extern size_t uke_generate_piece(UkeGenerator *generator, char *out);

#endif
