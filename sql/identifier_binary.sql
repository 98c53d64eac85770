-- Binary send/recv: every identifier type survives COPY BINARY unchanged,
-- and binary input that is not ours (unknown format byte, a value that is
-- not canonical) is refused with 22P03.
CREATE TEMP TABLE ids (insurer hokenid.insurer_no, kohi hokenid.kohi_no,
                       facility hokenid.facility_code, insured hokenid.insured_no);
INSERT INTO ids VALUES
    ('01130012', '54016027', '0110113719', '06130512:19D0001:10-23:01'),
    ('133066', '88134457', '0110113719', '39131032::07'),
    ('39131032', '12131017', '0110113719', '01130012:東京あ:12:03'),
    (NULL, NULL, NULL, NULL);
COPY ids TO '/tmp/hokenid_regress_ids.bin' WITH (FORMAT binary);
CREATE TEMP TABLE ids_back (LIKE ids);
COPY ids_back FROM '/tmp/hokenid_regress_ids.bin' WITH (FORMAT binary);
SELECT * FROM ids_back;
SELECT count(*) AS identical FROM ids JOIN ids_back USING (insurer, kohi, facility, insured);

-- handcrafted binary files: header, one tuple of one field, trailer
CREATE FUNCTION pg_temp.copy_file(field bytea) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    lo oid;
BEGIN
    lo := lo_from_bytea(0, '\x5047434f50590aff0d0a00'::bytea || '\x0000000000000000'::bytea
                           || '\x0001'::bytea || int4send(length(field)) || field || '\xffff'::bytea);
    PERFORM lo_export(lo, '/tmp/hokenid_regress_crafted.bin');
    PERFORM lo_unlink(lo);
END
$$;
CREATE TEMP TABLE one_insured (v hokenid.insured_no);
CREATE TEMP TABLE one_insurer (v hokenid.insurer_no);
CREATE TEMP TABLE one_facility (v hokenid.facility_code);

-- our own format: accepted
SELECT pg_temp.copy_file('\x01005d8b50' || convert_to('12', 'UTF8') || '\x00' || convert_to('34', 'UTF8') || '\x0002');
COPY one_insured FROM '/tmp/hokenid_regress_crafted.bin' WITH (FORMAT binary);
SELECT v FROM one_insured;
-- unknown format byte
SELECT pg_temp.copy_file('\x02005d8b50' || convert_to('12', 'UTF8') || '\x00' || convert_to('34', 'UTF8') || '\x0002');
COPY one_insured FROM '/tmp/hokenid_regress_crafted.bin' WITH (FORMAT binary);
-- lower-case 記号 is not canonical
SELECT pg_temp.copy_file('\x01005d8b50' || convert_to('ab', 'UTF8') || '\x00' || convert_to('34', 'UTF8') || '\x0002');
COPY one_insured FROM '/tmp/hokenid_regress_crafted.bin' WITH (FORMAT binary);
-- 記号 without its terminator
SELECT pg_temp.copy_file('\x01005d8b50' || convert_to('1234', 'UTF8') || '\x00');
COPY one_insured FROM '/tmp/hokenid_regress_crafted.bin' WITH (FORMAT binary);
-- empty
SELECT pg_temp.copy_file('\x');
COPY one_insured FROM '/tmp/hokenid_regress_crafted.bin' WITH (FORMAT binary);
-- an insurer number with a wrong check digit (01130013)
SELECT pg_temp.copy_file('\x01' || int4send(1130013));
COPY one_insurer FROM '/tmp/hokenid_regress_crafted.bin' WITH (FORMAT binary);
SELECT pg_temp.copy_file('\x01' || int4send(1130012));
COPY one_insurer FROM '/tmp/hokenid_regress_crafted.bin' WITH (FORMAT binary);
SELECT v FROM one_insurer;
-- a facility code out of range
SELECT pg_temp.copy_file('\x01' || int8send(99999999999));
COPY one_facility FROM '/tmp/hokenid_regress_crafted.bin' WITH (FORMAT binary);
SELECT count(*) AS nothing_half_written FROM one_facility;
