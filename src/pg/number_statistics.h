/*
 * Statistics that publish no insured number (number_statistics.c).
 */
#ifndef HOKENID_NUMBER_STATISTICS_H
#define HOKENID_NUMBER_STATISTICS_H

#include "postgres.h"

/* Makes a type that carries numbers analyse without values (else nothing). */
extern void protect_type_statistics(Oid type);

#endif
