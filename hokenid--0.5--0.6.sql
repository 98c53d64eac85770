-- hokenid 0.5 -> 0.6: person-level linkage codes map the moved numbers instead of probing per
-- row; the 支払基金 code masters name the codes of the minimum data set.
\echo Use "ALTER EXTENSION hokenid UPDATE TO '0.6'" to load this file. \quit

-- The purposes' cache trigger now also guards the history's moved numbers.
ALTER FUNCTION @extschema@.purposes_changed() RENAME TO cached_table_changed;
COMMENT ON FUNCTION @extschema@.cached_table_changed() IS
    'statement trigger on tables that backends cache: a change makes every backend drop its copy';

-- Numbers whose history starts with another number (holders who changed
-- numbers).  Person-level linkage codes read them into a backend's map once
-- it has looked up many numbers; every other number is its own first number.
CREATE INDEX insured_number_moved ON @extschema@.insured_number (insured) INCLUDE (oldest)
    WHERE insured OPERATOR(@extschema@.<>) oldest;
CREATE TRIGGER insured_number_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
    ON @extschema@.insured_number
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.cached_table_changed();

------------------------------------------------------------------------------
-- Code masters (支払基金 基本マスター): names for the codes of the minimum data set
------------------------------------------------------------------------------
-- One table for the five masters: 9-digit codes are unique across them by
-- their first digit (1 診療行為, 6 医薬品, 7 特定器材, 8 コメント) and 傷病名
-- codes have 7 digits; each version of a code is kept from its 変更年月日.
CREATE TABLE @extschema@.code_master (
    kind         "char" NOT NULL CHECK (kind IN ('Y', 'S', 'B', 'T', 'C')),
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
    '支払基金 code masters: Y 医薬品, S 診療行為, B 傷病名, T 特定器材, C コメント; name is 漢字名称 (診療行為: 省略漢字名称, 傷病名: 基本名称), amount 新又は現金額/点数, valid_until 廃止年月日 (NULL: none)';
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
    'loads a 支払基金 master file (医薬品 y_, 診療行為 s_, 傷病名 b_, 特定器材 t_, コメント c_) into code_master; returns the records stored';

-- The minimum data set with each code's name from the masters, as of the
-- day of care (the newest version otherwise); its categories never depend
-- on a master being loaded.
CREATE FUNCTION @extschema@.receipt_mds_named(data bytea, encoding text DEFAULT NULL, mask_diagnoses boolean DEFAULT false,
    OUT receipt_no integer, OUT line_no integer, OUT category text, OUT code text, OUT name text,
    OUT service_date date, OUT quantity numeric, OUT times integer, OUT points bigint, OUT unit integer,
    OUT insured @extschema@.insured_no, OUT kohi @extschema@.kohi_no, OUT facility @extschema@.facility_code,
    OUT sex integer, OUT birth_date date, OUT code_name text, OUT code_unit text)
    RETURNS SETOF record
LANGUAGE sql STABLE PARALLEL SAFE ROWS 5000 AS $$
    SELECT m.receipt_no, m.line_no, m.category, m.code, m.name, m.service_date, m.quantity, m.times, m.points,
           m.unit, m.insured, m.kohi, m.facility, m.sex, m.birth_date, c.name, c.unit
    FROM @extschema@.receipt_mds(data, encoding, mask_diagnoses) AS m
    LEFT JOIN LATERAL (
        SELECT c.name, c.unit FROM @extschema@.code_master AS c
        WHERE c.code = m.code
          AND (m.service_date IS NULL OR (c.valid_from <= m.service_date
                                          AND (c.valid_until IS NULL OR c.valid_until >= m.service_date)))
        ORDER BY c.valid_from DESC LIMIT 1
    ) AS c ON true
$$;
COMMENT ON FUNCTION @extschema@.receipt_mds_named(bytea, text, boolean) IS
    'receipt_mds with code_name and code_unit from hokenid.code_master, the version valid on the day of care';
