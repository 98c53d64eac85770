-- Part 4: the notice-request restriction (告知要求制限).  A call-centre role
-- without a health-insurance purpose is refused the numbers; a clinic role
-- that declares 資格確認 reads them; both leave records in the audit trail,
-- which counts persons by keyed digest and verifies as a hash chain.
\pset footer off
SET search_path = public, hokenid;

CREATE ROLE demo_callcentre;
CREATE ROLE demo_clinic;
CREATE ROLE demo_auditor;
GRANT demo_callcentre, demo_clinic, demo_auditor TO CURRENT_USER;
GRANT SELECT ON legacy_cards, ndb_source TO demo_callcentre, demo_clinic;
GRANT SELECT ON hokenid.audit_log, hokenid.audit_by_role, hokenid.audit_violations TO demo_auditor;
GRANT EXECUTE ON FUNCTION hokenid.audit_verify() TO demo_auditor;
SELECT hokenid.grant_purpose('demo_clinic', '資格確認');
SELECT name, reads_numbers, builds_stores FROM hokenid.purpose ORDER BY name;
SELECT max(seq) AS demo_start FROM hokenid.audit_log \gset

\echo '== a call centre asks for insured numbers: refused (42501), and recorded'
SET ROLE demo_callcentre;
\set ON_ERROR_STOP 0
SELECT insured FROM ndb_source LIMIT 3;
\echo '   (nor in any other shape: the rule follows where the value flows)'
SELECT insured::text FROM ndb_source LIMIT 3;
SELECT to_json(s) FROM ndb_source s LIMIT 1;
SELECT count(*) FROM ndb_source WHERE insured::text LIKE '0613%';
\set ON_ERROR_STOP 1
SELECT count(*) AS receipts_without_numbers, count(DISTINCT hokenid.insurer(insured)) AS insurers
FROM ndb_source;   -- no numbers leave: allowed
RESET ROLE;

\echo '== a clinic declares 資格確認 and reads them'
SET ROLE demo_clinic;
SET hokenid.purpose = '資格確認';
SELECT insured, receipt_month FROM ndb_source ORDER BY points LIMIT 3;
\echo '   (but may not build a store of them)'
\set ON_ERROR_STOP 0
CREATE TEMP TABLE numbers_copy AS SELECT insured FROM ndb_source;
\set ON_ERROR_STOP 1
RESET hokenid.purpose;
RESET ROLE;

\echo '== the auditor: what was disclosed, to whom, for what; persons as digests only'
SET ROLE demo_auditor;
SELECT seq - :demo_start AS n, role_name, purpose, action, refused, rows, persons, relations,
       left(array_to_string(person_digests[1:2], ','), 40) AS digests
FROM hokenid.audit_log WHERE seq > :demo_start ORDER BY seq;
SELECT role_name, statements, refusals, persons FROM hokenid.audit_by_role
WHERE role_name LIKE 'demo_%' ORDER BY role_name;
SELECT hokenid.audit_verify() AS chain_intact;
RESET ROLE;
