-- The notice-request restriction (告知要求制限) by data flow, as an attacker's
-- catalogue.  Every shape below moves an insured number (or something made
-- from it) somewhere it can be seen or kept; each is refused (42501) for a
-- role with SELECT on the table and no purpose, and runs, audited, for a
-- role whose purpose permits reading and building stores.  The shapes that
-- disclose nothing (count, 保険者番号, linkage codes, NULL tests, the
-- caller's own literal) run for both, unaudited.  Grouped by route: casts
-- and functions, whole rows and JSON, cursors and portals, DML and
-- RETURNING, nested execution, DDL, statistics.
CREATE SCHEMA flow;
GRANT USAGE ON SCHEMA flow TO PUBLIC;
CREATE TABLE flow.cards (id int PRIMARY KEY, insured hokenid.insured_no, note text, family hokenid.insured_no[]);
INSERT INTO flow.cards VALUES (1, '06130512:1234:5678:00', 'a', '{06130512:1234:5678:01}'),
                              (2, '06130512:1234:5678:01', 'b', NULL), (3, '39131032::07', 'c', NULL);
CREATE TABLE flow.notes (id int, note text);
CREATE VIEW flow.card_view AS SELECT id, insured, note FROM flow.cards;
CREATE DOMAIN flow.card_number AS hokenid.insured_no;
CREATE TYPE flow.card_pair AS (id int, insured hokenid.insured_no);
-- functions an attacker could write (CREATE on a schema is all it takes)
CREATE FUNCTION flow.echo(x hokenid.insured_no) RETURNS text LANGUAGE plpgsql AS $$BEGIN RETURN x::text; END$$;
CREATE FUNCTION flow.first_card() RETURNS hokenid.insured_no LANGUAGE sql AS $$SELECT insured FROM flow.cards LIMIT 1$$;
CREATE FUNCTION flow.card_numbers() RETURNS SETOF hokenid.insured_no LANGUAGE plpgsql AS $$BEGIN RETURN QUERY SELECT insured FROM flow.cards; END$$;
CREATE FUNCTION flow.dynamic(query text) RETURNS text LANGUAGE plpgsql AS $$DECLARE r text; BEGIN EXECUTE query INTO r; RETURN r; END$$;
CREATE FUNCTION flow.inlined_rows() RETURNS SETOF text LANGUAGE sql AS $$SELECT insured::text FROM flow.cards$$;
CREATE FUNCTION flow.looped() RETURNS text LANGUAGE plpgsql AS $$
DECLARE r record; seen text := '';
BEGIN
    FOR r IN SELECT insured FROM flow.cards LOOP seen := seen || r.insured::text; END LOOP;
    RETURN length(seen);
END$$;
CREATE TABLE flow.trail (old text);
CREATE FUNCTION flow.copy_old() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN INSERT INTO flow.trail VALUES (OLD.insured::text); RETURN NEW; END$$;
CREATE TABLE flow.watched (id int, insured hokenid.insured_no);
INSERT INTO flow.watched VALUES (1, '06130512:1234:5678:00');
CREATE TRIGGER copy_old BEFORE UPDATE ON flow.watched FOR EACH ROW EXECUTE FUNCTION flow.copy_old();

CREATE ROLE flow_attacker;
CREATE ROLE flow_insurer;
-- a table both may alter, as its owner's members (owning a table of numbers takes a store purpose)
CREATE ROLE flow_owner;
GRANT flow_owner TO flow_attacker, flow_insurer;
CREATE TABLE flow.owned (n hokenid.insured_no);
INSERT INTO flow.owned VALUES ('06130512:1234:5678:00');
ALTER TABLE flow.owned OWNER TO flow_owner;
-- what an attacker owns: a table under row-level security, a view WITH CHECK OPTION, a domain with a CHECK
CREATE FUNCTION flow.shout(t text) RETURNS boolean LANGUAGE plpgsql AS $$BEGIN RAISE NOTICE 'got %', t; RETURN true; END$$;
CREATE TABLE flow.bait (id int);
INSERT INTO flow.bait VALUES (1);
ALTER TABLE flow.bait ENABLE ROW LEVEL SECURITY;
ALTER TABLE flow.bait FORCE ROW LEVEL SECURITY;
CREATE POLICY leak ON flow.bait USING (flow.shout((SELECT string_agg(insured::text, ',') FROM flow.cards)));
ALTER TABLE flow.bait OWNER TO flow_owner;
CREATE TABLE flow.box (id int);
CREATE VIEW flow.box_view AS SELECT id FROM flow.box WHERE flow.shout((SELECT string_agg(insured::text, ',') FROM flow.cards))
    WITH CHECK OPTION;
CREATE DOMAIN flow.leaky AS hokenid.insured_no CHECK (flow.shout(VALUE::text));
CREATE FUNCTION flow.route_text(t text) RETURNS text LANGUAGE sql AS $$SELECT hokenid.route_receipt(t::hokenid.insured_no, DATE '2024-01-10')::text$$;
CREATE PROCEDURE flow.take(t text) LANGUAGE plpgsql AS $$BEGIN PERFORM t; END$$;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA flow TO flow_attacker, flow_insurer;
GRANT CREATE ON SCHEMA flow TO flow_attacker, flow_insurer;
GRANT SELECT ON hokenid.audit_log TO flow_insurer;
GRANT EXECUTE ON FUNCTION hokenid.link_number(hokenid.insured_no, text, integer) TO flow_attacker, flow_insurer;
GRANT EXECUTE ON FUNCTION hokenid.route_receipt(hokenid.insured_no, date), hokenid.eligibility(hokenid.insured_no, date)
    TO flow_attacker, flow_insurer;
SELECT hokenid.grant_purpose('flow_insurer', '保険者業務');
SELECT hokenid.create_linkage_key('flow') > 0 AS key_made;

-- runs a statement and rolls it back, so every role meets the same data:
-- 'ok', or the SQLSTATE and message of its refusal
CREATE FUNCTION flow.run(statement text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE statement;
    RAISE EXCEPTION USING ERRCODE = 'HK000', MESSAGE = 'flow rolled back';
EXCEPTION WHEN OTHERS THEN
    RETURN CASE WHEN SQLSTATE = 'HK000' THEN 'ok' ELSE SQLSTATE || ': ' || SQLERRM END;
END$$;
-- and whether the run left an audit record of the current role's
CREATE FUNCTION flow.run_audited(statement text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    before bigint := (SELECT max(seq) FROM hokenid.audit_log);
    result text := flow.run(statement);
BEGIN
    RETURN result || CASE WHEN EXISTS (SELECT 1 FROM hokenid.audit_log WHERE seq > before
                                          AND role_name = current_user AND NOT refused)
                          THEN ', audited' ELSE ', not audited' END;
END$$;

CREATE TABLE flow.catalogue (n serial, route text, shape text, statement text, discloses boolean DEFAULT true);
GRANT SELECT ON flow.catalogue TO flow_attacker, flow_insurer;
INSERT INTO flow.catalogue (route, shape, statement) VALUES
('casts and functions', 'cast to text',            $$SELECT insured::text FROM flow.cards$$),
('casts and functions', 'concatenation',           $$SELECT insured || '' FROM flow.cards$$),
('casts and functions', 'format()',                $$SELECT format('%s', insured) FROM flow.cards$$),
('casts and functions', '番号 (number)',            $$SELECT hokenid.number(insured) FROM flow.cards$$),
('casts and functions', '記号 (symbol)',            $$SELECT hokenid.symbol(insured) FROM flow.cards$$),
('casts and functions', '枝番 (branch)',            $$SELECT hokenid.branch(insured) FROM flow.cards$$),
('casts and functions', 'send function',           $$SELECT hokenid.insured_no_send(insured) FROM flow.cards$$),
('casts and functions', 'a user function',         $$SELECT flow.echo(insured) FROM flow.cards$$),
('casts and functions', 'a domain over the type',  $$SELECT insured::flow.card_number FROM flow.cards$$),
('casts and functions', 'an array element',        $$SELECT family[1]::text FROM flow.cards$$),
('casts and functions', 'string_agg',              $$SELECT string_agg(insured::text, ',') FROM flow.cards$$),
('casts and functions', 'max of its text',         $$SELECT max(insured::text) FROM flow.cards$$),
('casts and functions', 'array_agg',               $$SELECT array_agg(insured) FROM flow.cards$$),
('casts and functions', 'compared with a guess',   $$SELECT id FROM flow.cards WHERE insured OPERATOR(hokenid.=) '06130512:1234:5678:00'$$),
('casts and functions', 'LIKE on its text',        $$SELECT count(*) FROM flow.cards WHERE insured::text LIKE '0613%'$$),
('casts and functions', 'CASE on a comparison',    $$SELECT CASE WHEN insured OPERATOR(hokenid.<) '06130512:1234:5678:01' THEN 1 END FROM flow.cards$$),
('casts and functions', 'error on a value',        $$SELECT 1 / (length(insured::text) - 21) FROM flow.cards$$),
('casts and functions', 'ORDER BY the number',     $$SELECT id FROM flow.cards ORDER BY insured$$),
('casts and functions', 'GROUP BY the number',     $$SELECT count(*) FROM flow.cards GROUP BY insured$$),
('casts and functions', 'DISTINCT',                $$SELECT DISTINCT insured FROM flow.cards$$),
('casts and functions', 'window partition',        $$SELECT row_number() OVER (PARTITION BY insured) FROM flow.cards$$),
('casts and functions', 'IN a subquery',           $$SELECT id FROM flow.cards WHERE insured IN (SELECT insured FROM flow.cards WHERE id = 1)$$),
('casts and functions', 'a scalar subquery',       $$SELECT (SELECT insured::text FROM flow.cards LIMIT 1)$$),
('casts and functions', 'EXISTS, correlated',      $$SELECT id FROM flow.notes n WHERE EXISTS (SELECT 1 FROM flow.cards c WHERE c.insured::text = n.note)$$),
('casts and functions', 'a function''s number',     $$SELECT flow.first_card()::text$$),
('casts and functions', 'a function''s rows',       $$SELECT n::text FROM flow.card_numbers() AS n$$),
('casts and functions', 'a field of a record result', $$SELECT (hokenid.eligibility('06130512:1234:5678:00')).current_insured::text$$),
('casts and functions', 'a domain''s CHECK',        $$SELECT count(insured::flow.leaky) FROM flow.cards$$),
('casts and functions', 'a history number inlined', $$SELECT flow.route_text('06130512:1234:5678:00')$$),
('whole rows and JSON', 'the whole row',           $$SELECT c FROM flow.cards c$$),
('whole rows and JSON', 'c.*',                     $$SELECT c.* FROM flow.cards c$$),
('whole rows and JSON', 'to_json',                 $$SELECT to_json(c) FROM flow.cards c$$),
('whole rows and JSON', 'row_to_json',             $$SELECT row_to_json(c) FROM flow.cards c$$),
('whole rows and JSON', 'json_agg',                $$SELECT json_agg(c) FROM flow.cards c$$),
('whole rows and JSON', 'jsonb_build_object',      $$SELECT jsonb_build_object('n', insured) FROM flow.cards$$),
('whole rows and JSON', 'ROW()',                   $$SELECT ROW(id, insured)::text FROM flow.cards$$),
('whole rows and JSON', 'a composite cast',        $$SELECT ROW(id, insured)::flow.card_pair FROM flow.cards$$),
('whole rows and JSON', 'a view',                  $$SELECT insured FROM flow.card_view$$),
('whole rows and JSON', 'a subquery''s column',    $$SELECT x FROM (SELECT insured::text AS x FROM flow.cards) s$$),
('whole rows and JSON', 'LATERAL',                 $$SELECT b.t FROM (SELECT insured FROM flow.cards) a, LATERAL (SELECT a.insured::text AS t) b$$),
('whole rows and JSON', 'a CTE',                   $$WITH w AS (SELECT insured FROM flow.cards) SELECT insured::text FROM w$$),
('whole rows and JSON', 'UNION ALL',               $$SELECT insured FROM flow.cards UNION ALL SELECT insured FROM flow.cards$$),
('whole rows and JSON', 'UNION compares',          $$SELECT id FROM (SELECT id, insured FROM flow.cards UNION SELECT id, insured FROM flow.cards) u$$),
('whole rows and JSON', 'VALUES of a column',      $$SELECT v::text FROM flow.cards, LATERAL (VALUES (insured)) AS t(v)$$),
('whole rows and JSON', 'unnest of an array',      $$SELECT unnest(family)::text FROM flow.cards$$),
('cursors and portals', 'a prepared statement',    $$DEALLOCATE ALL; PREPARE flow_p AS SELECT insured FROM flow.cards; EXECUTE flow_p$$),
('cursors and portals', 'EXPLAIN ANALYZE',         $$EXPLAIN ANALYZE SELECT insured::text FROM flow.cards$$),
('DML and RETURNING',   'INSERT … RETURNING',      $$INSERT INTO flow.cards VALUES (9, NULL, 'x') RETURNING (SELECT insured FROM flow.cards WHERE id = 1)$$),
('DML and RETURNING',   'UPDATE … RETURNING',      $$UPDATE flow.cards SET note = note RETURNING insured$$),
('DML and RETURNING',   'DELETE … RETURNING',      $$DELETE FROM flow.cards WHERE id = 3 RETURNING insured::text$$),
('DML and RETURNING',   'a data-modifying CTE',    $$WITH w AS (INSERT INTO flow.notes VALUES (1, 'x') RETURNING id) SELECT insured FROM flow.cards, w$$),
('DML and RETURNING',   'INSERT … SELECT as text', $$INSERT INTO flow.notes SELECT id, insured::text FROM flow.cards$$),
('DML and RETURNING',   'UPDATE … FROM',           $$UPDATE flow.notes n SET note = c.insured::text FROM flow.cards c WHERE c.id = n.id$$),
('DML and RETURNING',   'MERGE into text',         $$MERGE INTO flow.notes n USING flow.cards c ON n.id = c.id WHEN NOT MATCHED THEN INSERT VALUES (c.id, c.insured::text)$$),
('DML and RETURNING',   'INSERT of a number',      $$INSERT INTO flow.cards VALUES (8, '06130512:1234:5678:02')$$),
('DML and RETURNING',   'INSERT of a number from text', $$INSERT INTO flow.cards VALUES (8, '06130512:1234:5678:02'::text::hokenid.insured_no)$$),
('DML and RETURNING',   'INSERT of a number made', $$INSERT INTO flow.cards VALUES (8, hokenid.insured_no('06130512', '1234', '5678', '02'))$$),
('DML and RETURNING',   'copy between tables',     $$INSERT INTO flow.watched SELECT id, insured FROM flow.cards$$),
('nested execution',    'a PL/pgSQL loop',         $$SELECT flow.looped()$$),
('nested execution',    'a DO block',              $q$DO $do$DECLARE r record; BEGIN FOR r IN SELECT insured FROM flow.cards LOOP PERFORM r.insured::text; END LOOP; END$do$$q$),
('nested execution',    'an inlined SQL function', $$SELECT * FROM flow.inlined_rows()$$),
('nested execution',    'inlined, under UNION ALL', $$SELECT * FROM flow.inlined_rows() UNION ALL SELECT 'x'$$),
('nested execution',    'inlined, beside a decoy', $$WITH unused AS (SELECT insured FROM flow.cards) SELECT * FROM flow.inlined_rows()$$),
('nested execution',    'a PL/pgSQL expression',   $q$DO $do$DECLARE t text; BEGIN t := hokenid.route_receipt('06130512:1234:5678:00', DATE '2024-01-10')::text; END$do$$q$),
('nested execution',    'a CALL''s argument',      $$CALL flow.take(hokenid.route_receipt('06130512:1234:5678:00', DATE '2024-01-10')::text)$$),
('nested execution',    'a row-level security policy', $$SELECT * FROM flow.bait$$),
('nested execution',    'a view WITH CHECK OPTION', $$INSERT INTO flow.box_view VALUES (1)$$),
('nested execution',    'a trigger''s write',      $$UPDATE flow.watched SET id = id$$),
('nested execution',    'dynamic SQL in a function', $$SELECT flow.dynamic('SELECT insured::text FROM flow.cards LIMIT 1')$$),
('DDL',                 'a column of the type',    $$CREATE TABLE flow.t1 (n hokenid.insured_no)$$),
('DDL',                 'a domain column',         $$CREATE TABLE flow.t2 (n flow.card_number)$$),
('DDL',                 'an array column',         $$CREATE TABLE flow.t3 (n hokenid.insured_no[])$$),
('DDL',                 'a composite column',      $$CREATE TABLE flow.t4 (n flow.card_pair)$$),
('DDL',                 'LIKE',                    $$CREATE TABLE flow.t5 (LIKE flow.cards)$$),
('DDL',                 'OF a composite type',     $$CREATE TABLE flow.t6 OF flow.card_pair$$),
('DDL',                 'ADD COLUMN',              $$CREATE TABLE flow.t7 (a int); ALTER TABLE flow.t7 ADD COLUMN n hokenid.insured_no$$),
('DDL',                 'ALTER COLUMN … TYPE',     $$CREATE TABLE flow.t7 (a text); ALTER TABLE flow.t7 ALTER COLUMN a TYPE hokenid.insured_no USING NULL$$),
('DDL',                 'ALTER TYPE … ADD ATTRIBUTE', $$CREATE TYPE flow.t7 AS (a int); ALTER TYPE flow.t7 ADD ATTRIBUTE n hokenid.insured_no$$),
('DDL',                 'CTAS WITH NO DATA',       $$CREATE TABLE flow.t8 AS SELECT insured FROM flow.cards WITH NO DATA$$),
('DDL',                 'CREATE TABLE AS',         $$CREATE TABLE flow.t9 AS SELECT insured::text AS t FROM flow.cards$$),
('DDL',                 'a materialized view',     $$CREATE MATERIALIZED VIEW flow.t11 AS SELECT id FROM flow.cards WHERE insured::text > '0'$$),
('DDL',                 'a temporary table',       $$CREATE TEMP TABLE t12 (n hokenid.insured_no)$$),
('DDL',                 'an index on an expression', $$CREATE INDEX ON flow.owned ((n::text))$$),
('DDL',                 'a partial index',         $$CREATE INDEX ON flow.owned (n) WHERE n::text > '1'$$),
('DDL',                 'extended statistics',     $$CREATE STATISTICS flow.s1 (mcv) ON n, (n::text) FROM flow.owned$$),
('DDL',                 'a CHECK constraint',      $$ALTER TABLE flow.owned ADD CONSTRAINT c CHECK (flow.shout(n::text))$$),
('DDL',                 'a generated column',      $$ALTER TABLE flow.owned ADD COLUMN t text GENERATED ALWAYS AS (n::text) STORED$$),
('DDL',                 'a cursor WITH HOLD',      $$DECLARE held CURSOR WITH HOLD FOR SELECT insured FROM flow.cards$$);
INSERT INTO flow.catalogue (route, shape, statement, discloses) VALUES
('non-disclosing',      'count',                   $$SELECT count(insured), count(DISTINCT insured) FROM flow.cards$$, false),
('non-disclosing',      '保険者番号 (insurer)',     $$SELECT hokenid.insurer(insured) FROM flow.cards$$, false),
('non-disclosing',      'linkage codes',           $$SELECT hokenid.link_number(insured, 'flow') FROM flow.cards$$, false),
('non-disclosing',      'NULL tests',              $$SELECT count(*) FROM flow.cards WHERE insured IS NOT NULL$$, false),
('non-disclosing',      'other columns',           $$SELECT id, note FROM flow.cards$$, false),
('non-disclosing',      'other columns of a view', $$SELECT id, note FROM flow.card_view$$, false),
('non-disclosing',      'a non-number field',      $$SELECT (ROW(id, insured)::flow.card_pair).id FROM flow.cards$$, false),
('non-disclosing',      'the caller''s literal',   $$SELECT hokenid.number('06130512:1234:5678:00')$$, false),
('non-disclosing',      'a table of codes',        $$CREATE TABLE flow.coded AS SELECT hokenid.link_number(insured, 'flow') AS code FROM flow.cards$$, false),
('non-disclosing',      'a plain index',           $$CREATE INDEX ON flow.owned (n)$$, false),
('non-disclosing',      'a held cursor of other columns', $$DECLARE held CURSOR WITH HOLD FOR SELECT id FROM flow.cards$$, false);

-- without a purpose: every shape that moves a number is refused
SET ROLE flow_attacker;
SELECT route, shape, flow.run(statement) AS without_purpose FROM flow.catalogue ORDER BY n;
RESET ROLE;

-- with a purpose that reads and builds stores: every shape runs, audited;
-- the non-disclosing ones leave no record
SET ROLE flow_insurer;
SET hokenid.purpose = '保険者業務';
SELECT route, shape, flow.run_audited(statement) AS with_purpose FROM flow.catalogue ORDER BY n;
RESET hokenid.purpose;
RESET ROLE;

-- cursors and portals, statement by statement: each FETCH is judged when it
-- runs (a scrollable cursor read backwards too); a MOVE discloses nothing
SET ROLE flow_insurer;
BEGIN;
SET LOCAL hokenid.purpose = '保険者業務';
DECLARE c SCROLL CURSOR FOR SELECT insured FROM flow.cards ORDER BY id;
FETCH 2 FROM c;
FETCH BACKWARD 1 FROM c;
MOVE ABSOLUTE 0 IN c;
COMMIT;
BEGIN;
DECLARE plain CURSOR FOR SELECT insured::text FROM flow.cards;
FETCH 1 FROM plain;           -- no purpose: refused
ROLLBACK;
-- statements PL/pgSQL cannot EXECUTE: COPY to the client, SELECT INTO
COPY (SELECT insured::text FROM flow.cards) TO STDOUT;
SELECT insured INTO flow.t10 FROM flow.cards;
SET hokenid.purpose = '保険者業務';
COPY (SELECT insured::text FROM flow.cards WHERE id = 1) TO STDOUT;
SELECT insured INTO flow.t10 FROM flow.cards;
DROP TABLE flow.t10;
RESET hokenid.purpose;
-- a transaction that read numbers under one purpose reads under no other,
-- however the setting changes: RESET, a savepoint rolled back, SET LOCAL
BEGIN;
SET LOCAL hokenid.purpose = '保険者業務';
SELECT count(*) FROM (SELECT insured::text FROM flow.cards) s;
RESET hokenid.purpose;
SELECT insured FROM flow.cards WHERE id = 1;
ROLLBACK;
BEGIN;
SAVEPOINT s;
SET LOCAL hokenid.purpose = '保険者業務';
SELECT count(*) FROM (SELECT insured::text FROM flow.cards) s;
ROLLBACK TO SAVEPOINT s;
SHOW hokenid.purpose;
SELECT insured FROM flow.cards WHERE id = 1;
ROLLBACK;
BEGIN;
SET LOCAL hokenid.purpose = '保険者業務';
SELECT count(*) FROM (SELECT insured::text FROM flow.cards) s;
SET LOCAL hokenid.purpose = '資格確認';
ROLLBACK;
RESET ROLE;

-- a grant revoked counts at the next statement
CREATE ROLE flow_group;
GRANT flow_group TO flow_attacker;
SELECT hokenid.grant_purpose('flow_group', '資格確認');
SET ROLE flow_attacker;
SET hokenid.purpose = '資格確認';
SELECT flow.run('SELECT insured FROM flow.cards') AS while_member;
RESET ROLE;
REVOKE flow_group FROM flow_attacker;
SET ROLE flow_attacker;
SELECT flow.run('SELECT insured FROM flow.cards') AS after_revoke;
RESET hokenid.purpose;
RESET ROLE;

-- statistics: columns of the type, its arrays, domains and composite types
-- keep no values that pg_stats would show, but keep what plans need
CREATE TABLE flow.analysed (n hokenid.insured_no, ns hokenid.insured_no[], d flow.card_number, p flow.card_pair, plain int);
INSERT INTO flow.analysed
SELECT hokenid.insured_no('06130512', '1', (i % 7)::text, '00'), ARRAY[hokenid.insured_no('06130512', '1', (i % 5)::text, '00')],
       hokenid.insured_no('06130512', '2', (i % 3)::text, '00'), ROW(i, hokenid.insured_no('06130512', '3', (i % 4)::text, '00'))::flow.card_pair, i % 6
FROM generate_series(1, 600) AS i;
ANALYZE flow.analysed;
SELECT attname, null_frac, n_distinct > 0 OR n_distinct < 0 AS has_distinct, avg_width > 0 AS has_width,
       most_common_vals IS NULL AS no_common_values, histogram_bounds IS NULL AS no_bounds,
       most_common_elems IS NULL AS no_common_elements
FROM pg_stats WHERE schemaname = 'flow' AND tablename = 'analysed' ORDER BY attname;

-- the refusals are in the trail, never with what was typed as a purpose
SET ROLE flow_attacker;
SET hokenid.purpose = '06130512:1234:5678:00';
SELECT flow.run('SELECT insured::text FROM flow.cards') AS purpose_like_a_number;
RESET hokenid.purpose;
RESET ROLE;
SELECT DISTINCT purpose FROM hokenid.audit_log WHERE role_name = 'flow_attacker' ORDER BY 1;
SELECT count(*) AS purposes_with_numbers FROM hokenid.audit_log WHERE purpose LIKE '%06130512%';
SELECT hokenid.audit_verify() AS chain_intact;

DROP SCHEMA flow CASCADE;
DELETE FROM hokenid.purpose_grant WHERE member IN ('flow_insurer'::regrole, 'flow_group'::regrole);
DELETE FROM hokenid.linkage_key WHERE domain = 'flow';
REVOKE SELECT ON hokenid.audit_log FROM flow_insurer;
REVOKE EXECUTE ON FUNCTION hokenid.link_number(hokenid.insured_no, text, integer) FROM flow_attacker, flow_insurer;
REVOKE EXECUTE ON FUNCTION hokenid.route_receipt(hokenid.insured_no, date), hokenid.eligibility(hokenid.insured_no, date)
    FROM flow_attacker, flow_insurer;
DROP ROLE flow_attacker, flow_insurer, flow_group, flow_owner;
