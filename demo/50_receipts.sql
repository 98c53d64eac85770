-- Part 5: receipts.  A clinic's month of synthetic receipts (a generated
-- RECEIPTC.UKE in Shift_JIS, as submitted) becomes records, a check report
-- and the minimum data set in one call each; one patient's minimum data set
-- is shown, then a pharmacy's month (RECEIPTY.UKE) with the prescribers of
-- what it dispensed, a hospital's DPC stays (RECEIPTD.UKE) day by day from
-- their coding data, and the data set is linked for analysis.
\pset footer off
SET search_path = public, hokenid;

CREATE TABLE receipt_file AS SELECT 'RECEIPTC.UKE'::text AS name, hokenid.generate_receipts(2026, 300) AS data;
\echo '== the file: size, records by type, and what the check finds (nothing: every number is valid)'
SELECT name, pg_size_pretty(length(data)::bigint) AS size FROM receipt_file;
SELECT record_type, count(*) FROM receipt_file, hokenid.receipt_records(data) GROUP BY 1 ORDER BY 2 DESC;
SELECT count(*) AS problems FROM receipt_file, hokenid.receipt_check(data);

\echo '== the minimum data set (最小データセット): items by category'
CREATE TABLE mds AS SELECT m.* FROM receipt_file, hokenid.receipt_mds(data) AS m;
SELECT category, count(*) AS rows, count(DISTINCT receipt_no) AS receipts, sum(points * times) AS points
FROM mds GROUP BY 1 ORDER BY 1;

\echo '== one patient: every item by day, with the insured number (枝番 from SN), facility and 公費'
SELECT service_date, category, code, quantity, times, points, insured, kohi, facility
FROM mds WHERE receipt_no = (SELECT min(receipt_no) FROM mds WHERE kohi IS NOT NULL)
ORDER BY service_date NULLS FIRST, line_no;

\echo '== a pharmacy''s month (調剤, RECEIPTY.UKE): each drug per dispensing, with who prescribed it'
CREATE TABLE pharmacy_file AS
SELECT 'RECEIPTY.UKE'::text AS name, hokenid.generate_receipts(2026, 200, 'SJIS', 'pharmacy') AS data;
SELECT count(*) AS problems FROM pharmacy_file, hokenid.receipt_check(data);
SELECT service_date, category, code, quantity, times, prescribed_on, prescriber_facility, prescriber
FROM pharmacy_file, hokenid.receipt_mds(data) WHERE receipt_no = 1 ORDER BY service_date, line_no;
SELECT prescriber_facility, prescriber, count(DISTINCT (receipt_no, unit)) AS prescriptions,
       count(*) FILTER (WHERE category = 'dispensing') AS drugs_dispensed
FROM pharmacy_file, hokenid.receipt_mds(data) GROUP BY 1, 2 ORDER BY 1, 2;

\echo '== a hospital''s DPC stays (RECEIPTD.UKE): admission, discharge, diagnoses with ICD-10 and their role, every act on its day'
CREATE TABLE dpc_file AS
SELECT 'RECEIPTD.UKE'::text AS name, hokenid.generate_receipts(2026, 100, 'SJIS', 'dpc') AS data;
SELECT count(*) AS problems FROM dpc_file, hokenid.receipt_check(data);
SELECT service_date, category, code, icd10, diagnosis_role, quantity, times, points
FROM dpc_file, hokenid.receipt_mds(data) WHERE receipt_no = 1
ORDER BY service_date NULLS FIRST, line_no LIMIT 14;
SELECT category, count(*) AS rows, count(DISTINCT receipt_no) AS stays
FROM dpc_file, hokenid.receipt_mds(data) GROUP BY 1 ORDER BY 1;

\echo '== named from the 支払基金 code masters (a two-line excerpt loaded here), as of the day of care'
SELECT hokenid.load_code_master(convert_to(concat_ws(E'\r\n',
    '"0","Y","620098801","30","ロキソプロフェンＮａ錠６０ｍｇ","10","ﾛｷｿﾌﾟﾛﾌｪﾝ","21","1","錠","1","10.10",' ||
        repeat('"0",', 17) || '"20220401","99999999"',
    '"0","B","4280001","0000000","7","うっ血性心不全","7","うっ血性心不全","12","ｳｯｹﾂｾｲｼﾝﾌｾﾞﾝ",' ||
        repeat('"0",', 12) || '"20000401","99999999"'), 'SJIS')) AS master_records_loaded;
SELECT DISTINCT category, code, code_name, code_unit
FROM receipt_file, hokenid.receipt_mds_named(data)
WHERE code_name IS NOT NULL ORDER BY 1;

\echo '== the same with diagnoses masked, for a wider audience'
SELECT category, code, service_date
FROM receipt_file, hokenid.receipt_mds(data, mask_diagnoses => true)
WHERE receipt_no = 1 AND category = 'diagnosis';

\echo '== a real-world mistake the check catches: a 公費負担者番号 with a wrong check digit'
SELECT line_no, record_type, severity, message
FROM hokenid.receipt_check(convert_to(concat_ws(E'\r\n',
    'IR,1,13,1,1234569,,合成クリニック,202311,00,',
    'RE,1,1122,202311,山田　太郎,1,19500102,,,,,,,1,,,,,,,,,,,,,,,,,,,,,,,ヤマダタロウ,',
    'HO,06130512,１２３４,５６７８,1,282,,,,,,,,,',
    'KO,88134458,1111111,,1,282,0,,,,,',
    'GO,2,282,99'), 'SJIS'));

\echo '== linked for analysis: the minimum data set with person-level codes instead of numbers'
CREATE TABLE mds_release AS
SELECT hokenid.link(insured, 'ndb-kaigo-2026') AS person, service_date, category, code, points, times
FROM mds WHERE insured IS NOT NULL;
SELECT count(DISTINCT person) AS people, count(*) AS rows,
       count(*) FILTER (WHERE category = 'surgery') AS surgeries FROM mds_release;
SELECT left(person::text, 16) || '…' AS person, category, count(*) AS items
FROM mds_release WHERE person = (SELECT person FROM mds_release ORDER BY person LIMIT 1)
GROUP BY 1, 2 ORDER BY 2;
