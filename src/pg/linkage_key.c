/*
 * The key store of linkage codes.  Keys are 32 random bytes made inside the
 * database (or imported by a superuser from a server file), stored only
 * wrapped under the master key, whose file is named by the setting
 * hokenid.master_key_file and must be readable by the server's OS user
 * alone.  No function returns key bytes; a dump holds wrapped keys only.
 *
 * Each backend keeps the HMAC state of the keys it used, by domain and
 * version.  Creating, importing or retiring a key broadcasts a relcache
 * invalidation of the key table, and a change of the master key file
 * setting empties the cache, so no backend goes on with an old state.
 * The key table is read as its owner (the way foreign-key triggers read
 * referenced tables), so roles granted the transform never need, or get,
 * SELECT on it.
 */
#include "postgres.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "catalog/namespace.h"
#include "executor/spi.h"
#include "miscadmin.h"
#include "storage/fd.h"
#include "utils/builtins.h"
#include "utils/guc.h"
#include "utils/hsearch.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/syscache.h"

#include "hokenid.h"
#include "key_wrap.h"
#include "linkage.h"

PG_FUNCTION_INFO_V1(create_linkage_key);
PG_FUNCTION_INFO_V1(import_linkage_key);

#define DOMAIN_MAX 63

typedef struct CachedKeyId
{
	char		domain[DOMAIN_MAX + 1];
	int			version;
} CachedKeyId;

typedef struct CachedKey
{
	CachedKeyId id;
	HmacKey    *state;
} CachedKey;

static char *master_key_file = NULL;
static HTAB *key_cache = NULL;
static uint64 key_generation = 1;
static Oid	cached_key_table = InvalidOid;	/* known once a key was used */

static void
flush_key_cache(void)
{
	HASH_SEQ_STATUS scan;
	CachedKey  *entry;

	key_generation++;
	if (key_cache == NULL)
		return;
	hash_seq_init(&scan, key_cache);
	while ((entry = hash_seq_search(&scan)) != NULL)
		hmac_key_destroy(entry->state);
	hash_destroy(key_cache);
	key_cache = NULL;
}

static Oid
key_table_oid(void)
{
	Oid			schema = get_namespace_oid("hokenid", true);

	return OidIsValid(schema) ? get_relname_relid("linkage_key", schema) : InvalidOid;
}

static void
on_relcache_invalidation(Datum arg, Oid relid)
{
	(void) arg;
	if (key_cache != NULL && (!OidIsValid(relid) || relid == cached_key_table))
		flush_key_cache();
}

static void
on_master_key_file_change(const char *newval, void *extra)
{
	(void) newval;
	(void) extra;
	flush_key_cache();
}

void
linkage_init(void)
{
	DefineCustomStringVariable("hokenid.master_key_file",
							   "File holding the master key that wraps linkage keys (64 hex characters).",
							   "Must be readable by the server's OS user only. Kept outside the data directory, "
							   "a dump or a copied data directory holds only wrapped keys.",
							   &master_key_file, "", PGC_SIGHUP, GUC_SUPERUSER_ONLY,
							   NULL, on_master_key_file_change, NULL);
	CacheRegisterRelcacheCallback(on_relcache_invalidation, (Datum) 0);
}

static void
raise_unusable_master_key(const char *problem)
{
	ereport(ERROR,
			(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
			 errmsg("linkage keys cannot be loaded: %s", problem),
			 errhint("Set hokenid.master_key_file to a file of 64 hexadecimal characters, owned by the server's "
					 "OS user with mode 0600, and reload.")));
}

/* Reads a key file of 64 hex characters; problem says why not. */
static bool
read_hex_key_file(const char *path, uint8 key[MASTER_KEY_SIZE], const char **problem)
{
	char		content[160];
	struct stat st;
	ssize_t		n;
	int			fd = OpenTransientFile(path, O_RDONLY | PG_BINARY);

	if (fd < 0)
	{
		*problem = "the key file cannot be opened";
		return false;
	}
	if (fstat(fd, &st) != 0 || (st.st_mode & (S_IRWXG | S_IRWXO)) != 0)
	{
		CloseTransientFile(fd);
		*problem = "the key file is accessible by group or others";
		return false;
	}
	n = read(fd, content, sizeof(content));
	CloseTransientFile(fd);
	if (n < 0 || master_key_parse(content, (size_t) n, key) != 0)
	{
		secure_zero(content, sizeof(content));
		*problem = "the key file does not hold 64 hexadecimal characters";
		return false;
	}
	secure_zero(content, sizeof(content));
	return true;
}

static void
read_master_key(uint8 master[MASTER_KEY_SIZE])
{
	const char *problem;

	if (master_key_file == NULL || master_key_file[0] == '\0')
		raise_unusable_master_key("hokenid.master_key_file is not set");
	if (!read_hex_key_file(master_key_file, master, &problem))
		raise_unusable_master_key(problem);
}

/* Associated data of a wrapped key: its domain and version. */
static size_t
wrap_context(const char *domain, int version, uint8 *out)
{
	return (size_t) snprintf((char *) out, DOMAIN_MAX + 16, "%s%c%d", domain, 0, version);
}

static void
check_domain(const char *domain)
{
	size_t		length = strlen(domain);

	if (length == 0 || length > DOMAIN_MAX ||
		strspn(domain, "abcdefghijklmnopqrstuvwxyz0123456789._-") != length)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid linkage domain name \"%s\"", domain),
				 errhint("A domain name has 1 to 63 characters: lower-case letters, digits, '.', '_' and '-'.")));
}

/*
 * Runs query with two parameters as the owner of the key table, so that
 * callers need no privilege on it.  Returns SPI's result code.
 */
static int
run_as_key_owner(const char *query, int nargs, Oid *types, Datum *values, bool read_only)
{
	Oid			table = key_table_oid();
	Oid			saved_user;
	int			saved_context;
	int			result = 0;
	HeapTuple	tuple;
	Oid			owner;

	if (!OidIsValid(table))
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("the hokenid linkage key table does not exist"),
				 errhint("Update the extension: ALTER EXTENSION hokenid UPDATE.")));
	tuple = SearchSysCache1(RELOID, ObjectIdGetDatum(table));
	if (!HeapTupleIsValid(tuple))
		elog(ERROR, "cache lookup failed for relation %u", table);
	owner = ((Form_pg_class) GETSTRUCT(tuple))->relowner;
	ReleaseSysCache(tuple);

	GetUserIdAndSecContext(&saved_user, &saved_context);
	SetUserIdAndSecContext(owner, saved_context | SECURITY_LOCAL_USERID_CHANGE |
						   SECURITY_RESTRICTED_OPERATION);
	PG_TRY();
	{
		result = SPI_execute_with_args(query, nargs, types, values, NULL, read_only, 1);
	}
	PG_FINALLY();
	{
		SetUserIdAndSecContext(saved_user, saved_context);
	}
	PG_END_TRY();
	return result;
}

static HmacKey *
open_wrapped_key(const char *domain, int version, const bytea *wrapped)
{
	uint8		master[MASTER_KEY_SIZE];
	uint8		key[LINKAGE_KEY_SIZE];
	uint8		context[DOMAIN_MAX + 16];
	size_t		context_length = wrap_context(domain, version, context);
	HmacKey    *state;
	int			failed;

	if (VARSIZE_ANY_EXHDR(wrapped) != WRAPPED_KEY_SIZE)
		raise_unusable_master_key("a wrapped key has the wrong length");
	read_master_key(master);
	failed = key_unwrap(master, (const uint8 *) VARDATA_ANY(wrapped), context, context_length, key);
	secure_zero(master, sizeof(master));
	if (failed)
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("linkage key \"%s\" version %d cannot be unwrapped", domain, version),
				 errdetail("The master key in hokenid.master_key_file is not the one the key was wrapped with, "
						   "or the wrapped key was altered.")));
	state = hmac_key_create(key, sizeof(key));
	secure_zero(key, sizeof(key));
	if (state == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_OUT_OF_MEMORY),
				 errmsg("out of memory preparing linkage key \"%s\"", domain)));
	return state;
}

const HmacKey *
linkage_key_state(text *domain_text, int version, int *resolved)
{
	char	   *domain = text_to_cstring(domain_text);
	Oid			types[2] = {TEXTOID, INT4OID};
	Datum		values[2] = {PointerGetDatum(domain_text), Int32GetDatum(version)};
	CachedKeyId id;
	CachedKey  *entry;
	bool		found;
	bool		isnull;
	int			found_version;
	bool		retired;
	bytea	   *wrapped;

	check_domain(domain);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	run_as_key_owner("SELECT version, wrapped, retired_at IS NOT NULL FROM hokenid.linkage_key "
					 "WHERE domain OPERATOR(pg_catalog.=) $1 "
					 "AND (version OPERATOR(pg_catalog.=) $2 OR ($2 OPERATOR(pg_catalog.=) 0 AND retired_at IS NULL)) "
					 "ORDER BY version DESC LIMIT 1",
					 2, types, values, true);
	if (SPI_processed == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 version == 0 ?
				 errmsg("no active linkage key for domain \"%s\"", domain) :
				 errmsg("linkage key \"%s\" has no version %d", domain, version),
				 errhint("A provider creates keys with hokenid.create_linkage_key(domain).")));
	found_version = DatumGetInt32(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull));
	retired = DatumGetBool(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 3, &isnull));
	if (retired)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("linkage key \"%s\" version %d is retired", domain, found_version)));

	memset(&id, 0, sizeof(id));
	strlcpy(id.domain, domain, sizeof(id.domain));
	id.version = found_version;
	cached_key_table = key_table_oid();
	if (key_cache == NULL)
	{
		HASHCTL		control = {.keysize = sizeof(CachedKeyId), .entrysize = sizeof(CachedKey),
		.hcxt = TopMemoryContext};

		key_cache = hash_create("hokenid linkage keys", 16, &control, HASH_ELEM | HASH_BLOBS | HASH_CONTEXT);
	}
	entry = hash_search(key_cache, &id, HASH_FIND, NULL);
	if (entry == NULL)
	{
		wrapped = DatumGetByteaPP(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 2, &isnull));
		{
			HmacKey    *state = open_wrapped_key(domain, found_version, wrapped);

			entry = hash_search(key_cache, &id, HASH_ENTER, &found);
			entry->state = state;
		}
	}
	SPI_finish();
	*resolved = found_version;
	return entry->state;
}

const HmacKey *
linkage_key_cached(LinkageKeySlot *slot, MemoryContext context, text *domain, int version)
{
	int			resolved;

	if (slot->state != NULL && slot->generation == key_generation && slot->version == version &&
		VARSIZE_ANY_EXHDR(slot->domain) == VARSIZE_ANY_EXHDR(domain) &&
		memcmp(VARDATA_ANY(slot->domain), VARDATA_ANY(domain), VARSIZE_ANY_EXHDR(domain)) == 0)
		return slot->state;
	if (slot->domain != NULL)
		pfree(slot->domain);
	slot->domain = (text *) MemoryContextAlloc(context, VARSIZE_ANY(domain));
	memcpy(slot->domain, domain, VARSIZE_ANY(domain));
	slot->version = version;
	slot->state = linkage_key_state(domain, version, &resolved);
	slot->generation = key_generation;
	return slot->state;
}

/* Stores a new version of domain's key, wrapped; returns the version. */
static int
store_key(const char *domain, const uint8 key[LINKAGE_KEY_SIZE])
{
	uint8		master[MASTER_KEY_SIZE];
	uint8		context[DOMAIN_MAX + 16];
	bytea	   *wrapped = palloc(VARHDRSZ + WRAPPED_KEY_SIZE);
	Oid			types[3] = {TEXTOID, INT4OID, BYTEAOID};
	Datum		values[3];
	bool		isnull;
	int			version;
	int			failed;

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	values[0] = CStringGetTextDatum(domain);
	/* versions of one domain are numbered in order: serialise their creation */
	run_as_key_owner("LOCK TABLE hokenid.linkage_key IN SHARE ROW EXCLUSIVE MODE", 0, NULL, NULL, false);
	run_as_key_owner("SELECT COALESCE(pg_catalog.max(version), 0) OPERATOR(pg_catalog.+) 1 "
					 "FROM hokenid.linkage_key WHERE domain OPERATOR(pg_catalog.=) $1",
					 1, types, values, true);
	version = DatumGetInt32(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull));

	read_master_key(master);
	failed = key_wrap(master, key, context, wrap_context(domain, version, context),
					  (uint8 *) VARDATA(wrapped));
	secure_zero(master, sizeof(master));
	if (failed)
		ereport(ERROR,
				(errcode(ERRCODE_INTERNAL_ERROR),
				 errmsg("wrapping the linkage key failed in OpenSSL")));
	SET_VARSIZE(wrapped, VARHDRSZ + WRAPPED_KEY_SIZE);
	values[1] = Int32GetDatum(version);
	values[2] = PointerGetDatum(wrapped);
	run_as_key_owner("INSERT INTO hokenid.linkage_key (domain, version, wrapped) VALUES ($1, $2, $3)",
					 3, types, values, false);
	SPI_finish();
	CacheInvalidateRelcacheByRelid(key_table_oid());
	return version;
}

Datum
create_linkage_key(PG_FUNCTION_ARGS)
{
	char	   *domain = text_to_cstring(PG_GETARG_TEXT_PP(0));
	uint8		key[LINKAGE_KEY_SIZE];
	int			version;

	check_domain(domain);
	if (random_bytes(key, sizeof(key)) != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INTERNAL_ERROR),
				 errmsg("could not generate a random linkage key")));
	version = store_key(domain, key);
	secure_zero(key, sizeof(key));
	PG_RETURN_INT32(version);
}

/*
 * A key agreed with another provider (so that two databases produce the
 * same codes) arrives as a server file, never as SQL text.
 */
Datum
import_linkage_key(PG_FUNCTION_ARGS)
{
	char	   *domain = text_to_cstring(PG_GETARG_TEXT_PP(0));
	char	   *path = text_to_cstring(PG_GETARG_TEXT_PP(1));
	uint8		key[LINKAGE_KEY_SIZE];
	const char *problem;
	int			version;

	if (!superuser())
		ereport(ERROR,
				(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
				 errmsg("only a superuser may import a linkage key from a file")));
	check_domain(domain);
	if (!read_hex_key_file(path, key, &problem))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot import linkage key \"%s\": %s", domain, problem)));
	version = store_key(domain, key);
	secure_zero(key, sizeof(key));
	PG_RETURN_INT32(version);
}
