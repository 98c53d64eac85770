-- Part 1: the identifier types.  The same cards keyed by three systems
-- (a receipt, a clinic's front desk, an eligibility message) become equal
-- values; dirty data is sorted out without raising.
\pset footer off
ALTER DATABASE demo SET search_path = public, hokenid;
SET search_path = public, hokenid;
CREATE EXTENSION hokenid;

\echo '== one card, three spellings: receipt HO/SN fields, full-width front-desk entry, text form'
SELECT hokenid.insured_no('  133066', '１２', '３４５', '01') AS from_receipt,
       '１３３０６６：１２：３４５：０１'::hokenid.insured_no AS from_front_desk,
       '133066:12:345:01'::hokenid.insured_no AS from_message,
       hokenid.insured_no('  133066', '１２', '３４５', '01') = '１３３０６６：１２：３４５：０１'::hokenid.insured_no AS equal;

\echo '== what the parts say'
SELECT v AS insured, hokenid.insurer(v) AS insurer, hokenid.insurer_kind(hokenid.insurer(v)) AS kind,
       hokenid.law_name(hokenid.insurer(v)) AS scheme, hokenid.symbol(v) AS symbol,
       hokenid.number(v) AS number, hokenid.branch(v) AS branch
FROM (VALUES ('06130512:1234:5678:01'::hokenid.insured_no), ('39131032::07'),
             ('01130012:19D0001:10-23'), ('31130032:東京:123:00')) AS t(v);

\echo '== dirty data from a legacy system: which rows are valid and why not (nothing raised)'
CREATE TABLE legacy_cards (raw text);
INSERT INTO legacy_cards VALUES ('06130512:1234:5678:01'), ('06130512:1234:5678:1'),
    ('06130513:1234:5678:01'), ('39131032::07:01'), ('54016027:1:2'), ('01130012:12:34');
SELECT raw, hokenid.is_valid_insured_no(raw) AS valid, hokenid.insured_no_error(raw) AS problem
FROM legacy_cards;

\echo '== a refused value: SQLSTATE 22P02, the rule, and only a masked form of the number'
\set ON_ERROR_STOP 0
SELECT '06130512:1234:5678:1'::hokenid.insured_no;
\set ON_ERROR_STOP 1

\echo '== 公費負担者番号 and 医療機関等コード'
SELECT '54016027'::hokenid.kohi_no AS kohi, hokenid.law_name('54016027'::hokenid.kohi_no) AS kohi_scheme,
       hokenid.is_valid_kohi_no('88134458') AS tokyo_2024_typo_valid,
       hokenid.facility_code('01', '1', '0113719') AS facility,
       hokenid.score_table(hokenid.facility_code('01', '1', '0113719')) AS score_table;
