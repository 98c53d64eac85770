/*
 * Declarations shared by the PostgreSQL glue of hokenid.
 */
#ifndef HOKENID_PG_H
#define HOKENID_PG_H

extern void _PG_init(void);
extern void linkage_init(void);
extern void notice_restriction_init(void);
extern void log_masking_init(void);

/* Raises 55000 unless the restriction's hooks run in this backend. */
extern void require_enforced_restriction(void);

#endif
