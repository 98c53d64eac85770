-- DPC (RECEIPTD) receipts: an inpatient stay paid by its 診断群分類 has its
-- coding data (CD), every act, drug and material with its day, so the
-- minimum data set takes those from CD, and of the receipt's SI/IY/TO only
-- 入院料 and 食事 (診療識別 90/92/97), which CD never holds.  BU gives the
-- admission (DPC REs leave 入院年月日 empty) and the discharge with how the
-- stay ended, SB the diagnoses with ICD-10 and their role (傷病名区分); a
-- 総括対象医科入院 receipt reads as 医科.  The kind is seen from the records
-- (IR says 点数表 1 in both), so 医科 files stay 医科.
-- Layout: the older DPC用 specification (RE adds レセプト総括区分 in column 18,
-- HO and KO end with 標準負担額).

-- an RE of the DPC layout: 28 columns, 入院年月日 in 8, レセプト総括区分 in 18
CREATE FUNCTION pg_temp.dpc_re(no integer, summary integer, admitted text DEFAULT '') RETURNS text LANGUAGE sql
    RETURN concat('RE,', no, ',1117,202311,山田　太郎,1,19500102,,', admitted, ',,,,,0001,,,,,', summary, repeat(',', 9));
-- an SI with 回数 1 on each day from first to last
CREATE FUNCTION pg_temp.daily(identification text, code text, points integer, first_day integer, last_day integer)
    RETURNS text LANGUAGE sql
    RETURN concat('SI,', identification, ',1,', code, ',,', points, ',', last_day - first_day + 1, ',,,,,,,',
                  (SELECT string_agg(CASE WHEN d BETWEEN first_day AND last_day THEN '1' ELSE '' END, ',' ORDER BY d)
                   FROM generate_series(1, 31) AS d));
CREATE TEMP TABLE dpc_files (name text PRIMARY KEY, content text);
INSERT INTO dpc_files VALUES ('stay', concat_ws(E'\r\n',
    'IR,1,13,1,1234569,,合成病院,202311,00,03-0000-0000',
    pg_temp.dpc_re(1, 0),
    'HO,06130512,１２３４,５６７８,5,11705,,5,640,,,,,,,460',
    'KO,54016027,1111111,,5,11705,,,,,0,0,0',
    'SN,1,01,,,,03,,',
    -- admitted on the 6th, discharged on the 10th, 転帰 2 (軽快)
    'BU,040080XX99X0XX,20231106,20231110,2,',
    -- one disease in three roles, and a comorbidity
    'SB,4860003,,,J189,01,,',
    'SB,4860003,,,J189,11,,',
    'SB,4860003,,,J189,21,,',
    'SB,0000999,,ぶどう膜炎の疑い,H209,41,,',
    'KK,,,2,,0,73,,,,,,,',
    'GA,202311,2,000000000000000000000000000000,,1.4123,',
    'HH,202311,2,1,1,1,2100,5,10500',
    'GT,202311,2,1,1,10500,10500,,10500,93,,',
    -- 入院料 and 食事, per day: in the minimum data set from SI
    pg_temp.daily('92', '190192210', 135, 6, 10),
    pg_temp.daily('97', '197000470', 64, 6, 10),
    -- an X-ray billed per act (出来高): its day comes from CD, not from here
    pg_temp.daily('70', '170000410', 210, 6, 6),
    -- the coding data: an act and its material share 順序番号 3
    'CD,20231106,21,1,1,620098801,3,,,1,',
    'CD,20231106,60,2,1,160008010,,,,1,',
    'CD,20231106,70,3,1,170000410,,,,1,',
    'CD,20231106,70,3,2,710010927,1,,007,1,',
    'CD,20231107,21,4,1,620098801,3,,,1,',
    'CD,20231108,33,5,1,620003855,2,,,2,',
    'CD,20231109,50,6,1,150253010,,,,1,',
    'GO,2,11705,99') || E'\r\n\x1a');

-- records: every type is returned, decoded
SELECT record_type, count(*), max(array_length(fields, 1)) AS fields
FROM hokenid.receipt_records((SELECT convert_to(content, 'SJIS') FROM dpc_files WHERE name = 'stay'))
GROUP BY 1 ORDER BY min(line_no);

-- the minimum data set: admission and discharge from BU, diagnoses from SB,
-- 入院料 and 食事 per day from SI, everything else from CD on its day
SELECT receipt_no, line_no, category, code, name, service_date, quantity, times, points, unit,
       insured, kohi, facility, icd10, diagnosis_role
FROM hokenid.receipt_mds((SELECT convert_to(content, 'SJIS') FROM dpc_files WHERE name = 'stay'));
-- the X-ray once, on its day from CD
SELECT count(*) AS xray_rows, min(service_date) AS xray_day
FROM hokenid.receipt_mds((SELECT convert_to(content, 'SJIS') FROM dpc_files WHERE name = 'stay'))
WHERE code = '170000410';
-- masked: no diagnosis code, name or ICD-10; the role stays
SELECT category, code, name, icd10, diagnosis_role
FROM hokenid.receipt_mds((SELECT convert_to(content, 'SJIS') FROM dpc_files WHERE name = 'stay'), mask_diagnoses => true)
WHERE category = 'diagnosis';
-- a valid file has no problem
SELECT * FROM hokenid.receipt_check((SELECT convert_to(content, 'SJIS') FROM dpc_files WHERE name = 'stay'));

-- 和暦 (GYYMMDD, as the older specification writes them) and a stay not yet
-- ended: an admission from the month before, no discharge
SELECT category, code, service_date
FROM hokenid.receipt_mds(convert_to(concat_ws(E'\n',
    'IR,1,13,1,1234569,,合成病院,50511,00,',
    concat('RE,1,1117,50511,山田　太郎,1,3250102,,,,,,,0001,,,,,0', repeat(',', 9)),
    'HO,06130512,１２３４,５６７８,30,60000,,,,,,,,,,',
    'BU,040080XX99X0XX,5051025,,,',
    'CD,5051101,21,1,1,620098801,3,,,1,',
    'GO,1,60000,99'), 'UTF8'), 'UTF8');

-- a 総括 (summary) receipt and its parts: the DPC part (総括区分 2) from its
-- coding data; the 総括対象医科入院 part (3) as 医科, with RE's 入院年月日
SELECT receipt_no, category, code, service_date, points
FROM hokenid.receipt_mds(convert_to(concat_ws(E'\n',
    'IR,1,13,1,1234569,,合成病院,202311,00,',
    pg_temp.dpc_re(1, 1),
    'HO,06130512,１２３４,５６７８,8,20000,,,,,,,,,,',
    pg_temp.dpc_re(2, 2),
    'HO,06130512,１２３４,５６７８,4,15000,,,,,,,,,,',
    'BU,040080XX99X0XX,20231101,,,',
    'SB,4860003,,,J189,01,,',
    'SI,60,1,160008010,,21,1,,,,,,,1,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,',
    'CD,20231101,60,1,1,160008010,,,,1,',
    pg_temp.dpc_re(3, 3, '20231105'),
    'HO,06130512,１２３４,５６７８,4,5000,,,,,,,,,,',
    'SY,4860003,20231105,,,,01,',
    pg_temp.daily('90', '190077410', 1000, 5, 8)), 'UTF8'), 'UTF8')
WHERE category <> 'inpatient_fee' OR service_date = '2023-11-05';

-- a 医科 file is not taken for DPC: its RE column 18 (検索番号) is empty or long
SELECT DISTINCT category FROM hokenid.receipt_mds(convert_to(concat_ws(E'\n',
    'IR,1,13,1,1234569,,合成クリニック,202311,00,',
    'RE,1,1112,202311,x,1,19500102,,,,,,,1,,,,,123456789012345678,,,,,,,,,,,,,,,,,,,',
    'HO,06130512,1,2,1,21,,,,,,,,,',
    'SI,60,1,160008010,,21,1,,,,,,,1,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,',
    'GO,1,21,99'), 'UTF8'), 'UTF8');

-- what the check flags in DPC records: dates that are not dates
SELECT line_no, record_type, severity, message
FROM hokenid.receipt_check(convert_to(concat_ws(E'\n',
    'IR,1,13,1,1234569,,合成病院,202311,00,',
    pg_temp.dpc_re(1, 0),
    'HO,06130512,1,2,1,21,,,,,,,,,,',
    'BU,040080XX99X0XX,20231131,2023111,2,',
    'CD,20231100,60,1,1,160008010,,,,1,',
    'GO,1,21,99'), 'UTF8'), 'UTF8');

-- generated DPC files: valid throughout, and every stay in the minimum data set
SELECT count(*) AS problems
FROM hokenid.receipt_check(hokenid.generate_receipts(11, 200, 'SJIS', 'dpc'));
SELECT category, count(*) > 0 AS present, count(DISTINCT receipt_no) AS receipts
FROM hokenid.receipt_mds(hokenid.generate_receipts(11, 200, 'SJIS', 'dpc'))
GROUP BY category ORDER BY category;
SELECT md5(hokenid.generate_receipts(11, 200, 'SJIS', 'dpc')) = md5(hokenid.generate_receipts(11, 200, 'SJIS', 'dpc'))
    AS deterministic;
