#include "audit_chain.h"

#include <openssl/evp.h>
#include <string.h>

#include "hex.h"

const char	audit_genesis_hash[AUDIT_HASH_HEX + 1] =
"0000000000000000000000000000000000000000000000000000000000000000";

/*
 * One digest context for the process, its algorithm fetched once: a new
 * context and an implicit fetch cost more than hashing a short record.
 */
static EVP_MD_CTX *
chain_context(void)
{
	static EVP_MD *sha256 = NULL;
	static EVP_MD_CTX *context = NULL;

	if (sha256 == NULL)
		sha256 = EVP_MD_fetch(NULL, "SHA256", NULL);
	if (context == NULL)
		context = EVP_MD_CTX_new();
	if (sha256 == NULL || context == NULL || EVP_DigestInit_ex(context, sha256, NULL) != 1)
		return NULL;
	return context;
}

int
audit_chain_hash(const char *previous, const char *body, size_t body_length, char *hash)
{
	EVP_MD_CTX *context = chain_context();
	unsigned char digest[32];
	unsigned int n;

	if (context == NULL ||
		EVP_DigestUpdate(context, previous, AUDIT_HASH_HEX) != 1 ||
		EVP_DigestUpdate(context, "|", 1) != 1 ||
		EVP_DigestUpdate(context, body, body_length) != 1 ||
		EVP_DigestFinal_ex(context, digest, &n) != 1)
		return -1;
	bytes_to_hex(digest, sizeof(digest), hash);
	return 0;
}

int
audit_chain_check_line(const char *line, size_t length, size_t *body_length,
					   const char **previous, const char **hash)
{
	char		expected[AUDIT_HASH_HEX + 1];

	/* body, tab, 64 hex, tab, 64 hex */
	if (length < 2 * AUDIT_HASH_HEX + 2 || line[length - AUDIT_HASH_HEX - 1] != '\t' ||
		line[length - 2 * AUDIT_HASH_HEX - 2] != '\t')
		return 0;
	*body_length = length - 2 * AUDIT_HASH_HEX - 2;
	*previous = line + *body_length + 1;
	*hash = line + length - AUDIT_HASH_HEX;
	if (audit_chain_hash(*previous, line, *body_length, expected) != 0)
		return 0;
	return memcmp(expected, *hash, AUDIT_HASH_HEX) == 0;
}
