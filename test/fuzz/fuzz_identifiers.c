/*
 * libFuzzer harness for the identifier core.  Beyond "no crash", it checks
 * the properties the SQL types rely on: a parsed insured number formats to
 * text that parses back to the same canonical image, that image passes
 * the binary-input check, and the masked form never holds more than the
 * last two characters of the input.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "facility_code.h"
#include "insured_no.h"
#include "insurer_no.h"
#include "kohi_no.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check_insured_round_trip(const char *in, size_t size)
{
	InsuredNo	value;
	InsuredNo	again;
	uint8_t		image[INSURED_NO_IMAGE_MAX];
	uint8_t		image_again[INSURED_NO_IMAGE_MAX];
	char		text[INSURED_NO_TEXT_SIZE];
	size_t		length;

	if (insured_no_parse(in, size, &value).error != ID_OK)
		return;
	length = insured_no_encode(&value, image);
	if (insured_no_parse(text, insured_no_format(&value, text), &again).error != ID_OK ||
		insured_no_encode(&again, image_again) != length ||
		memcmp(image, image_again, length) != 0 ||
		insured_no_check_image(image, length).error != ID_OK ||
		insured_no_compare(image, length, image_again, length) != 0)
		abort();
}

static void
check_numbers(const char *in, size_t size)
{
	int32_t		v32;
	int32_t		again32;
	int64_t		v64;
	int64_t		again64;
	char		text[INSURED_NO_TEXT_SIZE];

	if (insurer_no_parse(in, size, &v32).error == ID_OK &&
		(insurer_no_parse(text, insurer_no_format(v32, text), &again32).error != ID_OK || again32 != v32))
		abort();
	if (kohi_no_parse(in, size, &v32).error == ID_OK &&
		(kohi_no_parse(text, kohi_no_format(v32, text), &again32).error != ID_OK || again32 != v32))
		abort();
	if (facility_code_parse(in, size, &v64).error == ID_OK &&
		(facility_code_parse(text, facility_code_format(v64, text), &again64).error != ID_OK || again64 != v64))
		abort();
	(void) recipient_no_check(in, size);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *in = (const char *) data;
	char		masked[IDENTIFIER_MASK_SIZE];

	check_insured_round_trip(in, size);
	check_numbers(in, size);
	identifier_mask(in, size, masked);
	if (strlen(masked) > IDENTIFIER_MASK_SIZE - 1)
		abort();
	/* binary input is arbitrary bytes too */
	(void) insured_no_check_image(data, size > INSURED_NO_IMAGE_MAX ? INSURED_NO_IMAGE_MAX : size);
	return 0;
}
