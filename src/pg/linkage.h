/*
 * Linkage codes (連結符号): the key store and the transform share these.
 */
#ifndef HOKENID_LINKAGE_H
#define HOKENID_LINKAGE_H

#include "postgres.h"

#include "access/attnum.h"
#include "fmgr.h"

#include "hmac_sha256.h"
#include "linkage_message.h"

/*
 * The HMAC state of a domain's key: version 0 means the current (newest
 * unretired) version.  Cached per backend; raises 22023 for an unknown or
 * retired key and 55000 when the master key or a wrapped key cannot be
 * opened.  *resolved receives the version used.
 */
extern const HmacKey *linkage_key_state(text *domain, int version, int *resolved);

/*
 * A call site's memory of the key it used (kept in fn_extra across the
 * rows of a query): valid while no key or master key changed.
 */
typedef struct LinkageKeySlot
{
	uint64		generation;
	text	   *domain;
	int			version;
	const HmacKey *state;
} LinkageKeySlot;

extern const HmacKey *linkage_key_cached(LinkageKeySlot *slot, MemoryContext context,
										 text *domain, int version);

/*
 * A call site's memory of where the history is (kept in fn_extra for one
 * query); zeroed before the first call.
 */
typedef struct FirstNumberSlot
{
	bool		resolved;
	Oid			table;
	Oid			primary_index;
	Oid			moved_index;
	RegProcedure equality;
	AttrNumber	first_column;
	bool		looked_for_published;	/* the shared map, once a query */
	bool		map_requested;	/* history_request() asked the map ... */
	uint64		request;		/* ... with this moved_map_request() */
} FirstNumberSlot;

/*
 * The first number of insured's history, in two steps
 * (history_first_number.c): history_request() starts the lookup, and
 * history_first_number(), called next for the same number, returns the
 * first number's canonical image (*length bytes, valid to the end of the
 * row), or NULL when insured is its own first number.  Work done between
 * the two overlaps the memory reads of the lookup.
 */
extern void history_request(FirstNumberSlot *slot, struct varlena *insured);
extern const uint8 *history_first_number(FirstNumberSlot *slot, struct varlena *insured, size_t *length);
extern void history_first_number_init(void);

/* The history's statement trigger: this transaction changed the history. */
extern void history_written(void);


#endif
