-- Bad receipt files: the check lists every problem without raising; the
-- records function raises 22P04 naming the line in strict mode and returns
-- an error row in lenient mode; the minimum data set refuses an unreadable
-- file rather than return part of it.
CREATE TEMP TABLE bad (name text, data bytea);
INSERT INTO bad VALUES
    ('truncated', convert_to(E'IR,1,13,1,1234569,,x,202311,00,\r\nRE,1,1112,202311,a,1,19500101,,,,,,,1,,,,,,,,,,,,,,,,,,,,,,,,\r\nHO,01130012,1,2,1,', 'UTF8')),
    ('no IR', convert_to(E'RE,1,1112,202311,a,1,19500101\r\nGO,0,0,99\r\n', 'UTF8')),
    ('wrong totals', convert_to(E'IR,1,13,1,1234569,,x,202311,00,\r\nRE,1,1112,202311,a,1,19500101,,,,,,,1,,,,,,,,,,,,,,,,,,,,,,,,\r\nHO,01130013,1,2,1,100,,,,,,,,,\r\nGO,5,999,99\r\n', 'UTF8')),
    ('unknown record and bad counts', convert_to(E'IR,1,13,1,1234569,,x,202311,00,\r\nZZ,1,2\r\nRE,1,1112,20231,a,1,19500132\r\nGO,0,0,99\r\n', 'UTF8')),
    ('after GO', convert_to(E'IR,1,13,1,1234569,,x,202311,00,\r\nGO,0,0,99\r\nRE,1\r\n', 'UTF8')),
    ('after EOF mark', '\x49522c310d0a1a52452c31'::bytea),
    ('garbage', '\x00ff8182fe0d0a8181ff2c2c'::bytea),
    ('too many fields', convert_to('IR' || repeat(',1', 200), 'UTF8')),
    ('empty', ''::bytea);

SELECT name, line_no, record_type, severity, message
FROM bad, LATERAL hokenid.receipt_check(data, 'SJIS')
ORDER BY name, line_no, message;

-- lenient records: error rows, the rest still returned
SELECT line_no, record_type, problem FROM hokenid.receipt_records((SELECT data FROM bad WHERE name = 'garbage'), 'SJIS', strict => false);
-- strict records and the minimum data set: 22P04 naming the line
SELECT count(*) FROM hokenid.receipt_records((SELECT data FROM bad WHERE name = 'garbage'), 'SJIS');
SELECT count(*) FROM hokenid.receipt_mds((SELECT data FROM bad WHERE name = 'garbage'), 'SJIS');
SELECT count(*) FROM hokenid.receipt_mds((SELECT data FROM bad WHERE name = 'too many fields'));
SELECT count(*) FROM hokenid.receipt_records((SELECT data FROM bad WHERE name = 'after EOF mark'));
-- a UTF-8 file read as stated UTF-8 must be UTF-8
SELECT count(*) FROM hokenid.receipt_records('\x49522c8e520d0a'::bytea, 'UTF8');
SELECT regress.try($$SELECT count(*) FROM hokenid.receipt_records('\x00'::bytea, 'EBCDIC')$$) AS unknown_encoding;
-- server files only for pg_read_server_files; large objects only with their privileges
CREATE ROLE receipt_reader;
SET ROLE receipt_reader;
SELECT regress.try($$SELECT count(*) FROM hokenid.receipt_file_mds('/etc/hostname')$$) AS server_file;
RESET ROLE;
DROP ROLE receipt_reader;
SELECT regress.try($$SELECT count(*) FROM hokenid.receipt_mds(4242424242::oid)$$) AS missing_large_object;
SELECT regress.try($$SELECT count(*) FROM hokenid.generate_receipts(1, -1)$$) AS negative_receipts;
SELECT count(*) AS no_file_no_rows FROM hokenid.receipt_mds(NULL::bytea);
