-- Bad input to the history functions: each a clear error with the right
-- SQLSTATE, and nothing half-written (the tables are unchanged after each).
SELECT hokenid.register_qualification('34130021:5:5:00', '[2020-01-01,)') > 0 AS base;
SELECT hokenid.register_qualification('34130021:6:6:00', '[2020-01-01,)') > 0 AS other_person;
CREATE TEMP TABLE before AS
SELECT (SELECT count(*) FROM hokenid.person) AS persons,
       (SELECT count(*) FROM hokenid.qualification) AS qualifications,
       (SELECT string_agg(coverage::text, ',' ORDER BY qualification_id) FROM hokenid.qualification) AS coverages;

SELECT what, regress.try(statement) AS result
FROM (VALUES
    ('overlap in the same scheme', $$SELECT hokenid.register_qualification('34130021:5:5:00', '[2021-01-01,2022-01-01)')$$),
    ('end before start', $$SELECT hokenid.end_qualification('34130021:5:5:00', '2019-12-31')$$),
    ('end of an unknown number', $$SELECT hokenid.end_qualification('34130021:1:1:00', '2021-01-01')$$),
    ('coverage without a first day', $$SELECT hokenid.register_qualification('34130021:7:7:00', '(,2021-01-01)')$$),
    ('empty coverage', $$SELECT hokenid.register_qualification('34130021:7:7:00', 'empty')$$),
    ('far future', $$SELECT hokenid.register_qualification('34130021:7:7:00', '[2300-01-01,)')$$),
    ('before health insurance', $$SELECT hokenid.register_qualification('34130021:7:7:00', '[1900-01-01,)')$$),
    ('infinite date', $$SELECT hokenid.end_qualification('34130021:5:5:00', 'infinity')$$),
    ('bad relationship', $$SELECT hokenid.register_qualification('34130021:7:7:00', '[2020-01-01,)', 'neighbour')$$),
    ('NULL coverage', $$SELECT hokenid.register_qualification('34130021:7:7:00', NULL)$$),
    ('link from an unknown number', $$SELECT hokenid.link_history('34130021:1:1:00', '34130021:8:8:00', '2021-01-01')$$),
    ('link to another person''s number', $$SELECT hokenid.link_history('34130021:5:5:00', '34130021:6:6:00', '2021-01-01')$$),
    ('link to itself', $$SELECT hokenid.link_history('34130021:5:5:00', '34130021:5:5:00', '2021-01-01')$$),
    ('link not after the first day', $$SELECT hokenid.link_history('34130021:5:5:00', '01130012:5:5:00', '2020-01-01')$$)
) AS t(what, statement);

SELECT b.persons = (SELECT count(*) FROM hokenid.person) AS no_new_person,
       b.qualifications = (SELECT count(*) FROM hokenid.qualification) AS no_new_qualification,
       b.coverages = (SELECT string_agg(coverage::text, ',' ORDER BY qualification_id) FROM hokenid.qualification) AS coverages_unchanged
FROM before b;

-- a chain, not a tree: linking twice from the same number, and back into the history (a cycle)
SELECT hokenid.link_history('34130021:5:5:00', '01130012:5:5:00', '2021-01-01') > 0 AS first_link;
SELECT regress.try($$SELECT hokenid.link_history('34130021:5:5:00', '01130012:5:6:00', '2022-01-01')$$) AS second_successor;
SELECT regress.try($$SELECT hokenid.link_history('01130012:5:5:00', '34130021:5:5:00', '2022-01-01')$$) AS cycle;

-- a message shows a masked number, never the number
SELECT hokenid.link_history('34130021:5:5:00', '34130021:6:6:00', '2021-01-01');

-- one qualification per scheme and day even across a person's numbers:
-- re-registering the old number while the new one of the same scheme runs
SELECT hokenid.end_qualification('34130021:6:6:00', '2020-12-31');
SELECT hokenid.link_history('34130021:6:6:00', '34130021:9:9:00', '2021-06-01') > 0 AS linked_after_a_gap;
SELECT regress.try($$SELECT hokenid.register_qualification('34130021:6:6:00', '[2022-01-01,)')$$) AS same_scheme_overlap;
