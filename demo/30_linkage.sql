-- Part 3: linkage codes (連結符号).  A data provider turns the numbers in an
-- NDB-like receipt table and a 介護DB-like care table into codes; an analyst
-- joins the two on codes alone and follows people across the job changes
-- registered in part 2.
\pset footer off
SET search_path = public, hokenid;

\echo '== the DBA: a provider role that may run the transform, an analyst role that may not'
CREATE ROLE demo_provider;
CREATE ROLE demo_analyst;
GRANT EXECUTE ON FUNCTION hokenid.create_linkage_key(text), hokenid.link(hokenid.insured_no, text, integer),
    hokenid.link_number(hokenid.insured_no, text, integer), hokenid.rekey(hokenid.linkage_code, text, integer)
    TO demo_provider;
GRANT demo_provider, demo_analyst TO CURRENT_USER;

\echo '== the provider makes a key for the NDB x 介護DB linkage (its bytes never appear)'
SET ROLE demo_provider;
SELECT hokenid.create_linkage_key('ndb-kaigo-2026') AS key_version;
RESET ROLE;

-- Receipts carry the number printed at the time of care; care records the
-- number at the time of the care assessment (after the job change).
CREATE TABLE ndb_source (receipt_month date, insured hokenid.insured_no, points integer);
INSERT INTO ndb_source
SELECT DATE '2023-06-01', hokenid.insured_no(CASE WHEN i % 2 = 0 THEN '06130512' ELSE '133066' END,
                                             (1000 + i)::text, (50000 + i)::text, '00'), 300 + 17 * i
FROM generate_series(1, 12) AS i;
CREATE TABLE kaigo_source (assessed_on date, insured hokenid.insured_no, care_level text);
INSERT INTO kaigo_source
SELECT DATE '2024-09-01',
       CASE WHEN i % 3 = 0 THEN hokenid.insured_no('01130012', '7' || lpad(i::text, 6, '0'), (100 + i)::text, '00')
            ELSE hokenid.insured_no(CASE WHEN i % 2 = 0 THEN '06130512' ELSE '133066' END,
                                    (1000 + i)::text, (50000 + i)::text, '00') END,
       (ARRAY['要支援1', '要介護1', '要介護3'])[1 + i % 3]
FROM generate_series(1, 12) AS i WHERE i % 2 = 0 OR i % 3 = 0;

GRANT SELECT ON ndb_source, kaigo_source TO demo_provider;
GRANT CREATE ON SCHEMA public TO demo_provider;

\echo '== the provider publishes code-only tables: no insured number leaves'
SET ROLE demo_provider;
CREATE TABLE ndb_release AS
    SELECT hokenid.link(insured, 'ndb-kaigo-2026') AS person, receipt_month, points FROM ndb_source;
CREATE TABLE kaigo_release AS
    SELECT hokenid.link(insured, 'ndb-kaigo-2026') AS person, assessed_on, care_level FROM kaigo_source;
RESET ROLE;
GRANT SELECT ON ndb_release, kaigo_release TO demo_analyst;

\echo '== the analyst joins on codes: linked by person-level code vs by number-level code'
SET ROLE demo_analyst;
SELECT left(n.person::text, 16) || '…' AS person, n.receipt_month, n.points, k.assessed_on, k.care_level
FROM ndb_release n JOIN kaigo_release k USING (person)
ORDER BY n.points;
SELECT count(*) AS people_linked_by_person_code FROM ndb_release n JOIN kaigo_release k USING (person);
\echo '   (the analyst cannot compute codes: the transform is refused)'
\set ON_ERROR_STOP 0
SELECT hokenid.link('06130512:1006:50006:00', 'ndb-kaigo-2026');
\set ON_ERROR_STOP 1
RESET ROLE;
SET ROLE demo_provider;
SELECT count(*) AS people_linked_by_number_code
FROM ndb_source n JOIN kaigo_source k
  ON hokenid.link_number(n.insured, 'ndb-kaigo-2026') = hokenid.link_number(k.insured, 'ndb-kaigo-2026');
RESET ROLE;
