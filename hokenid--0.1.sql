-- hokenid 0.1: the identifier types.
--   insurer_no     保険者番号           (8 digits, or 6 for 国民健康保険)
--   kohi_no        公費負担者番号       (8 digits)
--   facility_code  医療機関等コード     (10 digits)
--   insured_no     個人単位被保険者番号 (insurer + 記号 + 番号 + 枝番)
-- and the 法別番号 table behind their accessors.
\echo Use "CREATE EXTENSION hokenid" to load this file. \quit

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

-- The types are for everyone; what is private in later versions (tables,
-- functions that reveal or link numbers) is revoked object by object.
GRANT USAGE ON SCHEMA @extschema@ TO PUBLIC;

------------------------------------------------------------------------------
-- Types, operators, operator classes, casts
------------------------------------------------------------------------------

-- insurer_no: 保険者番号 (insurer number).  Stored as int4 by value; comparison and hashing are the
-- int4 functions themselves, bound to this type.
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
CREATE OPERATOR @extschema@.= (
    LEFTARG = @extschema@.insurer_no, RIGHTARG = @extschema@.insurer_no,
    FUNCTION = @extschema@.insurer_no_eq,
    COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
    RESTRICT = eqsel, JOIN = eqjoinsel,
    HASHES, MERGES
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
CREATE OPERATOR CLASS @extschema@.insurer_no_ops
    DEFAULT FOR TYPE @extschema@.insurer_no USING btree AS
        OPERATOR 1 @extschema@.< ,
        OPERATOR 2 @extschema@.<= ,
        OPERATOR 3 @extschema@.= ,
        OPERATOR 4 @extschema@.>= ,
        OPERATOR 5 @extschema@.> ,
        FUNCTION 1 @extschema@.insurer_no_cmp(@extschema@.insurer_no, @extschema@.insurer_no),
        FUNCTION 2 @extschema@.insurer_no_sortsupport(internal);
CREATE OPERATOR CLASS @extschema@.insurer_no_hash_ops
    DEFAULT FOR TYPE @extschema@.insurer_no USING hash AS
        OPERATOR 1 @extschema@.= ,
        FUNCTION 1 @extschema@.insurer_no_hash(@extschema@.insurer_no),
        FUNCTION 2 @extschema@.insurer_no_hash_extended(@extschema@.insurer_no, bigint);
CREATE CAST (text AS @extschema@.insurer_no) WITH INOUT;
CREATE CAST (@extschema@.insurer_no AS text) WITH INOUT AS ASSIGNMENT;
CREATE FUNCTION @extschema@.is_valid_insurer_no(text) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.is_valid_insurer_no(text) IS 'whether the text is a valid 保険者番号, without raising';
CREATE FUNCTION @extschema@.insurer_no_error(text) RETURNS text
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.insurer_no_error(text) IS 'the rule a 保険者番号 text breaks, or NULL when it is valid';

-- kohi_no: 公費負担者番号 (public-expense payer number).  Stored as int4 by value; comparison and hashing are the
-- int4 functions themselves, bound to this type.
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
CREATE OPERATOR @extschema@.= (
    LEFTARG = @extschema@.kohi_no, RIGHTARG = @extschema@.kohi_no,
    FUNCTION = @extschema@.kohi_no_eq,
    COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
    RESTRICT = eqsel, JOIN = eqjoinsel,
    HASHES, MERGES
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
CREATE OPERATOR CLASS @extschema@.kohi_no_ops
    DEFAULT FOR TYPE @extschema@.kohi_no USING btree AS
        OPERATOR 1 @extschema@.< ,
        OPERATOR 2 @extschema@.<= ,
        OPERATOR 3 @extschema@.= ,
        OPERATOR 4 @extschema@.>= ,
        OPERATOR 5 @extschema@.> ,
        FUNCTION 1 @extschema@.kohi_no_cmp(@extschema@.kohi_no, @extschema@.kohi_no),
        FUNCTION 2 @extschema@.kohi_no_sortsupport(internal);
CREATE OPERATOR CLASS @extschema@.kohi_no_hash_ops
    DEFAULT FOR TYPE @extschema@.kohi_no USING hash AS
        OPERATOR 1 @extschema@.= ,
        FUNCTION 1 @extschema@.kohi_no_hash(@extschema@.kohi_no),
        FUNCTION 2 @extschema@.kohi_no_hash_extended(@extschema@.kohi_no, bigint);
CREATE CAST (text AS @extschema@.kohi_no) WITH INOUT;
CREATE CAST (@extschema@.kohi_no AS text) WITH INOUT AS ASSIGNMENT;
CREATE FUNCTION @extschema@.is_valid_kohi_no(text) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.is_valid_kohi_no(text) IS 'whether the text is a valid 公費負担者番号, without raising';
CREATE FUNCTION @extschema@.kohi_no_error(text) RETURNS text
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.kohi_no_error(text) IS 'the rule a 公費負担者番号 text breaks, or NULL when it is valid';

-- facility_code: 医療機関等コード (10-digit facility code).  Stored as int8 by value; comparison and hashing are the
-- int8 functions themselves, bound to this type.
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
CREATE OPERATOR @extschema@.= (
    LEFTARG = @extschema@.facility_code, RIGHTARG = @extschema@.facility_code,
    FUNCTION = @extschema@.facility_code_eq,
    COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
    RESTRICT = eqsel, JOIN = eqjoinsel,
    HASHES, MERGES
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
CREATE OPERATOR CLASS @extschema@.facility_code_ops
    DEFAULT FOR TYPE @extschema@.facility_code USING btree AS
        OPERATOR 1 @extschema@.< ,
        OPERATOR 2 @extschema@.<= ,
        OPERATOR 3 @extschema@.= ,
        OPERATOR 4 @extschema@.>= ,
        OPERATOR 5 @extschema@.> ,
        FUNCTION 1 @extschema@.facility_code_cmp(@extschema@.facility_code, @extschema@.facility_code),
        FUNCTION 2 @extschema@.facility_code_sortsupport(internal);
CREATE OPERATOR CLASS @extschema@.facility_code_hash_ops
    DEFAULT FOR TYPE @extschema@.facility_code USING hash AS
        OPERATOR 1 @extschema@.= ,
        FUNCTION 1 @extschema@.facility_code_hash(@extschema@.facility_code),
        FUNCTION 2 @extschema@.facility_code_hash_extended(@extschema@.facility_code, bigint);
CREATE CAST (text AS @extschema@.facility_code) WITH INOUT;
CREATE CAST (@extschema@.facility_code AS text) WITH INOUT AS ASSIGNMENT;
CREATE FUNCTION @extschema@.is_valid_facility_code(text) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.is_valid_facility_code(text) IS 'whether the text is a valid 医療機関等コード, without raising';
CREATE FUNCTION @extschema@.facility_code_error(text) RETURNS text
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.facility_code_error(text) IS 'the rule a 医療機関等コード text breaks, or NULL when it is valid';

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
CREATE TYPE @extschema@.insured_no (
    INPUT = @extschema@.insured_no_in,
    OUTPUT = @extschema@.insured_no_out,
    RECEIVE = @extschema@.insured_no_recv,
    SEND = @extschema@.insured_no_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = int4,
    STORAGE = main
);
COMMENT ON TYPE @extschema@.insured_no IS '個人単位被保険者番号 (individual insured number): insurer:記号:番号:枝番, e.g. 06130512:1234:5678:01';
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
CREATE OPERATOR @extschema@.= (
    LEFTARG = @extschema@.insured_no, RIGHTARG = @extschema@.insured_no,
    FUNCTION = @extschema@.insured_no_eq,
    COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
    RESTRICT = eqsel, JOIN = eqjoinsel,
    HASHES, MERGES
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
CREATE OPERATOR CLASS @extschema@.insured_no_ops
    DEFAULT FOR TYPE @extschema@.insured_no USING btree AS
        OPERATOR 1 @extschema@.< ,
        OPERATOR 2 @extschema@.<= ,
        OPERATOR 3 @extschema@.= ,
        OPERATOR 4 @extschema@.>= ,
        OPERATOR 5 @extschema@.> ,
        FUNCTION 1 @extschema@.insured_no_cmp(@extschema@.insured_no, @extschema@.insured_no),
        FUNCTION 2 @extschema@.insured_no_sortsupport(internal);
CREATE OPERATOR CLASS @extschema@.insured_no_hash_ops
    DEFAULT FOR TYPE @extschema@.insured_no USING hash AS
        OPERATOR 1 @extschema@.= ,
        FUNCTION 1 @extschema@.insured_no_hash(@extschema@.insured_no),
        FUNCTION 2 @extschema@.insured_no_hash_extended(@extschema@.insured_no, bigint);
CREATE CAST (text AS @extschema@.insured_no) WITH INOUT;
CREATE CAST (@extschema@.insured_no AS text) WITH INOUT AS ASSIGNMENT;
CREATE FUNCTION @extschema@.is_valid_insured_no(text) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.is_valid_insured_no(text) IS 'whether the text is a valid 被保険者番号 (insurer:記号:番号[:枝番]), without raising';
CREATE FUNCTION @extschema@.insured_no_error(text) RETURNS text
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.insured_no_error(text) IS 'the rule a 被保険者番号 text breaks, or NULL when it is valid';

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

CREATE FUNCTION @extschema@.is_valid_recipient_no(text) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.is_valid_recipient_no(text) IS 'whether the text is a valid 7-digit 受給者番号 (check digit included), without raising';
CREATE FUNCTION @extschema@.recipient_no_error(text) RETURNS text
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.recipient_no_error(text) IS 'the rule a 受給者番号 text breaks, or NULL when it is valid';

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
