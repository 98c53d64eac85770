-- Index support: btree and hash indexes on every identifier type are built
-- and used for equality (and btree for ranges and ORDER BY); hash joins and
-- hash partitioning work on insured_no.
CREATE TEMP TABLE people AS
SELECT i,
       hokenid.insured_no('06130512', (i / 100)::text, i::text, lpad((i % 3)::text, 2, '0')) AS insured,
       (CASE WHEN i % 2 = 0 THEN '01130012' ELSE '133066' END)::hokenid.insurer_no AS insurer,
       (CASE WHEN i % 2 = 0 THEN '54016027' ELSE '12131017' END)::hokenid.kohi_no AS kohi,
       '0110113719'::hokenid.facility_code AS facility
FROM generate_series(1, 10000) AS i;
CREATE INDEX people_insured_btree ON people (insured);
CREATE INDEX people_insured_hash ON people USING hash (insured);
CREATE INDEX people_insurer_btree ON people (insurer);
CREATE INDEX people_kohi_hash ON people USING hash (kohi);
CREATE INDEX people_facility_btree ON people (facility);
CREATE INDEX people_insurer_hash ON people USING hash (insurer);
CREATE INDEX people_kohi_btree ON people (kohi);
CREATE INDEX people_facility_hash ON people USING hash (facility);
ANALYZE people;
SET enable_seqscan = off;
SET enable_bitmapscan = off;
EXPLAIN (COSTS OFF) SELECT i FROM people WHERE insured = '06130512:42:4242:00';
SELECT i FROM people WHERE insured = '06130512:42:4242:00';
EXPLAIN (COSTS OFF) SELECT i FROM people WHERE insured > '06130512:99:9990' ORDER BY insured;
SELECT i FROM people WHERE insured > '06130512:99:9990' ORDER BY insured;
DROP INDEX people_insured_btree;
EXPLAIN (COSTS OFF) SELECT i FROM people WHERE insured = '06130512:42:4242:00';
SELECT i FROM people WHERE insured = '06130512:42:4242:00';
EXPLAIN (COSTS OFF) SELECT count(*) FROM people WHERE insurer = '133066';
EXPLAIN (COSTS OFF) SELECT count(*) FROM people WHERE kohi = '54016027';
EXPLAIN (COSTS OFF) SELECT count(*) FROM people WHERE facility = '0110113719';
SELECT count(*) FROM people WHERE kohi = '54016027';
-- each type's other index kind, once the first is gone
DROP INDEX people_insurer_btree, people_kohi_hash, people_facility_btree;
EXPLAIN (COSTS OFF) SELECT count(*) FROM people WHERE insurer = '133066';
EXPLAIN (COSTS OFF) SELECT count(*) FROM people WHERE kohi = '54016027';
EXPLAIN (COSTS OFF) SELECT count(*) FROM people WHERE facility = '0110113719';
SELECT count(*) FROM people WHERE insurer = '133066';
RESET enable_seqscan;
RESET enable_bitmapscan;

-- hash join and hash aggregate use the hash opclass
SET enable_mergejoin = off;
SET enable_nestloop = off;
EXPLAIN (COSTS OFF) SELECT count(*) FROM people a JOIN people b USING (insured);
SELECT count(*) FROM people a JOIN people b USING (insured);
RESET enable_mergejoin;
RESET enable_nestloop;
SELECT count(DISTINCT insured) AS distinct_numbers, count(DISTINCT hokenid.without_branch(insured)) AS distinct_cards
FROM people;

-- hash partitioning on insured_no puts every row somewhere and finds it again
CREATE TABLE insured_parts (insured hokenid.insured_no) PARTITION BY HASH (insured);
CREATE TABLE insured_parts_0 PARTITION OF insured_parts FOR VALUES WITH (MODULUS 2, REMAINDER 0);
CREATE TABLE insured_parts_1 PARTITION OF insured_parts FOR VALUES WITH (MODULUS 2, REMAINDER 1);
INSERT INTO insured_parts SELECT insured FROM people;
SELECT (SELECT count(*) FROM insured_parts_0) > 0 AND (SELECT count(*) FROM insured_parts_1) > 0 AS both_used,
       (SELECT count(*) FROM insured_parts) AS total;
EXPLAIN (COSTS OFF) SELECT * FROM insured_parts WHERE insured = '06130512:42:4242:00';
SELECT * FROM insured_parts WHERE insured = '06130512:42:4242:00';
DROP TABLE insured_parts;

-- comparison operators are LEAKPROOF, so security-barrier views can push them down; each is
-- in pg_catalog (found without search_path, in the operator classes) and under hokenid
SELECT p.oprnamespace::regnamespace AS schema, p.oprname, f.proleakproof
FROM pg_operator p JOIN pg_proc f ON f.oid = p.oprcode
WHERE p.oprleft = 'hokenid.insured_no'::regtype
ORDER BY p.oprname, 1;
