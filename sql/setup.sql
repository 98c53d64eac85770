-- Runs first (see Makefile).  Puts hokenid on the database's search_path,
-- so the tests can name the extension's functions unqualified (comparisons
-- need no search_path: their operators are also in pg_catalog), and
-- defines helpers shared by every test file:
-- regress.try(sql) runs a statement and answers 'ok' or 'SQLSTATE: message',
-- so a table of accepted and refused inputs reads as one result per row.
CREATE SCHEMA regress;
GRANT USAGE ON SCHEMA regress TO PUBLIC;
CREATE FUNCTION regress.try(statement text) RETURNS text
LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE statement;
    RETURN 'ok';
EXCEPTION WHEN OTHERS THEN
    RETURN SQLSTATE || ': ' || SQLERRM;
END
$$;

DO $$
BEGIN
    EXECUTE format('ALTER DATABASE %I SET search_path = public, hokenid', current_database());
END
$$;
