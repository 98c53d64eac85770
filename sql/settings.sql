-- Settings: every hokenid setting is registered (a type, bounds, a
-- description, who may set it) and shows in pg_settings; the prefix
-- hokenid. is reserved, so a misspelled setting is refused rather than kept
-- as a placeholder that nothing reads; a bad value is refused when it is
-- set, never later by a query that reads it (hokenid.audit_violations).

-- every setting: type, default, bounds, unit, who may set it
SELECT name, vartype, boot_val, min_val, max_val, unit, context, enumvals
FROM pg_settings WHERE name LIKE 'hokenid.%' ORDER BY name;

-- and what it does
SELECT name, short_desc FROM pg_settings WHERE name LIKE 'hokenid.%' ORDER BY name;
SELECT name FROM pg_settings WHERE name LIKE 'hokenid.%' AND (short_desc IS NULL OR short_desc = '');

-- a misspelled setting is refused, however it is set
SET hokenid.purpse = 'billing';
SELECT set_config('hokenid.enforse', 'off', false);
SET LOCAL hokenid.audit_daily_person = 10;
ALTER ROLE CURRENT_USER SET hokenid.audit_bussiness_hours = '8-20';
ALTER SYSTEM SET hokenid.audit_sync_dely = 100;
-- nothing was kept
SELECT current_setting('hokenid.purpse', true) IS NULL AS no_placeholder;
SELECT count(*) FROM pg_settings WHERE name LIKE 'hokenid.%';

-- hokenid.audit_business_hours: empty (off) or start-end in whole hours,
-- 0 <= start < end <= 24; kept without leading zeros
SELECT value, regress.try(format('SET hokenid.audit_business_hours = %L', value)) AS result,
       current_setting('hokenid.audit_business_hours') AS now
FROM unnest(ARRAY['8-20', '08-20', '0-24', '23-24', '', '20-8', '8-8', '8-25', '8', '8-', '-20',
                  '8 - 20', '8-20h', '123-5', '8-200', '８-２０', 'nine-five']) AS value;
-- with the reason
SET hokenid.audit_business_hours = '20-8';
SET hokenid.audit_business_hours = '8 - 20';
RESET hokenid.audit_business_hours;
SHOW hokenid.audit_business_hours;

-- hokenid.audit_daily_persons: 0 (off) up to 2147483647
SELECT value, regress.try(format('SET hokenid.audit_daily_persons = %L', value)) AS result,
       current_setting('hokenid.audit_daily_persons') AS now
FROM unnest(ARRAY['500', '0', '2147483647', '-1', '2147483648', '1.5', 'many', '']) AS value;
RESET hokenid.audit_daily_persons;

-- every accepted value leaves the auditor's view readable
SET hokenid.audit_business_hours = '23-24';
SET hokenid.audit_daily_persons = 2147483647;
SELECT regress.try('SELECT count(*) FROM hokenid.audit_violations');
SET hokenid.audit_business_hours = '0-1';
SET hokenid.audit_daily_persons = 1;
SELECT regress.try('SELECT count(*) FROM hokenid.audit_violations');
RESET hokenid.audit_business_hours;
RESET hokenid.audit_daily_persons;

-- hokenid.history_cache_size: 0 up to the largest memory size, in kB
SELECT value, regress.try(format('SET hokenid.history_cache_size = %L', value)) AS result
FROM unnest(ARRAY['0', '64MB', '-1', '4TB', 'lots']) AS value;
RESET hokenid.history_cache_size;

-- hokenid.purpose: no longer than a name
SELECT regress.try(format('SET hokenid.purpose = %L', repeat('p', 64)));

-- the settings of the server are refused in a session, and checked by
-- ALTER SYSTEM before anything is written
SET hokenid.audit_sync = 'statement';
SET hokenid.master_key_file = '/tmp/key';
ALTER SYSTEM SET hokenid.audit_sync = 'never';
ALTER SYSTEM SET hokenid.audit_sync_delay = 0;
ALTER SYSTEM SET hokenid.audit_sync_delay = '20s';
ALTER SYSTEM SET hokenid.audit_refusals_per_minute = -1;
ALTER SYSTEM SET hokenid.audit_refusals_per_minute = 100001;

-- hokenid.enforce and hokenid.audit: a superuser's
CREATE ROLE settings_clerk;
SET ROLE settings_clerk;
SET hokenid.enforce = off;
SET hokenid.audit = off;
SET hokenid.audit_daily_persons = 100;
SHOW hokenid.audit_daily_persons;
RESET ROLE;
RESET hokenid.audit_daily_persons;
DROP ROLE settings_clerk;
SELECT regress.try('SET hokenid.enforce = maybe');
