-- insured_no (個人単位被保険者番号): the text form and the constructor,
-- normalisation that makes the same card equal whoever keyed it, 枝番 rules
-- (two digits; none for 後期高齢者医療; legacy cards without one), receipt
-- length limits, accessors, and a refusal for every broken rule.
SELECT v AS input, v::hokenid.insured_no AS canonical
FROM (VALUES ('06130512:1234:5678:01'),
             ('06130512:1234:5678'),            -- card issued before 枝番
             ('06130512:1234:5678:'),           -- trailing empty 枝番: the same
             ('０６１３０５１２：１９ｄ　０００１：１０－２３：０１'),
             ('06130512:ab:1−2:00'),            -- U+2212 minus from CP932
             ('06130512:ab:1‐2:00'),            -- U+2010 hyphen
             ('01130012:東京あ:12:03'),          -- kanji and kana kept
             ('39131032::０７'),                 -- 後期高齢者医療: 番号 only
             ('  133066:1:7')) AS t(v);

-- equality after folding; leading zeros are significant
SELECT '06130512:19D0001:10-23:01'::hokenid.insured_no = '０６１３０５１２：１９ｄ０００１：１０－２３：０１' AS folded_equal,
       '39131032::07'::hokenid.insured_no = '39131032::7' AS zero_significant,
       '06130512:1234:5678'::hokenid.insured_no = '06130512:1234:5678:00' AS legacy_differs;

-- the constructor takes the parts as HO/SN records and eligibility messages carry them
SELECT hokenid.insured_no('06130512', '1234', '5678', '01'),
       hokenid.insured_no('  133066', '１２', '３４５', NULL),
       hokenid.insured_no('39131032', NULL, '０７'),
       hokenid.insured_no('39131032', '', '07', ''),
       hokenid.insured_no(NULL, '1', '2', '01') IS NULL AS null_insurer,
       hokenid.insured_no('06130512', '1', NULL, '01') IS NULL AS null_number;

-- accessors
SELECT hokenid.insurer(v), hokenid.symbol(v), hokenid.number(v), hokenid.branch(v),
       hokenid.without_branch(v)
FROM (VALUES ('06130512:1234:5678:01'::hokenid.insured_no),
             ('39131032::07'), ('06130512:1234:5678')) AS t(v);

-- every refusal, with its SQLSTATE
SELECT left(v, 40) AS input, length(v), regress.try(format('SELECT %L::hokenid.insured_no', v)) AS result
FROM (VALUES (''), ('06130512:1234'), ('06130512:1:2:01:9'), ('06130512:1234::01'),
             ('06130513:1234:5678:01'), ('54016027:1:2:01'),
             ('06130512:1234:5678:1'), ('06130512:1234:5678:100'), ('06130512:1234:5678:０ａ'),
             ('39131032::07:01'), ('39131032:1:07'),
             ('06130512:12' || chr(1) || '4:5678'), ('06130512:1234:5😀'),
             ('06130512:1234567890:1234567890'),
             ('06130512::' || repeat('東', 20)),
             ('06130512:1:' || repeat('1', 1000000))) AS t(v);
SELECT regress.try($$SELECT hokenid.insured_no('06130512', '1:2', '5678', '01')$$) AS colon_in_part,
       regress.try($$SELECT hokenid.insured_no('39131032', NULL, '07', '01')$$) AS late_elderly_branch;

-- full errors: the rule, the position, a masked value and a hint
SELECT '06130512:1234:5678:1'::hokenid.insured_no;
SELECT ('06130512:12' || chr(9) || '4:5678')::hokenid.insured_no;
SELECT '39131032::07:01'::hokenid.insured_no;

-- validation without raising
SELECT v, hokenid.is_valid_insured_no(v), hokenid.insured_no_error(v)
FROM (VALUES ('06130512:1234:5678:01'), ('06130512:1234:5678:1'), ('39131032:1:07'),
             ('06130512:12x'), (NULL)) AS t(v);

-- ordering: insurer, 記号, 番号, then 枝番 with the legacy card first
SELECT v FROM (VALUES ('06130512:1234:5678:01'::hokenid.insured_no), ('06130512:1234:5678'),
                      ('133066:9:9'), ('06130512:123:9'), ('06130512:1234:5678:00'),
                      ('01130012:東京あ:12:03')) AS t(v)
ORDER BY v;

-- casts
SELECT '06130512:1234:5678:01'::text::hokenid.insured_no::text;
CREATE TEMP TABLE assign_test (t text);
INSERT INTO assign_test VALUES ('06130512:1234:5678:01'::hokenid.insured_no);
SELECT t FROM assign_test;
