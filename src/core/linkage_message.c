#include "linkage_message.h"

#include <stdio.h>
#include <string.h>

size_t
linkage_number_message(const uint8_t *image, size_t length, uint8_t *out)
{
	out[0] = 'N';
	out[1] = '1';
	memcpy(out + 2, image, length);
	return 2 + length;
}

size_t
linkage_person_message(const uint8_t *tag, const uint8_t *identity, size_t length,
					   const ReceiptDate *birth, int sex, uint8_t *out)
{
	char		tail[16];
	int			n = snprintf(tail, sizeof(tail), "%04d%02d%02d%d",
							 birth->year % 10000, birth->month, birth->day, sex % 10);

	memcpy(out, tag, 2);
	memcpy(out + 2, identity, length);
	out[2 + length] = 0;
	memcpy(out + 3 + length, tail, (size_t) n);
	return 3 + length + (size_t) n;
}

size_t
linkage_rekey_message(const uint8_t code[LINKAGE_CODE_SIZE], uint8_t *out)
{
	out[0] = 'R';
	out[1] = '1';
	memcpy(out + 2, code, LINKAGE_CODE_SIZE);
	return 2 + LINKAGE_CODE_SIZE;
}
