#ifndef HOKENID_CHECK_DIGIT_H
#define HOKENID_CHECK_DIGIT_H

#include <stddef.h>

/*
 * 検証番号 of 保険者番号, 公費負担者番号, 受給者番号 and 医療機関コード:
 * Luhn mod 10 over the payload digits (ASCII), weights 2,1,2,… from the
 * rightmost payload digit.
 */
extern int	luhn_check_digit(const char *payload, size_t length);

#endif
