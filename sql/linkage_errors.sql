-- Bad input to the linkage transform: unknown and retired keys name the key
-- (22023); bad codes are 22P02; bad names, sexes and dates 22023; and no
-- message carries key bytes.
SELECT hokenid.create_linkage_key('errors-test') AS version;
SELECT what, regress.try(statement) AS result
FROM (VALUES
    ('unknown domain', $$SELECT hokenid.link_number('39131032::07', 'no-such-domain')$$),
    ('unknown version', $$SELECT hokenid.link_number('39131032::07', 'errors-test', 7)$$),
    ('bad domain name', $$SELECT hokenid.create_linkage_key('Bad Domain!')$$),
    ('empty domain', $$SELECT hokenid.create_linkage_key('')$$),
    ('sex 3', $$SELECT hokenid.link_id1('39131032::07', '1950-01-01', 3, 'errors-test')$$),
    ('empty name', $$SELECT hokenid.link_id2('　 ', '1950-01-01', 1, 'errors-test')$$),
    ('infinite birth', $$SELECT hokenid.link_id2('山田', 'infinity', 1, 'errors-test')$$),
    ('code too long', $$SELECT (repeat('a', 65))::hokenid.linkage_code$$),
    ('retire unknown', $$SELECT hokenid.retire_linkage_key('errors-test', 9)$$)
) AS t(what, statement);

SELECT hokenid.link_number('39131032::07', 'errors-test') IS NOT NULL AS works_before_retiring;
SELECT hokenid.retire_linkage_key('errors-test', 1);
SELECT hokenid.link_number('39131032::07', 'errors-test');
SELECT hokenid.link_number('39131032::07', 'errors-test', 1);
SELECT hokenid.link_number(NULL, 'errors-test') IS NULL AS null_in_null_out;
