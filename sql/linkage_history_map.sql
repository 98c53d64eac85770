-- Person-level codes from a map of moved numbers: once a session has probed
-- the history enough, link() reads the first number from a map of the
-- numbers whose history starts elsewhere, published in shared memory for
-- every other session, whose first lookup maps it (and which copies it into
-- its own memory once it has looked up enough numbers).  The map must give
-- exactly what the probes give, follow every change of the history (in
-- this session, after a rollback, from another session), stay private to a
-- transaction that wrote, and step aside under REPEATABLE READ.
SELECT hokenid.create_linkage_key('history-map') AS version;

-- 3000 holders; every third one moved from a first number of another insurer
CREATE TABLE map_numbers AS
SELECT i, hokenid.insured_no('06130512', '77', i::text, '00') AS insured,
       CASE WHEN i % 3 = 0 THEN hokenid.insured_no('01130012', '88', i::text, '00')
            ELSE hokenid.insured_no('06130512', '77', i::text, '00') END AS first
FROM generate_series(1, 3000) AS i;
CREATE TABLE map_people AS
WITH made AS (INSERT INTO hokenid.person (created_at) SELECT now() FROM map_numbers RETURNING person_id)
SELECT person_id, row_number() OVER (ORDER BY person_id) AS i FROM made;
INSERT INTO hokenid.insured_number (insured, person_id, oldest)
SELECT n.insured, p.person_id, n.first FROM map_numbers n JOIN map_people p USING (i);
-- all-visible pages: the map is read from the index alone
VACUUM (ANALYZE) hokenid.insured_number;

-- the first query probes, then builds the map (DEBUG1 says so), and the
-- answers agree with the table row by row
SET client_min_messages = debug1;
SELECT count(*) FILTER (WHERE hokenid.link(insured, 'history-map') =
                              hokenid.link_number(first, 'history-map')) AS agreeing,
       count(*) AS numbers
FROM map_numbers;
RESET client_min_messages;
SELECT count(*) FILTER (WHERE hokenid.link(insured, 'history-map') =
                              hokenid.link_number(first, 'history-map')) AS agreeing_from_map
FROM map_numbers;
SELECT backend_map, numbers, bytes > 0 AS sized, published FROM hokenid.history_map();

-- a new session maps the published map at its first lookup, probing nothing
\c
SELECT backend_map, published FROM hokenid.history_map();
SET client_min_messages = debug1;
SELECT hokenid.link(insured, 'history-map') = hokenid.link_number(first, 'history-map') AS first_lookup_agrees
FROM map_numbers WHERE i = 3;
RESET client_min_messages;
SELECT backend_map, numbers FROM hokenid.history_map();
-- lookups that cost what a copy of the map does (about one per 250 bytes
-- of map): the session copies it and answers the same from the copy
SET client_min_messages = debug1;
SELECT count(*) FILTER (WHERE hokenid.link(insured, 'history-map') =
                              hokenid.link_number(first, 'history-map')) AS agreeing_from_shared_map
FROM map_numbers;
RESET client_min_messages;
SELECT backend_map, numbers FROM hokenid.history_map();
SELECT count(*) FILTER (WHERE hokenid.link(insured, 'history-map') =
                              hokenid.link_number(first, 'history-map')) AS agreeing_from_copy
FROM map_numbers;

-- a change of the history in this session is seen at once, and undone by ROLLBACK
BEGIN;
UPDATE hokenid.insured_number SET oldest = insured
WHERE insured IN (SELECT insured FROM map_numbers WHERE i % 3 = 0);
SELECT count(*) FILTER (WHERE hokenid.link(insured, 'history-map') =
                              hokenid.link_number(insured, 'history-map')) AS own_first_in_transaction
FROM map_numbers;
-- built from uncommitted changes: never published
SELECT backend_map, published FROM hokenid.history_map();
ROLLBACK;
SELECT count(*) FILTER (WHERE hokenid.link(insured, 'history-map') =
                              hokenid.link_number(first, 'history-map')) AS agreeing_after_rollback
FROM map_numbers;
SELECT backend_map, published FROM hokenid.history_map();

-- REPEATABLE READ probes (the map may be newer than the snapshot)
BEGIN ISOLATION LEVEL REPEATABLE READ;
SELECT count(*) FILTER (WHERE hokenid.link(insured, 'history-map') =
                              hokenid.link_number(first, 'history-map')) AS agreeing_repeatable_read
FROM map_numbers;
COMMIT;

-- a map too large for hokenid.history_cache_size is never built: probes answer
SET hokenid.history_cache_size = 0;
SELECT count(*) FILTER (WHERE hokenid.link(insured, 'history-map') =
                              hokenid.link_number(first, 'history-map')) AS agreeing_without_map
FROM map_numbers;
SELECT backend_map FROM hokenid.history_map();
SELECT hokenid.build_history_map() AS over_the_limit;
RESET hokenid.history_cache_size;

-- built on demand (after a load of the history), and published at once
SELECT hokenid.build_history_map() AS mapped;
SELECT backend_map, numbers, published FROM hokenid.history_map();
BEGIN ISOLATION LEVEL REPEATABLE READ;
SELECT regress.try($$SELECT hokenid.build_history_map()$$) AS not_under_repeatable_read;
COMMIT;

DELETE FROM hokenid.insured_number WHERE person_id IN (SELECT person_id FROM map_people);
DELETE FROM hokenid.person WHERE person_id IN (SELECT person_id FROM map_people);
DROP TABLE map_numbers, map_people;
SELECT hokenid.retire_linkage_key('history-map', 1);
