-- hokenid 0.6 -> 0.7: the minimum data set of 調剤 (pharmacy) receipts, with the prescriber, and
-- of DPC receipts, from their coding data, with admission, discharge and ICD-10;
-- diagnoses keep their 修飾語 (modifiers), and the 修飾語 master names them; the map of moved
-- numbers behind person-level linkage codes is shared by every backend.
\echo Use "ALTER EXTENSION hokenid UPDATE TO '0.7'" to load this file. \quit

------------------------------------------------------------------------------
-- The 修飾語 master (Z): 4-digit codes, 0001-7999 prefixes, 8000-8999 suffixes
------------------------------------------------------------------------------
ALTER TABLE @extschema@.code_master DROP CONSTRAINT code_master_kind_check;
ALTER TABLE @extschema@.code_master ADD CONSTRAINT code_master_kind_check
    CHECK (kind IN ('Y', 'S', 'B', 'T', 'C', 'Z'));
COMMENT ON FUNCTION @extschema@.load_code_master(bytea, text) IS
    'loads a 支払基金 master file (医薬品 y_, 診療行為 s_, 傷病名 b_, 特定器材 t_, コメント c_, 修飾語 z_) into code_master; returns the records stored';

------------------------------------------------------------------------------
-- The minimum data set: six more columns.  Dropped and made again, since a
-- function's result columns cannot change in place (a view over receipt_mds
-- must be dropped before the update and made again after it).
------------------------------------------------------------------------------
DROP FUNCTION @extschema@.receipt_mds_named(bytea, text, boolean);
DROP FUNCTION @extschema@.receipt_mds(bytea, text, boolean);
DROP FUNCTION @extschema@.receipt_mds(oid, text, boolean);
DROP FUNCTION @extschema@.receipt_file_mds(text, text, boolean);

CREATE FUNCTION @extschema@.receipt_mds(data bytea, encoding text DEFAULT NULL, mask_diagnoses boolean DEFAULT false,
    OUT receipt_no integer, OUT line_no integer, OUT category text, OUT code text, OUT name text,
    OUT service_date date, OUT quantity numeric, OUT times integer, OUT points bigint, OUT unit integer,
    OUT insured @extschema@.insured_no, OUT kohi @extschema@.kohi_no, OUT facility @extschema@.facility_code,
    OUT sex integer, OUT birth_date date, OUT modifiers text,
    OUT prescribed_on date, OUT prescriber_facility @extschema@.facility_code, OUT prescriber text,
    OUT icd10 text, OUT diagnosis_role text)
    RETURNS SETOF record
    AS 'MODULE_PATHNAME', 'receipt_mds' LANGUAGE C IMMUTABLE PARALLEL SAFE ROWS 5000;
CREATE FUNCTION @extschema@.receipt_mds(object oid, encoding text DEFAULT NULL, mask_diagnoses boolean DEFAULT false,
    OUT receipt_no integer, OUT line_no integer, OUT category text, OUT code text, OUT name text,
    OUT service_date date, OUT quantity numeric, OUT times integer, OUT points bigint, OUT unit integer,
    OUT insured @extschema@.insured_no, OUT kohi @extschema@.kohi_no, OUT facility @extschema@.facility_code,
    OUT sex integer, OUT birth_date date, OUT modifiers text,
    OUT prescribed_on date, OUT prescriber_facility @extschema@.facility_code, OUT prescriber text,
    OUT icd10 text, OUT diagnosis_role text)
    RETURNS SETOF record
    AS 'MODULE_PATHNAME', 'receipt_mds' LANGUAGE C VOLATILE PARALLEL UNSAFE ROWS 5000;
CREATE FUNCTION @extschema@.receipt_file_mds(path text, encoding text DEFAULT NULL, mask_diagnoses boolean DEFAULT false,
    OUT receipt_no integer, OUT line_no integer, OUT category text, OUT code text, OUT name text,
    OUT service_date date, OUT quantity numeric, OUT times integer, OUT points bigint, OUT unit integer,
    OUT insured @extschema@.insured_no, OUT kohi @extschema@.kohi_no, OUT facility @extschema@.facility_code,
    OUT sex integer, OUT birth_date date, OUT modifiers text,
    OUT prescribed_on date, OUT prescriber_facility @extschema@.facility_code, OUT prescriber text,
    OUT icd10 text, OUT diagnosis_role text)
    RETURNS SETOF record
    AS 'MODULE_PATHNAME', 'receipt_mds' LANGUAGE C VOLATILE PARALLEL UNSAFE ROWS 5000;
COMMENT ON FUNCTION @extschema@.receipt_mds(bytea, text, boolean) IS
    '最小データセット: one row per item and day of care (diagnoses with their 修飾語, drugs, injections, tests, imaging, surgery, anesthesia, management fees, admission, discharge, transplant; 調剤: each drug per dispensing, with the prescription day, the prescribing facility and doctor; DPC: every act, drug and material of the コーディングデータ on its day, diagnoses with ICD-10 and 傷病名区分) with the receipt''s insured number (枝番 from SN), 公費, facility and patient basics; points stand on the last row of a billing unit; mask_diagnoses hides diagnosis codes, modifiers, names and ICD-10';
COMMENT ON FUNCTION @extschema@.receipt_mds(oid, text, boolean) IS 'receipt_mds of a large object, read in chunks';
COMMENT ON FUNCTION @extschema@.receipt_file_mds(text, text, boolean) IS 'receipt_mds of a server file (pg_read_server_files), read in chunks';

-- Each code's name as of the day of care; a diagnosis is named with its
-- 修飾語 around it (prefixes 0001-7999 before, suffixes 8000-8999 after, in
-- the order the receipt gives them).  A modifier the master lacks shows as
-- [code]: leaving it out could turn 「胃癌の疑い」 into 「胃癌」.
CREATE FUNCTION @extschema@.receipt_mds_named(data bytea, encoding text DEFAULT NULL, mask_diagnoses boolean DEFAULT false,
    OUT receipt_no integer, OUT line_no integer, OUT category text, OUT code text, OUT name text,
    OUT service_date date, OUT quantity numeric, OUT times integer, OUT points bigint, OUT unit integer,
    OUT insured @extschema@.insured_no, OUT kohi @extschema@.kohi_no, OUT facility @extschema@.facility_code,
    OUT sex integer, OUT birth_date date, OUT modifiers text,
    OUT prescribed_on date, OUT prescriber_facility @extschema@.facility_code, OUT prescriber text,
    OUT icd10 text, OUT diagnosis_role text, OUT code_name text, OUT code_unit text)
    RETURNS SETOF record
LANGUAGE sql STABLE PARALLEL SAFE ROWS 5000 AS $$
    SELECT m.receipt_no, m.line_no, m.category, m.code, m.name, m.service_date, m.quantity, m.times, m.points,
           m.unit, m.insured, m.kohi, m.facility, m.sex, m.birth_date, m.modifiers,
           m.prescribed_on, m.prescriber_facility, m.prescriber, m.icd10, m.diagnosis_role,
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
    ) AS z ON true
$$;
COMMENT ON FUNCTION @extschema@.receipt_mds_named(bytea, text, boolean) IS
    'receipt_mds with code_name and code_unit from hokenid.code_master, the version valid on the day of care; a diagnosis is named with its 修飾語';

------------------------------------------------------------------------------
-- Synthetic receipts: 調剤 and DPC files too
------------------------------------------------------------------------------
DROP FUNCTION @extschema@.generate_receipts(bigint, integer, text);
CREATE FUNCTION @extschema@.generate_receipts(seed bigint, receipts integer, encoding text DEFAULT 'SJIS',
    kind text DEFAULT 'medical')
    RETURNS bytea
    AS 'MODULE_PATHNAME', 'generate_receipts' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.generate_receipts(bigint, integer, text, text) IS
    'a synthetic receipt file, deterministic from the seed, every number valid and GO totals true: kind medical (医科, RECEIPTC.UKE), pharmacy (調剤, RECEIPTY.UKE, prescriptions of the medical file''s clinic) or dpc (DPC, RECEIPTD.UKE: inpatient stays with coding data); SJIS (as submitted) or UTF8';

------------------------------------------------------------------------------
-- The map of moved numbers (person-level linkage codes), shared by backends
------------------------------------------------------------------------------
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
