-- Receipts (UKE files): records of every type, both encodings (CP932 as
-- submitted, UTF-8), CR LF and LF, with and without the EOF mark, 西暦 and
-- 和暦 dates, the grouping rules (an omitted 診療識別 continues the group;
-- 点数 closes a billing unit), the per-day expansion of the 1日…31日
-- columns, the insured number completed by SN's 枝番, large objects, and
-- the generator whose files pass the check.
-- 31 day columns (1日…31日) with a count of 1 on the days given
CREATE FUNCTION pg_temp.days(VARIADIC on_days integer[]) RETURNS text LANGUAGE sql
    RETURN (SELECT string_agg(CASE WHEN d = ANY (on_days) THEN '1' ELSE '' END, ',' ORDER BY d) FROM generate_series(1, 31) AS d);
CREATE TEMP TABLE files (name text PRIMARY KEY, content text);
INSERT INTO files VALUES ('small', concat_ws(E'\r\n',
    'IR,1,13,1,1234569,,合成クリニック,202311,00,03-0000-0000',
    'RE,1,1122,202311,山田　太郎,1,19500102,,20231103,,,,,00001,,,,,,,,,,,,,,,,,,,,,,,ヤマダタロウ,',
    'HO,06130512,１２３４,５６７８,2,700,,,,,,,,,',
    'KO,54016027,1111111,,2,700,0,,,,,',
    'SN,1,01,,,,03,,',
    'SY,0000999,20231101,1,,左膝の痛み,01,',
    'SY,4280001,20231103,1,,,,',
    'CO,21,1,810000001,朝食後',
    'IY,,1,620098801,2,,2,,,,,,,' || pg_temp.days(1, 3),
    'IY,,1,611170005,1,30,2,,,,,,,' || pg_temp.days(1, 3),
    'SI,60,1,160008010,,21,1,,,,,,,' || pg_temp.days(24),
    'SI,50,1,150253010,,600,1,,,,,,,' || pg_temp.days(3),
    'TO,50,1,700010000,1,49,1,,,,,,,,,,,' || pg_temp.days(5),
    'GO,2,700,99') || E'\r\n\x1a');

-- records: SJIS (as submitted) and UTF-8 give the same decoded fields
SELECT line_no, receipt_no, record_type, array_length(fields, 1) AS fields, fields[1:4] AS first_fields
FROM hokenid.receipt_records((SELECT convert_to(content, 'SJIS') FROM files WHERE name = 'small'));
SELECT (SELECT string_agg(array_to_string(fields, '|'), E'\n' ORDER BY line_no) FROM hokenid.receipt_records((SELECT convert_to(content, 'SJIS') FROM files WHERE name = 'small')))
     = (SELECT string_agg(array_to_string(fields, '|'), E'\n' ORDER BY line_no) FROM hokenid.receipt_records((SELECT convert_to(content, 'UTF8') FROM files WHERE name = 'small'), 'UTF8'))
    AS encodings_agree;

-- the minimum data set: grouping, units, per-day rows, the insured number with SN's 枝番
SELECT receipt_no, line_no, category, code, name, service_date, quantity, times, points, unit,
       insured, kohi, facility, sex, birth_date
FROM hokenid.receipt_mds((SELECT convert_to(content, 'SJIS') FROM files WHERE name = 'small'));
SELECT category, code, service_date FROM hokenid.receipt_mds((SELECT convert_to(content, 'SJIS') FROM files WHERE name = 'small'), mask_diagnoses => true)
WHERE category = 'diagnosis';
SELECT * FROM hokenid.receipt_check((SELECT convert_to(content, 'SJIS') FROM files WHERE name = 'small'));

-- LF line ends, no EOF mark, 和暦 dates (平成31年1月 = 43101, 平成7年2月8日 = 4070208)
SELECT category, service_date, insured, birth_date
FROM hokenid.receipt_mds(convert_to(concat_ws(E'\n',
    'IR,2,13,1,1234569,,オルカ医院,43101,00,03-3946-0001',
    'RE,1,1112,43101,山下歩樹,2,4070208,70,,,,,,00126,,,,,,,,,,,,,,,,,,,,,,,ヤマシタアユキ,',
    'HO,  133066,１２,３４５,1,282,,,,,,,,,',
    'SY,3721002,4310109,1,8002,,,',
    'SI,11,1,111000110,,282,1,,,,,,,,,,,,,,,1,,,,,,,,,,,,,,,,,,,,,,',
    'GO,1,282,99'), 'UTF8'));
SELECT hokenid.receipt_date('4070208'), hokenid.receipt_date('5020601'), hokenid.receipt_date('20240229'),
       hokenid.receipt_date('20230229') AS not_a_day, hokenid.receipt_date('6010101') AS no_era_6;

-- 歯科: SS records with their own day columns, HS diagnoses dated by 診療開始日
SELECT category, code, service_date, points
FROM hokenid.receipt_mds(convert_to(concat_ws(E'\r\n',
    'UK,1,13,3,1234569,,歯科,43102,,00',
    'IR,1,13,3,1234569,,43102,03-3123-4123,',
    'RE,1,3112,43101,鈴木　雅規,1,3430101,,,4310114,1,,,,,1/7,,,,,,,,,,スズキマサノリ,',
    'HO,01130012,１３４０１５１８,１２,1,226,,,,,,,,',
    'HS,,,102400102500,5220063,,,,,,,,',
    'SS,11,1,301072810' || repeat(',', 73) || '226,1' || repeat(',', 13) || ',1' || repeat(',', 17),
    'GO,1,226,99'), 'SJIS'));

-- large objects stream the same rows
SELECT lo_from_bytea(0, hokenid.generate_receipts(42, 30)) AS lo \gset
SELECT (SELECT count(*) FROM hokenid.receipt_mds(:lo)) = (SELECT count(*) FROM hokenid.receipt_mds(hokenid.generate_receipts(42, 30))) AS large_object_agrees,
       (SELECT count(*) FROM hokenid.receipt_records(:lo)) AS records,
       (SELECT count(*) FROM hokenid.receipt_check(:lo)) AS problems;
SELECT count(*) FROM (SELECT * FROM hokenid.receipt_mds(:lo) LIMIT 3) AS stopped_early;
SELECT lo_unlink(:lo);

-- the generator: deterministic, valid, GO totals true, both encodings
SELECT hokenid.generate_receipts(1, 50) = hokenid.generate_receipts(1, 50) AS deterministic,
       hokenid.generate_receipts(1, 50) <> hokenid.generate_receipts(2, 50) AS seeded,
       (SELECT count(*) FROM hokenid.receipt_check(hokenid.generate_receipts(3, 500))) AS problems,
       (SELECT count(DISTINCT receipt_no) FROM hokenid.receipt_mds(hokenid.generate_receipts(3, 500))) AS receipts,
       (SELECT count(*) FROM hokenid.receipt_mds(hokenid.generate_receipts(3, 100, 'UTF8')))
     = (SELECT count(*) FROM hokenid.receipt_mds(hokenid.generate_receipts(3, 100))) AS encodings_agree;
SELECT category, count(*), sum(times) AS times FROM hokenid.receipt_mds(hokenid.generate_receipts(9, 200)) GROUP BY 1 ORDER BY 1;
