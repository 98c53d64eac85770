-- kohi_no (公費負担者番号) and the 受給者番号 validator: published numbers
-- are accepted, the real-world wrong check digits are refused, and the
-- law split keeps insurer and public-expense numbers apart.
SELECT n AS input, n::hokenid.kohi_no AS canonical,
       hokenid.law_code(n::hokenid.kohi_no) AS law,
       hokenid.prefecture(n::hokenid.kohi_no) AS pref,
       hokenid.law_name(n::hokenid.kohi_no) AS name
FROM (VALUES ('88134457'), ('54016027'), ('12131017'), ('21116017'), ('21136015'),
             ('12141024'), ('52148020'), ('54147012'), ('28140507'), ('83120071'),
             ('５４０１６０２７')) AS t(n);

SELECT n AS input, regress.try(format('SELECT %L::hokenid.kohi_no', n)) AS result
FROM (VALUES ('88134458'), ('83136019'), ('01130012'), ('133066'), (''), ('5401602x')) AS t(n);

SELECT '88134458'::hokenid.kohi_no;
SELECT '01130012'::hokenid.kohi_no;

SELECT n, hokenid.is_valid_kohi_no(n), hokenid.kohi_no_error(n)
FROM (VALUES ('54016027'), ('83136019'), (NULL)) AS t(n);

-- 受給者番号: 受給者区分 (6) + 検証番号; real files carry 0000000 and a 6-digit 000000
SELECT n, hokenid.is_valid_recipient_no(n), hokenid.recipient_no_error(n)
FROM (VALUES ('0000000'), ('1111111'), ('1111112'), ('000000'), ('１１１１１１１'), ('')) AS t(n);

SELECT '54016027'::hokenid.kohi_no = '５４０１６０２７'::hokenid.kohi_no AS folded_equal,
       '12131017'::hokenid.kohi_no < '54016027'::hokenid.kohi_no AS ordered;
