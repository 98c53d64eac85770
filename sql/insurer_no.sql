-- insurer_no (保険者番号): the published numbers of DOMAIN.md 1.3 are
-- accepted and print canonically; every receipt and card form normalises;
-- each broken rule is refused with 22P02 naming the rule, never the number.
SELECT n AS input, n::hokenid.insurer_no AS canonical,
       hokenid.law_code(n::hokenid.insurer_no) AS law,
       hokenid.prefecture(n::hokenid.insurer_no) AS pref,
       hokenid.insurer_kind(n::hokenid.insurer_no) AS kind
FROM (VALUES ('01130012'), ('01040013'), ('01010016'), ('01350016'), ('33120015'),
             ('34130021'), ('06130512'), ('07130024'), ('31130032'), ('31110281'),
             ('39131032'), ('133066'), ('140053'), ('110080'), ('138057'), ('133223'),
             ('138032'), ('061234')) AS t(n);

-- receipt padding, zero-padded 国保, full-width digits, ideographic spaces
SELECT n AS input, n::hokenid.insurer_no AS canonical
FROM (VALUES ('  133066'), ('00133066'), ('０１１３００１２'), ('　01130012　'), (' 138032 ')) AS t(n);

-- every refusal, with its SQLSTATE
SELECT left(n, 12) AS input, length(n), regress.try(format('SELECT %L::hokenid.insurer_no', n)) AS result
FROM (VALUES ('01130013'), ('133067'), (''), ('   '), ('1234567'), ('011300120'),
             ('0113 0012'), ('0113001a'), ('54016027'), ('88134457'),
             (repeat('1', 100000))) AS t(n);

-- the full error, as a user sees it: rule, masked value, hint
SELECT '01130013'::hokenid.insurer_no;
SELECT '54016027'::hokenid.insurer_no;
SELECT '01x30012'::hokenid.insurer_no;

-- validation without raising, for dirty data
SELECT n, hokenid.is_valid_insurer_no(n), hokenid.insurer_no_error(n)
FROM (VALUES ('01130012'), ('01130013'), ('54016027'), ('12'), (NULL)) AS t(n);

-- NULL in, NULL out; casts to and from text; comparisons
SELECT NULL::hokenid.insurer_no, hokenid.law_code(NULL::hokenid.insurer_no);
SELECT '01130012'::text::hokenid.insurer_no::text;
SELECT '133066'::hokenid.insurer_no < '01130012'::hokenid.insurer_no AS national_first,
       '01130012'::hokenid.insurer_no = '０１１３００１２'::hokenid.insurer_no AS folded_equal,
       '01130012'::hokenid.insurer_no <> '01040013'::hokenid.insurer_no AS different;

-- law_code: builtin rows follow the statute; users add local rows, which pg_dump keeps
UPDATE hokenid.law_code SET name_ja = 'x' WHERE code = 1;
DELETE FROM hokenid.law_code WHERE code = 39;
INSERT INTO hokenid.law_code VALUES (5, 'insurance', 'test_local', 'テスト保険', true);
INSERT INTO hokenid.law_code VALUES (5, 'insurance', 'test_local', 'テスト保険');
SELECT hokenid.insurer_kind('05130018'), hokenid.law_name('05130018'::hokenid.insurer_no);
DELETE FROM hokenid.law_code WHERE code = 5;
SELECT hokenid.insurer_kind('05130018') IS NULL AS unlisted_is_null;
SELECT c.relname, x.condition
FROM pg_extension e, unnest(e.extconfig, e.extcondition) AS x(config, condition)
JOIN pg_class c ON c.oid = x.config
WHERE e.extname = 'hokenid' AND c.relname = 'law_code';
