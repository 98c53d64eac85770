-- PostgreSQL's own messages about a table of insured numbers show them masked
-- (the form of hokenid's error details: '*' for all but the last two
-- characters), to the client as in the server log: unique, foreign-key,
-- check, NOT NULL and exclusion violations with their keys and failing
-- rows, casts of numbers to other types, the values and lines COPY quotes,
-- and the SQL a PL/pgSQL context line quotes.  Text that only resembles a
-- number (a wrong check digit, a time) is left as it is.
-- test/t/007_log_masking.pl reads the server log of the same cases.
CREATE TABLE mask_cards (
    id int PRIMARY KEY,
    insured hokenid.insured_no UNIQUE,
    note text CHECK (note <> 'refused')
);
CREATE TABLE mask_visits (insured hokenid.insured_no NOT NULL REFERENCES mask_cards (insured), day date);
INSERT INTO mask_cards VALUES (1, '06130512:1234:5678:00', 'a'), (2, '39131032::07', 'b'),
                              (3, '01130012:19D0001:10-23', 'c'), (4, '133066:東京:あ-1:02', 'd');

-- unique violation: the key
INSERT INTO mask_cards VALUES (10, '06130512:1234:5678:00', 'again');
UPDATE mask_cards SET insured = '39131032::07' WHERE id = 1;
-- check violation: the failing row
INSERT INTO mask_cards VALUES (11, '01130012:19D0001:10-23:05', 'refused');
UPDATE mask_cards SET note = 'refused' WHERE id = 4;
-- foreign-key violations: the key
INSERT INTO mask_visits VALUES ('06130512:1234:5678:01', '2024-04-01');
INSERT INTO mask_visits VALUES ('39131032::07', '2024-04-01');
DELETE FROM mask_cards WHERE id = 2;
-- NOT NULL violation: the failing row
INSERT INTO mask_visits VALUES (NULL, '2024-04-02');
ALTER TABLE mask_visits ADD COLUMN second hokenid.insured_no NOT NULL DEFAULT '01130012:19D0001:10-23';
INSERT INTO mask_visits (insured, day, second) VALUES ('39131032::07', '2024-04-03', NULL);
-- exclusion violation: both keys
CREATE TABLE mask_stays (insured hokenid.insured_no, EXCLUDE USING hash (insured WITH =));
INSERT INTO mask_stays VALUES ('133066:東京:あ-1:02'), ('133066:東京:あ-1:02');

-- casts of numbers to other types name the value
SELECT insured::text::int FROM mask_cards WHERE id = 1;
SELECT insured::text::date FROM mask_cards WHERE id = 3;
SELECT ARRAY[insured]::text::int[] FROM mask_cards WHERE id = 2;
-- and hokenid's own cast error shows only the masked input, as always
CREATE TABLE mask_raw (raw text);
INSERT INTO mask_raw VALUES ('06130513:1234:5678:00');
SELECT raw::hokenid.insured_no FROM mask_raw;

-- COPY FROM: a rejected number as the column value, a duplicate in the
-- quoted line, a line with a column too many
COPY mask_cards FROM STDIN;
20	0613051:1234:5678:00	typo in the insurer
\.
COPY mask_cards FROM STDIN;
21	39131032::07	duplicate
\.
COPY mask_cards FROM STDIN;
22	06130512:1234:5678:03	note	extra
\.

-- PL/pgSQL quotes the SQL that failed: a number in it hides the quotation
DO $$
BEGIN
    INSERT INTO mask_cards VALUES (30, '06130512:1234:5678:00', 'in plpgsql');
END
$$;
-- a mistyped number too (seven digits before ':')
DO $$
BEGIN
    INSERT INTO mask_cards VALUES (1, '0613051:1234:5678:09', 'in plpgsql');
END
$$;

-- not numbers: a wrong check digit and times stay readable
SELECT '06130513:1234:5678:00 at 12:34:56'::int;

DROP TABLE mask_stays, mask_visits, mask_cards, mask_raw;
