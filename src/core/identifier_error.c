#include "identifier_error.h"

#include <string.h>

#include "card_text.h"

/*
 * Messages name the rule, never the value: the value is an insured number
 * and must not reach the server log.
 */
const char *
identifier_error_message(IdentifierError error)
{
	switch (error)
	{
		case ID_OK:
			return "no error";
		case ID_EMPTY:
			return "value is empty";
		case ID_ENCODING:
			return "invalid UTF-8 byte sequence";
		case ID_NOT_DIGIT:
			return "non-digit character";
		case ID_BAD_CHARACTER:
			return "character not allowed";
		case ID_INSURER_LENGTH:
			return "保険者番号 must have 8 digits, or 6 for 国民健康保険";
		case ID_KOHI_LENGTH:
			return "公費負担者番号 must have 8 digits";
		case ID_RECIPIENT_LENGTH:
			return "受給者番号 must have 7 digits";
		case ID_FACILITY_LENGTH:
			return "医療機関等コード must have 10 digits";
		case ID_CHECK_DIGIT:
			return "check digit (検証番号) does not match";
		case ID_PUBLIC_EXPENSE_LAW:
			return "法別番号 belongs to public expense (公費), not to an insurer";
		case ID_INSURANCE_LAW:
			return "法別番号 belongs to an insurer, not to public expense (公費)";
		case ID_PREFECTURE:
			return "都道府県番号 must be 01 to 47";
		case ID_SCORE_TABLE:
			return "点数表番号 must be 1 (医科), 3 (歯科), 4 (調剤) or 6 (訪問看護)";
		case ID_PART_COUNT:
			return "insured number must have the form insurer:記号:番号[:枝番]";
		case ID_NUMBER_MISSING:
			return "番号 is empty";
		case ID_PART_TOO_LONG:
			return "記号 or 番号 is longer than 38 bytes in Shift_JIS";
		case ID_PARTS_TOO_LONG:
			return "記号 and 番号 together are longer than 19 characters";
		case ID_BRANCH_FORMAT:
			return "枝番 must be exactly two digits 00 to 99";
		case ID_BRANCH_LATE_ELDERLY:
			return "枝番 is not used for 後期高齢者医療 (法別番号 39)";
		case ID_SYMBOL_LATE_ELDERLY:
			return "記号 is not used for 後期高齢者医療 (法別番号 39)";
	}
	return "unknown error";
}

const char *
identifier_error_hint(IdentifierError error)
{
	switch (error)
	{
		case ID_OK:
			return "";
		case ID_EMPTY:
			return "Supply the number as printed on the card or the receipt.";
		case ID_ENCODING:
			return "Send the value in the database encoding.";
		case ID_NOT_DIGIT:
			return "Only digits are allowed here; full-width digits and surrounding spaces are accepted.";
		case ID_BAD_CHARACTER:
			return "記号 and 番号 take letters, digits, hyphens, kanji and kana; ':' separates the parts and control characters are refused.";
		case ID_INSURER_LENGTH:
			return "A receipt's two leading spaces and a zero-padded 8-digit 国保 number (00xxxxxx) are accepted.";
		case ID_KOHI_LENGTH:
		case ID_RECIPIENT_LENGTH:
		case ID_FACILITY_LENGTH:
			return "Check that no digit was dropped or added.";
		case ID_CHECK_DIGIT:
			return "The last digit is a Luhn (mod 10) check over the others; the number was probably mistyped.";
		case ID_PUBLIC_EXPENSE_LAW:
			return "Use the type hokenid.kohi_no for 公費負担者番号.";
		case ID_INSURANCE_LAW:
			return "Use the type hokenid.insurer_no for 保険者番号.";
		case ID_PREFECTURE:
			return "The first two digits are the JIS X 0401 prefecture code.";
		case ID_SCORE_TABLE:
			return "The third digit is the 点数表番号 of the facility.";
		case ID_PART_COUNT:
			return "Write for example 06130512:1234:5678:01; leave 記号 empty for 後期高齢者医療 (39131032::07).";
		case ID_NUMBER_MISSING:
			return "Every insured number has a 番号; 記号 alone is not an identifier.";
		case ID_PART_TOO_LONG:
		case ID_PARTS_TOO_LONG:
			return "The receipt record limits 記号 and 番号 to 38 bytes each and 19 characters together.";
		case ID_BRANCH_FORMAT:
			return "Write the 枝番 with its leading zero (01, not 1), or omit it for a card issued without one.";
		case ID_BRANCH_LATE_ELDERLY:
		case ID_SYMBOL_LATE_ELDERLY:
			return "The 後期高齢者医療 被保険者番号 is already individual: give it as 番号 alone.";
	}
	return "";
}

/* Start of the UTF-8 character that ends at or before end; invalid bytes count alone. */
static size_t
previous_character(const char *in, size_t end)
{
	size_t		start = end - 1;

	while (start > 0 && end - start < 4 && ((unsigned char) in[start] & 0xC0) == 0x80)
		start--;
	return start;
}

char *
identifier_mask(const char *in, size_t length, char *out)
{
	size_t		keep_from = length;
	size_t		hidden = 0;
	size_t		n = 0;

	for (int kept = 0; kept < 2 && keep_from > 0; kept++)
		keep_from = previous_character(in, keep_from);
	for (size_t i = 0; i < keep_from; i++)
		if (((unsigned char) in[i] & 0xC0) != 0x80)
			hidden++;
	for (size_t i = 0; i < hidden && i < 24; i++)
		out[n++] = '*';
	for (size_t i = keep_from; i < length;)
	{
		uint32_t	cp;
		size_t		width = utf8_decode((const unsigned char *) in + i, length - i, &cp);

		/* the message must stay valid UTF-8 and printable */
		if (width == 0 || cp < 0x20 || cp == 0x7F)
		{
			out[n++] = '?';
			i++;
		}
		else
		{
			memcpy(out + n, in + i, width);
			n += width;
			i += width;
		}
	}
	out[n] = '\0';
	return out;
}
