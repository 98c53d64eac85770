/*
 * What a linkage code is the HMAC of.  Each kind of input starts with its
 * own two-byte tag, so that codes of different kinds never coincide:
 *   "N1" image                      number-level code (the person-level code
 *                                   is the number-level code of the holder's
 *                                   oldest number, so both agree for a person
 *                                   without history)
 *   "I1" image-without-枝番 0 YYYYMMDD sex   ID1-style (保険者番号 + 記号・番号 +
 *                                   生年月日 + 性別, as NDB's ID1)
 *   "I2" folded-name 0 YYYYMMDD sex  ID2-style (氏名 + 生年月日 + 性別)
 *   "R1" code                       a code re-keyed for another domain
 */
#ifndef HOKENID_LINKAGE_MESSAGE_H
#define HOKENID_LINKAGE_MESSAGE_H

#include <stddef.h>
#include <stdint.h>

#include "insured_no.h"
#include "person_name.h"
#include "receipt_date.h"

#define LINKAGE_CODE_SIZE 32
#define LINKAGE_MESSAGE_MAX (2 + PERSON_NAME_MAX_BYTES + 1 + 8 + 1)

extern size_t linkage_number_message(const uint8_t *image, size_t length, uint8_t *out);
extern size_t linkage_person_message(const uint8_t *tag, const uint8_t *identity, size_t length,
									 const ReceiptDate *birth, int sex, uint8_t *out);
extern size_t linkage_rekey_message(const uint8_t code[LINKAGE_CODE_SIZE], uint8_t *out);

#define LINKAGE_TAG_ID1 ((const uint8_t *) "I1")
#define LINKAGE_TAG_ID2 ((const uint8_t *) "I2")

#endif
