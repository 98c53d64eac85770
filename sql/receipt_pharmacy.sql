-- 調剤 (pharmacy, RECEIPTY) receipts: a prescription (SH) is dispensed by
-- its CZ records and filled by its IY/TO records, so each drug gives one
-- row per dispensing, dated by 調剤月日, with 処方月日, the prescribing
-- facility (RE) and the doctor CZ's 医師番号 names among RE's 保険医氏名.
-- RE: 調剤年月, patient, 処方箋を交付した医療機関 (13 1 1234569), two 保険医.
CREATE FUNCTION pg_temp.pharmacy_receipt(month text) RETURNS text LANGUAGE sql
    RETURN concat('RE,1,1112,', month, ',山田　太郎,1,19500102,7,,13,1,1234569,合成クリニック,,医師　一郎,医師　二郎',
                  repeat(',', 25), ',ヤマダタロウ');
CREATE TEMP TABLE pharmacy_files (name text PRIMARY KEY, content text);
INSERT INTO pharmacy_files VALUES ('january', concat_ws(E'\r\n',
    'YK,1,13,4,7654327,合成薬局,202402,00,03-0000-0001',
    pg_temp.pharmacy_receipt('202401'),
    'HO,06130512,１２３４,５６７８,2,432,,,,,,,,',
    'KO,54016027,1111111,,2,432,,,,',
    'SN,1,01,,,,03,,',
    -- prescribed on 12月28日, dispensed on 1月5日 and, a refill, on the 19th (日 only)
    'SH,1,1,,,9,,,,',
    'CZ,2,1228,0105,1,14,1,1,01,420001810,24,,,126,' || repeat(',', 39),
    'CZ,2,1228,19,1,14,1,1,01,420001810,24,,,126,' || repeat(',', 39),
    'IY,1,620098801,3,,,,,,',
    'IY,1,610463146,2,,,,,,',
    -- a second prescription by doctor 1, with a material
    'SH,2,5,,,4,,,,',
    'CZ,1,0110,0110,2,7,1,1,01,420002510,10,,,28,' || repeat(',', 39),
    'IY,1,620004365,1,,,,,,',
    'TO,1,700010000,1,,,',
    'TK,,朝食後',
    'GO,2,432,99') || E'\r\n\x1a');

-- records: every type is returned, decoded
SELECT record_type, count(*), max(array_length(fields, 1)) AS fields
FROM hokenid.receipt_records((SELECT convert_to(content, 'SJIS') FROM pharmacy_files WHERE name = 'january'))
GROUP BY 1 ORDER BY min(line_no);

-- the minimum data set
SELECT receipt_no, line_no, category, code, service_date, quantity, times, points, unit,
       insured, kohi, facility, prescribed_on, prescriber_facility, prescriber
FROM hokenid.receipt_mds((SELECT convert_to(content, 'SJIS') FROM pharmacy_files WHERE name = 'january'));
-- a valid file has no problem; the facility is the pharmacy (点数表 4)
SELECT * FROM hokenid.receipt_check((SELECT convert_to(content, 'SJIS') FROM pharmacy_files WHERE name = 'january'));
SELECT DISTINCT hokenid.score_table(facility), hokenid.score_table(prescriber_facility)
FROM hokenid.receipt_mds((SELECT convert_to(content, 'UTF8') FROM pharmacy_files WHERE name = 'january'), 'UTF8');

-- 和暦 調剤年月 (令和6年1月 = 50601) and 月日 in it
SELECT category, service_date, prescribed_on
FROM hokenid.receipt_mds(convert_to(concat_ws(E'\n',
    'YK,1,13,4,7654327,合成薬局,50602,00,',
    pg_temp.pharmacy_receipt('50601'),
    'HO,01130012,1,2,1,34,,,,,,,,',
    'SH,1,1,,,1,,,,',
    'CZ,1,0131,0131,1,10,1,1,01,420001810,24,,,10,',
    'IY,1,620098801,1,,,,,,',
    'GO,1,34,99'), 'UTF8'), 'UTF8');

-- what the check flags: a drug before its dispensing (kept, undated), a bad
-- 処方 医療機関コード, a wrong 薬局コード, a day that does not exist
SELECT line_no, record_type, severity, message
FROM hokenid.receipt_check(convert_to(concat_ws(E'\r\n',
    'YK,1,13,4,7654320,合成薬局,202402,00,',
    'RE,1,1112,202401,x,1,19500102,,,13,1,1234560,c,,d',
    'HO,01130012,1,2,1,34,,,,,,,,',
    'SH,1,1,,,1,,,,',
    'IY,1,620098801,1,,,,,,',
    'CZ,1,0131,0230,1,10,1,1,01,420001810,24,,,10,',
    'GO,1,34,99'), 'UTF8'), 'UTF8');
SELECT category, service_date, prescriber
FROM hokenid.receipt_mds(convert_to(concat_ws(E'\r\n',
    'YK,1,13,4,7654327,合成薬局,202402,00,',
    'RE,1,1112,202401,x,1,19500102,,,13,1,1234569,c,,d',
    'HO,01130012,1,2,1,34,,,,,,,,',
    'SH,1,1,,,1,,,,',
    'IY,1,620098801,1,,,,,,',
    'CZ,9,0131,0230,1,10,1,1,01,420001810,24,,,10,',
    'GO,1,34,99'), 'UTF8'), 'UTF8');

-- generated 調剤 files: deterministic, valid, GO totals true, both encodings;
-- their prescriptions come from the generated 医科 file's clinic
SELECT hokenid.generate_receipts(1, 50, 'SJIS', 'pharmacy') = hokenid.generate_receipts(1, 50, 'SJIS', 'pharmacy') AS deterministic,
       hokenid.generate_receipts(1, 50, 'SJIS', 'pharmacy') <> hokenid.generate_receipts(1, 50) AS not_medical,
       (SELECT count(*) FROM hokenid.receipt_check(hokenid.generate_receipts(3, 500, 'SJIS', 'pharmacy'))) AS problems,
       (SELECT count(DISTINCT receipt_no) FROM hokenid.receipt_mds(hokenid.generate_receipts(3, 500, 'SJIS', 'pharmacy'))) AS receipts,
       (SELECT count(*) FROM hokenid.receipt_mds(hokenid.generate_receipts(3, 100, 'UTF8', 'pharmacy')))
     = (SELECT count(*) FROM hokenid.receipt_mds(hokenid.generate_receipts(3, 100, 'SJIS', 'pharmacy'))) AS encodings_agree,
       (SELECT DISTINCT prescriber_facility FROM hokenid.receipt_mds(hokenid.generate_receipts(3, 100, 'SJIS', 'pharmacy')))
     = (SELECT DISTINCT facility FROM hokenid.receipt_mds(hokenid.generate_receipts(3, 100))) AS prescribed_by_the_clinic;
SELECT category, count(*), sum(times) AS times, count(DISTINCT prescriber) AS prescribers
FROM hokenid.receipt_mds(hokenid.generate_receipts(9, 200, 'SJIS', 'pharmacy')) GROUP BY 1 ORDER BY 1;
SELECT regress.try($$SELECT hokenid.generate_receipts(1, 1, 'SJIS', 'dental')$$) AS unknown_kind;

-- a 医科 file has no prescriber columns; diagnoses keep their 修飾語, which masking hides
SELECT category, code, modifiers, prescribed_on, prescriber_facility, prescriber
FROM hokenid.receipt_mds(convert_to(concat_ws(E'\n',
    'IR,1,13,1,1234569,,c,202311,00,',
    'RE,1,1112,202311,x,1,19500102,,,,,,,1',
    'HO,01130012,1,2,1,73,,,,,,,,,',
    'SY,1519002,20231101,1,20568002,,01,',
    'SI,12,1,112007410,,73,1',
    'GO,1,73,99'), 'UTF8'), 'UTF8');
SELECT category, code, modifiers
FROM hokenid.receipt_mds(convert_to(concat_ws(E'\n',
    'IR,1,13,1,1234569,,c,202311,00,',
    'RE,1,1112,202311,x,1,19500102,,,,,,,1',
    'HO,01130012,1,2,1,0,,,,,,,,,',
    'SY,1519002,20231101,1,20568002,,01,',
    'GO,1,0,99'), 'UTF8'), 'UTF8', mask_diagnoses => true);
