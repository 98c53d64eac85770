-- hokenid 0.2 -> 0.3: one-way linkage codes (連結符号).
--
-- Databases such as NDB and 介護DB are joined on a code derived from the
-- person's insured number, never on the number: HMAC-SHA-256 under a named,
-- versioned key that no role can read.  The person-level code is derived
-- from the first number of the person's history (as NDB's ID5 is from the
-- oldest number), so every number the person ever had gives the same code.
\echo Use "ALTER EXTENSION hokenid UPDATE TO '0.3'" to load this file. \quit

------------------------------------------------------------------------------
-- The type
------------------------------------------------------------------------------
CREATE TYPE @extschema@.linkage_code;
CREATE FUNCTION @extschema@.linkage_code_in(cstring) RETURNS @extschema@.linkage_code
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.linkage_code_out(@extschema@.linkage_code) RETURNS cstring
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.linkage_code_recv(internal) RETURNS @extschema@.linkage_code
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.linkage_code_send(@extschema@.linkage_code) RETURNS bytea
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE TYPE @extschema@.linkage_code (
    INPUT = @extschema@.linkage_code_in,
    OUTPUT = @extschema@.linkage_code_out,
    RECEIVE = @extschema@.linkage_code_recv,
    SEND = @extschema@.linkage_code_send,
    INTERNALLENGTH = 32,
    ALIGNMENT = char,
    STORAGE = plain
);
COMMENT ON TYPE @extschema@.linkage_code IS '連結符号 (linkage code): HMAC-SHA-256 of an insured number under a named key, 64 hex characters';

CREATE FUNCTION @extschema@.linkage_code_eq(@extschema@.linkage_code, @extschema@.linkage_code) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.linkage_code_ne(@extschema@.linkage_code, @extschema@.linkage_code) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.linkage_code_lt(@extschema@.linkage_code, @extschema@.linkage_code) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.linkage_code_le(@extschema@.linkage_code, @extschema@.linkage_code) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.linkage_code_gt(@extschema@.linkage_code, @extschema@.linkage_code) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.linkage_code_ge(@extschema@.linkage_code, @extschema@.linkage_code) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.linkage_code_cmp(@extschema@.linkage_code, @extschema@.linkage_code) RETURNS integer
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.linkage_code_hash(@extschema@.linkage_code) RETURNS integer
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.linkage_code_hash_extended(@extschema@.linkage_code, bigint) RETURNS bigint
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE OPERATOR @extschema@.= (
    LEFTARG = @extschema@.linkage_code, RIGHTARG = @extschema@.linkage_code,
    FUNCTION = @extschema@.linkage_code_eq,
    COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
    RESTRICT = eqsel, JOIN = eqjoinsel,
    HASHES, MERGES
);
CREATE OPERATOR @extschema@.<> (
    LEFTARG = @extschema@.linkage_code, RIGHTARG = @extschema@.linkage_code,
    FUNCTION = @extschema@.linkage_code_ne,
    COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
    RESTRICT = neqsel, JOIN = neqjoinsel
);
CREATE OPERATOR @extschema@.< (
    LEFTARG = @extschema@.linkage_code, RIGHTARG = @extschema@.linkage_code,
    FUNCTION = @extschema@.linkage_code_lt,
    COMMUTATOR = OPERATOR(@extschema@.>), NEGATOR = OPERATOR(@extschema@.>=),
    RESTRICT = scalarltsel, JOIN = scalarltjoinsel
);
CREATE OPERATOR @extschema@.<= (
    LEFTARG = @extschema@.linkage_code, RIGHTARG = @extschema@.linkage_code,
    FUNCTION = @extschema@.linkage_code_le,
    COMMUTATOR = OPERATOR(@extschema@.>=), NEGATOR = OPERATOR(@extschema@.>),
    RESTRICT = scalarlesel, JOIN = scalarlejoinsel
);
CREATE OPERATOR @extschema@.> (
    LEFTARG = @extschema@.linkage_code, RIGHTARG = @extschema@.linkage_code,
    FUNCTION = @extschema@.linkage_code_gt,
    COMMUTATOR = OPERATOR(@extschema@.<), NEGATOR = OPERATOR(@extschema@.<=),
    RESTRICT = scalargtsel, JOIN = scalargtjoinsel
);
CREATE OPERATOR @extschema@.>= (
    LEFTARG = @extschema@.linkage_code, RIGHTARG = @extschema@.linkage_code,
    FUNCTION = @extschema@.linkage_code_ge,
    COMMUTATOR = OPERATOR(@extschema@.<=), NEGATOR = OPERATOR(@extschema@.<),
    RESTRICT = scalargesel, JOIN = scalargejoinsel
);
CREATE OPERATOR CLASS @extschema@.linkage_code_ops
    DEFAULT FOR TYPE @extschema@.linkage_code USING btree AS
        OPERATOR 1 @extschema@.< ,
        OPERATOR 2 @extschema@.<= ,
        OPERATOR 3 @extschema@.= ,
        OPERATOR 4 @extschema@.>= ,
        OPERATOR 5 @extschema@.> ,
        FUNCTION 1 @extschema@.linkage_code_cmp(@extschema@.linkage_code, @extschema@.linkage_code);
CREATE OPERATOR CLASS @extschema@.linkage_code_hash_ops
    DEFAULT FOR TYPE @extschema@.linkage_code USING hash AS
        OPERATOR 1 @extschema@.= ,
        FUNCTION 1 @extschema@.linkage_code_hash(@extschema@.linkage_code),
        FUNCTION 2 @extschema@.linkage_code_hash_extended(@extschema@.linkage_code, bigint);
CREATE CAST (text AS @extschema@.linkage_code) WITH INOUT;
CREATE CAST (@extschema@.linkage_code AS text) WITH INOUT AS ASSIGNMENT;

------------------------------------------------------------------------------
-- Keys: stored wrapped under the master key (hokenid.master_key_file)
------------------------------------------------------------------------------
CREATE TABLE @extschema@.linkage_key (
    domain      text NOT NULL CHECK (domain ~ '^[a-z0-9._-]{1,63}$'),
    version     integer NOT NULL CHECK (version > 0),
    wrapped     bytea NOT NULL CHECK (length(wrapped) = 60),
    created_at  timestamptz NOT NULL DEFAULT pg_catalog.now(),
    retired_at  timestamptz,
    PRIMARY KEY (domain, version)
);
COMMENT ON TABLE @extschema@.linkage_key IS 'linkage keys, each sealed with AES-256-GCM under the master key; never readable in clear';
REVOKE ALL ON @extschema@.linkage_key FROM PUBLIC;
SELECT pg_catalog.pg_extension_config_dump('@extschema@.linkage_key', '');

CREATE VIEW @extschema@.linkage_keys AS
    SELECT domain, version, created_at, retired_at FROM @extschema@.linkage_key;
COMMENT ON VIEW @extschema@.linkage_keys IS 'which linkage key domains and versions exist (no key material)';
GRANT SELECT ON @extschema@.linkage_keys TO PUBLIC;

CREATE FUNCTION @extschema@.create_linkage_key(domain text) RETURNS integer
    AS 'MODULE_PATHNAME', 'create_linkage_key' LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
COMMENT ON FUNCTION @extschema@.create_linkage_key(text) IS
    'a new random key (version) for a linkage domain such as ndb-kaigo-2026; returns the version; earlier versions stay usable';
CREATE FUNCTION @extschema@.import_linkage_key(domain text, path text) RETURNS integer
    AS 'MODULE_PATHNAME', 'import_linkage_key' LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
COMMENT ON FUNCTION @extschema@.import_linkage_key(text, text) IS
    'superuser: a new version of a domain''s key from a server file of 64 hex characters (mode 0600), e.g. one agreed with another provider';
CREATE FUNCTION @extschema@.retire_linkage_key(domain text, version integer) RETURNS void
    LANGUAGE plpgsql VOLATILE STRICT SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS
$$
BEGIN
    UPDATE @extschema@.linkage_key k SET retired_at = now()
    WHERE k.domain = retire_linkage_key.domain AND k.version = retire_linkage_key.version AND k.retired_at IS NULL;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'linkage key "%" has no active version %', domain, version
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
END
$$;
COMMENT ON FUNCTION @extschema@.retire_linkage_key(text, integer) IS
    'stop using a key version: codes under it can no longer be made';

------------------------------------------------------------------------------
-- The transform (for the data provider only: analysts get codes, not this)
------------------------------------------------------------------------------
CREATE FUNCTION @extschema@.link(insured @extschema@.insured_no, domain text, version integer DEFAULT NULL)
    RETURNS @extschema@.linkage_code
    AS 'MODULE_PATHNAME', 'link_person' LANGUAGE C STABLE PARALLEL RESTRICTED;
COMMENT ON FUNCTION @extschema@.link(@extschema@.insured_no, text, integer) IS
    'person-level 連結符号: the same from every number in the person''s history (the number-level code of the first one); current key version unless given';
CREATE FUNCTION @extschema@.link_number(insured @extschema@.insured_no, domain text, version integer DEFAULT NULL)
    RETURNS @extschema@.linkage_code
    AS 'MODULE_PATHNAME', 'link_number' LANGUAGE C STABLE PARALLEL RESTRICTED;
COMMENT ON FUNCTION @extschema@.link_number(@extschema@.insured_no, text, integer) IS
    'number-level 連結符号, for data without history';
CREATE FUNCTION @extschema@.link_id1(insured @extschema@.insured_no, birth date, sex integer, domain text,
                                     version integer DEFAULT NULL)
    RETURNS @extschema@.linkage_code
    AS 'MODULE_PATHNAME', 'link_id1' LANGUAGE C STABLE PARALLEL RESTRICTED;
COMMENT ON FUNCTION @extschema@.link_id1(@extschema@.insured_no, date, integer, text, integer) IS
    'NDB ID1-style key: 保険者番号 + 記号・番号 (without 枝番) + 生年月日 + 性別 (1 男, 2 女), keyed';
CREATE FUNCTION @extschema@.link_id2(name text, birth date, sex integer, domain text, version integer DEFAULT NULL)
    RETURNS @extschema@.linkage_code
    AS 'MODULE_PATHNAME', 'link_id2' LANGUAGE C STABLE PARALLEL RESTRICTED;
COMMENT ON FUNCTION @extschema@.link_id2(text, date, integer, text, integer) IS
    'NDB ID2-style key: 氏名 (spaces, width and かな/カナ folded) + 生年月日 + 性別, keyed';
CREATE FUNCTION @extschema@.rekey(code @extschema@.linkage_code, domain text, version integer DEFAULT NULL)
    RETURNS @extschema@.linkage_code
    AS 'MODULE_PATHNAME', 'rekey' LANGUAGE C STABLE PARALLEL RESTRICTED;
COMMENT ON FUNCTION @extschema@.rekey(@extschema@.linkage_code, text, integer) IS
    'the code under another domain, made from the code alone: give each release its own codes, and two releases the same codes only where linkage is approved';
CREATE FUNCTION @extschema@.rekey_to(code @extschema@.linkage_code, domain text)
    RETURNS @extschema@.linkage_code
    AS 'MODULE_PATHNAME', 'rekey' LANGUAGE C STABLE STRICT PARALLEL RESTRICTED;
COMMENT ON FUNCTION @extschema@.rekey_to(@extschema@.linkage_code, text) IS 'rekey under the current key version, for the % operator';
CREATE OPERATOR @extschema@.% (
    LEFTARG = @extschema@.linkage_code, RIGHTARG = text, FUNCTION = @extschema@.rekey_to
);
COMMENT ON OPERATOR @extschema@.% (@extschema@.linkage_code, text) IS 'code % domain: the code re-keyed for a domain';

-- Bulk person-level coding: join this view and code its first numbers with
-- link_number, instead of one index probe per row inside link().
CREATE VIEW @extschema@.first_number AS
    SELECT insured, oldest AS first FROM @extschema@.insured_number;
COMMENT ON VIEW @extschema@.first_number IS
    'each registered number with the first number of its holder''s history (no person key), for bulk person-level coding by the provider';
REVOKE ALL ON @extschema@.first_number FROM PUBLIC;

CREATE FUNCTION @extschema@.hmac_sha256(key bytea, data bytea) RETURNS bytea
    AS 'MODULE_PATHNAME', 'hmac_sha256_sql' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.hmac_sha256(bytea, bytea) IS
    'the HMAC-SHA-256 primitive of the transform, to check published test vectors; its key travels in SQL text, so test keys only';

REVOKE ALL ON FUNCTION
    @extschema@.create_linkage_key(text),
    @extschema@.import_linkage_key(text, text),
    @extschema@.retire_linkage_key(text, integer),
    @extschema@.link(@extschema@.insured_no, text, integer),
    @extschema@.link_number(@extschema@.insured_no, text, integer),
    @extschema@.link_id1(@extschema@.insured_no, date, integer, text, integer),
    @extschema@.link_id2(text, date, integer, text, integer),
    @extschema@.rekey(@extschema@.linkage_code, text, integer),
    @extschema@.rekey_to(@extschema@.linkage_code, text),
    @extschema@.hmac_sha256(bytea, bytea)
FROM PUBLIC;
