/*
 * Writes a synthetic 医科 receipt file (Shift_JIS) of at least the given
 * size in megabytes to standard output, deterministic from the seed: the
 * benchmark's input, too large for generate_receipts' bytea.
 * Usage: uke_generate SEED MEGABYTES > RECEIPTC.UKE
 */
#include <stdio.h>
#include <stdlib.h>

#include "uke_generator.h"

int
main(int argc, char **argv)
{
	UkeGenerator generator;
	static char piece[UKE_GENERATOR_PIECE_MAX];
	unsigned long long target;
	unsigned long long written = 0;
	size_t		n;

	if (argc != 3)
	{
		fprintf(stderr, "usage: %s SEED MEGABYTES\n", argv[0]);
		return 2;
	}
	target = strtoull(argv[2], NULL, 10) * 1024 * 1024;
	/* about 600 bytes a receipt: ask for enough, the GO record closes the file */
	uke_generator_start(&generator, strtoull(argv[1], NULL, 10), (int) (target / 550 + 1), 1,
						UKE_KIND_MEDICAL);
	while ((n = uke_generate_piece(&generator, piece)) > 0)
	{
		fwrite(piece, 1, n, stdout);
		written += n;
	}
	fprintf(stderr, "%llu bytes, %d receipts\n", written, generator.written);
	return 0;
}
