-- The notice-request restriction (告知要求制限): a role reads insured numbers
-- only under a declared purpose granted to it that permits reading (and
-- builds tables of them only under one that permits building stores),
-- through every path: SELECT, views, functions, COPY, CREATE TABLE AS,
-- cursors, prepared statements.  Every disclosure and refusal leaves an
-- audit record (persons as keyed digests, never numbers); the chain verifies.
CREATE TABLE cards (id int PRIMARY KEY, insured hokenid.insured_no, note text);
INSERT INTO cards VALUES (1, '06130512:1234:5678:00', 'a'), (2, '06130512:1234:5678:01', 'b'),
                         (3, '39131032::07', 'c'), (4, '06130512:1234:5678:00', 'same person as 1');
CREATE VIEW card_view AS SELECT id, insured FROM cards;
CREATE FUNCTION card_numbers() RETURNS SETOF hokenid.insured_no LANGUAGE sql AS 'SELECT insured FROM cards';
CREATE ROLE notice_clinic;
CREATE ROLE notice_researcher;
GRANT SELECT ON cards, card_view TO notice_clinic, notice_researcher;
GRANT CREATE ON SCHEMA public TO notice_clinic, notice_researcher;
SELECT hokenid.grant_purpose('notice_clinic', '資格確認'), hokenid.grant_purpose('notice_researcher', '研究提供');
SELECT regress.try($$SELECT hokenid.grant_purpose('notice_clinic', 'no such purpose')$$) AS unknown_purpose;
SELECT max(seq) AS audit_start FROM hokenid.audit_log \gset

-- no purpose, a purpose not granted, a purpose that does not permit reading: refused
SET ROLE notice_clinic;
SELECT insured FROM cards WHERE id = 1;
SET hokenid.purpose = '保険者業務';
SELECT insured FROM cards WHERE id = 1;
RESET ROLE;
SET ROLE notice_researcher;
SET hokenid.purpose = '研究提供';
SELECT insured FROM card_view;
SELECT count(*), count(DISTINCT note) FROM cards;   -- no numbers in the result: allowed
RESET ROLE;

-- a permitted purpose: every path reads
SET ROLE notice_clinic;
SET hokenid.purpose = '資格確認';
SELECT id, insured FROM cards ORDER BY id;
SELECT * FROM card_view WHERE id = 3;
SELECT card_numbers() ORDER BY 1;
COPY cards (id, insured) TO STDOUT;
COPY (SELECT insured FROM cards WHERE id = 2) TO STDOUT;
PREPARE read_card(int) AS SELECT insured FROM cards WHERE id = $1;
EXECUTE read_card(1);
-- but not building stores of numbers
CREATE TABLE copied AS SELECT insured FROM cards;
CREATE TABLE my_cards (n hokenid.insured_no);
CREATE TABLE plain (a int);
ALTER TABLE plain ADD COLUMN n hokenid.insured_no;
DROP TABLE plain;
-- a prepared statement and a cursor read under the purpose of the moment they run
RESET hokenid.purpose;
EXECUTE read_card(1);
BEGIN;
SET LOCAL hokenid.purpose = '資格確認';
DECLARE c CURSOR FOR SELECT insured FROM cards ORDER BY id;
FETCH 1 FROM c;
-- the purpose cannot change once numbers were read in the transaction
SET LOCAL hokenid.purpose = '保険者業務';
FETCH 1 FROM c;
ROLLBACK;
RESET ROLE;

-- parallel query: the leader returns the rows, so the leader audits them, once
SET ROLE notice_clinic;
SET hokenid.purpose = '資格確認';
SET force_parallel_mode = on;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SELECT insured FROM cards WHERE id = 3;
RESET force_parallel_mode;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET hokenid.purpose;
RESET ROLE;

-- the trail: refusals and disclosures, persons counted by digest (1 and 4 are one person)
SELECT role_name, purpose, action, refused, rows, persons, relations,
       cardinality(person_digests) = persons AS digests_per_person,
       bool_and(d ~ '^[0-9a-f]{32}$') AS digests_not_numbers
FROM hokenid.audit_log, unnest(CASE WHEN person_digests = '{}' THEN ARRAY['0123456789abcdef0123456789abcdef'] ELSE person_digests END) AS d
WHERE seq > :audit_start AND role_name LIKE 'notice_%'
GROUP BY seq, role_name, purpose, action, refused, rows, persons, relations, person_digests
ORDER BY seq;
SELECT count(*) AS records_survive_rollback FROM hokenid.audit_log
WHERE seq > :audit_start AND role_name = 'notice_clinic' AND NOT refused AND relations = 'cards' AND rows = 1 AND persons = 1;
SELECT hokenid.audit_verify() AS chain_intact;
SELECT violation, count(*) FROM hokenid.audit_violations WHERE seq > :audit_start AND role_name LIKE 'notice_%' GROUP BY 1;
SELECT role_name, refusals > 0 AS refused_some FROM hokenid.audit_by_role WHERE role_name LIKE 'notice_%' ORDER BY 1;

-- superusers are not refused, but they are audited
RESET hokenid.purpose;
SELECT count(insured) FROM cards;
SELECT insured FROM cards WHERE id = 3;
SELECT role_name, action, refused, persons FROM hokenid.audit_log ORDER BY seq DESC LIMIT 1;

-- the trail is not for everyone, and no one switches it or the hooks off
SET ROLE notice_clinic;
SELECT regress.try($$SELECT * FROM hokenid.audit_log$$) AS audit_log, regress.try($$SELECT hokenid.audit_verify()$$) AS verify,
       regress.try($$SELECT hokenid.register_purpose('mine', true, true)$$) AS register,
       regress.try($$SELECT hokenid.grant_purpose('notice_clinic', '保険者業務')$$) AS grant_self,
       regress.try($$DELETE FROM hokenid.purpose_grant$$) AS edit_grants;
SELECT regress.try($$SET hokenid.enforce = off$$) AS set_enforce, regress.try($$SET hokenid.audit = off$$) AS set_audit,
       regress.try($$SET hokenid.audit_sync = statement$$) AS set_sync,
       regress.try($$SET hokenid.audit_sync_delay = 10000$$) AS set_delay,
       regress.try($$LOAD 'hokenid'$$) AS load_module;
RESET ROLE;
-- the trail is append-only for superusers too: its view cannot be written
SELECT regress.try($$UPDATE hokenid.audit_log SET persons = 0$$) AS update_trail,
       regress.try($$DELETE FROM hokenid.audit_log$$) AS delete_trail,
       regress.try($$TRUNCATE hokenid.audit_log$$) AS truncate_trail;

DELETE FROM hokenid.purpose_grant WHERE member IN ('notice_clinic'::regrole, 'notice_researcher'::regrole);
DROP TABLE cards CASCADE;
DROP FUNCTION card_numbers();
REVOKE CREATE ON SCHEMA public FROM notice_clinic, notice_researcher;
DROP ROLE notice_clinic, notice_researcher;
