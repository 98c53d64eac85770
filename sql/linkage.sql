-- Linkage codes (連結符号): the HMAC primitive reproduces RFC 4231; a
-- person gives the same code from every number of the history; domains
-- and key versions give different codes; re-keying is consistent (function
-- and operator); ID1/ID2-style keys fold width, spacing and kana; codes
-- join and hash-partition; analysts can call no transform and read no key.
CREATE ROLE linkage_provider;
CREATE ROLE linkage_analyst;
GRANT EXECUTE ON FUNCTION hokenid.create_linkage_key(text), hokenid.link(hokenid.insured_no, text, integer),
    hokenid.link_number(hokenid.insured_no, text, integer), hokenid.rekey(hokenid.linkage_code, text, integer),
    hokenid.rekey_to(hokenid.linkage_code, text),
    hokenid.link_id1(hokenid.insured_no, date, integer, text, integer),
    hokenid.link_id2(text, date, integer, text, integer) TO linkage_provider;

-- RFC 4231 test cases 1, 2, 3 and 6 (key longer than the block)
SELECT encode(hokenid.hmac_sha256(decode(repeat('0b', 20), 'hex'), convert_to('Hi There', 'UTF8')), 'hex') =
       'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7' AS rfc4231_1,
       encode(hokenid.hmac_sha256(convert_to('Jefe', 'UTF8'), convert_to('what do ya want for nothing?', 'UTF8')), 'hex') =
       '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843' AS rfc4231_2,
       encode(hokenid.hmac_sha256(decode(repeat('aa', 20), 'hex'), decode(repeat('dd', 50), 'hex')), 'hex') =
       '773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe' AS rfc4231_3,
       encode(hokenid.hmac_sha256(decode(repeat('aa', 131), 'hex'),
                                  convert_to('Test Using Larger Than Block-Size Key - Hash Key First', 'UTF8')), 'hex') =
       '60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54' AS rfc4231_6;

SET ROLE linkage_provider;
SELECT hokenid.create_linkage_key('ndb-kaigo-2026') AS version;
SELECT hokenid.create_linkage_key('release-a') AS version, hokenid.create_linkage_key('release-b') AS version;
RESET ROLE;

-- a person with a job change, and a person without history
SELECT hokenid.register_qualification('06130512:1234:5678:00', '[2020-04-01,)') > 0;
SELECT hokenid.link_history('06130512:1234:5678:00', '01130012:19D0001:10-23:00', '2023-10-01') > 0;

SET ROLE linkage_provider;
SELECT hokenid.link('06130512:1234:5678:00', 'ndb-kaigo-2026') = hokenid.link('01130012:19D0001:10-23:00', 'ndb-kaigo-2026') AS same_person_same_code,
       hokenid.link_number('06130512:1234:5678:00', 'ndb-kaigo-2026') <> hokenid.link_number('01130012:19D0001:10-23:00', 'ndb-kaigo-2026') AS numbers_differ,
       hokenid.link('01130012:19D0001:10-23:00', 'ndb-kaigo-2026') = hokenid.link_number('06130512:1234:5678:00', 'ndb-kaigo-2026') AS person_code_is_first_number_code,
       hokenid.link('39131032::07', 'ndb-kaigo-2026') = hokenid.link_number('39131032::07', 'ndb-kaigo-2026') AS no_history_agrees,
       hokenid.link('06130512:1234:5678:00', 'ndb-kaigo-2026') <> hokenid.link('06130512:1234:5678:00', 'release-a') AS domains_differ,
       length(hokenid.link('06130512:1234:5678:00', 'ndb-kaigo-2026')::text) AS hex_length;

-- re-keying: consistent, the operator equals the function, and it needs no number
SELECT hokenid.rekey(hokenid.link('06130512:1234:5678:00', 'ndb-kaigo-2026'), 'release-a')
       = hokenid.rekey(hokenid.link('01130012:19D0001:10-23:00', 'ndb-kaigo-2026'), 'release-a') AS rekey_keeps_the_person,
       (hokenid.link('06130512:1234:5678:00', 'ndb-kaigo-2026') % 'release-a')
       = hokenid.rekey(hokenid.link('06130512:1234:5678:00', 'ndb-kaigo-2026'), 'release-a') AS operator_is_function,
       (hokenid.link('06130512:1234:5678:00', 'ndb-kaigo-2026') % 'release-a')
       <> (hokenid.link('06130512:1234:5678:00', 'ndb-kaigo-2026') % 'release-b') AS releases_differ;

-- rotation: a new version gives new codes; the old version stays reproducible
CREATE TEMP TABLE before_rotation AS SELECT hokenid.link_number('39131032::07', 'release-a') AS code;
SELECT hokenid.create_linkage_key('release-a') AS new_version;
SELECT (SELECT code FROM before_rotation) <> hokenid.link_number('39131032::07', 'release-a') AS current_changed,
       (SELECT code FROM before_rotation) = hokenid.link_number('39131032::07', 'release-a', 1) AS version_1_reproduces;

-- ID1 (insurer + 記号・番号 + birth + sex) and ID2 (name + birth + sex)
SELECT hokenid.link_id1('06130512:1234:5678:00', '1980-01-02', 1, 'ndb-kaigo-2026')
       = hokenid.link_id1('０６１３０５１２：１２３４：５６７８', '1980-01-02', 1, 'ndb-kaigo-2026') AS id1_folds_and_ignores_branch,
       hokenid.link_id1('06130512:1234:5678:00', '1980-01-02', 1, 'ndb-kaigo-2026')
       <> hokenid.link_id1('06130512:1234:5678:00', '1980-01-02', 2, 'ndb-kaigo-2026') AS id1_sex_matters,
       hokenid.link_id2('山田 太郎', '1980-01-02', 1, 'ndb-kaigo-2026') = hokenid.link_id2('山田　太郎', '1980-01-02', 1, 'ndb-kaigo-2026') AS id2_spacing,
       hokenid.link_id2('ﾔﾏﾀﾞ ﾀﾛｳ', '1980-01-02', 1, 'ndb-kaigo-2026') = hokenid.link_id2('やまだ たろう', '1980-01-02', 1, 'ndb-kaigo-2026') AS id2_kana_width,
       hokenid.link_id2('ＹＡＭＡＤＡ', '1980-01-02', 1, 'ndb-kaigo-2026') = hokenid.link_id2('yamada', '1980-01-02', 1, 'ndb-kaigo-2026') AS id2_latin,
       hokenid.link_id2('山田太郎', '1980-01-02', 1, 'ndb-kaigo-2026') <> hokenid.link_id2('山田花子', '1980-01-02', 1, 'ndb-kaigo-2026') AS id2_names_differ,
       hokenid.link_id2('山田太郎', '1980-01-02', 1, 'ndb-kaigo-2026') <> hokenid.link_number('06130512:1234:5678:00', 'ndb-kaigo-2026') AS kinds_never_collide;

-- codes join (hash and merge) and hash-partition
CREATE TEMP TABLE ndb AS SELECT hokenid.link(i, 'ndb-kaigo-2026') AS code, 'receipt' AS source
FROM (VALUES ('06130512:1234:5678:00'::hokenid.insured_no), ('39131032::07')) AS t(i);
CREATE TEMP TABLE kaigo AS SELECT hokenid.link(i, 'ndb-kaigo-2026') AS code, 'care' AS source
FROM (VALUES ('01130012:19D0001:10-23:00'::hokenid.insured_no), ('133066:1:1')) AS t(i);
RESET ROLE;
SET enable_mergejoin = off;
SELECT count(*) AS linked_across_job_change FROM ndb JOIN kaigo USING (code);
RESET enable_mergejoin;
SET enable_hashjoin = off;
SELECT count(*) AS merge_join FROM ndb JOIN kaigo USING (code);
RESET enable_hashjoin;
CREATE TABLE linkage_parts (code hokenid.linkage_code) PARTITION BY HASH (code);
CREATE TABLE linkage_parts_0 PARTITION OF linkage_parts FOR VALUES WITH (MODULUS 2, REMAINDER 0);
CREATE TABLE linkage_parts_1 PARTITION OF linkage_parts FOR VALUES WITH (MODULUS 2, REMAINDER 1);
INSERT INTO linkage_parts SELECT code FROM ndb UNION ALL SELECT code FROM kaigo;
SELECT count(*) AS rows, count(*) FILTER (WHERE code = (SELECT code FROM ndb LIMIT 1)) AS found FROM linkage_parts;
DROP TABLE linkage_parts;

-- the type: text form, binary round trip, order
SELECT 'B0344C61D8DB38535CA8AFCEAF0BF12B881DC200C9833DA726E9376C2E32CFF7'::hokenid.linkage_code AS lower_cased;
SELECT regress.try($$SELECT 'abc'::hokenid.linkage_code$$) AS too_short,
       regress.try($$SELECT repeat('g', 64)::hokenid.linkage_code$$) AS not_hex;
SELECT hokenid.linkage_code_send('b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7');

-- analysts: no transform, no keys (42501); the key list shows no key material
SET ROLE linkage_analyst;
SELECT regress.try($$SELECT hokenid.link('06130512:1234:5678:00', 'ndb-kaigo-2026')$$) AS link,
       regress.try($$SELECT hokenid.link_number('06130512:1234:5678:00', 'ndb-kaigo-2026')$$) AS link_number,
       regress.try($$SELECT hokenid.rekey(NULL, 'release-a')$$) AS rekey,
       regress.try($$SELECT hokenid.create_linkage_key('mine')$$) AS create_key,
       regress.try($$SELECT * FROM hokenid.linkage_key$$) AS key_table,
       regress.try($$SELECT hokenid.hmac_sha256('\x00', '\x00')$$) AS primitive;
SELECT domain, version, retired_at IS NULL AS active FROM hokenid.linkage_keys ORDER BY domain, version;
RESET ROLE;

DROP TABLE before_rotation, ndb, kaigo;
REVOKE EXECUTE ON FUNCTION hokenid.create_linkage_key(text), hokenid.link(hokenid.insured_no, text, integer),
    hokenid.link_number(hokenid.insured_no, text, integer), hokenid.rekey(hokenid.linkage_code, text, integer),
    hokenid.rekey_to(hokenid.linkage_code, text),
    hokenid.link_id1(hokenid.insured_no, date, integer, text, integer),
    hokenid.link_id2(text, date, integer, text, integer) FROM linkage_provider;
DROP ROLE linkage_provider, linkage_analyst;
