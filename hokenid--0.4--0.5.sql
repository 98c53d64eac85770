-- hokenid 0.4 -> 0.5: receipts (UKE files, レセプト電算処理) to records, to the
-- minimum data set (保健医療記録共有サービス) and to a list of problems.
\echo Use "ALTER EXTENSION hokenid UPDATE TO '0.5'" to load this file. \quit

------------------------------------------------------------------------------
-- Records
------------------------------------------------------------------------------
-- Each function reads a bytea, a large object (oid: files beyond 1 GB, read
-- in chunks) or, for members of pg_read_server_files, a server file.
-- encoding: 'SJIS' (CP932, as submitted), 'UTF8', or NULL to detect (a
-- bytea that is valid UTF-8 throughout is UTF-8; streams default to SJIS).
CREATE FUNCTION @extschema@.receipt_records(data bytea, encoding text DEFAULT NULL, strict boolean DEFAULT true,
    OUT line_no integer, OUT receipt_no integer, OUT record_type text, OUT fields text[], OUT problem text)
    RETURNS SETOF record
    AS 'MODULE_PATHNAME', 'receipt_records' LANGUAGE C IMMUTABLE PARALLEL SAFE ROWS 1000;
CREATE FUNCTION @extschema@.receipt_records(object oid, encoding text DEFAULT NULL, strict boolean DEFAULT true,
    OUT line_no integer, OUT receipt_no integer, OUT record_type text, OUT fields text[], OUT problem text)
    RETURNS SETOF record
    AS 'MODULE_PATHNAME', 'receipt_records' LANGUAGE C VOLATILE PARALLEL UNSAFE ROWS 1000;
CREATE FUNCTION @extschema@.receipt_file_records(path text, encoding text DEFAULT NULL, strict boolean DEFAULT true,
    OUT line_no integer, OUT receipt_no integer, OUT record_type text, OUT fields text[], OUT problem text)
    RETURNS SETOF record
    AS 'MODULE_PATHNAME', 'receipt_records' LANGUAGE C VOLATILE PARALLEL UNSAFE ROWS 1000;
COMMENT ON FUNCTION @extschema@.receipt_records(bytea, text, boolean) IS
    'the records of a receipt file: line, receipt (RE レセプト番号), record type, fields[i] = CSV column i decoded to UTF-8; strict => false returns undecodable lines as rows with problem set';
COMMENT ON FUNCTION @extschema@.receipt_records(oid, text, boolean) IS 'receipt_records of a large object, read in chunks';
COMMENT ON FUNCTION @extschema@.receipt_file_records(text, text, boolean) IS 'receipt_records of a server file (pg_read_server_files), read in chunks';

------------------------------------------------------------------------------
-- The minimum data set
------------------------------------------------------------------------------
CREATE FUNCTION @extschema@.receipt_mds(data bytea, encoding text DEFAULT NULL, mask_diagnoses boolean DEFAULT false,
    OUT receipt_no integer, OUT line_no integer, OUT category text, OUT code text, OUT name text,
    OUT service_date date, OUT quantity numeric, OUT times integer, OUT points bigint, OUT unit integer,
    OUT insured @extschema@.insured_no, OUT kohi @extschema@.kohi_no, OUT facility @extschema@.facility_code,
    OUT sex integer, OUT birth_date date)
    RETURNS SETOF record
    AS 'MODULE_PATHNAME', 'receipt_mds' LANGUAGE C IMMUTABLE PARALLEL SAFE ROWS 5000;
CREATE FUNCTION @extschema@.receipt_mds(object oid, encoding text DEFAULT NULL, mask_diagnoses boolean DEFAULT false,
    OUT receipt_no integer, OUT line_no integer, OUT category text, OUT code text, OUT name text,
    OUT service_date date, OUT quantity numeric, OUT times integer, OUT points bigint, OUT unit integer,
    OUT insured @extschema@.insured_no, OUT kohi @extschema@.kohi_no, OUT facility @extschema@.facility_code,
    OUT sex integer, OUT birth_date date)
    RETURNS SETOF record
    AS 'MODULE_PATHNAME', 'receipt_mds' LANGUAGE C VOLATILE PARALLEL UNSAFE ROWS 5000;
CREATE FUNCTION @extschema@.receipt_file_mds(path text, encoding text DEFAULT NULL, mask_diagnoses boolean DEFAULT false,
    OUT receipt_no integer, OUT line_no integer, OUT category text, OUT code text, OUT name text,
    OUT service_date date, OUT quantity numeric, OUT times integer, OUT points bigint, OUT unit integer,
    OUT insured @extschema@.insured_no, OUT kohi @extschema@.kohi_no, OUT facility @extschema@.facility_code,
    OUT sex integer, OUT birth_date date)
    RETURNS SETOF record
    AS 'MODULE_PATHNAME', 'receipt_mds' LANGUAGE C VOLATILE PARALLEL UNSAFE ROWS 5000;
COMMENT ON FUNCTION @extschema@.receipt_mds(bytea, text, boolean) IS
    '最小データセット: one row per item and day of care (diagnoses, drugs, injections, tests, imaging, surgery, anesthesia, management fees, admission, transplant, …) with the receipt''s insured number (枝番 from SN), 公費, facility and patient basics; points stand on the last row of a billing unit; mask_diagnoses hides diagnosis codes and names';
COMMENT ON FUNCTION @extschema@.receipt_mds(oid, text, boolean) IS 'receipt_mds of a large object, read in chunks';
COMMENT ON FUNCTION @extschema@.receipt_file_mds(text, text, boolean) IS 'receipt_mds of a server file (pg_read_server_files), read in chunks';

------------------------------------------------------------------------------
-- Problems
------------------------------------------------------------------------------
CREATE FUNCTION @extschema@.receipt_check(data bytea, encoding text DEFAULT NULL,
    OUT line_no integer, OUT record_type text, OUT severity text, OUT message text)
    RETURNS SETOF record
    AS 'MODULE_PATHNAME', 'receipt_check' LANGUAGE C IMMUTABLE PARALLEL SAFE ROWS 10;
CREATE FUNCTION @extschema@.receipt_check(object oid, encoding text DEFAULT NULL,
    OUT line_no integer, OUT record_type text, OUT severity text, OUT message text)
    RETURNS SETOF record
    AS 'MODULE_PATHNAME', 'receipt_check' LANGUAGE C VOLATILE PARALLEL UNSAFE ROWS 10;
CREATE FUNCTION @extschema@.receipt_file_check(path text, encoding text DEFAULT NULL,
    OUT line_no integer, OUT record_type text, OUT severity text, OUT message text)
    RETURNS SETOF record
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
-- Synthetic receipts
------------------------------------------------------------------------------
CREATE FUNCTION @extschema@.generate_receipts(seed bigint, receipts integer, encoding text DEFAULT 'SJIS')
    RETURNS bytea
    AS 'MODULE_PATHNAME', 'generate_receipts' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.generate_receipts(bigint, integer, text) IS
    'a synthetic 医科 receipt file (RECEIPTC.UKE), deterministic from the seed, every number valid and GO totals true; SJIS (as submitted) or UTF8';
