/*
 * Linkage codes (連結符号): the key store and the transform share these.
 */
#ifndef HOKENID_LINKAGE_H
#define HOKENID_LINKAGE_H

#include "postgres.h"

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

/* Call-site cache of linkage_key_state, kept in fn_extra across rows. */
extern const HmacKey *linkage_key_for_call(FunctionCallInfo fcinfo, int domain_arg, int version_arg);


#endif
