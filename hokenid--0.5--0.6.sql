-- hokenid 0.5 -> 0.6: person-level linkage codes map the moved numbers instead of probing per row.
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
