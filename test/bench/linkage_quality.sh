#!/usr/bin/env bash
# Linkage quality: a generated population seen by two databases (an NDB-like
# receipt table in 2023, a 介護DB-like care table in 2025).  Between the two,
# people change jobs (new insurer and number), marry (new surname), and the
# population holds namesakes (same name, birth date and sex).  Records are
# linked by ID1-style keys (insurer + 記号・番号 + birth + sex), ID2-style
# keys (name + birth + sex) and the person-level code; the report gives
# precision and recall of each against the truth.
# Usage: bash test/bench/linkage_quality.sh   (as root; installs hokenid)
set -euo pipefail
cd "$(dirname "$0")/../.."
PEOPLE=${PEOPLE:-200000}

source test/bench/lib.sh
bench_start "shared_buffers = 2GB" "max_wal_size = 8GB"
psql -X -q -v ON_ERROR_STOP=1 <<SQL
CREATE EXTENSION hokenid;
SELECT hokenid.create_linkage_key('quality') \gset
SELECT setseed(0.42);
-- people: 5% share name, birth date and sex with another person (namesakes);
-- 15% change jobs in 2024; 6% marry in 2024 (a new surname)
CREATE TABLE people AS
SELECT i AS person,
       'name' || base AS given,
       (ARRAY['山田','佐藤','鈴木','高橋','田中','伊藤'])[1 + base % 6] AS surname,
       DATE '1940-01-01' + (base * 7919) % 25000 AS birth,
       1 + base % 2 AS sex,
       hokenid.insured_no('06130512', (1000 + i / 1000)::text, i::text, '00') AS first_card,
       random() < 0.15 AS changes_job,
       random() < 0.06 AS marries
FROM generate_series(1, $PEOPLE) AS i,
     LATERAL (SELECT CASE WHEN i % 20 = 1 AND i > 1 THEN i - 1 ELSE i END AS base) AS namesake;
-- the history provider knows the job changes
SELECT count(hokenid.register_qualification(first_card, '[2020-04-01,)')) FROM people;
SELECT count(hokenid.link_history(first_card, hokenid.insured_no('01130012', '7' || person, person::text, '00'), '2024-04-01'))
FROM people WHERE changes_job;
CREATE TABLE ndb AS
SELECT person, surname || ' ' || given AS name, birth, sex, first_card AS card FROM people;
CREATE TABLE kaigo AS
SELECT person,
       CASE WHEN marries THEN '小林' ELSE surname END || '　' || given AS name,   -- full-width space, new surname
       birth, sex,
       CASE WHEN changes_job THEN hokenid.insured_no('01130012', '7' || person, person::text, '00') ELSE first_card END AS card
FROM people WHERE person % 2 = 0;                                            -- half of them reach care
CREATE TABLE coded AS
SELECT 'ndb' AS db, person,
       hokenid.link_id1(card, birth, sex, 'quality') AS id1, hokenid.link_id2(name, birth, sex, 'quality') AS id2,
       hokenid.link(card, 'quality') AS code
FROM ndb
UNION ALL
SELECT 'kaigo', person, hokenid.link_id1(card, birth, sex, 'quality'), hokenid.link_id2(name, birth, sex, 'quality'),
       hokenid.link(card, 'quality')
FROM kaigo;
SQL

psql -X -q -v ON_ERROR_STOP=1 <<'SQL'
\pset footer off
WITH truth AS (SELECT count(*) AS pairs FROM kaigo),
links AS (
    SELECT 'ID1 (insurer+記号番号+birth+sex)' AS key, n.person = k.person AS correct
    FROM coded n JOIN coded k ON n.db = 'ndb' AND k.db = 'kaigo' AND n.id1 = k.id1
    UNION ALL
    SELECT 'ID2 (name+birth+sex)', n.person = k.person
    FROM coded n JOIN coded k ON n.db = 'ndb' AND k.db = 'kaigo' AND n.id2 = k.id2
    UNION ALL
    SELECT 'person-level code (history)', n.person = k.person
    FROM coded n JOIN coded k ON n.db = 'ndb' AND k.db = 'kaigo' AND n.code = k.code)
SELECT key, count(*) AS links, count(*) FILTER (WHERE correct) AS true_links,
       count(*) FILTER (WHERE NOT correct) AS false_links,
       round(100.0 * count(*) FILTER (WHERE correct) / count(*), 2) AS precision_pct,
       round(100.0 * count(*) FILTER (WHERE correct) / (SELECT pairs FROM truth), 2) AS recall_pct
FROM links GROUP BY key ORDER BY key;
SELECT (SELECT count(*) FROM kaigo) AS true_pairs,
       (SELECT count(*) FROM people WHERE changes_job AND person % 2 = 0) AS job_changes_in_care,
       (SELECT count(*) FROM people WHERE marries AND person % 2 = 0) AS marriages_in_care,
       (SELECT count(*) FROM people WHERE person % 20 = 1 AND person > 1) AS namesake_pairs;
SQL
