-- Code masters (支払基金 基本マスター): a master file loads into
-- hokenid.code_master (抹消 records erase, a record of the same 変更年月日
-- replaces, reloading changes nothing); a broken line loads nothing and names
-- its line and field; only roles granted the loader load; the minimum data
-- set shows each code's name as of the day of care, and its categories do
-- not change with the masters.
CREATE FUNCTION pg_temp.master_line(field_count int, VARIADIC set text[]) RETURNS text
LANGUAGE sql AS $$
    SELECT string_agg('"' || coalesce((SELECT set[k + 1] FROM generate_subscripts(set, 1) AS k
                                       WHERE k % 2 = 1 AND set[k]::int = i), '0') || '"', ',' ORDER BY i)
    FROM generate_series(1, field_count) AS i
$$;
CREATE FUNCTION pg_temp.master_file(VARIADIC lines text[]) RETURNS bytea
LANGUAGE sql AS $$ SELECT convert_to(array_to_string(lines, E'\r\n') || E'\r\n', 'SJIS') $$;

SELECT hokenid.load_code_master(pg_temp.master_file(
    pg_temp.master_line(33, '2', 'Y', '3', '620098801', '5', 'ロキソプロフェンＮａ錠６０ｍｇ', '7', 'ﾛｷｿﾌﾟﾛﾌｪﾝ',
                        '10', '錠', '12', '10.10', '30', '20220401', '31', '99999999'),
    pg_temp.master_line(113, '2', 'S', '3', '112007410', '5', '再診料', '7', 'ｻｲｼﾝﾘｮｳ', '10', '', '12', '75',
                        '87', '20220401', '88', '99999999'),
    -- two versions of one code: the points changed on 2024-06-01
    pg_temp.master_line(113, '2', 'S', '3', '160008010', '5', '末梢血液一般検査', '7', '', '12', '20',
                        '87', '20220401', '88', '20240531'),
    pg_temp.master_line(113, '2', 'S', '3', '160008010', '5', '末梢血液一般検査', '7', '', '12', '21',
                        '87', '20240601', '88', '99999999'),
    pg_temp.master_line(45, '2', 'B', '3', '4280001', '6', 'うっ血性心不全', '10', 'ｳｯｹﾂｾｲｼﾝﾌｾﾞﾝ',
                        '23', '20000401', '24', '99999999'),
    pg_temp.master_line(40, '2', 'T', '3', '700010000', '5', '酸素（液化酸素ＣＥ）', '7', 'ｻﾝｿ', '10', 'Ｌ',
                        '12', '0.19', '28', '20240401', '30', '99999999'),
    pg_temp.master_line(30, '2', 'C', '5', '1', '7', '別途コメントあり', '9', 'ﾍﾞｯﾄｺﾒﾝﾄｱﾘ', '21', '20240601', '22', '99999999',
                        '23', '820000001')), 'SJIS') AS loaded;
SELECT kind, code, name, kana, unit, amount, valid_from, valid_until FROM hokenid.code_master ORDER BY kind, code, valid_from;

-- loading again changes nothing; 抹消 (change 1) erases every version
SELECT hokenid.load_code_master(pg_temp.master_file(
    pg_temp.master_line(45, '2', 'B', '3', '4280001', '6', 'うっ血性心不全', '23', '20000401', '24', '99999999')), 'SJIS') AS reloaded;
SELECT hokenid.load_code_master(pg_temp.master_file(
    pg_temp.master_line(40, '1', '1', '2', 'T', '3', '700010000', '28', '20240401', '30', '99999999')), 'SJIS') AS erased_stores;
SELECT count(*) AS materials_left FROM hokenid.code_master WHERE kind = 'T';

-- a broken line loads nothing and says where (22P02)
SELECT regress.try($$SELECT hokenid.load_code_master(pg_temp.master_file(
    pg_temp.master_line(33, '2', 'Y', '3', '620000007', '30', '20240401', '31', '99999999'),
    pg_temp.master_line(33, '2', 'Y', '3', '62000000', '30', '20240401', '31', '99999999')), 'SJIS')$$) AS short_code,
       regress.try($$SELECT hokenid.load_code_master(pg_temp.master_file(
    pg_temp.master_line(45, '2', 'B', '3', '4280002', '23', '20241301', '24', '99999999')), 'SJIS')$$) AS bad_date,
       regress.try($$SELECT hokenid.load_code_master(pg_temp.master_file('"0","X","8282"'), 'SJIS')$$) AS other_master,
       regress.try($$SELECT hokenid.load_code_master(pg_temp.master_file('"0","Y'), 'SJIS')$$) AS open_quote;
SELECT count(*) AS drugs_still_one FROM hokenid.code_master WHERE kind = 'Y';

-- only a role granted the loader loads; everyone reads the names
CREATE ROLE master_reader;
SET ROLE master_reader;
SELECT regress.try($$SELECT hokenid.load_code_master(''::bytea)$$) AS load_refused,
       (SELECT count(*) FROM hokenid.code_master) > 0 AS names_readable;
RESET ROLE;
DROP ROLE master_reader;

-- the minimum data set with names, as of the day of care; categories unchanged
SELECT count(*) = (SELECT count(*) FROM hokenid.receipt_mds(hokenid.generate_receipts(42, 30))) AS same_rows,
       count(*) FILTER (WHERE code_name IS NOT NULL) > 0 AS some_named,
       bool_and(code_name IS NULL OR category IS NOT NULL) AS categories_kept
FROM hokenid.receipt_mds_named(hokenid.generate_receipts(42, 30));
SELECT DISTINCT category, code, code_name, code_unit
FROM hokenid.receipt_mds_named(hokenid.generate_receipts(42, 30))
WHERE code IN ('620098801', '112007410', '4280001') ORDER BY code;
-- a version ends on its 廃止年月日: 160008010 on a day of 2024-05 takes the old one
SELECT c.name, c.amount FROM hokenid.code_master c
WHERE c.code = '160008010' AND c.valid_from <= '2024-05-15' AND (c.valid_until IS NULL OR c.valid_until >= '2024-05-15');

-- 修飾語 (Z): a modifier never changed keeps 変更年月日 empty and dates from
-- its 収載年月日, one listed before 2003 has neither and is valid from the
-- beginning (-infinity); a diagnosis is named with its prefixes before and
-- suffixes (8000-8999) after, and a modifier the master lacks shows as its code
SELECT hokenid.load_code_master(pg_temp.master_file(
    pg_temp.master_line(19, '2', 'Z', '3', '2056', '7', '右', '10', 'ﾐｷﾞ', '14', '', '15', '', '16', '99999999'),
    pg_temp.master_line(19, '2', 'Z', '3', '8002', '7', 'の疑い', '10', 'ﾉｳﾀｶﾞｲ', '14', '20020601', '15', '',
                        '16', '99999999'),
    pg_temp.master_line(45, '2', 'B', '3', '1519002', '6', '胃癌', '10', 'ｲｶﾞﾝ', '23', '20000401', '24', '99999999')),
    'SJIS') AS modifiers_loaded;
SELECT kind, code, name, valid_from FROM hokenid.code_master WHERE kind = 'Z' ORDER BY code;
SELECT modifiers, code_name
FROM hokenid.receipt_mds_named(convert_to(concat_ws(E'\n',
    'IR,1,13,1,1234569,,c,202311,00,',
    'RE,1,1112,202311,x,1,19500102,,,,,,,1',
    'HO,01130012,1,2,1,0,,,,,,,,,',
    'SY,1519002,20231101,1,20568002,,01,',
    'SY,1519002,20231101,1,8002,,,',
    'SY,1519002,20231101,1,,,,',
    'SY,1519002,20231101,1,20568999,,,',
    'GO,1,0,99'), 'UTF8'), 'UTF8');
SELECT count(*) FILTER (WHERE code_name IS NOT NULL) AS named_when_masked
FROM hokenid.receipt_mds_named(convert_to(concat_ws(E'\n',
    'IR,1,13,1,1234569,,c,202311,00,',
    'RE,1,1112,202311,x,1,19500102,,,,,,,1',
    'HO,01130012,1,2,1,0,,,,,,,,,',
    'SY,1519002,20231101,1,20568002,,01,',
    'GO,1,0,99'), 'UTF8'), 'UTF8', mask_diagnoses => true);

TRUNCATE hokenid.code_master;
