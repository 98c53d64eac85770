/*
 * Which types and relations carry insured numbers: hokenid.insured_no
 * itself and every type built over it (domains, arrays, composite types
 * and table row types with such a column, ranges and multiranges), to any
 * depth.  The restriction follows numbers through all of them.
 */
#ifndef HOKENID_NUMBER_TYPES_H
#define HOKENID_NUMBER_TYPES_H

#include "postgres.h"

#include "access/tupdesc.h"

/* hokenid.insured_no, or InvalidOid where the extension is not installed. */
extern Oid	insured_no_type(void);

/* insured_no[]: the array type whose values the audit digests one by one. */
extern Oid	insured_no_array_type(void);

/* Whether a value of the type can hold an insured number. */
extern bool type_carries_numbers(Oid type);

/* Whether any live attribute of a row descriptor carries numbers. */
extern bool descriptor_carries_numbers(TupleDesc descriptor);

/* Whether any live column of the relation carries numbers. */
extern bool relation_carries_numbers(Oid relation);

/* Whether the column (0: the whole row) carries numbers. */
extern bool column_carries_numbers(Oid relation, AttrNumber column);

/* Registers the invalidation callbacks that keep the answers current. */
extern void number_types_init(void);

#endif
