-- facility_code (医療機関等コード): 都道府県 + 点数表 + 7-digit code with a
-- Luhn check over nine digits; built from the receipt IR fields too.
SELECT c, c::hokenid.facility_code,
       hokenid.prefecture(c::hokenid.facility_code),
       hokenid.score_table(c::hokenid.facility_code),
       hokenid.local_code(c::hokenid.facility_code)
FROM (VALUES ('0110113719'), ('０１１０１１３７１９')) AS t(c);

SELECT hokenid.facility_code('01', '1', '0113719');
SELECT hokenid.facility_code('13', '1', '1234567');   -- the ORCA demo's fake code
SELECT hokenid.facility_code('13', '3', '12345');     -- 5 digits, as a real 歯科 file has

SELECT c, regress.try(format('SELECT %L::hokenid.facility_code', c)) AS result
FROM (VALUES ('0110113718'), ('4810113719'), ('0000000000'), ('0120113719'),
             ('011011371'), ('01101137190'), ('')) AS t(c);

SELECT c, hokenid.is_valid_facility_code(c), hokenid.facility_code_error(c)
FROM (VALUES ('0110113719'), ('0110113718'), (NULL)) AS t(c);
