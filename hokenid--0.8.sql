-- hokenid 0.8: Japanese health-insurance identifiers and the data-linkage machinery around
-- them, the whole schema of this version (the first released), read top to bottom:
--
--   0. preconditions: a UTF8 database, hokenid in shared_preload_libraries
--   1. types: the identifier types 保険者番号 (insurer_no), 公費負担者番号 (kohi_no),
--      医療機関等コード (facility_code), 個人単位被保険者番号 (insured_no) and 連結符号
--      (linkage_code), and the row types that functions return
--   2. operators, operator classes, min/max and casts of the identifier types
--   3. identifiers: validation, constructors and accessors, the 法別番号 table
--   4. qualification history (被保険者番号履歴) and eligibility (オンライン資格確認)
--   5. linkage codes (連結符号)
--   6. the notice-request restriction (告知要求制限) and its audit trail
--   7. receipts (UKE files) and the code masters (支払基金 基本マスター)
--   8. the links between the extension's tables, checked
--   9. statistics that publish no number, over every type made above
--
-- Later versions come as upgrade scripts from this one (hokenid--0.8--0.9.sql, …).
\echo Use "CREATE EXTENSION hokenid" to load this file. \quit

-- ===========================================================================
-- 0. Preconditions
-- ===========================================================================
-- The schema is the extension's own.  CREATE EXTENSION has already created the schema, or
-- adopted one that existed: a role with only CREATE on the database can have made it and
-- put objects in it (hokenid.link(text, text), say) that calls written hokenid.link(…)
-- would resolve to, handing them the numbers.  So refuse (42501) unless the installing role
-- (or another superuser: pg_restore recreates the schema, owned as it was, before CREATE
-- EXTENSION) owns the schema, nobody else may create in it, and it is empty: no relation, function,
-- type, operator, operator class or family, collation, conversion, text search object,
-- statistics object, extension or default privilege.
DO $$
DECLARE
    schema_oid oid := pg_catalog.to_regnamespace('@extschema@');
    schema_owner name;
    creators text;
    found bigint;
    examples text;
BEGIN
    SELECT pg_catalog.pg_get_userbyid(n.nspowner) INTO schema_owner
    FROM pg_catalog.pg_namespace n WHERE n.oid OPERATOR(pg_catalog.=) schema_oid;
    IF schema_owner OPERATOR(pg_catalog.<>) CURRENT_USER
       AND NOT (SELECT r.rolsuper FROM pg_catalog.pg_roles r WHERE r.rolname OPERATOR(pg_catalog.=) schema_owner) THEN
        RAISE EXCEPTION 'schema "@extschema@" is owned by role "%", not by the role installing hokenid nor a superuser', schema_owner
            USING ERRCODE = 'insufficient_privilege',
                  DETAIL = 'Another role could have put objects in the schema that calls of hokenid functions would resolve to.',
                  HINT = 'Check what the schema holds, drop or rename it, and run CREATE EXTENSION hokenid again: it creates its own schema.';
    END IF;
    SELECT pg_catalog.string_agg(DISTINCT pg_catalog.quote_ident(pg_catalog.pg_get_userbyid(a.grantee)), ', ')
    INTO creators
    FROM pg_catalog.pg_namespace n, pg_catalog.aclexplode(n.nspacl) a
    WHERE n.oid OPERATOR(pg_catalog.=) schema_oid AND a.privilege_type OPERATOR(pg_catalog.=) 'CREATE'
      AND a.grantee OPERATOR(pg_catalog.<>) n.nspowner;
    IF creators IS NOT NULL THEN
        RAISE EXCEPTION 'schema "@extschema@" lets roles other than its owner create objects in it: %', creators
            USING ERRCODE = 'insufficient_privilege',
                  HINT = 'Revoke CREATE on the schema from them (or drop it), and run CREATE EXTENSION hokenid again.';
    END IF;
    SELECT pg_catalog.count(*), pg_catalog.string_agg(d, '; ' ORDER BY d)
    INTO found, examples
    FROM (
        SELECT i.type OPERATOR(pg_catalog.||) ' ' OPERATOR(pg_catalog.||) i.identity AS d
        FROM (
            SELECT 'pg_catalog.pg_class'::pg_catalog.regclass, oid FROM pg_catalog.pg_class WHERE relnamespace OPERATOR(pg_catalog.=) schema_oid
            UNION ALL SELECT 'pg_catalog.pg_proc'::pg_catalog.regclass, oid FROM pg_catalog.pg_proc WHERE pronamespace OPERATOR(pg_catalog.=) schema_oid
            UNION ALL SELECT 'pg_catalog.pg_type'::pg_catalog.regclass, oid FROM pg_catalog.pg_type WHERE typnamespace OPERATOR(pg_catalog.=) schema_oid
            UNION ALL SELECT 'pg_catalog.pg_operator'::pg_catalog.regclass, oid FROM pg_catalog.pg_operator WHERE oprnamespace OPERATOR(pg_catalog.=) schema_oid
            UNION ALL SELECT 'pg_catalog.pg_opclass'::pg_catalog.regclass, oid FROM pg_catalog.pg_opclass WHERE opcnamespace OPERATOR(pg_catalog.=) schema_oid
            UNION ALL SELECT 'pg_catalog.pg_opfamily'::pg_catalog.regclass, oid FROM pg_catalog.pg_opfamily WHERE opfnamespace OPERATOR(pg_catalog.=) schema_oid
            UNION ALL SELECT 'pg_catalog.pg_collation'::pg_catalog.regclass, oid FROM pg_catalog.pg_collation WHERE collnamespace OPERATOR(pg_catalog.=) schema_oid
            UNION ALL SELECT 'pg_catalog.pg_conversion'::pg_catalog.regclass, oid FROM pg_catalog.pg_conversion WHERE connamespace OPERATOR(pg_catalog.=) schema_oid
            UNION ALL SELECT 'pg_catalog.pg_ts_config'::pg_catalog.regclass, oid FROM pg_catalog.pg_ts_config WHERE cfgnamespace OPERATOR(pg_catalog.=) schema_oid
            UNION ALL SELECT 'pg_catalog.pg_ts_dict'::pg_catalog.regclass, oid FROM pg_catalog.pg_ts_dict WHERE dictnamespace OPERATOR(pg_catalog.=) schema_oid
            UNION ALL SELECT 'pg_catalog.pg_ts_parser'::pg_catalog.regclass, oid FROM pg_catalog.pg_ts_parser WHERE prsnamespace OPERATOR(pg_catalog.=) schema_oid
            UNION ALL SELECT 'pg_catalog.pg_ts_template'::pg_catalog.regclass, oid FROM pg_catalog.pg_ts_template WHERE tmplnamespace OPERATOR(pg_catalog.=) schema_oid
            UNION ALL SELECT 'pg_catalog.pg_statistic_ext'::pg_catalog.regclass, oid FROM pg_catalog.pg_statistic_ext WHERE stxnamespace OPERATOR(pg_catalog.=) schema_oid
            UNION ALL SELECT 'pg_catalog.pg_extension'::pg_catalog.regclass, oid FROM pg_catalog.pg_extension WHERE extnamespace OPERATOR(pg_catalog.=) schema_oid AND extname OPERATOR(pg_catalog.<>) 'hokenid'
            UNION ALL SELECT 'pg_catalog.pg_default_acl'::pg_catalog.regclass, oid FROM pg_catalog.pg_default_acl WHERE defaclnamespace OPERATOR(pg_catalog.=) schema_oid
        ) AS o(classid, objid),
        LATERAL pg_catalog.pg_identify_object(o.classid, o.objid, 0) AS i
    ) AS objects;
    IF found OPERATOR(pg_catalog.>) 0 THEN
        RAISE EXCEPTION 'schema "@extschema@" already holds objects that hokenid did not create'
            USING ERRCODE = 'insufficient_privilege',
                  DETAIL = pg_catalog.format('It holds %s: %s.', found, pg_catalog.left(examples, 1000)),
                  HINT = 'Check what the schema holds and who made it, drop or rename it, and run CREATE EXTENSION hokenid again: it creates its own schema.';
    END IF;
END
$$;

-- Identifiers are compared and hashed as UTF-8 bytes, and their error
-- messages carry Japanese terms: the database must be UTF-8.
DO $$
BEGIN
    IF pg_catalog.current_setting('server_encoding') <> 'UTF8' THEN
        RAISE EXCEPTION 'hokenid requires a UTF8 database, not %',
            pg_catalog.current_setting('server_encoding')
            USING ERRCODE = 'feature_not_supported',
                  HINT = 'Create the database with ENCODING ''UTF8''.';
    END IF;
END
$$;

-- The notice-request restriction is enforced by hooks the library installs when it is
-- preloaded; without them nothing would be enforced: refuse to install instead (55000).
CREATE FUNCTION @extschema@.require_preloaded() RETURNS void
    AS 'MODULE_PATHNAME', 'require_preloaded' LANGUAGE C VOLATILE;
COMMENT ON FUNCTION @extschema@.require_preloaded() IS
    'raises 55000 unless hokenid is in shared_preload_libraries (the 告知要求制限 needs its hooks)';
REVOKE ALL ON FUNCTION @extschema@.require_preloaded() FROM PUBLIC;
SELECT @extschema@.require_preloaded();

-- The types are for everyone; what is private (tables, functions that reveal
-- or link numbers) is revoked object by object.
GRANT USAGE ON SCHEMA @extschema@ TO PUBLIC;

-- ===========================================================================
-- 1. Types
-- ===========================================================================
------------------------------------------------------------------------------
-- The identifier types: text input and output, binary send and receive
------------------------------------------------------------------------------
-- insurer_no: 保険者番号 (insurer number), stored as int4 by value.
CREATE TYPE @extschema@.insurer_no;
CREATE FUNCTION @extschema@.insurer_no_in(cstring) RETURNS @extschema@.insurer_no
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.insurer_no_out(@extschema@.insurer_no) RETURNS cstring
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.insurer_no_recv(internal) RETURNS @extschema@.insurer_no
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.insurer_no_send(@extschema@.insurer_no) RETURNS bytea
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE TYPE @extschema@.insurer_no (
    INPUT = @extschema@.insurer_no_in,
    OUTPUT = @extschema@.insurer_no_out,
    RECEIVE = @extschema@.insurer_no_recv,
    SEND = @extschema@.insurer_no_send,
    INTERNALLENGTH = 4,
    PASSEDBYVALUE,
    ALIGNMENT = int4,
    STORAGE = plain
);
COMMENT ON TYPE @extschema@.insurer_no IS '保険者番号 (insurer number), e.g. 01130012 or 133066';

-- kohi_no: 公費負担者番号 (public-expense payer number), stored as int4 by value.
CREATE TYPE @extschema@.kohi_no;
CREATE FUNCTION @extschema@.kohi_no_in(cstring) RETURNS @extschema@.kohi_no
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.kohi_no_out(@extschema@.kohi_no) RETURNS cstring
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.kohi_no_recv(internal) RETURNS @extschema@.kohi_no
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.kohi_no_send(@extschema@.kohi_no) RETURNS bytea
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE TYPE @extschema@.kohi_no (
    INPUT = @extschema@.kohi_no_in,
    OUTPUT = @extschema@.kohi_no_out,
    RECEIVE = @extschema@.kohi_no_recv,
    SEND = @extschema@.kohi_no_send,
    INTERNALLENGTH = 4,
    PASSEDBYVALUE,
    ALIGNMENT = int4,
    STORAGE = plain
);
COMMENT ON TYPE @extschema@.kohi_no IS '公費負担者番号 (public-expense payer number), e.g. 54016027';

-- facility_code: 医療機関等コード (10-digit facility code), stored as int8 by value.
CREATE TYPE @extschema@.facility_code;
CREATE FUNCTION @extschema@.facility_code_in(cstring) RETURNS @extschema@.facility_code
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.facility_code_out(@extschema@.facility_code) RETURNS cstring
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.facility_code_recv(internal) RETURNS @extschema@.facility_code
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.facility_code_send(@extschema@.facility_code) RETURNS bytea
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE TYPE @extschema@.facility_code (
    INPUT = @extschema@.facility_code_in,
    OUTPUT = @extschema@.facility_code_out,
    RECEIVE = @extschema@.facility_code_recv,
    SEND = @extschema@.facility_code_send,
    INTERNALLENGTH = 8,
    PASSEDBYVALUE,
    ALIGNMENT = double,
    STORAGE = plain
);
COMMENT ON TYPE @extschema@.facility_code IS '医療機関等コード (10-digit facility code), e.g. 0110113719';

-- insured_no: 個人単位被保険者番号.  A varlena holding the canonical image
-- (see src/core/insured_no.h): equal numbers have equal bytes.
CREATE TYPE @extschema@.insured_no;
CREATE FUNCTION @extschema@.insured_no_in(cstring) RETURNS @extschema@.insured_no
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.insured_no_out(@extschema@.insured_no) RETURNS cstring
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.insured_no_recv(internal) RETURNS @extschema@.insured_no
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.insured_no_send(@extschema@.insured_no) RETURNS bytea
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
-- ANALYZE keeps no value of a type that carries numbers (section 9).
CREATE FUNCTION @extschema@.number_typanalyze(internal) RETURNS boolean
    AS 'MODULE_PATHNAME', 'number_typanalyze' LANGUAGE C STRICT;
COMMENT ON FUNCTION @extschema@.number_typanalyze(internal) IS
    'ANALYZE of a type that carries insured numbers: PostgreSQL''s own, without the slots that hold values';
REVOKE ALL ON FUNCTION @extschema@.number_typanalyze(internal) FROM PUBLIC;
CREATE TYPE @extschema@.insured_no (
    INPUT = @extschema@.insured_no_in,
    OUTPUT = @extschema@.insured_no_out,
    RECEIVE = @extschema@.insured_no_recv,
    SEND = @extschema@.insured_no_send,
    ANALYZE = @extschema@.number_typanalyze,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = int4,
    STORAGE = main
);
COMMENT ON TYPE @extschema@.insured_no IS '個人単位被保険者番号 (individual insured number): insurer:記号:番号:枝番, e.g. 06130512:1234:5678:01';

-- linkage_code: 連結符号 (linkage code), the 32 bytes of an HMAC-SHA-256.
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

------------------------------------------------------------------------------
-- Row types: what the functions of sections 4, 6 and 7 return, each defined once
------------------------------------------------------------------------------
-- hokenid.history(): a composite return type, so that the argument can be called insured too.
CREATE TYPE @extschema@.history_entry AS (
    insured       @extschema@.insured_no,
    coverage      daterange,
    relationship  text,
    is_given      boolean
);
COMMENT ON TYPE @extschema@.history_entry IS 'one number of a person''s history: the number, its coverage, 本人/家族, and whether it is the number asked about';

-- hokenid.receipt_records() and receipt_file_records().
CREATE TYPE @extschema@.receipt_record AS (
    line_no      integer,
    receipt_no   integer,
    record_type  text,
    fields       text[],
    problem      text
);
COMMENT ON TYPE @extschema@.receipt_record IS 'one record (レコード) of a receipt file: its line, its receipt (RE レセプト番号), its record type, its CSV columns decoded (fields[i] = column i), and, in lenient mode, why an undecodable line could not be read';

-- hokenid.receipt_mds() and receipt_file_mds(): the minimum data set.
CREATE TYPE @extschema@.mds_item AS (
    receipt_no           integer,
    line_no              integer,
    category             text,
    code                 text,
    name                 text,
    service_date         date,
    quantity             numeric,
    times                integer,
    points               bigint,
    unit                 integer,
    insured              @extschema@.insured_no,
    kohi                 @extschema@.kohi_no,
    facility             @extschema@.facility_code,
    sex                  integer,
    birth_date           date,
    modifiers            text,
    prescribed_on        date,
    prescriber_facility  @extschema@.facility_code,
    prescriber           text,
    icd10                text,
    diagnosis_role       text
);
COMMENT ON TYPE @extschema@.mds_item IS '最小データセット (minimum data set): one item of a receipt on one day of care: category (from 診療識別 and the record type), code, quantity, times, points (on the last row of a billing unit), the receipt''s insured number, 公費, facility and patient basics, a diagnosis''s 修飾語, for 調剤 the prescription day, facility and doctor, for DPC the ICD-10 code and 傷病名区分';

-- hokenid.receipt_mds_named(): the columns of mds_item, then the code's name and unit from
-- the code masters.  (receipt_mds_named's body selects m.*, so the two cannot drift apart:
-- the function would not be created.)
CREATE TYPE @extschema@.mds_named_item AS (
    receipt_no           integer,
    line_no              integer,
    category             text,
    code                 text,
    name                 text,
    service_date         date,
    quantity             numeric,
    times                integer,
    points               bigint,
    unit                 integer,
    insured              @extschema@.insured_no,
    kohi                 @extschema@.kohi_no,
    facility             @extschema@.facility_code,
    sex                  integer,
    birth_date           date,
    modifiers            text,
    prescribed_on        date,
    prescriber_facility  @extschema@.facility_code,
    prescriber           text,
    icd10                text,
    diagnosis_role       text,
    code_name            text,
    code_unit            text
);
COMMENT ON TYPE @extschema@.mds_named_item IS '最小データセット with names: an mds_item, then code_name and code_unit from the code master (基本マスター) version valid on the day of care';

-- hokenid.receipt_check() and receipt_file_check().
CREATE TYPE @extschema@.receipt_problem AS (
    line_no      integer,
    record_type  text,
    severity     text,
    message      text
);
COMMENT ON TYPE @extschema@.receipt_problem IS 'one problem of a receipt file (レセプトの不備): the line, its record type, error or warning, and what is wrong';

-- hokenid.audit_read() and audit_records(): a record of the audit trail as the file holds it.
CREATE TYPE @extschema@.audit_record AS (
    seq            bigint,
    logged_at      timestamptz,
    pid            integer,
    role_name      text,
    purpose        text,
    query_id       bigint,
    relations      text,
    action         text,
    refused        boolean,
    rows           bigint,
    persons        bigint,
    digests        text,
    previous_hash  text,
    database       text,
    phase          text,
    opened_seq     bigint,
    outcome        text,
    statements     bigint,
    hash           text
);
COMMENT ON TYPE @extschema@.audit_record IS 'one record of the audit trail (監査記録) as the file holds it: persons as comma-separated keyed digests, previous_hash and hash the links of its hash chain; hokenid.audit_log is the view to read';

-- ===========================================================================
-- 2. Operators, operator classes, min/max and casts of the identifier types
-- Every type: LEAKPROOF = <> < <= > >=, a btree and a hash operator class (so indexes,
-- merge and hash joins, DISTINCT and hash partitioning work), min and max, implicit casts
-- from text and varchar and an assignment cast to text.
--
-- Where the comparisons live.  PostgreSQL finds an operator or an aggregate through
-- search_path, and pg_catalog is always on it: so `WHERE insured = '…'`, `JOIN … USING
-- (insured)`, `ORDER BY`, `min(insured)` work for every user without touching search_path
-- only if those objects are in pg_catalog.  Their signatures name this extension's types,
-- so they cannot collide with PostgreSQL's own, only superusers can create objects there,
-- and they are members of the extension like any other (dropped with it, recreated by
-- CREATE EXTENSION on restore).  The operator classes hold the pg_catalog operators, so
-- the plain spelling is the one indexes, merge and hash joins know.  The same operators
-- stay under the schema (OPERATOR(hokenid.=)) with the same functions, for code written
-- that way; an operator class can hold only one operator per strategy, so these get no
-- index, and they do not declare HASHES or MERGES.
--
-- Casts from text.  Input validates (22P02 on a malformed number, never a NULL), so a
-- text or varchar value may become a number wherever one is expected: an INSERT of a
-- text parameter (assignment), and a comparison with one (`WHERE insured = $1` where the
-- driver types $1 as varchar, as JDBC's setString does, or text, as psycopg's binary mode
-- does), which needs the cast to be implicit.  PostgreSQL's own text -> regclass is
-- implicit for the same reason.  A number never becomes text implicitly, so a comparison
-- of a number with text always compares numbers, never strings.
-- ===========================================================================
-- insurer_no compares and hashes with the int4 functions themselves, bound to this type.
CREATE FUNCTION @extschema@.insurer_no_eq(@extschema@.insurer_no, @extschema@.insurer_no) RETURNS boolean
    AS 'int4eq' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.insurer_no_ne(@extschema@.insurer_no, @extschema@.insurer_no) RETURNS boolean
    AS 'int4ne' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.insurer_no_lt(@extschema@.insurer_no, @extschema@.insurer_no) RETURNS boolean
    AS 'int4lt' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.insurer_no_le(@extschema@.insurer_no, @extschema@.insurer_no) RETURNS boolean
    AS 'int4le' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.insurer_no_gt(@extschema@.insurer_no, @extschema@.insurer_no) RETURNS boolean
    AS 'int4gt' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.insurer_no_ge(@extschema@.insurer_no, @extschema@.insurer_no) RETURNS boolean
    AS 'int4ge' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.insurer_no_cmp(@extschema@.insurer_no, @extschema@.insurer_no) RETURNS integer
    AS 'btint4cmp' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.insurer_no_sortsupport(internal) RETURNS void
    AS 'btint4sortsupport' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.insurer_no_hash(@extschema@.insurer_no) RETURNS integer
    AS 'hashint4' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.insurer_no_hash_extended(@extschema@.insurer_no, bigint) RETURNS bigint
    AS 'hashint4extended' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
-- The comparisons live in pg_catalog, where PostgreSQL finds operators whatever the
-- search_path (see the head of this section); the operator classes hold these.
CREATE OPERATOR pg_catalog.= (
    LEFTARG = @extschema@.insurer_no, RIGHTARG = @extschema@.insurer_no,
    FUNCTION = @extschema@.insurer_no_eq,
    COMMUTATOR = OPERATOR(pg_catalog.=), NEGATOR = OPERATOR(pg_catalog.<>),
    RESTRICT = eqsel, JOIN = eqjoinsel,
    HASHES, MERGES
);
CREATE OPERATOR pg_catalog.<> (
    LEFTARG = @extschema@.insurer_no, RIGHTARG = @extschema@.insurer_no,
    FUNCTION = @extschema@.insurer_no_ne,
    COMMUTATOR = OPERATOR(pg_catalog.<>), NEGATOR = OPERATOR(pg_catalog.=),
    RESTRICT = neqsel, JOIN = neqjoinsel
);
CREATE OPERATOR pg_catalog.< (
    LEFTARG = @extschema@.insurer_no, RIGHTARG = @extschema@.insurer_no,
    FUNCTION = @extschema@.insurer_no_lt,
    COMMUTATOR = OPERATOR(pg_catalog.>), NEGATOR = OPERATOR(pg_catalog.>=),
    RESTRICT = scalarltsel, JOIN = scalarltjoinsel
);
CREATE OPERATOR pg_catalog.<= (
    LEFTARG = @extschema@.insurer_no, RIGHTARG = @extschema@.insurer_no,
    FUNCTION = @extschema@.insurer_no_le,
    COMMUTATOR = OPERATOR(pg_catalog.>=), NEGATOR = OPERATOR(pg_catalog.>),
    RESTRICT = scalarlesel, JOIN = scalarlejoinsel
);
CREATE OPERATOR pg_catalog.> (
    LEFTARG = @extschema@.insurer_no, RIGHTARG = @extschema@.insurer_no,
    FUNCTION = @extschema@.insurer_no_gt,
    COMMUTATOR = OPERATOR(pg_catalog.<), NEGATOR = OPERATOR(pg_catalog.<=),
    RESTRICT = scalargtsel, JOIN = scalargtjoinsel
);
CREATE OPERATOR pg_catalog.>= (
    LEFTARG = @extschema@.insurer_no, RIGHTARG = @extschema@.insurer_no,
    FUNCTION = @extschema@.insurer_no_ge,
    COMMUTATOR = OPERATOR(pg_catalog.<=), NEGATOR = OPERATOR(pg_catalog.<),
    RESTRICT = scalargesel, JOIN = scalargejoinsel
);
CREATE OPERATOR CLASS @extschema@.insurer_no_ops
    DEFAULT FOR TYPE @extschema@.insurer_no USING btree AS
        OPERATOR 1 pg_catalog.< ,
        OPERATOR 2 pg_catalog.<= ,
        OPERATOR 3 pg_catalog.= ,
        OPERATOR 4 pg_catalog.>= ,
        OPERATOR 5 pg_catalog.> ,
        FUNCTION 1 @extschema@.insurer_no_cmp(@extschema@.insurer_no, @extschema@.insurer_no),
        FUNCTION 2 @extschema@.insurer_no_sortsupport(internal);
CREATE OPERATOR CLASS @extschema@.insurer_no_hash_ops
    DEFAULT FOR TYPE @extschema@.insurer_no USING hash AS
        OPERATOR 1 pg_catalog.= ,
        FUNCTION 1 @extschema@.insurer_no_hash(@extschema@.insurer_no),
        FUNCTION 2 @extschema@.insurer_no_hash_extended(@extschema@.insurer_no, bigint);
-- The same comparisons under the schema's name, for code that spells OPERATOR(hokenid.=):
-- same functions, so same answers, but no index, merge or hash join knows them.
CREATE OPERATOR @extschema@.= (
    LEFTARG = @extschema@.insurer_no, RIGHTARG = @extschema@.insurer_no,
    FUNCTION = @extschema@.insurer_no_eq,
    COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
    RESTRICT = eqsel, JOIN = eqjoinsel
);
CREATE OPERATOR @extschema@.<> (
    LEFTARG = @extschema@.insurer_no, RIGHTARG = @extschema@.insurer_no,
    FUNCTION = @extschema@.insurer_no_ne,
    COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
    RESTRICT = neqsel, JOIN = neqjoinsel
);
CREATE OPERATOR @extschema@.< (
    LEFTARG = @extschema@.insurer_no, RIGHTARG = @extschema@.insurer_no,
    FUNCTION = @extschema@.insurer_no_lt,
    COMMUTATOR = OPERATOR(@extschema@.>), NEGATOR = OPERATOR(@extschema@.>=),
    RESTRICT = scalarltsel, JOIN = scalarltjoinsel
);
CREATE OPERATOR @extschema@.<= (
    LEFTARG = @extschema@.insurer_no, RIGHTARG = @extschema@.insurer_no,
    FUNCTION = @extschema@.insurer_no_le,
    COMMUTATOR = OPERATOR(@extschema@.>=), NEGATOR = OPERATOR(@extschema@.>),
    RESTRICT = scalarlesel, JOIN = scalarlejoinsel
);
CREATE OPERATOR @extschema@.> (
    LEFTARG = @extschema@.insurer_no, RIGHTARG = @extschema@.insurer_no,
    FUNCTION = @extschema@.insurer_no_gt,
    COMMUTATOR = OPERATOR(@extschema@.<), NEGATOR = OPERATOR(@extschema@.<=),
    RESTRICT = scalargtsel, JOIN = scalargtjoinsel
);
CREATE OPERATOR @extschema@.>= (
    LEFTARG = @extschema@.insurer_no, RIGHTARG = @extschema@.insurer_no,
    FUNCTION = @extschema@.insurer_no_ge,
    COMMUTATOR = OPERATOR(@extschema@.<=), NEGATOR = OPERATOR(@extschema@.<),
    RESTRICT = scalargesel, JOIN = scalargejoinsel
);
CREATE FUNCTION @extschema@.insurer_no_smaller(@extschema@.insurer_no, @extschema@.insurer_no) RETURNS @extschema@.insurer_no
    AS 'int4smaller' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.insurer_no_larger(@extschema@.insurer_no, @extschema@.insurer_no) RETURNS @extschema@.insurer_no
    AS 'int4larger' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
CREATE AGGREGATE pg_catalog.min(@extschema@.insurer_no) (
    SFUNC = @extschema@.insurer_no_smaller, STYPE = @extschema@.insurer_no,
    COMBINEFUNC = @extschema@.insurer_no_smaller, SORTOP = OPERATOR(pg_catalog.<), PARALLEL = SAFE
);
CREATE AGGREGATE pg_catalog.max(@extschema@.insurer_no) (
    SFUNC = @extschema@.insurer_no_larger, STYPE = @extschema@.insurer_no,
    COMBINEFUNC = @extschema@.insurer_no_larger, SORTOP = OPERATOR(pg_catalog.>), PARALLEL = SAFE
);
CREATE CAST (text AS @extschema@.insurer_no) WITH INOUT AS IMPLICIT;
CREATE CAST (character varying AS @extschema@.insurer_no) WITH INOUT AS IMPLICIT;
CREATE CAST (@extschema@.insurer_no AS text) WITH INOUT AS ASSIGNMENT;

-- kohi_no likewise, with the int4 functions.
CREATE FUNCTION @extschema@.kohi_no_eq(@extschema@.kohi_no, @extschema@.kohi_no) RETURNS boolean
    AS 'int4eq' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.kohi_no_ne(@extschema@.kohi_no, @extschema@.kohi_no) RETURNS boolean
    AS 'int4ne' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.kohi_no_lt(@extschema@.kohi_no, @extschema@.kohi_no) RETURNS boolean
    AS 'int4lt' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.kohi_no_le(@extschema@.kohi_no, @extschema@.kohi_no) RETURNS boolean
    AS 'int4le' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.kohi_no_gt(@extschema@.kohi_no, @extschema@.kohi_no) RETURNS boolean
    AS 'int4gt' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.kohi_no_ge(@extschema@.kohi_no, @extschema@.kohi_no) RETURNS boolean
    AS 'int4ge' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.kohi_no_cmp(@extschema@.kohi_no, @extschema@.kohi_no) RETURNS integer
    AS 'btint4cmp' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.kohi_no_sortsupport(internal) RETURNS void
    AS 'btint4sortsupport' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.kohi_no_hash(@extschema@.kohi_no) RETURNS integer
    AS 'hashint4' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.kohi_no_hash_extended(@extschema@.kohi_no, bigint) RETURNS bigint
    AS 'hashint4extended' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
-- The comparisons live in pg_catalog, where PostgreSQL finds operators whatever the
-- search_path (see the head of this section); the operator classes hold these.
CREATE OPERATOR pg_catalog.= (
    LEFTARG = @extschema@.kohi_no, RIGHTARG = @extschema@.kohi_no,
    FUNCTION = @extschema@.kohi_no_eq,
    COMMUTATOR = OPERATOR(pg_catalog.=), NEGATOR = OPERATOR(pg_catalog.<>),
    RESTRICT = eqsel, JOIN = eqjoinsel,
    HASHES, MERGES
);
CREATE OPERATOR pg_catalog.<> (
    LEFTARG = @extschema@.kohi_no, RIGHTARG = @extschema@.kohi_no,
    FUNCTION = @extschema@.kohi_no_ne,
    COMMUTATOR = OPERATOR(pg_catalog.<>), NEGATOR = OPERATOR(pg_catalog.=),
    RESTRICT = neqsel, JOIN = neqjoinsel
);
CREATE OPERATOR pg_catalog.< (
    LEFTARG = @extschema@.kohi_no, RIGHTARG = @extschema@.kohi_no,
    FUNCTION = @extschema@.kohi_no_lt,
    COMMUTATOR = OPERATOR(pg_catalog.>), NEGATOR = OPERATOR(pg_catalog.>=),
    RESTRICT = scalarltsel, JOIN = scalarltjoinsel
);
CREATE OPERATOR pg_catalog.<= (
    LEFTARG = @extschema@.kohi_no, RIGHTARG = @extschema@.kohi_no,
    FUNCTION = @extschema@.kohi_no_le,
    COMMUTATOR = OPERATOR(pg_catalog.>=), NEGATOR = OPERATOR(pg_catalog.>),
    RESTRICT = scalarlesel, JOIN = scalarlejoinsel
);
CREATE OPERATOR pg_catalog.> (
    LEFTARG = @extschema@.kohi_no, RIGHTARG = @extschema@.kohi_no,
    FUNCTION = @extschema@.kohi_no_gt,
    COMMUTATOR = OPERATOR(pg_catalog.<), NEGATOR = OPERATOR(pg_catalog.<=),
    RESTRICT = scalargtsel, JOIN = scalargtjoinsel
);
CREATE OPERATOR pg_catalog.>= (
    LEFTARG = @extschema@.kohi_no, RIGHTARG = @extschema@.kohi_no,
    FUNCTION = @extschema@.kohi_no_ge,
    COMMUTATOR = OPERATOR(pg_catalog.<=), NEGATOR = OPERATOR(pg_catalog.<),
    RESTRICT = scalargesel, JOIN = scalargejoinsel
);
CREATE OPERATOR CLASS @extschema@.kohi_no_ops
    DEFAULT FOR TYPE @extschema@.kohi_no USING btree AS
        OPERATOR 1 pg_catalog.< ,
        OPERATOR 2 pg_catalog.<= ,
        OPERATOR 3 pg_catalog.= ,
        OPERATOR 4 pg_catalog.>= ,
        OPERATOR 5 pg_catalog.> ,
        FUNCTION 1 @extschema@.kohi_no_cmp(@extschema@.kohi_no, @extschema@.kohi_no),
        FUNCTION 2 @extschema@.kohi_no_sortsupport(internal);
CREATE OPERATOR CLASS @extschema@.kohi_no_hash_ops
    DEFAULT FOR TYPE @extschema@.kohi_no USING hash AS
        OPERATOR 1 pg_catalog.= ,
        FUNCTION 1 @extschema@.kohi_no_hash(@extschema@.kohi_no),
        FUNCTION 2 @extschema@.kohi_no_hash_extended(@extschema@.kohi_no, bigint);
-- The same comparisons under the schema's name, for code that spells OPERATOR(hokenid.=):
-- same functions, so same answers, but no index, merge or hash join knows them.
CREATE OPERATOR @extschema@.= (
    LEFTARG = @extschema@.kohi_no, RIGHTARG = @extschema@.kohi_no,
    FUNCTION = @extschema@.kohi_no_eq,
    COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
    RESTRICT = eqsel, JOIN = eqjoinsel
);
CREATE OPERATOR @extschema@.<> (
    LEFTARG = @extschema@.kohi_no, RIGHTARG = @extschema@.kohi_no,
    FUNCTION = @extschema@.kohi_no_ne,
    COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
    RESTRICT = neqsel, JOIN = neqjoinsel
);
CREATE OPERATOR @extschema@.< (
    LEFTARG = @extschema@.kohi_no, RIGHTARG = @extschema@.kohi_no,
    FUNCTION = @extschema@.kohi_no_lt,
    COMMUTATOR = OPERATOR(@extschema@.>), NEGATOR = OPERATOR(@extschema@.>=),
    RESTRICT = scalarltsel, JOIN = scalarltjoinsel
);
CREATE OPERATOR @extschema@.<= (
    LEFTARG = @extschema@.kohi_no, RIGHTARG = @extschema@.kohi_no,
    FUNCTION = @extschema@.kohi_no_le,
    COMMUTATOR = OPERATOR(@extschema@.>=), NEGATOR = OPERATOR(@extschema@.>),
    RESTRICT = scalarlesel, JOIN = scalarlejoinsel
);
CREATE OPERATOR @extschema@.> (
    LEFTARG = @extschema@.kohi_no, RIGHTARG = @extschema@.kohi_no,
    FUNCTION = @extschema@.kohi_no_gt,
    COMMUTATOR = OPERATOR(@extschema@.<), NEGATOR = OPERATOR(@extschema@.<=),
    RESTRICT = scalargtsel, JOIN = scalargtjoinsel
);
CREATE OPERATOR @extschema@.>= (
    LEFTARG = @extschema@.kohi_no, RIGHTARG = @extschema@.kohi_no,
    FUNCTION = @extschema@.kohi_no_ge,
    COMMUTATOR = OPERATOR(@extschema@.<=), NEGATOR = OPERATOR(@extschema@.<),
    RESTRICT = scalargesel, JOIN = scalargejoinsel
);
CREATE FUNCTION @extschema@.kohi_no_smaller(@extschema@.kohi_no, @extschema@.kohi_no) RETURNS @extschema@.kohi_no
    AS 'int4smaller' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.kohi_no_larger(@extschema@.kohi_no, @extschema@.kohi_no) RETURNS @extschema@.kohi_no
    AS 'int4larger' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
CREATE AGGREGATE pg_catalog.min(@extschema@.kohi_no) (
    SFUNC = @extschema@.kohi_no_smaller, STYPE = @extschema@.kohi_no,
    COMBINEFUNC = @extschema@.kohi_no_smaller, SORTOP = OPERATOR(pg_catalog.<), PARALLEL = SAFE
);
CREATE AGGREGATE pg_catalog.max(@extschema@.kohi_no) (
    SFUNC = @extschema@.kohi_no_larger, STYPE = @extschema@.kohi_no,
    COMBINEFUNC = @extschema@.kohi_no_larger, SORTOP = OPERATOR(pg_catalog.>), PARALLEL = SAFE
);
CREATE CAST (text AS @extschema@.kohi_no) WITH INOUT AS IMPLICIT;
CREATE CAST (character varying AS @extschema@.kohi_no) WITH INOUT AS IMPLICIT;
CREATE CAST (@extschema@.kohi_no AS text) WITH INOUT AS ASSIGNMENT;

-- facility_code likewise, with the int8 functions.
CREATE FUNCTION @extschema@.facility_code_eq(@extschema@.facility_code, @extschema@.facility_code) RETURNS boolean
    AS 'int8eq' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.facility_code_ne(@extschema@.facility_code, @extschema@.facility_code) RETURNS boolean
    AS 'int8ne' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.facility_code_lt(@extschema@.facility_code, @extschema@.facility_code) RETURNS boolean
    AS 'int8lt' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.facility_code_le(@extschema@.facility_code, @extschema@.facility_code) RETURNS boolean
    AS 'int8le' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.facility_code_gt(@extschema@.facility_code, @extschema@.facility_code) RETURNS boolean
    AS 'int8gt' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.facility_code_ge(@extschema@.facility_code, @extschema@.facility_code) RETURNS boolean
    AS 'int8ge' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.facility_code_cmp(@extschema@.facility_code, @extschema@.facility_code) RETURNS integer
    AS 'btint8cmp' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.facility_code_sortsupport(internal) RETURNS void
    AS 'btint8sortsupport' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.facility_code_hash(@extschema@.facility_code) RETURNS integer
    AS 'hashint8' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.facility_code_hash_extended(@extschema@.facility_code, bigint) RETURNS bigint
    AS 'hashint8extended' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
-- The comparisons live in pg_catalog, where PostgreSQL finds operators whatever the
-- search_path (see the head of this section); the operator classes hold these.
CREATE OPERATOR pg_catalog.= (
    LEFTARG = @extschema@.facility_code, RIGHTARG = @extschema@.facility_code,
    FUNCTION = @extschema@.facility_code_eq,
    COMMUTATOR = OPERATOR(pg_catalog.=), NEGATOR = OPERATOR(pg_catalog.<>),
    RESTRICT = eqsel, JOIN = eqjoinsel,
    HASHES, MERGES
);
CREATE OPERATOR pg_catalog.<> (
    LEFTARG = @extschema@.facility_code, RIGHTARG = @extschema@.facility_code,
    FUNCTION = @extschema@.facility_code_ne,
    COMMUTATOR = OPERATOR(pg_catalog.<>), NEGATOR = OPERATOR(pg_catalog.=),
    RESTRICT = neqsel, JOIN = neqjoinsel
);
CREATE OPERATOR pg_catalog.< (
    LEFTARG = @extschema@.facility_code, RIGHTARG = @extschema@.facility_code,
    FUNCTION = @extschema@.facility_code_lt,
    COMMUTATOR = OPERATOR(pg_catalog.>), NEGATOR = OPERATOR(pg_catalog.>=),
    RESTRICT = scalarltsel, JOIN = scalarltjoinsel
);
CREATE OPERATOR pg_catalog.<= (
    LEFTARG = @extschema@.facility_code, RIGHTARG = @extschema@.facility_code,
    FUNCTION = @extschema@.facility_code_le,
    COMMUTATOR = OPERATOR(pg_catalog.>=), NEGATOR = OPERATOR(pg_catalog.>),
    RESTRICT = scalarlesel, JOIN = scalarlejoinsel
);
CREATE OPERATOR pg_catalog.> (
    LEFTARG = @extschema@.facility_code, RIGHTARG = @extschema@.facility_code,
    FUNCTION = @extschema@.facility_code_gt,
    COMMUTATOR = OPERATOR(pg_catalog.<), NEGATOR = OPERATOR(pg_catalog.<=),
    RESTRICT = scalargtsel, JOIN = scalargtjoinsel
);
CREATE OPERATOR pg_catalog.>= (
    LEFTARG = @extschema@.facility_code, RIGHTARG = @extschema@.facility_code,
    FUNCTION = @extschema@.facility_code_ge,
    COMMUTATOR = OPERATOR(pg_catalog.<=), NEGATOR = OPERATOR(pg_catalog.<),
    RESTRICT = scalargesel, JOIN = scalargejoinsel
);
CREATE OPERATOR CLASS @extschema@.facility_code_ops
    DEFAULT FOR TYPE @extschema@.facility_code USING btree AS
        OPERATOR 1 pg_catalog.< ,
        OPERATOR 2 pg_catalog.<= ,
        OPERATOR 3 pg_catalog.= ,
        OPERATOR 4 pg_catalog.>= ,
        OPERATOR 5 pg_catalog.> ,
        FUNCTION 1 @extschema@.facility_code_cmp(@extschema@.facility_code, @extschema@.facility_code),
        FUNCTION 2 @extschema@.facility_code_sortsupport(internal);
CREATE OPERATOR CLASS @extschema@.facility_code_hash_ops
    DEFAULT FOR TYPE @extschema@.facility_code USING hash AS
        OPERATOR 1 pg_catalog.= ,
        FUNCTION 1 @extschema@.facility_code_hash(@extschema@.facility_code),
        FUNCTION 2 @extschema@.facility_code_hash_extended(@extschema@.facility_code, bigint);
-- The same comparisons under the schema's name, for code that spells OPERATOR(hokenid.=):
-- same functions, so same answers, but no index, merge or hash join knows them.
CREATE OPERATOR @extschema@.= (
    LEFTARG = @extschema@.facility_code, RIGHTARG = @extschema@.facility_code,
    FUNCTION = @extschema@.facility_code_eq,
    COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
    RESTRICT = eqsel, JOIN = eqjoinsel
);
CREATE OPERATOR @extschema@.<> (
    LEFTARG = @extschema@.facility_code, RIGHTARG = @extschema@.facility_code,
    FUNCTION = @extschema@.facility_code_ne,
    COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
    RESTRICT = neqsel, JOIN = neqjoinsel
);
CREATE OPERATOR @extschema@.< (
    LEFTARG = @extschema@.facility_code, RIGHTARG = @extschema@.facility_code,
    FUNCTION = @extschema@.facility_code_lt,
    COMMUTATOR = OPERATOR(@extschema@.>), NEGATOR = OPERATOR(@extschema@.>=),
    RESTRICT = scalarltsel, JOIN = scalarltjoinsel
);
CREATE OPERATOR @extschema@.<= (
    LEFTARG = @extschema@.facility_code, RIGHTARG = @extschema@.facility_code,
    FUNCTION = @extschema@.facility_code_le,
    COMMUTATOR = OPERATOR(@extschema@.>=), NEGATOR = OPERATOR(@extschema@.>),
    RESTRICT = scalarlesel, JOIN = scalarlejoinsel
);
CREATE OPERATOR @extschema@.> (
    LEFTARG = @extschema@.facility_code, RIGHTARG = @extschema@.facility_code,
    FUNCTION = @extschema@.facility_code_gt,
    COMMUTATOR = OPERATOR(@extschema@.<), NEGATOR = OPERATOR(@extschema@.<=),
    RESTRICT = scalargtsel, JOIN = scalargtjoinsel
);
CREATE OPERATOR @extschema@.>= (
    LEFTARG = @extschema@.facility_code, RIGHTARG = @extschema@.facility_code,
    FUNCTION = @extschema@.facility_code_ge,
    COMMUTATOR = OPERATOR(@extschema@.<=), NEGATOR = OPERATOR(@extschema@.<),
    RESTRICT = scalargesel, JOIN = scalargejoinsel
);
CREATE FUNCTION @extschema@.facility_code_smaller(@extschema@.facility_code, @extschema@.facility_code) RETURNS @extschema@.facility_code
    AS 'int8smaller' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.facility_code_larger(@extschema@.facility_code, @extschema@.facility_code) RETURNS @extschema@.facility_code
    AS 'int8larger' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
CREATE AGGREGATE pg_catalog.min(@extschema@.facility_code) (
    SFUNC = @extschema@.facility_code_smaller, STYPE = @extschema@.facility_code,
    COMBINEFUNC = @extschema@.facility_code_smaller, SORTOP = OPERATOR(pg_catalog.<), PARALLEL = SAFE
);
CREATE AGGREGATE pg_catalog.max(@extschema@.facility_code) (
    SFUNC = @extschema@.facility_code_larger, STYPE = @extschema@.facility_code,
    COMBINEFUNC = @extschema@.facility_code_larger, SORTOP = OPERATOR(pg_catalog.>), PARALLEL = SAFE
);
CREATE CAST (text AS @extschema@.facility_code) WITH INOUT AS IMPLICIT;
CREATE CAST (character varying AS @extschema@.facility_code) WITH INOUT AS IMPLICIT;
CREATE CAST (@extschema@.facility_code AS text) WITH INOUT AS ASSIGNMENT;

-- insured_no compares its canonical bytes (src/core/insured_no.h: equal numbers have equal
-- bytes) and sorts with abbreviated keys.
CREATE FUNCTION @extschema@.insured_no_eq(@extschema@.insured_no, @extschema@.insured_no) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.insured_no_ne(@extschema@.insured_no, @extschema@.insured_no) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.insured_no_lt(@extschema@.insured_no, @extschema@.insured_no) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.insured_no_le(@extschema@.insured_no, @extschema@.insured_no) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.insured_no_gt(@extschema@.insured_no, @extschema@.insured_no) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.insured_no_ge(@extschema@.insured_no, @extschema@.insured_no) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.insured_no_cmp(@extschema@.insured_no, @extschema@.insured_no) RETURNS integer
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.insured_no_sortsupport(internal) RETURNS void
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.insured_no_hash(@extschema@.insured_no) RETURNS integer
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.insured_no_hash_extended(@extschema@.insured_no, bigint) RETURNS bigint
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
-- The comparisons live in pg_catalog, where PostgreSQL finds operators whatever the
-- search_path (see the head of this section); the operator classes hold these.
CREATE OPERATOR pg_catalog.= (
    LEFTARG = @extschema@.insured_no, RIGHTARG = @extschema@.insured_no,
    FUNCTION = @extschema@.insured_no_eq,
    COMMUTATOR = OPERATOR(pg_catalog.=), NEGATOR = OPERATOR(pg_catalog.<>),
    RESTRICT = eqsel, JOIN = eqjoinsel,
    HASHES, MERGES
);
CREATE OPERATOR pg_catalog.<> (
    LEFTARG = @extschema@.insured_no, RIGHTARG = @extschema@.insured_no,
    FUNCTION = @extschema@.insured_no_ne,
    COMMUTATOR = OPERATOR(pg_catalog.<>), NEGATOR = OPERATOR(pg_catalog.=),
    RESTRICT = neqsel, JOIN = neqjoinsel
);
CREATE OPERATOR pg_catalog.< (
    LEFTARG = @extschema@.insured_no, RIGHTARG = @extschema@.insured_no,
    FUNCTION = @extschema@.insured_no_lt,
    COMMUTATOR = OPERATOR(pg_catalog.>), NEGATOR = OPERATOR(pg_catalog.>=),
    RESTRICT = scalarltsel, JOIN = scalarltjoinsel
);
CREATE OPERATOR pg_catalog.<= (
    LEFTARG = @extschema@.insured_no, RIGHTARG = @extschema@.insured_no,
    FUNCTION = @extschema@.insured_no_le,
    COMMUTATOR = OPERATOR(pg_catalog.>=), NEGATOR = OPERATOR(pg_catalog.>),
    RESTRICT = scalarlesel, JOIN = scalarlejoinsel
);
CREATE OPERATOR pg_catalog.> (
    LEFTARG = @extschema@.insured_no, RIGHTARG = @extschema@.insured_no,
    FUNCTION = @extschema@.insured_no_gt,
    COMMUTATOR = OPERATOR(pg_catalog.<), NEGATOR = OPERATOR(pg_catalog.<=),
    RESTRICT = scalargtsel, JOIN = scalargtjoinsel
);
CREATE OPERATOR pg_catalog.>= (
    LEFTARG = @extschema@.insured_no, RIGHTARG = @extschema@.insured_no,
    FUNCTION = @extschema@.insured_no_ge,
    COMMUTATOR = OPERATOR(pg_catalog.<=), NEGATOR = OPERATOR(pg_catalog.<),
    RESTRICT = scalargesel, JOIN = scalargejoinsel
);
CREATE OPERATOR CLASS @extschema@.insured_no_ops
    DEFAULT FOR TYPE @extschema@.insured_no USING btree AS
        OPERATOR 1 pg_catalog.< ,
        OPERATOR 2 pg_catalog.<= ,
        OPERATOR 3 pg_catalog.= ,
        OPERATOR 4 pg_catalog.>= ,
        OPERATOR 5 pg_catalog.> ,
        FUNCTION 1 @extschema@.insured_no_cmp(@extschema@.insured_no, @extschema@.insured_no),
        FUNCTION 2 @extschema@.insured_no_sortsupport(internal);
CREATE OPERATOR CLASS @extschema@.insured_no_hash_ops
    DEFAULT FOR TYPE @extschema@.insured_no USING hash AS
        OPERATOR 1 pg_catalog.= ,
        FUNCTION 1 @extschema@.insured_no_hash(@extschema@.insured_no),
        FUNCTION 2 @extschema@.insured_no_hash_extended(@extschema@.insured_no, bigint);
-- The same comparisons under the schema's name, for code that spells OPERATOR(hokenid.=):
-- same functions, so same answers, but no index, merge or hash join knows them.
CREATE OPERATOR @extschema@.= (
    LEFTARG = @extschema@.insured_no, RIGHTARG = @extschema@.insured_no,
    FUNCTION = @extschema@.insured_no_eq,
    COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
    RESTRICT = eqsel, JOIN = eqjoinsel
);
CREATE OPERATOR @extschema@.<> (
    LEFTARG = @extschema@.insured_no, RIGHTARG = @extschema@.insured_no,
    FUNCTION = @extschema@.insured_no_ne,
    COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
    RESTRICT = neqsel, JOIN = neqjoinsel
);
CREATE OPERATOR @extschema@.< (
    LEFTARG = @extschema@.insured_no, RIGHTARG = @extschema@.insured_no,
    FUNCTION = @extschema@.insured_no_lt,
    COMMUTATOR = OPERATOR(@extschema@.>), NEGATOR = OPERATOR(@extschema@.>=),
    RESTRICT = scalarltsel, JOIN = scalarltjoinsel
);
CREATE OPERATOR @extschema@.<= (
    LEFTARG = @extschema@.insured_no, RIGHTARG = @extschema@.insured_no,
    FUNCTION = @extschema@.insured_no_le,
    COMMUTATOR = OPERATOR(@extschema@.>=), NEGATOR = OPERATOR(@extschema@.>),
    RESTRICT = scalarlesel, JOIN = scalarlejoinsel
);
CREATE OPERATOR @extschema@.> (
    LEFTARG = @extschema@.insured_no, RIGHTARG = @extschema@.insured_no,
    FUNCTION = @extschema@.insured_no_gt,
    COMMUTATOR = OPERATOR(@extschema@.<), NEGATOR = OPERATOR(@extschema@.<=),
    RESTRICT = scalargtsel, JOIN = scalargtjoinsel
);
CREATE OPERATOR @extschema@.>= (
    LEFTARG = @extschema@.insured_no, RIGHTARG = @extschema@.insured_no,
    FUNCTION = @extschema@.insured_no_ge,
    COMMUTATOR = OPERATOR(@extschema@.<=), NEGATOR = OPERATOR(@extschema@.<),
    RESTRICT = scalargesel, JOIN = scalargejoinsel
);
CREATE FUNCTION @extschema@.insured_no_smaller(a @extschema@.insured_no, b @extschema@.insured_no) RETURNS @extschema@.insured_no
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN CASE WHEN @extschema@.insured_no_cmp(a, b) OPERATOR(pg_catalog.<=) 0 THEN a ELSE b END;
CREATE FUNCTION @extschema@.insured_no_larger(a @extschema@.insured_no, b @extschema@.insured_no) RETURNS @extschema@.insured_no
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN CASE WHEN @extschema@.insured_no_cmp(a, b) OPERATOR(pg_catalog.>=) 0 THEN a ELSE b END;
CREATE AGGREGATE pg_catalog.min(@extschema@.insured_no) (
    SFUNC = @extschema@.insured_no_smaller, STYPE = @extschema@.insured_no,
    COMBINEFUNC = @extschema@.insured_no_smaller, SORTOP = OPERATOR(pg_catalog.<), PARALLEL = SAFE
);
CREATE AGGREGATE pg_catalog.max(@extschema@.insured_no) (
    SFUNC = @extschema@.insured_no_larger, STYPE = @extschema@.insured_no,
    COMBINEFUNC = @extschema@.insured_no_larger, SORTOP = OPERATOR(pg_catalog.>), PARALLEL = SAFE
);
CREATE CAST (text AS @extschema@.insured_no) WITH INOUT AS IMPLICIT;
CREATE CAST (character varying AS @extschema@.insured_no) WITH INOUT AS IMPLICIT;
CREATE CAST (@extschema@.insured_no AS text) WITH INOUT AS ASSIGNMENT;

-- linkage_code compares and hashes its 32 bytes.
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
-- The comparisons live in pg_catalog, where PostgreSQL finds operators whatever the
-- search_path (see the head of this section); the operator classes hold these.
CREATE OPERATOR pg_catalog.= (
    LEFTARG = @extschema@.linkage_code, RIGHTARG = @extschema@.linkage_code,
    FUNCTION = @extschema@.linkage_code_eq,
    COMMUTATOR = OPERATOR(pg_catalog.=), NEGATOR = OPERATOR(pg_catalog.<>),
    RESTRICT = eqsel, JOIN = eqjoinsel,
    HASHES, MERGES
);
CREATE OPERATOR pg_catalog.<> (
    LEFTARG = @extschema@.linkage_code, RIGHTARG = @extschema@.linkage_code,
    FUNCTION = @extschema@.linkage_code_ne,
    COMMUTATOR = OPERATOR(pg_catalog.<>), NEGATOR = OPERATOR(pg_catalog.=),
    RESTRICT = neqsel, JOIN = neqjoinsel
);
CREATE OPERATOR pg_catalog.< (
    LEFTARG = @extschema@.linkage_code, RIGHTARG = @extschema@.linkage_code,
    FUNCTION = @extschema@.linkage_code_lt,
    COMMUTATOR = OPERATOR(pg_catalog.>), NEGATOR = OPERATOR(pg_catalog.>=),
    RESTRICT = scalarltsel, JOIN = scalarltjoinsel
);
CREATE OPERATOR pg_catalog.<= (
    LEFTARG = @extschema@.linkage_code, RIGHTARG = @extschema@.linkage_code,
    FUNCTION = @extschema@.linkage_code_le,
    COMMUTATOR = OPERATOR(pg_catalog.>=), NEGATOR = OPERATOR(pg_catalog.>),
    RESTRICT = scalarlesel, JOIN = scalarlejoinsel
);
CREATE OPERATOR pg_catalog.> (
    LEFTARG = @extschema@.linkage_code, RIGHTARG = @extschema@.linkage_code,
    FUNCTION = @extschema@.linkage_code_gt,
    COMMUTATOR = OPERATOR(pg_catalog.<), NEGATOR = OPERATOR(pg_catalog.<=),
    RESTRICT = scalargtsel, JOIN = scalargtjoinsel
);
CREATE OPERATOR pg_catalog.>= (
    LEFTARG = @extschema@.linkage_code, RIGHTARG = @extschema@.linkage_code,
    FUNCTION = @extschema@.linkage_code_ge,
    COMMUTATOR = OPERATOR(pg_catalog.<=), NEGATOR = OPERATOR(pg_catalog.<),
    RESTRICT = scalargesel, JOIN = scalargejoinsel
);
CREATE OPERATOR CLASS @extschema@.linkage_code_ops
    DEFAULT FOR TYPE @extschema@.linkage_code USING btree AS
        OPERATOR 1 pg_catalog.< ,
        OPERATOR 2 pg_catalog.<= ,
        OPERATOR 3 pg_catalog.= ,
        OPERATOR 4 pg_catalog.>= ,
        OPERATOR 5 pg_catalog.> ,
        FUNCTION 1 @extschema@.linkage_code_cmp(@extschema@.linkage_code, @extschema@.linkage_code);
CREATE OPERATOR CLASS @extschema@.linkage_code_hash_ops
    DEFAULT FOR TYPE @extschema@.linkage_code USING hash AS
        OPERATOR 1 pg_catalog.= ,
        FUNCTION 1 @extschema@.linkage_code_hash(@extschema@.linkage_code),
        FUNCTION 2 @extschema@.linkage_code_hash_extended(@extschema@.linkage_code, bigint);
-- The same comparisons under the schema's name, for code that spells OPERATOR(hokenid.=):
-- same functions, so same answers, but no index, merge or hash join knows them.
CREATE OPERATOR @extschema@.= (
    LEFTARG = @extschema@.linkage_code, RIGHTARG = @extschema@.linkage_code,
    FUNCTION = @extschema@.linkage_code_eq,
    COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
    RESTRICT = eqsel, JOIN = eqjoinsel
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
CREATE FUNCTION @extschema@.linkage_code_smaller(a @extschema@.linkage_code, b @extschema@.linkage_code) RETURNS @extschema@.linkage_code
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN CASE WHEN @extschema@.linkage_code_cmp(a, b) OPERATOR(pg_catalog.<=) 0 THEN a ELSE b END;
CREATE FUNCTION @extschema@.linkage_code_larger(a @extschema@.linkage_code, b @extschema@.linkage_code) RETURNS @extschema@.linkage_code
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN CASE WHEN @extschema@.linkage_code_cmp(a, b) OPERATOR(pg_catalog.>=) 0 THEN a ELSE b END;
CREATE AGGREGATE pg_catalog.min(@extschema@.linkage_code) (
    SFUNC = @extschema@.linkage_code_smaller, STYPE = @extschema@.linkage_code,
    COMBINEFUNC = @extschema@.linkage_code_smaller, SORTOP = OPERATOR(pg_catalog.<), PARALLEL = SAFE
);
CREATE AGGREGATE pg_catalog.max(@extschema@.linkage_code) (
    SFUNC = @extschema@.linkage_code_larger, STYPE = @extschema@.linkage_code,
    COMBINEFUNC = @extschema@.linkage_code_larger, SORTOP = OPERATOR(pg_catalog.>), PARALLEL = SAFE
);
CREATE CAST (text AS @extschema@.linkage_code) WITH INOUT AS IMPLICIT;
CREATE CAST (character varying AS @extschema@.linkage_code) WITH INOUT AS IMPLICIT;
CREATE CAST (@extschema@.linkage_code AS text) WITH INOUT AS ASSIGNMENT;

-- ===========================================================================
-- 3. Identifiers: validation, constructors and accessors, the 法別番号 table
-- ===========================================================================
------------------------------------------------------------------------------
-- Validation without raising
------------------------------------------------------------------------------
CREATE FUNCTION @extschema@.is_valid_insurer_no(text) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.is_valid_insurer_no(text) IS 'whether the text is a valid 保険者番号, without raising';
CREATE FUNCTION @extschema@.insurer_no_error(text) RETURNS text
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.insurer_no_error(text) IS 'the rule a 保険者番号 text breaks, or NULL when it is valid';
CREATE FUNCTION @extschema@.is_valid_kohi_no(text) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.is_valid_kohi_no(text) IS 'whether the text is a valid 公費負担者番号, without raising';
CREATE FUNCTION @extschema@.kohi_no_error(text) RETURNS text
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.kohi_no_error(text) IS 'the rule a 公費負担者番号 text breaks, or NULL when it is valid';
CREATE FUNCTION @extschema@.is_valid_facility_code(text) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.is_valid_facility_code(text) IS 'whether the text is a valid 医療機関等コード, without raising';
CREATE FUNCTION @extschema@.facility_code_error(text) RETURNS text
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.facility_code_error(text) IS 'the rule a 医療機関等コード text breaks, or NULL when it is valid';
CREATE FUNCTION @extschema@.is_valid_insured_no(text) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.is_valid_insured_no(text) IS 'whether the text is a valid 被保険者番号 (insurer:記号:番号[:枝番]), without raising';
CREATE FUNCTION @extschema@.insured_no_error(text) RETURNS text
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.insured_no_error(text) IS 'the rule a 被保険者番号 text breaks, or NULL when it is valid';
CREATE FUNCTION @extschema@.is_valid_recipient_no(text) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.is_valid_recipient_no(text) IS 'whether the text is a valid 7-digit 受給者番号 (check digit included), without raising';
CREATE FUNCTION @extschema@.recipient_no_error(text) RETURNS text
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.recipient_no_error(text) IS 'the rule a 受給者番号 text breaks, or NULL when it is valid';

------------------------------------------------------------------------------
-- Constructors and accessors
------------------------------------------------------------------------------
CREATE FUNCTION @extschema@.insured_no(insurer text, symbol text, number text, branch text DEFAULT NULL)
    RETURNS @extschema@.insured_no
    AS 'MODULE_PATHNAME', 'insured_no_from_text_parts' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.insured_no(text, text, text, text) IS
    '被保険者番号 from its parts as receipts (HO + SN) and eligibility messages carry them: 保険者番号, 記号 (NULL when none), 番号, 枝番 (NULL for a card without one); NULL when insurer or 番号 is NULL';
CREATE FUNCTION @extschema@.insurer(@extschema@.insured_no) RETURNS @extschema@.insurer_no
    AS 'MODULE_PATHNAME', 'insured_no_insurer' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.insurer(@extschema@.insured_no) IS '保険者番号 of an insured number';
CREATE FUNCTION @extschema@.symbol(@extschema@.insured_no) RETURNS text
    AS 'MODULE_PATHNAME', 'insured_no_symbol' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.symbol(@extschema@.insured_no) IS '記号 (normalised), NULL when the card has none';
CREATE FUNCTION @extschema@.number(@extschema@.insured_no) RETURNS text
    AS 'MODULE_PATHNAME', 'insured_no_number' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.number(@extschema@.insured_no) IS '番号 (normalised)';
CREATE FUNCTION @extschema@.branch(@extschema@.insured_no) RETURNS text
    AS 'MODULE_PATHNAME', 'insured_no_branch' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.branch(@extschema@.insured_no) IS '枝番 (two digits), NULL for a card issued without one';
CREATE FUNCTION @extschema@.without_branch(@extschema@.insured_no) RETURNS @extschema@.insured_no
    AS 'MODULE_PATHNAME', 'insured_no_without_branch' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.without_branch(@extschema@.insured_no) IS 'the insured number without its 枝番, as a card issued before 枝番 shows it';

CREATE FUNCTION @extschema@.law_code(@extschema@.insurer_no) RETURNS integer
    AS 'MODULE_PATHNAME', 'insurer_no_law_code_sql' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.law_code(@extschema@.insurer_no) IS '法別番号 of an insurer number; NULL for 国民健康保険, which has none';
CREATE FUNCTION @extschema@.prefecture(@extschema@.insurer_no) RETURNS integer
    AS 'MODULE_PATHNAME', 'insurer_no_prefecture_sql' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.prefecture(@extschema@.insurer_no) IS '都道府県番号 of an insurer number';
CREATE FUNCTION @extschema@.law_code(@extschema@.kohi_no) RETURNS integer
    AS 'MODULE_PATHNAME', 'kohi_no_law_code_sql' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.law_code(@extschema@.kohi_no) IS '法別番号 of a public-expense payer number';
CREATE FUNCTION @extschema@.prefecture(@extschema@.kohi_no) RETURNS integer
    AS 'MODULE_PATHNAME', 'kohi_no_prefecture_sql' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.prefecture(@extschema@.kohi_no) IS '都道府県番号 of a public-expense payer number';

CREATE FUNCTION @extschema@.facility_code(prefecture text, score_table text, code text)
    RETURNS @extschema@.facility_code
    AS 'MODULE_PATHNAME', 'facility_code_from_receipt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.facility_code(text, text, text) IS
    '医療機関等コード from the receipt IR fields 都道府県 (2), 点数表 (1) and 医療機関コード (7)';
CREATE FUNCTION @extschema@.prefecture(@extschema@.facility_code) RETURNS integer
    AS 'MODULE_PATHNAME', 'facility_code_prefecture_sql' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.prefecture(@extschema@.facility_code) IS '都道府県番号 of a facility code';
CREATE FUNCTION @extschema@.score_table(@extschema@.facility_code) RETURNS integer
    AS 'MODULE_PATHNAME', 'facility_code_score_table_sql' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.score_table(@extschema@.facility_code) IS '点数表番号: 1 医科, 3 歯科, 4 調剤, 6 訪問看護';
CREATE FUNCTION @extschema@.local_code(@extschema@.facility_code) RETURNS text
    AS 'MODULE_PATHNAME', 'facility_code_local_sql' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.local_code(@extschema@.facility_code) IS 'the 7-digit 医療機関コード within the prefecture, as the receipt IR record has it';

------------------------------------------------------------------------------
-- 法別番号: what the first two digits of an 8-digit number mean
------------------------------------------------------------------------------
-- Which codes are 公費 and which insurance is fixed in the types (a stored
-- value's validity must not change); the names and kinds are here, for
-- users to extend with local codes (地方単独公費 80-99 differ by prefecture).
-- Rows the extension ships are marked builtin and follow the statute; pg_dump
-- saves the rows users add.
CREATE TABLE @extschema@.law_code (
    code     integer PRIMARY KEY CHECK (code BETWEEN 1 AND 99),
    scheme   text NOT NULL CHECK (scheme IN ('insurance', 'public_expense')),
    kind     text NOT NULL,
    name_ja  text NOT NULL,
    builtin  boolean NOT NULL DEFAULT false
);
COMMENT ON TABLE @extschema@.law_code IS '法別番号: the law behind an insurer or public-expense number; builtin rows follow the 記載要領 table, add local codes as new rows';

INSERT INTO @extschema@.law_code (code, scheme, kind, name_ja, builtin) VALUES
    (1,  'insurance', 'kyokai_kenpo', '全国健康保険協会管掌健康保険 (協会けんぽ)', true),
    (2,  'insurance', 'seamen', '船員保険', true),
    (3,  'insurance', 'day_laborer', '日雇特例被保険者の保険 (一般療養)', true),
    (4,  'insurance', 'day_laborer', '日雇特例被保険者の保険 (特別療養費)', true),
    (6,  'insurance', 'kumiai', '組合管掌健康保険', true),
    (7,  'insurance', 'self_defense', '防衛省職員給与法による自衛官等の療養の給付', true),
    (31, 'insurance', 'kyosai', '国家公務員共済組合', true),
    (32, 'insurance', 'kyosai', '地方公務員等共済組合', true),
    (33, 'insurance', 'kyosai', '警察共済組合', true),
    (34, 'insurance', 'kyosai', '公立学校共済組合・日本私立学校振興・共済事業団', true),
    (39, 'insurance', 'late_elderly', '後期高齢者医療', true),
    (63, 'insurance', 'special_retiree', '特定健康保険組合 (特例退職被保険者)', true),
    (67, 'insurance', 'retiree', '国民健康保険 退職者医療', true),
    (72, 'insurance', 'special_retiree', '国家公務員共済組合 (特例退職)', true),
    (73, 'insurance', 'special_retiree', '地方公務員等共済組合 (特例退職)', true),
    (74, 'insurance', 'special_retiree', '警察共済組合 (特例退職)', true),
    (75, 'insurance', 'special_retiree', '公立学校共済組合・日本私立学校振興・共済事業団 (特例退職)', true),
    (10, 'public_expense', 'public_expense', '感染症法 結核患者の適正医療', true),
    (11, 'public_expense', 'public_expense', '感染症法 結核患者の入院', true),
    (12, 'public_expense', 'public_expense', '生活保護法 医療扶助', true),
    (13, 'public_expense', 'public_expense', '戦傷病者特別援護法 療養の給付', true),
    (14, 'public_expense', 'public_expense', '戦傷病者特別援護法 更生医療', true),
    (15, 'public_expense', 'public_expense', '障害者総合支援法 更生医療', true),
    (16, 'public_expense', 'public_expense', '障害者総合支援法 育成医療', true),
    (17, 'public_expense', 'public_expense', '児童福祉法 療育の給付', true),
    (18, 'public_expense', 'public_expense', '原爆被爆者援護法 認定疾病医療', true),
    (19, 'public_expense', 'public_expense', '原爆被爆者援護法 一般疾病医療費', true),
    (20, 'public_expense', 'public_expense', '精神保健福祉法 措置入院', true),
    (21, 'public_expense', 'public_expense', '障害者総合支援法 精神通院医療', true),
    (22, 'public_expense', 'public_expense', '麻薬及び向精神薬取締法 入院措置', true),
    (23, 'public_expense', 'public_expense', '母子保健法 養育医療', true),
    (24, 'public_expense', 'public_expense', '障害者総合支援法 療養介護医療・基準該当療養介護医療', true),
    (25, 'public_expense', 'public_expense', '中国残留邦人等支援法 医療支援給付', true),
    (28, 'public_expense', 'public_expense', '感染症法 一類感染症等の入院', true),
    (29, 'public_expense', 'public_expense', '感染症法 新感染症の入院', true),
    (30, 'public_expense', 'public_expense', '医療観察法 医療の給付', true),
    (38, 'public_expense', 'public_expense', '肝炎治療特別促進事業', true),
    (51, 'public_expense', 'public_expense', '特定疾患治療費・先天性血液凝固因子障害等治療費 等', true),
    (52, 'public_expense', 'public_expense', '児童福祉法 小児慢性特定疾病医療支援', true),
    (53, 'public_expense', 'public_expense', '児童福祉法の措置等に係る医療の給付', true),
    (54, 'public_expense', 'public_expense', '難病法 特定医療', true),
    (62, 'public_expense', 'public_expense', '特定B型肝炎ウイルス感染者給付金等特措法 定期検査費等', true),
    (66, 'public_expense', 'public_expense', '石綿健康被害救済法 医療費', true),
    (79, 'public_expense', 'public_expense', '児童福祉法 肢体不自由児通所医療及び障害児入所医療', true);

SELECT pg_catalog.pg_extension_config_dump('@extschema@.law_code', 'WHERE NOT builtin');

-- The statute's rows stay as shipped: an edit would be lost by pg_dump,
-- which saves only the rows users add.  (The builtin rows above were
-- inserted before this trigger existed.)
CREATE FUNCTION @extschema@.law_code_protect_builtin() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS
$$
BEGIN
    IF (TG_OP <> 'INSERT' AND OLD.builtin) OR (TG_OP <> 'DELETE' AND NEW.builtin) THEN
        RAISE EXCEPTION 'builtin 法別番号 rows cannot be added, changed or deleted'
            USING ERRCODE = 'insufficient_privilege',
                  HINT = 'Builtin rows follow the statute and are restored by CREATE EXTENSION; add local codes as rows with builtin = false.';
    END IF;
    RETURN CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
END
$$;
COMMENT ON FUNCTION @extschema@.law_code_protect_builtin() IS 'trigger keeping the builtin 法別番号 rows as the extension ships them';
CREATE TRIGGER law_code_protect_builtin BEFORE INSERT OR UPDATE OR DELETE ON @extschema@.law_code
    FOR EACH ROW EXECUTE FUNCTION @extschema@.law_code_protect_builtin();

CREATE FUNCTION @extschema@.insurer_kind(@extschema@.insurer_no) RETURNS text
    LANGUAGE sql STABLE STRICT PARALLEL SAFE
    RETURN CASE WHEN @extschema@.law_code($1) IS NULL THEN 'national_health'
                ELSE (SELECT kind FROM @extschema@.law_code WHERE code = @extschema@.law_code($1)) END;
COMMENT ON FUNCTION @extschema@.insurer_kind(@extschema@.insurer_no) IS
    'kind of insurer: national_health (国民健康保険), kyokai_kenpo, kumiai, kyosai, late_elderly, … from hokenid.law_code; NULL for an unlisted 法別番号';
CREATE FUNCTION @extschema@.law_name(@extschema@.insurer_no) RETURNS text
    LANGUAGE sql STABLE STRICT PARALLEL SAFE
    RETURN CASE WHEN @extschema@.law_code($1) IS NULL THEN '国民健康保険'
                ELSE (SELECT name_ja FROM @extschema@.law_code WHERE code = @extschema@.law_code($1)) END;
COMMENT ON FUNCTION @extschema@.law_name(@extschema@.insurer_no) IS '制度 (scheme) name of the insurer''s 法別番号, from hokenid.law_code';
CREATE FUNCTION @extschema@.law_name(@extschema@.kohi_no) RETURNS text
    LANGUAGE sql STABLE STRICT PARALLEL SAFE
    RETURN (SELECT name_ja FROM @extschema@.law_code WHERE code = @extschema@.law_code($1));
COMMENT ON FUNCTION @extschema@.law_name(@extschema@.kohi_no) IS '制度 name of a public-expense payer''s 法別番号, from hokenid.law_code (local codes once added)';

-- ===========================================================================
-- 4. Qualification history (被保険者番号履歴) and eligibility (オンライン資格確認)
--
-- Who covered a person when: each insured number a person held, with the dates it covered
-- (資格取得日 to the day before 資格喪失日), chained across insurer changes.  The history
-- provider (履歴管理提供主体) writes it; clinics ask eligibility on a date; billing routes a
-- receipt to the insurer that covered the service date; registered recipients get a
-- person's history.
-- ===========================================================================
------------------------------------------------------------------------------
-- Tables (written only through the functions below)
------------------------------------------------------------------------------
-- No foreign key joins these tables (nor any two tables of this extension).  pg_dump saves
-- an extension's tables as data for tables CREATE EXTENSION has already made, constraints
-- and all; pg_restore -j loads them in parallel, each in its own transaction, in no order,
-- so a foreign key between two of them fails whenever the referencing table loads first
-- (and one within a table makes pg_dump warn of a circular foreign key).  The links hold
-- because the only writers are the functions below, which lock the person and write
-- person, number and qualification in that order; hokenid.integrity_problems() checks
-- every link, after a restore for instance.
-- The internal person key is never shown to callers other than the
-- provider's administration: it would let anyone join across numbers.
CREATE TABLE @extschema@.person (
    person_id   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    created_at  timestamptz NOT NULL DEFAULT pg_catalog.now()
);
COMMENT ON TABLE @extschema@.person IS '被保険者 (insured person): the internal key that ties a person''s numbers together';

-- A number belongs to one person for ever: the primary key makes a second
-- owner a unique violation (23505) even between concurrent sessions.
CREATE TABLE @extschema@.insured_number (
    insured     @extschema@.insured_no PRIMARY KEY,
    person_id   bigint NOT NULL,  -- the holder: hokenid.person
    -- the number the holder's history starts with (links only add later
    -- numbers, so it never changes); person-level linkage codes derive
    -- from it, as NDB's ID5 derives from the oldest number
    oldest      @extschema@.insured_no NOT NULL
);
CREATE INDEX insured_number_person ON @extschema@.insured_number (person_id);
COMMENT ON TABLE @extschema@.insured_number IS '被保険者番号 → person: each number has exactly one holder';

CREATE TABLE @extschema@.qualification (
    qualification_id  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    person_id         bigint NOT NULL,                    -- hokenid.person
    insured           @extschema@.insured_no NOT NULL,    -- hokenid.insured_number, of the same person
    -- the card as printed without 枝番, for legacy cards
    card              @extschema@.insured_no NOT NULL
                      GENERATED ALWAYS AS (@extschema@.without_branch(insured)) STORED,
    -- 法別番号 (0 for 国民健康保険): one qualification per 制度 and day
    law_code          integer NOT NULL
                      GENERATED ALWAYS AS (coalesce(@extschema@.law_code(@extschema@.insurer(insured)), 0)) STORED,
    relationship      text NOT NULL CHECK (relationship IN ('self', 'family')),
    coverage          daterange NOT NULL CHECK (NOT isempty(coverage) AND NOT lower_inf(coverage)),
    -- the qualification that took over through link_history (no forks: at most one)
    succeeded_by      bigint UNIQUE,
    -- A person has at most one qualification of a 制度 on a day.  The range
    -- over a single key stands in for equality so that core GiST suffices
    -- (no btree_gist needed).
    CONSTRAINT qualification_no_overlap EXCLUDE USING gist (
        int8range(person_id * 100 + law_code, person_id * 100 + law_code, '[]') WITH &&,
        coverage WITH &&)
);
CREATE INDEX qualification_insured ON @extschema@.qualification (insured);
CREATE INDEX qualification_card ON @extschema@.qualification (card);
CREATE INDEX qualification_person ON @extschema@.qualification (person_id, lower(coverage));
COMMENT ON TABLE @extschema@.qualification IS '資格: an insured number covering a person over a date range (資格取得日 inclusive, 資格喪失日 exclusive)';
COMMENT ON COLUMN @extschema@.qualification.relationship IS '本人 (self) or 家族 (family, 被扶養者)';

-- Recipients of history (履歴の提供先): only registered roles, each with the
-- law that allows it and the purpose.
CREATE TABLE @extschema@.history_recipient (
    recipient      regrole PRIMARY KEY,
    legal_basis    text NOT NULL CHECK (legal_basis <> ''),
    purpose        text NOT NULL CHECK (purpose <> ''),
    registered_at  timestamptz NOT NULL DEFAULT pg_catalog.now()
);
COMMENT ON TABLE @extschema@.history_recipient IS '履歴の提供先: roles that may receive a person''s number history, with legal basis and purpose';

CREATE TABLE @extschema@.history_provision (
    provided_at  timestamptz NOT NULL DEFAULT pg_catalog.clock_timestamp(),
    recipient    name NOT NULL,
    purpose      text NOT NULL,
    numbers      integer NOT NULL
);
COMMENT ON TABLE @extschema@.history_provision IS 'every provision of history: who, when, for what, how many numbers (never which)';

SELECT pg_catalog.pg_extension_config_dump('@extschema@.person', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.insured_number', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.qualification', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.history_recipient', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.history_provision', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.person_person_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.qualification_qualification_id_seq', '');

REVOKE ALL ON @extschema@.person, @extschema@.insured_number, @extschema@.qualification,
              @extschema@.history_recipient, @extschema@.history_provision FROM PUBLIC;

------------------------------------------------------------------------------
-- Internals
------------------------------------------------------------------------------
CREATE FUNCTION @extschema@.calling_role() RETURNS regrole
    AS 'MODULE_PATHNAME', 'calling_role' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.calling_role() IS
    'the role that called the current SECURITY DEFINER function (current_user outside it)';

-- Refuses dates a registration cannot honestly carry: a qualification is
-- registered when it happens, so nothing starts or ends more than a year
-- ahead, and nothing predates the health-insurance system.
CREATE FUNCTION @extschema@.check_history_date(day date, what text) RETURNS void
    LANGUAGE plpgsql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp AS
$$
BEGIN
    IF day IS NULL OR isfinite(day) IS NOT TRUE THEN
        RAISE EXCEPTION '% must be a finite date', what
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF day > CURRENT_DATE + 366 THEN
        RAISE EXCEPTION '% % is more than a year ahead', what, to_char(day, 'YYYY-MM-DD')
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'Register a qualification when it is acquired or lost.';
    END IF;
    IF day < DATE '1922-01-01' THEN
        RAISE EXCEPTION '% % predates health insurance in Japan (健康保険法, 1922)', what, to_char(day, 'YYYY-MM-DD')
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
END
$$;

-- The holder of a number, locked so that concurrent writers of the same
-- person serialise; NULL when the number is unknown.
CREATE FUNCTION @extschema@.lock_holder(number @extschema@.insured_no) RETURNS bigint
    LANGUAGE sql VOLATILE STRICT SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
    SELECT p.person_id FROM @extschema@.insured_number n JOIN @extschema@.person p USING (person_id)
    WHERE n.insured OPERATOR(pg_catalog.=) number
    FOR UPDATE OF p;
END;

-- Gives a number its holder.  A concurrent session may have claimed it
-- first; the unique violation is re-raised without the key, which is the
-- number itself and must not reach the log.
CREATE FUNCTION @extschema@.claim_number(number @extschema@.insured_no, holder bigint,
                                         oldest @extschema@.insured_no) RETURNS void
    LANGUAGE plpgsql VOLATILE STRICT SET search_path = pg_catalog, pg_temp AS
$$
BEGIN
    INSERT INTO @extschema@.insured_number (insured, person_id, oldest) VALUES (number, holder, oldest);
EXCEPTION WHEN unique_violation THEN
    RAISE EXCEPTION 'the number was registered by another session at the same time'
        USING ERRCODE = 'unique_violation',
              DETAIL = format('The number ends in %s.', @extschema@.masked(number)),
              HINT = 'Retry: the number now has a holder.';
END
$$;

CREATE FUNCTION @extschema@.masked(number @extschema@.insured_no) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path = pg_catalog, pg_temp
    RETURN repeat('*', greatest(length(number::text) - 2, 0)) || right(number::text, 2);
COMMENT ON FUNCTION @extschema@.masked(@extschema@.insured_no) IS
    'the form of a number allowed in messages: all but its last two characters hidden';

------------------------------------------------------------------------------
-- Writing the history (履歴管理提供主体)
------------------------------------------------------------------------------
CREATE FUNCTION @extschema@.register_qualification(
    insured @extschema@.insured_no, coverage daterange, relationship text DEFAULT 'self')
    RETURNS bigint
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS
$$
DECLARE
    holder bigint;
    new_id bigint;
BEGIN
    IF insured IS NULL OR coverage IS NULL OR relationship IS NULL THEN
        RAISE EXCEPTION 'insured, coverage and relationship are required'
            USING ERRCODE = 'null_value_not_allowed';
    END IF;
    IF isempty(coverage) OR lower_inf(coverage) THEN
        RAISE EXCEPTION 'coverage must have a first day (資格取得日)'
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    coverage := daterange(lower(coverage), upper(coverage), '[)');  -- canonical
    PERFORM @extschema@.check_history_date(lower(coverage), '資格取得日');
    IF NOT upper_inf(coverage) THEN
        PERFORM @extschema@.check_history_date(upper(coverage), '資格喪失日');
    END IF;
    IF relationship NOT IN ('self', 'family') THEN
        RAISE EXCEPTION 'relationship must be self (本人) or family (家族)'
            USING ERRCODE = 'invalid_parameter_value';
    END IF;

    holder := @extschema@.lock_holder(insured);
    IF holder IS NULL THEN
        INSERT INTO @extschema@.person DEFAULT VALUES RETURNING person_id INTO holder;
        PERFORM @extschema@.claim_number(insured, holder, insured);
    END IF;
    BEGIN
        INSERT INTO @extschema@.qualification (person_id, insured, relationship, coverage)
        VALUES (holder, insured, relationship, coverage)
        RETURNING qualification_id INTO new_id;
    EXCEPTION WHEN exclusion_violation THEN
        RAISE EXCEPTION 'coverage from % overlaps a qualification the person already has in the same scheme',
                to_char(lower(coverage), 'YYYY-MM-DD')
            USING ERRCODE = 'exclusion_violation',
                  DETAIL = format('The number ends in %s.', @extschema@.masked(insured)),
                  HINT = 'End the current qualification first (hokenid.end_qualification), or use hokenid.link_history for a change of number.';
    END;
    RETURN new_id;
END
$$;
COMMENT ON FUNCTION @extschema@.register_qualification(@extschema@.insured_no, daterange, text) IS
    '資格取得: register that a number covers its holder over a date range (a new number gets a new person); returns the qualification id';

CREATE FUNCTION @extschema@.end_qualification(insured @extschema@.insured_no, last_day date)
    RETURNS void
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS
$$
DECLARE
    holder bigint;
    current_row @extschema@.qualification;
BEGIN
    PERFORM @extschema@.check_history_date(last_day, 'last day');
    holder := @extschema@.lock_holder(insured);
    IF holder IS NULL THEN
        RAISE EXCEPTION 'unknown insured number'
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = format('The number ends in %s.', @extschema@.masked(insured));
    END IF;
    SELECT * INTO current_row FROM @extschema@.qualification q
    WHERE q.insured OPERATOR(pg_catalog.=) end_qualification.insured AND q.coverage @> last_day;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'the number does not cover % (no qualification to end on that day)',
                to_char(last_day, 'YYYY-MM-DD')
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'The last day must fall within the qualification being ended.';
    END IF;
    UPDATE @extschema@.qualification
    SET coverage = daterange(lower(coverage), last_day + 1, '[)')
    WHERE qualification_id = current_row.qualification_id;
END
$$;
COMMENT ON FUNCTION @extschema@.end_qualification(@extschema@.insured_no, date) IS
    '資格喪失: the qualification covering last_day ends after it (資格喪失日 = last_day + 1)';

CREATE FUNCTION @extschema@.link_history(
    previous @extschema@.insured_no, next @extschema@.insured_no, effective date)
    RETURNS bigint
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS
$$
DECLARE
    holder bigint;
    next_holder bigint;
    before @extschema@.qualification;
    new_id bigint;
BEGIN
    PERFORM @extschema@.check_history_date(effective, 'effective date');
    IF previous OPERATOR(pg_catalog.=) next THEN
        RAISE EXCEPTION 'a number cannot succeed itself'
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    holder := @extschema@.lock_holder(previous);
    IF holder IS NULL THEN
        RAISE EXCEPTION 'unknown previous insured number'
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = format('The number ends in %s.', @extschema@.masked(previous)),
                  HINT = 'Register the first number with hokenid.register_qualification.';
    END IF;
    SELECT person_id INTO next_holder FROM @extschema@.insured_number n
    WHERE n.insured OPERATOR(pg_catalog.=) next;
    IF next_holder IS NOT NULL AND next_holder <> holder THEN
        RAISE EXCEPTION 'the next number already belongs to another person'
            USING ERRCODE = 'unique_violation',
                  DETAIL = format('The number ends in %s.', @extschema@.masked(next));
    ELSIF next_holder = holder THEN
        RAISE EXCEPTION 'the next number is already in this person''s history: the link would create a cycle'
            USING ERRCODE = 'invalid_parameter_value';
    END IF;

    -- the person's qualification under the previous number that the new one takes over
    SELECT * INTO before FROM @extschema@.qualification q
    WHERE q.insured OPERATOR(pg_catalog.=) previous
    ORDER BY lower(q.coverage) DESC LIMIT 1;
    IF before.succeeded_by IS NOT NULL THEN
        RAISE EXCEPTION 'the previous number already has a successor'
            USING ERRCODE = 'unique_violation',
                  HINT = 'A history is a chain: link from the person''s latest number.';
    END IF;
    IF effective <= lower(before.coverage) THEN
        RAISE EXCEPTION 'effective date % is not after the previous number''s first day %',
                to_char(effective, 'YYYY-MM-DD'), to_char(lower(before.coverage), 'YYYY-MM-DD')
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF upper_inf(before.coverage) OR upper(before.coverage) > effective THEN
        UPDATE @extschema@.qualification SET coverage = daterange(lower(coverage), effective, '[)')
        WHERE qualification_id = before.qualification_id;
    END IF;

    PERFORM @extschema@.claim_number(next, holder,
        (SELECT n.oldest FROM @extschema@.insured_number n WHERE n.insured OPERATOR(pg_catalog.=) previous));
    BEGIN
        INSERT INTO @extschema@.qualification (person_id, insured, relationship, coverage)
        VALUES (holder, next, before.relationship, daterange(effective, NULL, '[)'))
        RETURNING qualification_id INTO new_id;
    EXCEPTION WHEN exclusion_violation THEN
        RAISE EXCEPTION 'the person already has a qualification in the same scheme from %',
                to_char(effective, 'YYYY-MM-DD')
            USING ERRCODE = 'exclusion_violation';
    END;
    UPDATE @extschema@.qualification SET succeeded_by = new_id
    WHERE qualification_id = before.qualification_id;
    RETURN new_id;
END
$$;
COMMENT ON FUNCTION @extschema@.link_history(@extschema@.insured_no, @extschema@.insured_no, date) IS
    '被保険者番号履歴: the holder of previous now holds next from effective; previous ends the day before unless it already ended';

------------------------------------------------------------------------------
-- Reading the history
------------------------------------------------------------------------------
CREATE FUNCTION @extschema@.register_history_recipient(recipient regrole, legal_basis text, purpose text)
    RETURNS void
    LANGUAGE sql VOLATILE STRICT SECURITY DEFINER SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
    INSERT INTO @extschema@.history_recipient (recipient, legal_basis, purpose)
    VALUES (recipient, legal_basis, purpose);
END;
COMMENT ON FUNCTION @extschema@.register_history_recipient(regrole, text, text) IS
    '履歴の提供先の登録: allow a role to receive histories, recording the law that allows it and the purpose';

-- Every provision is in the audit trail (hokenid.audit_history_provision, section 6) before
-- its rows leave: 告知要求制限, no record, no disclosure.  history_provision is a convenience
-- that a rollback undoes.
CREATE FUNCTION @extschema@.history(insured @extschema@.insured_no)
    RETURNS SETOF @extschema@.history_entry
    LANGUAGE plpgsql VOLATILE STRICT SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS
$$
DECLARE
    caller regrole := @extschema@.calling_role();
    registration @extschema@.history_recipient;
    holder bigint;
    given @extschema@.insured_no := insured;
    provided integer;
BEGIN
    SELECT * INTO registration FROM @extschema@.history_recipient r
    WHERE pg_has_role(caller, r.recipient, 'MEMBER')
    ORDER BY r.registered_at LIMIT 1;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'role % is not a registered recipient of insured-number history', caller
            USING ERRCODE = 'insufficient_privilege',
                  HINT = 'History is given only to recipients registered with hokenid.register_history_recipient (履歴の提供先の限定).';
    END IF;
    SELECT n.person_id INTO holder FROM @extschema@.insured_number n WHERE n.insured OPERATOR(pg_catalog.=) given;
    RETURN QUERY
        SELECT q.insured, q.coverage, q.relationship, q.insured OPERATOR(pg_catalog.=) given
        FROM @extschema@.qualification q
        WHERE q.person_id = holder
        ORDER BY lower(q.coverage), q.qualification_id;
    GET DIAGNOSTICS provided = ROW_COUNT;
    -- the rows leave when the function returns: the record is written first
    PERFORM @extschema@.audit_history_provision(given, provided);
    INSERT INTO @extschema@.history_provision (recipient, purpose, numbers)
    VALUES (caller::text, registration.purpose, provided);
END
$$;
COMMENT ON FUNCTION @extschema@.history(@extschema@.insured_no) IS
    '被保険者番号履歴の提供: every qualification of the number''s holder, oldest first; registered recipients only, each provision logged';

-- For the linkage codes: the number the holder's history starts with
-- (NDB's ID5 is derived from the oldest number), or the number itself when
-- it has no history.
CREATE FUNCTION @extschema@.oldest_number(insured @extschema@.insured_no) RETURNS @extschema@.insured_no
    LANGUAGE sql STABLE STRICT SECURITY DEFINER PARALLEL SAFE SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
    SELECT coalesce(
        (SELECT n.oldest FROM @extschema@.insured_number n
         WHERE n.insured OPERATOR(pg_catalog.=) oldest_number.insured),
        oldest_number.insured);
END;
COMMENT ON FUNCTION @extschema@.oldest_number(@extschema@.insured_no) IS
    'the first number of the holder''s history, or the number itself; for person-level linkage codes, not for analysts';

------------------------------------------------------------------------------
-- Eligibility (オンライン資格確認) and receipt routing
------------------------------------------------------------------------------
-- Whether a registered number answers to a card: same insurer, 記号 and
-- 番号, and the same 枝番 unless one side has none (a legacy card, or a
-- registration made from one).
CREATE FUNCTION @extschema@.card_matches(registered @extschema@.insured_no, card @extschema@.insured_no)
    RETURNS boolean
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN @extschema@.without_branch(registered) OPERATOR(pg_catalog.=) @extschema@.without_branch(card)
       AND (@extschema@.branch(registered) IS NULL OR @extschema@.branch(card) IS NULL
            OR @extschema@.branch(registered) = @extschema@.branch(card));
COMMENT ON FUNCTION @extschema@.card_matches(@extschema@.insured_no, @extschema@.insured_no) IS
    'whether a registered number answers to a card, a card without 枝番 answering to any 枝番';

-- The holder a card designates on a day.  A number with 枝番 designates its
-- holder.  A card without 枝番 designates a person only when exactly one
-- person holds that 記号・番号 under that insurer on the day (failing that,
-- on any day): never a guess.
CREATE FUNCTION @extschema@.resolve_holder(card @extschema@.insured_no, on_date date,
                                           OUT holder bigint, OUT ambiguous boolean)
    LANGUAGE plpgsql STABLE STRICT SET search_path = pg_catalog, pg_temp AS
$$
DECLARE
    holders bigint[];
BEGIN
    ambiguous := false;
    SELECT n.person_id INTO holder FROM @extschema@.insured_number n
    WHERE n.insured OPERATOR(pg_catalog.=) resolve_holder.card;
    IF FOUND THEN
        RETURN;
    END IF;
    SELECT array_agg(DISTINCT q.person_id) INTO holders FROM @extschema@.qualification q
    WHERE q.card OPERATOR(pg_catalog.=) @extschema@.without_branch(resolve_holder.card)
      AND @extschema@.card_matches(q.insured, resolve_holder.card) AND q.coverage @> on_date;
    IF holders IS NULL THEN
        SELECT array_agg(DISTINCT q.person_id) INTO holders FROM @extschema@.qualification q
        WHERE q.card OPERATOR(pg_catalog.=) @extschema@.without_branch(resolve_holder.card)
          AND @extschema@.card_matches(q.insured, resolve_holder.card);
    END IF;
    IF cardinality(holders) = 1 THEN
        holder := holders[1];
    ELSIF cardinality(holders) > 1 THEN
        ambiguous := true;
    END IF;
END
$$;

CREATE FUNCTION @extschema@.eligibility(insured @extschema@.insured_no, on_date date DEFAULT CURRENT_DATE,
    OUT eligible boolean, OUT reason text, OUT current_insured @extschema@.insured_no,
    OUT insurer @extschema@.insurer_no)
    LANGUAGE plpgsql STABLE STRICT SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS
$$
DECLARE
    found_holder record;
    covering @extschema@.qualification;
    first_day date;
    lost_on date;
BEGIN
    eligible := false;
    found_holder := @extschema@.resolve_holder(eligibility.insured, on_date);
    IF found_holder.ambiguous THEN
        reason := 'ambiguous: a card without 枝番 that more than one person holds';
        RETURN;
    END IF;
    IF found_holder.holder IS NULL THEN
        reason := 'unknown number';
        RETURN;
    END IF;

    -- the qualification this card gives on the day
    SELECT * INTO covering FROM @extschema@.qualification q
    WHERE q.person_id = found_holder.holder AND q.coverage @> on_date
      AND @extschema@.card_matches(q.insured, eligibility.insured)
    LIMIT 1;
    IF FOUND THEN
        eligible := true;
        reason := 'eligible';
    ELSE
        SELECT min(lower(q.coverage)), max(upper(q.coverage)) FILTER (WHERE upper(q.coverage) <= on_date)
        INTO first_day, lost_on
        FROM @extschema@.qualification q
        WHERE q.person_id = found_holder.holder AND @extschema@.card_matches(q.insured, eligibility.insured);
        IF lost_on IS NOT NULL THEN
            reason := format('lost on %s', to_char(lost_on, 'YYYY-MM-DD'));
        ELSE
            reason := format('not yet valid (from %s)', to_char(first_day, 'YYYY-MM-DD'));
        END IF;
    END IF;

    -- what the person holds now: the number covering the day, else the latest
    SELECT q.insured INTO current_insured FROM @extschema@.qualification q
    WHERE q.person_id = found_holder.holder
    ORDER BY q.coverage @> on_date DESC, lower(q.coverage) DESC
    LIMIT 1;
    insurer := @extschema@.insurer(current_insured);
END
$$;
COMMENT ON FUNCTION @extschema@.eligibility(@extschema@.insured_no, date) IS
    'オンライン資格確認: whether the number gives coverage on the day, why not (unknown number, lost on X, not yet valid, ambiguous), and the person''s current number and insurer';

CREATE FUNCTION @extschema@.route_receipt(insured @extschema@.insured_no, service_date date)
    RETURNS @extschema@.insured_no
    LANGUAGE plpgsql STABLE STRICT SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS
$$
DECLARE
    found_holder record := @extschema@.resolve_holder(route_receipt.insured, service_date);
BEGIN
    IF found_holder.holder IS NULL THEN
        RETURN NULL;
    END IF;
    RETURN (SELECT q.insured FROM @extschema@.qualification q
            WHERE q.person_id = found_holder.holder AND q.coverage @> service_date
            ORDER BY (q.insured OPERATOR(pg_catalog.=) route_receipt.insured) DESC, q.qualification_id
            LIMIT 1);
END
$$;
COMMENT ON FUNCTION @extschema@.route_receipt(@extschema@.insured_no, date) IS
    '資格の過誤請求の削減: the number (and so the insurer) that covered the person on the service date, whatever number the receipt carries; NULL when nobody covered it';

------------------------------------------------------------------------------
-- Privileges: nothing is public; the DBA grants roles (see README)
------------------------------------------------------------------------------
REVOKE ALL ON FUNCTION
    @extschema@.calling_role(),
    @extschema@.check_history_date(date, text),
    @extschema@.lock_holder(@extschema@.insured_no),
    @extschema@.claim_number(@extschema@.insured_no, bigint, @extschema@.insured_no),
    @extschema@.register_qualification(@extschema@.insured_no, daterange, text),
    @extschema@.end_qualification(@extschema@.insured_no, date),
    @extschema@.link_history(@extschema@.insured_no, @extschema@.insured_no, date),
    @extschema@.register_history_recipient(regrole, text, text),
    @extschema@.oldest_number(@extschema@.insured_no),
    @extschema@.card_matches(@extschema@.insured_no, @extschema@.insured_no),
    @extschema@.resolve_holder(@extschema@.insured_no, date),
    @extschema@.eligibility(@extschema@.insured_no, date),
    @extschema@.route_receipt(@extschema@.insured_no, service_date date)
FROM PUBLIC;
-- history() checks the caller against the registered recipients itself
GRANT EXECUTE ON FUNCTION @extschema@.history(@extschema@.insured_no) TO PUBLIC;

-- ===========================================================================
-- 5. Linkage codes (連結符号)
--
-- Databases such as NDB and 介護DB are joined on a code derived from the person's insured
-- number, never on the number: HMAC-SHA-256 under a named, versioned key that no role can
-- read.  The person-level code is derived from the first number of the person's history (as
-- NDB's ID5 is from the oldest number), so every number the person ever had gives the same
-- code.
-- ===========================================================================
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

------------------------------------------------------------------------------
-- The map of moved numbers behind person-level codes, shared by backends
------------------------------------------------------------------------------
-- Backends cache tables (the moved numbers here, the purposes in section 6): a statement
-- trigger on each makes every backend drop its copy when the table changes.
CREATE FUNCTION @extschema@.cached_table_changed() RETURNS trigger
    AS 'MODULE_PATHNAME', 'purposes_changed' LANGUAGE C;
COMMENT ON FUNCTION @extschema@.cached_table_changed() IS
    'statement trigger on tables that backends cache: a change makes every backend drop its copy';

-- Numbers whose history starts with another number (holders who changed
-- numbers).  Person-level linkage codes read them into a backend's map once
-- it has looked up many numbers; every other number is its own first number.
CREATE INDEX insured_number_moved ON @extschema@.insured_number (insured) INCLUDE (oldest)
    WHERE insured OPERATOR(pg_catalog.<>) oldest;
CREATE TRIGGER insured_number_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
    ON @extschema@.insured_number
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.cached_table_changed();

CREATE FUNCTION @extschema@.history_map(OUT backend_map text, OUT numbers bigint, OUT bytes bigint,
    OUT published boolean)
    RETURNS record
    AS 'MODULE_PATHNAME', 'history_map' LANGUAGE C VOLATILE PARALLEL RESTRICTED;
-- how many holders changed numbers is the history's business
REVOKE ALL ON FUNCTION @extschema@.history_map() FROM PUBLIC;
COMMENT ON FUNCTION @extschema@.history_map() IS
    'this backend''s map of moved numbers (none, private or shared), its numbers and bytes, and whether a map of this database''s current history is published for every backend';
CREATE FUNCTION @extschema@.build_history_map() RETURNS bigint
    AS 'MODULE_PATHNAME', 'build_history_map' LANGUAGE C VOLATILE PARALLEL UNSAFE;
REVOKE ALL ON FUNCTION @extschema@.build_history_map() FROM PUBLIC;
COMMENT ON FUNCTION @extschema@.build_history_map() IS
    'builds the map of moved numbers now (published for every backend unless this transaction wrote), so the first linkage query after a load of the history does not pay for it; returns the numbers mapped, NULL when over hokenid.history_cache_size';

-- ===========================================================================
-- 6. The notice-request restriction (告知要求制限) and its audit trail
--
-- Reading insured numbers needs a declared purpose that permits it (hokenid.purpose); every
-- disclosure and every refusal leaves a hash-chained audit record that survives rollback and
-- crashes.  The hooks that enforce it are the library's (section 0 checks they are loaded).
-- ===========================================================================
------------------------------------------------------------------------------
-- Purposes and who may declare them
------------------------------------------------------------------------------
CREATE TABLE @extschema@.purpose (
    name           text PRIMARY KEY CHECK (name <> ''),
    reads_numbers  boolean NOT NULL,
    builds_stores  boolean NOT NULL,
    description    text,
    builtin        boolean NOT NULL DEFAULT false
);
COMMENT ON TABLE @extschema@.purpose IS '目的: what a session may declare in hokenid.purpose, and whether it permits reading insured numbers and building stores of them';
INSERT INTO @extschema@.purpose VALUES
    ('資格確認', true, false, 'オンライン資格確認: a clinic confirming eligibility on the day of care', true),
    ('審査支払', true, true, '審査支払機関: examining and paying receipts', true),
    ('保険者業務', true, true, '保険者: the insurer''s own business (健康保険事業)', true),
    ('研究提供', false, false, 'research provision: codes, never numbers', true),
    ('backup', true, true, 'pg_dump and restore by a non-superuser backup role', true);

CREATE TABLE @extschema@.purpose_grant (
    member   regrole NOT NULL,
    purpose  text NOT NULL,  -- hokenid.purpose (no foreign key: see section 4's tables)
    PRIMARY KEY (member, purpose)
);
COMMENT ON TABLE @extschema@.purpose_grant IS 'which roles may declare which purposes';
-- pg_dump saves the purposes users add; the builtin ones come with CREATE EXTENSION
SELECT pg_catalog.pg_extension_config_dump('@extschema@.purpose', 'WHERE NOT builtin');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.purpose_grant', '');
REVOKE ALL ON @extschema@.purpose, @extschema@.purpose_grant FROM PUBLIC;
-- who may declare what is no secret, and the enforcement reads it as the caller
GRANT SELECT ON @extschema@.purpose, @extschema@.purpose_grant TO PUBLIC;

-- every backend re-reads the registry when it changes
CREATE TRIGGER purpose_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON @extschema@.purpose
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.cached_table_changed();
CREATE TRIGGER purpose_grant_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON @extschema@.purpose_grant
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.cached_table_changed();

-- What a foreign key from purpose_grant would do, without one (see section 4's tables): a
-- renamed purpose takes its grants along, a purpose still granted cannot be deleted (23503),
-- and grant_purpose refuses a purpose that is not registered.
CREATE FUNCTION @extschema@.purpose_keep_grants() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS
$$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        UPDATE @extschema@.purpose_grant g SET purpose = NEW.name WHERE g.purpose = OLD.name;
        RETURN NEW;
    END IF;
    IF EXISTS (SELECT 1 FROM @extschema@.purpose_grant g WHERE g.purpose = OLD.name) THEN
        RAISE EXCEPTION 'purpose "%" is still granted to roles', OLD.name
            USING ERRCODE = 'foreign_key_violation',
                  HINT = 'Delete its rows of hokenid.purpose_grant first.';
    END IF;
    RETURN OLD;
END
$$;
COMMENT ON FUNCTION @extschema@.purpose_keep_grants() IS
    'trigger on hokenid.purpose: a renamed purpose keeps its grants, a granted purpose is not deleted';
REVOKE ALL ON FUNCTION @extschema@.purpose_keep_grants() FROM PUBLIC;
CREATE TRIGGER purpose_renamed AFTER UPDATE OF name ON @extschema@.purpose
    FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name)
    EXECUTE FUNCTION @extschema@.purpose_keep_grants();
CREATE TRIGGER purpose_deleted AFTER DELETE ON @extschema@.purpose
    FOR EACH ROW EXECUTE FUNCTION @extschema@.purpose_keep_grants();

-- A grant that exists already is not added twice: restoring a dump into a database where
-- the superuser has granted the restoring role its backup purpose brings that grant again.
CREATE FUNCTION @extschema@.purpose_grant_once() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS
$$
BEGIN
    IF EXISTS (SELECT 1 FROM @extschema@.purpose_grant g
               WHERE g.member = NEW.member AND g.purpose = NEW.purpose) THEN
        RETURN NULL;
    END IF;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION @extschema@.purpose_grant_once() IS
    'trigger on hokenid.purpose_grant: a grant that exists already is skipped, not refused (restores into a database with grants)';
REVOKE ALL ON FUNCTION @extschema@.purpose_grant_once() FROM PUBLIC;
CREATE TRIGGER purpose_grant_once BEFORE INSERT ON @extschema@.purpose_grant
    FOR EACH ROW EXECUTE FUNCTION @extschema@.purpose_grant_once();

CREATE FUNCTION @extschema@.register_purpose(name text, reads_numbers boolean, builds_stores boolean)
    RETURNS void
    LANGUAGE sql VOLATILE STRICT SECURITY DEFINER SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
    INSERT INTO @extschema@.purpose (name, reads_numbers, builds_stores) VALUES (name, reads_numbers, builds_stores);
END;
COMMENT ON FUNCTION @extschema@.register_purpose(text, boolean, boolean) IS 'add a purpose to the registry';
CREATE FUNCTION @extschema@.grant_purpose(member regrole, purpose text) RETURNS void
    LANGUAGE plpgsql VOLATILE STRICT SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS
$$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM @extschema@.purpose p WHERE p.name = grant_purpose.purpose) THEN
        RAISE EXCEPTION 'unknown purpose "%"', purpose
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'Register it first with hokenid.register_purpose.';
    END IF;
    INSERT INTO @extschema@.purpose_grant VALUES (member, purpose) ON CONFLICT DO NOTHING;
END
$$;
COMMENT ON FUNCTION @extschema@.grant_purpose(regrole, text) IS 'allow a role (and its members) to declare a purpose';
REVOKE ALL ON FUNCTION @extschema@.register_purpose(text, boolean, boolean),
    @extschema@.grant_purpose(regrole, text) FROM PUBLIC;

------------------------------------------------------------------------------
-- The audit trail (a hash-chained file in the data directory) and its views
------------------------------------------------------------------------------
-- A record names its database; a statement whose rows leave while it runs has an opened
-- record before its first row and a closed one after its last (phase, opened_seq, outcome);
-- a role's refusals beyond hokenid.audit_refusals_per_minute are counted into one summary
-- record (statements = k).  audit_read() reads both record formats of the file.
CREATE FUNCTION @extschema@.audit_read() RETURNS SETOF @extschema@.audit_record
    AS 'MODULE_PATHNAME', 'audit_records' LANGUAGE C VOLATILE;
COMMENT ON FUNCTION @extschema@.audit_read() IS 'the audit file''s records, for hokenid.audit_records()';
-- The views call this as their reader: it lets through exactly the roles
-- that may read hokenid.audit_log (an auditor role the DBA grants).  So it
-- stays executable by PUBLIC, as a view's reader must be: it checks the
-- caller itself.
CREATE FUNCTION @extschema@.audit_records() RETURNS SETOF @extschema@.audit_record
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS
$$
BEGIN
    IF NOT has_table_privilege(@extschema@.calling_role(), '@extschema@.audit_log', 'SELECT') THEN
        RAISE EXCEPTION 'permission denied for the hokenid audit trail'
            USING ERRCODE = 'insufficient_privilege',
                  HINT = 'Auditors are granted SELECT on hokenid.audit_log.';
    END IF;
    RETURN QUERY SELECT * FROM @extschema@.audit_read();
END
$$;
COMMENT ON FUNCTION @extschema@.audit_records() IS 'the audit trail''s records, for roles that may read hokenid.audit_log';
CREATE FUNCTION @extschema@.audit_first_broken() RETURNS bigint
    AS 'MODULE_PATHNAME', 'audit_first_broken' LANGUAGE C VOLATILE;
COMMENT ON FUNCTION @extschema@.audit_first_broken() IS
    'the position of the first audit record whose hash link is broken (edited, inserted, deleted or cut), NULL when intact';
CREATE FUNCTION @extschema@.audit_verify() RETURNS boolean
    LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
    RETURN @extschema@.audit_first_broken() IS NULL;
COMMENT ON FUNCTION @extschema@.audit_verify() IS 'true when the audit trail''s hash chain is intact';
REVOKE ALL ON FUNCTION @extschema@.audit_read(), @extschema@.audit_first_broken(),
    @extschema@.audit_verify() FROM PUBLIC;

-- rows and persons are NULL where nobody knows them: a statement closed as
-- ended after its backend died or the server crashed.
CREATE VIEW @extschema@.audit_log AS
    SELECT seq, logged_at, pid, role_name, nullif(purpose, '') AS purpose, query_id, relations, action,
           refused, rows, persons,
           CASE WHEN digests = '' THEN '{}'::text[] ELSE string_to_array(digests, ',') END AS person_digests,
           database, phase, opened_seq, outcome, statements
    FROM @extschema@.audit_records();
COMMENT ON VIEW @extschema@.audit_log IS 'one row per audit record (監査記録): when, in which database, who, for what purpose, which relations, how many rows and persons (as keyed digests, never numbers); phase opened/closed brackets a statement''s rows, statements > 1 counts refusals summarised in one record';

-- A statement counts once: its complete record, or its opened one (the
-- closed one carries its persons); a summary counts its refusals.
CREATE VIEW @extschema@.audit_by_person AS
    SELECT digest AS person_digest, count(*) AS statements, array_agg(DISTINCT role_name) AS roles,
           min(logged_at) AS first_seen, max(logged_at) AS last_seen
    FROM @extschema@.audit_log, unnest(person_digests) AS digest GROUP BY digest;
CREATE VIEW @extschema@.audit_by_role AS
    SELECT role_name, coalesce(sum(statements) FILTER (WHERE phase <> 'closed'), 0)::bigint AS statements,
           coalesce(sum(statements) FILTER (WHERE refused), 0)::bigint AS refusals,
           sum(persons) AS persons, max(logged_at) AS last_seen
    FROM @extschema@.audit_log GROUP BY role_name;
CREATE VIEW @extschema@.audit_by_purpose AS
    SELECT purpose, coalesce(sum(statements) FILTER (WHERE phase <> 'closed'), 0)::bigint AS statements,
           coalesce(sum(statements) FILTER (WHERE refused), 0)::bigint AS refusals, sum(persons) AS persons
    FROM @extschema@.audit_log GROUP BY purpose;

-- What an auditor looks at first: refusals, disclosures outside business
-- hours (hokenid.audit_business_hours, e.g. '8-20'), and roles reading more
-- persons a day than hokenid.audit_daily_persons.
CREATE VIEW @extschema@.audit_violations AS
    SELECT seq, logged_at, role_name, purpose,
           CASE WHEN statements = 1 THEN 'refused' ELSE format('refused ×%s', statements) END AS violation
    FROM @extschema@.audit_log WHERE refused
    UNION ALL
    SELECT seq, logged_at, role_name, purpose, 'outside business hours'
    FROM @extschema@.audit_log
    WHERE NOT refused AND phase <> 'closed'
      AND (extract(hour FROM logged_at) < nullif(split_part(current_setting('hokenid.audit_business_hours', true), '-', 1), '')::int
        OR extract(hour FROM logged_at) >= nullif(split_part(current_setting('hokenid.audit_business_hours', true), '-', 2), '')::int)
    UNION ALL
    SELECT NULL, max(logged_at), role_name, NULL, format('%s persons on %s', sum(persons), logged_at::date)
    FROM @extschema@.audit_log
    WHERE NOT refused AND current_setting('hokenid.audit_daily_persons', true)::int > 0
    GROUP BY role_name, logged_at::date
    HAVING sum(persons) > current_setting('hokenid.audit_daily_persons', true)::int;

REVOKE ALL ON @extschema@.audit_log, @extschema@.audit_by_person, @extschema@.audit_by_role,
    @extschema@.audit_by_purpose, @extschema@.audit_violations FROM PUBLIC;

-- Every history provision is in the audit trail (告知要求制限: no record, no
-- disclosure), written outside the transaction before the rows leave; the
-- provision table stays as a convenience that a rollback undoes.
CREATE FUNCTION @extschema@.audit_history_provision(given @extschema@.insured_no, numbers integer) RETURNS void
    AS 'MODULE_PATHNAME', 'audit_history_provision' LANGUAGE C VOLATILE STRICT;
COMMENT ON FUNCTION @extschema@.audit_history_provision(@extschema@.insured_no, integer) IS
    'records a history provision (action provide) in the audit trail; called by hokenid.history()';
REVOKE ALL ON FUNCTION @extschema@.audit_history_provision(@extschema@.insured_no, integer) FROM PUBLIC;

-- The restriction by data flow: statistics that publish no number.  Every
-- type that carries insured numbers analyses without values (no most common
-- values, no histogram bounds in pg_stats); statistics gathered before are
-- dropped and come back, without values, at the next ANALYZE.
-- (number_typanalyze, section 1; called at the end of this script, section 9)
CREATE FUNCTION @extschema@.protect_number_statistics() RETURNS bigint
    AS 'MODULE_PATHNAME', 'protect_number_statistics' LANGUAGE C VOLATILE;
COMMENT ON FUNCTION @extschema@.protect_number_statistics() IS
    'makes every type that carries insured numbers analyse without values and drops statistics that hold them; returns the columns whose statistics were dropped';
REVOKE ALL ON FUNCTION @extschema@.protect_number_statistics() FROM PUBLIC;

-- ===========================================================================
-- 7. Receipts (UKE files, レセプト電算処理): records, the minimum data set (最小データセット),
--    problems, and the code masters (支払基金 基本マスター) that name the codes
-- ===========================================================================
------------------------------------------------------------------------------
-- Records
------------------------------------------------------------------------------
-- Each function reads a bytea, a large object (oid: files beyond 1 GB, read
-- in chunks) or, for members of pg_read_server_files, a server file.
-- encoding: 'SJIS' (CP932, as submitted), 'UTF8', or NULL to detect (a
-- bytea that is valid UTF-8 throughout is UTF-8; streams default to SJIS).
CREATE FUNCTION @extschema@.receipt_records(data bytea, encoding text DEFAULT NULL, strict boolean DEFAULT true)
    RETURNS SETOF @extschema@.receipt_record
    AS 'MODULE_PATHNAME', 'receipt_records' LANGUAGE C IMMUTABLE PARALLEL SAFE ROWS 1000;
CREATE FUNCTION @extschema@.receipt_records(object oid, encoding text DEFAULT NULL, strict boolean DEFAULT true)
    RETURNS SETOF @extschema@.receipt_record
    AS 'MODULE_PATHNAME', 'receipt_records' LANGUAGE C VOLATILE PARALLEL UNSAFE ROWS 1000;
CREATE FUNCTION @extschema@.receipt_file_records(path text, encoding text DEFAULT NULL, strict boolean DEFAULT true)
    RETURNS SETOF @extschema@.receipt_record
    AS 'MODULE_PATHNAME', 'receipt_records' LANGUAGE C VOLATILE PARALLEL UNSAFE ROWS 1000;
COMMENT ON FUNCTION @extschema@.receipt_records(bytea, text, boolean) IS
    'the records of a receipt file: line, receipt (RE レセプト番号), record type, fields[i] = CSV column i decoded to UTF-8; strict => false returns undecodable lines as rows with problem set';
COMMENT ON FUNCTION @extschema@.receipt_records(oid, text, boolean) IS 'receipt_records of a large object, read in chunks';
COMMENT ON FUNCTION @extschema@.receipt_file_records(text, text, boolean) IS 'receipt_records of a server file (pg_read_server_files), read in chunks';

------------------------------------------------------------------------------
-- The minimum data set
------------------------------------------------------------------------------
CREATE FUNCTION @extschema@.receipt_mds(data bytea, encoding text DEFAULT NULL, mask_diagnoses boolean DEFAULT false)
    RETURNS SETOF @extschema@.mds_item
    AS 'MODULE_PATHNAME', 'receipt_mds' LANGUAGE C IMMUTABLE PARALLEL SAFE ROWS 5000;
CREATE FUNCTION @extschema@.receipt_mds(object oid, encoding text DEFAULT NULL, mask_diagnoses boolean DEFAULT false)
    RETURNS SETOF @extschema@.mds_item
    AS 'MODULE_PATHNAME', 'receipt_mds' LANGUAGE C VOLATILE PARALLEL UNSAFE ROWS 5000;
CREATE FUNCTION @extschema@.receipt_file_mds(path text, encoding text DEFAULT NULL, mask_diagnoses boolean DEFAULT false)
    RETURNS SETOF @extschema@.mds_item
    AS 'MODULE_PATHNAME', 'receipt_mds' LANGUAGE C VOLATILE PARALLEL UNSAFE ROWS 5000;
COMMENT ON FUNCTION @extschema@.receipt_mds(bytea, text, boolean) IS
    '最小データセット: one row per item and day of care (diagnoses with their 修飾語, drugs, injections, tests, imaging, surgery, anesthesia, management fees, admission, discharge, transplant; 調剤: each drug per dispensing, with the prescription day, the prescribing facility and doctor; DPC: every act, drug and material of the コーディングデータ on its day, diagnoses with ICD-10 and 傷病名区分) with the receipt''s insured number (枝番 from SN), 公費, facility and patient basics; points stand on the last row of a billing unit; mask_diagnoses hides diagnosis codes, modifiers, names and ICD-10';
COMMENT ON FUNCTION @extschema@.receipt_mds(oid, text, boolean) IS 'receipt_mds of a large object, read in chunks';
COMMENT ON FUNCTION @extschema@.receipt_file_mds(text, text, boolean) IS 'receipt_mds of a server file (pg_read_server_files), read in chunks';

------------------------------------------------------------------------------
-- Problems
------------------------------------------------------------------------------
CREATE FUNCTION @extschema@.receipt_check(data bytea, encoding text DEFAULT NULL)
    RETURNS SETOF @extschema@.receipt_problem
    AS 'MODULE_PATHNAME', 'receipt_check' LANGUAGE C IMMUTABLE PARALLEL SAFE ROWS 10;
CREATE FUNCTION @extschema@.receipt_check(object oid, encoding text DEFAULT NULL)
    RETURNS SETOF @extschema@.receipt_problem
    AS 'MODULE_PATHNAME', 'receipt_check' LANGUAGE C VOLATILE PARALLEL UNSAFE ROWS 10;
CREATE FUNCTION @extschema@.receipt_file_check(path text, encoding text DEFAULT NULL)
    RETURNS SETOF @extschema@.receipt_problem
    AS 'MODULE_PATHNAME', 'receipt_check' LANGUAGE C VOLATILE PARALLEL UNSAFE ROWS 10;
COMMENT ON FUNCTION @extschema@.receipt_check(bytea, text) IS
    'what is wrong with a receipt file, one row per problem, never raising: record order, types and field counts, over-long text, check digits of 保険者番号/公費負担者番号/受給者番号/医療機関コード, dates, GO totals';
COMMENT ON FUNCTION @extschema@.receipt_check(oid, text) IS 'receipt_check of a large object';
COMMENT ON FUNCTION @extschema@.receipt_file_check(text, text) IS 'receipt_check of a server file (pg_read_server_files)';

CREATE FUNCTION @extschema@.receipt_date(text) RETURNS date
    AS 'MODULE_PATHNAME', 'receipt_date_sql' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.receipt_date(text) IS
    'a receipt date: 西暦 YYYYMMDD or 和暦 GYYMMDD (G: 1 明治 2 大正 3 昭和 4 平成 5 令和); NULL when it is neither';

------------------------------------------------------------------------------
-- Synthetic receipts: 医科, 調剤 and DPC files
------------------------------------------------------------------------------
CREATE FUNCTION @extschema@.generate_receipts(seed bigint, receipts integer, encoding text DEFAULT 'SJIS',
    kind text DEFAULT 'medical')
    RETURNS bytea
    AS 'MODULE_PATHNAME', 'generate_receipts' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.generate_receipts(bigint, integer, text, text) IS
    'a synthetic receipt file, deterministic from the seed, every number valid and GO totals true: kind medical (医科, RECEIPTC.UKE), pharmacy (調剤, RECEIPTY.UKE, prescriptions of the medical file''s clinic) or dpc (DPC, RECEIPTD.UKE: inpatient stays with coding data); SJIS (as submitted) or UTF8';

------------------------------------------------------------------------------
-- Code masters (支払基金 基本マスター): names for the codes of the minimum data set
------------------------------------------------------------------------------
-- One table for the six masters: 9-digit codes are unique across them by
-- their first digit (1 診療行為, 6 医薬品, 7 特定器材, 8 コメント), 傷病名
-- codes have 7 digits and 修飾語 codes 4 (0001-7999 prefixes, 8000-8999
-- suffixes); each version of a code is kept from its 変更年月日.
CREATE TABLE @extschema@.code_master (
    kind         "char" NOT NULL CHECK (kind IN ('Y', 'S', 'B', 'T', 'C', 'Z')),
    code         text NOT NULL,
    valid_from   date NOT NULL,
    valid_until  date,
    name         text NOT NULL,
    kana         text,
    unit         text,
    amount       numeric,
    PRIMARY KEY (kind, code, valid_from)
);
CREATE INDEX code_master_code ON @extschema@.code_master (code, valid_from);
COMMENT ON TABLE @extschema@.code_master IS
    '支払基金 code masters: Y 医薬品, S 診療行為, B 傷病名, T 特定器材, C コメント, Z 修飾語; name is 漢字名称 (診療行為: 省略漢字名称, 傷病名: 基本名称), amount 新又は現金額/点数, valid_until 廃止年月日 (NULL: none)';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.code_master', '');
GRANT SELECT ON @extschema@.code_master TO PUBLIC;

CREATE FUNCTION @extschema@.code_master_rows(data bytea, encoding text DEFAULT NULL,
    OUT line_no integer, OUT kind text, OUT change integer, OUT code text, OUT name text, OUT kana text,
    OUT unit text, OUT amount numeric, OUT valid_from date, OUT valid_until date)
    RETURNS SETOF record
    AS 'MODULE_PATHNAME', 'code_master_rows' LANGUAGE C IMMUTABLE PARALLEL SAFE ROWS 10000;
COMMENT ON FUNCTION @extschema@.code_master_rows(bytea, text) IS
    'the records of a 支払基金 master file (Shift_JIS CSV) with 変更区分 (change): 0 as before, 1 抹消, 2 復活, 3 新規, 5 変更, 9 廃止';
-- Loads a master file into code_master: 抹消 (erased) codes go, every other
-- record is stored or replaces the version of the same 変更年月日.  Owner's
-- rights, so the DBA grants EXECUTE rather than write access to the table.
CREATE FUNCTION @extschema@.load_code_master(data bytea, encoding text DEFAULT NULL) RETURNS bigint
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    loaded bigint;
BEGIN
    WITH records AS MATERIALIZED (
        SELECT * FROM @extschema@.code_master_rows(data, encoding)
    ), erased AS (
        DELETE FROM @extschema@.code_master m USING records r
        WHERE r.change = 1 AND m.kind = r.kind::"char" AND m.code = r.code
    ), latest AS (
        SELECT DISTINCT ON (kind, code, valid_from) * FROM records
        WHERE change <> 1 ORDER BY kind, code, valid_from, line_no DESC
    ), stored AS (
        INSERT INTO @extschema@.code_master (kind, code, valid_from, valid_until, name, kana, unit, amount)
        SELECT kind::"char", code, valid_from, valid_until, name, kana, unit, amount FROM latest
        ON CONFLICT (kind, code, valid_from) DO UPDATE
            SET valid_until = EXCLUDED.valid_until, name = EXCLUDED.name, kana = EXCLUDED.kana,
                unit = EXCLUDED.unit, amount = EXCLUDED.amount
        RETURNING 1
    )
    SELECT count(*) INTO loaded FROM stored;
    RETURN loaded;
END
$$;
REVOKE ALL ON FUNCTION @extschema@.load_code_master(bytea, text) FROM PUBLIC;
COMMENT ON FUNCTION @extschema@.load_code_master(bytea, text) IS
    'loads a 支払基金 master file (医薬品 y_, 診療行為 s_, 傷病名 b_, 特定器材 t_, コメント c_, 修飾語 z_) into code_master; returns the records stored';

-- Each code's name as of the day of care; a diagnosis is named with its
-- 修飾語 around it (prefixes 0001-7999 before, suffixes 8000-8999 after, in
-- the order the receipt gives them).  A modifier the master lacks shows as
-- [code]: leaving it out could turn 「胃癌の疑い」 into 「胃癌」.
CREATE FUNCTION @extschema@.receipt_mds_named(data bytea, encoding text DEFAULT NULL, mask_diagnoses boolean DEFAULT false)
    RETURNS SETOF @extschema@.mds_named_item
    LANGUAGE sql STABLE PARALLEL SAFE ROWS 5000
BEGIN ATOMIC
    SELECT m.*,
           CASE WHEN m.modifiers IS NULL OR c.name IS NULL THEN c.name
                ELSE concat(z.prefixes, c.name, z.suffixes) END,
           c.unit
    FROM @extschema@.receipt_mds(data, encoding, mask_diagnoses) AS m
    LEFT JOIN LATERAL (
        SELECT c.name, c.unit FROM @extschema@.code_master AS c
        WHERE c.code = m.code
          AND (m.service_date IS NULL OR (c.valid_from <= m.service_date
                                          AND (c.valid_until IS NULL OR c.valid_until >= m.service_date)))
        ORDER BY c.valid_from DESC LIMIT 1
    ) AS c ON true
    LEFT JOIN LATERAL (
        SELECT string_agg(coalesce(n.name, '[' || z.modifier || ']'), '' ORDER BY z.position)
                   FILTER (WHERE z.modifier < '8000') AS prefixes,
               string_agg(coalesce(n.name, '[' || z.modifier || ']'), '' ORDER BY z.position)
                   FILTER (WHERE z.modifier >= '8000') AS suffixes
        FROM generate_series(1, length(m.modifiers) / 4) AS z0(position)
        CROSS JOIN LATERAL (SELECT z0.position, substr(m.modifiers, z0.position * 4 - 3, 4) AS modifier) AS z
        LEFT JOIN LATERAL (
            SELECT c.name FROM @extschema@.code_master AS c
            WHERE c.kind = 'Z' AND c.code = z.modifier
              AND (m.service_date IS NULL OR (c.valid_from <= m.service_date
                                              AND (c.valid_until IS NULL OR c.valid_until >= m.service_date)))
            ORDER BY c.valid_from DESC LIMIT 1
        ) AS n ON true
        WHERE m.modifiers IS NOT NULL
    ) AS z ON true;
END;
COMMENT ON FUNCTION @extschema@.receipt_mds_named(bytea, text, boolean) IS
    'receipt_mds with code_name and code_unit from hokenid.code_master, the version valid on the day of care; a diagnosis is named with its 修飾語';

-- ===========================================================================
-- 8. The links between the extension's tables, checked
--
-- No foreign key joins two tables of this extension (a parallel pg_restore loads them in no
-- order: see section 4's tables).  The writing functions keep the links; this checks them.
-- ===========================================================================
CREATE FUNCTION @extschema@.integrity_problems(OUT relation regclass, OUT problem text, OUT rows bigint)
    RETURNS SETOF record
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
    SELECT c.relation, c.problem, c.rows
    FROM (
        SELECT '@extschema@.insured_number'::regclass, 'the holder (person_id) is not in hokenid.person', count(*)
        FROM @extschema@.insured_number n
        WHERE NOT EXISTS (SELECT 1 FROM @extschema@.person p WHERE p.person_id = n.person_id)
        UNION ALL
        SELECT '@extschema@.insured_number'::regclass, 'the first number (oldest) is not a number of the same holder', count(*)
        FROM @extschema@.insured_number n
        WHERE NOT EXISTS (SELECT 1 FROM @extschema@.insured_number o
                          WHERE o.insured OPERATOR(pg_catalog.=) n.oldest AND o.person_id = n.person_id)
        UNION ALL
        SELECT '@extschema@.qualification'::regclass, 'the person (person_id) is not in hokenid.person', count(*)
        FROM @extschema@.qualification q
        WHERE NOT EXISTS (SELECT 1 FROM @extschema@.person p WHERE p.person_id = q.person_id)
        UNION ALL
        SELECT '@extschema@.qualification'::regclass, 'the number (insured) is not in hokenid.insured_number', count(*)
        FROM @extschema@.qualification q
        WHERE NOT EXISTS (SELECT 1 FROM @extschema@.insured_number n WHERE n.insured OPERATOR(pg_catalog.=) q.insured)
        UNION ALL
        SELECT '@extschema@.qualification'::regclass, 'the person is not the holder of the number', count(*)
        FROM @extschema@.qualification q JOIN @extschema@.insured_number n ON n.insured OPERATOR(pg_catalog.=) q.insured
        WHERE n.person_id <> q.person_id
        UNION ALL
        SELECT '@extschema@.qualification'::regclass, 'succeeded_by is not a qualification of the same person', count(*)
        FROM @extschema@.qualification q
        WHERE q.succeeded_by IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM @extschema@.qualification s
                          WHERE s.qualification_id = q.succeeded_by AND s.person_id = q.person_id)
        UNION ALL
        SELECT '@extschema@.purpose_grant'::regclass, 'the purpose is not in hokenid.purpose', count(*)
        FROM @extschema@.purpose_grant g
        WHERE NOT EXISTS (SELECT 1 FROM @extschema@.purpose p WHERE p.name = g.purpose)
    ) AS c(relation, problem, rows)
    WHERE c.rows > 0;
END;
COMMENT ON FUNCTION @extschema@.integrity_problems() IS
    'the links between the extension''s tables that foreign keys would check (number -> person, qualification -> number and person, successor, grant -> purpose): one row per kind of broken link with how many rows break it (no numbers); no row when every link holds';
REVOKE ALL ON FUNCTION @extschema@.integrity_problems() FROM PUBLIC;

-- ===========================================================================
-- 9. Statistics that publish no number
-- ===========================================================================
-- Every type that carries insured numbers -- insured_no, its array, and every row type above
-- that holds one -- analyses through number_typanalyze (section 1), so no number reaches
-- pg_stats.  Types made later are set up as they are made, by the restriction's hooks.
SELECT @extschema@.protect_number_statistics();
