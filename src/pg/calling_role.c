/*
 * The role that called a SECURITY DEFINER function.  Inside such a function
 * current_user is the owner; the access rules of hokenid (history only to
 * registered recipients, purposes granted to roles) are about the caller,
 * which PostgreSQL keeps as the "outer" user: the role in effect outside
 * any security-definer function, as set by login and SET ROLE.
 */
#include "postgres.h"

#include "fmgr.h"
#include "miscadmin.h"

PG_FUNCTION_INFO_V1(calling_role);

Datum
calling_role(PG_FUNCTION_ARGS)
{
	(void) fcinfo;
	PG_RETURN_OID(GetOuterUserId());
}
