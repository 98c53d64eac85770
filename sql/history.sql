-- Qualification history (被保険者番号履歴): registering and ending
-- qualifications, linking a person's numbers across a job change, the
-- history given only to registered recipients (and logged), eligibility on
-- a date with its reasons, legacy cards without 枝番 (resolved only when
-- unambiguous), receipt routing to the insurer of the service date, and the
-- oldest number used by person-level linkage codes.
CREATE ROLE history_clinic;
CREATE ROLE history_recipient_ndb;
CREATE ROLE history_analyst;
-- reading numbers needs a declared purpose (告知要求制限, sql/notice_restriction.sql)
SELECT hokenid.grant_purpose('history_clinic', '資格確認'), hokenid.grant_purpose('history_recipient_ndb', '審査支払'),
       hokenid.grant_purpose('history_analyst', '資格確認');

-- Taro: 組合健保 from 2020-04, job change to 協会けんぽ on 2023-10-01.
SELECT hokenid.register_qualification('06130512:1234:5678:00', '[2020-04-01,)') > 0 AS registered;
SELECT hokenid.link_history('06130512:1234:5678:00', '01130012:19D0001:10-23:00', '2023-10-01') > 0 AS linked;
-- Hanako: his dependent (家族) on both cards, 枝番 01.
SELECT hokenid.register_qualification('06130512:1234:5678:01', '[2020-04-01,)', 'family') > 0;
SELECT hokenid.link_history('06130512:1234:5678:01', '01130012:19D0001:10-23:01', '2023-10-01') > 0;
-- Jiro: a 国保 member whose card has no 枝番 (issued before 枝番), lost on 2024-04-01.
SELECT hokenid.register_qualification('133066:12:345', '[2019-01-01,2024-04-01)') > 0;
-- Two people behind one legacy 記号・番号 (a household card), 枝番 02 and 03.
SELECT hokenid.register_qualification('138032:7:77:02', '[2021-01-01,)') > 0;
SELECT hokenid.register_qualification('138032:7:77:03', '[2021-01-01,)', 'family') > 0;
-- 後期高齢者医療: no 枝番.
SELECT hokenid.register_qualification('39131032::07', '[2018-08-01,)') > 0;

-- eligibility: every reason
SELECT card, on_date, (hokenid.eligibility(card::hokenid.insured_no, on_date)).*
FROM (VALUES ('06130512:1234:5678:00', DATE '2022-05-01'),   -- eligible
             ('06130512:1234:5678:00', DATE '2024-01-10'),   -- lost on job change; current = new card
             ('01130012:19D0001:10-23:00', DATE '2023-09-30'), -- not yet valid
             ('01130012:19D0001:10-23:00', DATE '2023-10-01'), -- first day
             ('01130012:19D0001:10-23:01', DATE '2024-01-10'), -- the dependent
             ('06130512:1234:5678', DATE '2022-05-01'),        -- legacy card, two holders (00 and 01): ambiguous
             ('133066:12:345', DATE '2023-01-01'),             -- legacy registration
             ('133066:12:345:00', DATE '2023-01-01'),          -- 枝番 card against a legacy registration
             ('133066:12:345', DATE '2024-04-01'),             -- lost
             ('138032:7:77', DATE '2022-01-01'),               -- household card: ambiguous
             ('138032:7:77:03', DATE '2022-01-01'),
             ('39131032::07', DATE '2025-01-01'),
             ('01130012:999:1:00', DATE '2025-01-01')          -- unknown
     ) AS t(card, on_date);

-- receipt routing: the number that covered the service date, whatever the receipt carries
SELECT printed, service_date, hokenid.route_receipt(printed::hokenid.insured_no, service_date) AS bill_to,
       hokenid.insurer(hokenid.route_receipt(printed::hokenid.insured_no, service_date)) AS insurer
FROM (VALUES ('06130512:1234:5678:00', DATE '2022-05-01'),
             ('06130512:1234:5678:00', DATE '2024-01-10'),   -- old card after the job change
             ('01130012:19D0001:10-23:00', DATE '2021-06-01'), -- new card for care before it
             ('06130512:1234:5678', DATE '2022-05-01'),        -- ambiguous legacy card: not routed
             ('133066:12:345', DATE '2025-01-01'),             -- nobody covered
             ('01130012:999:1:00', DATE '2025-01-01')) AS t(printed, service_date);

-- the oldest number, from any number of the history
SELECT hokenid.oldest_number('01130012:19D0001:10-23:00'), hokenid.oldest_number('06130512:1234:5678:00'),
       hokenid.oldest_number('01130012:999:1:00') AS unknown_is_itself;

-- history: registered recipients only
SET ROLE history_analyst;
SET hokenid.purpose = '資格確認';
SELECT * FROM hokenid.history('01130012:19D0001:10-23:00');
RESET ROLE;
SELECT hokenid.register_history_recipient('history_recipient_ndb', '高齢者の医療の確保に関する法律 第16条', 'NDB linkage (ID5)');
SET ROLE history_recipient_ndb;
SET hokenid.purpose = '審査支払';
SELECT * FROM hokenid.history('01130012:19D0001:10-23:00');
SELECT * FROM hokenid.history('06130512:1234:5678:01');
SELECT count(*) AS unknown_gives_nothing FROM hokenid.history('01130012:999:1:00');
-- recipients read histories, not the tables behind them
SELECT count(*) FROM hokenid.qualification;
-- a provision rolled back, or counted without a number shown, is still in the audit trail
RESET ROLE;
SELECT max(seq) AS before_provision FROM hokenid.audit_log \gset
SET ROLE history_recipient_ndb;
BEGIN;
SELECT count(*) AS counted_only FROM hokenid.history('01130012:19D0001:10-23:00');
ROLLBACK;
RESET ROLE;
SELECT recipient, purpose, numbers FROM hokenid.history_provision ORDER BY provided_at;
SELECT role_name, purpose, action, rows, persons, relations FROM hokenid.audit_log
WHERE seq > :before_provision AND action = 'provide' ORDER BY seq;

-- privileges: nothing but history() is public; the DBA grants the rest
SET ROLE history_clinic;
SET hokenid.purpose = '資格確認';
SELECT * FROM hokenid.eligibility('06130512:1234:5678:00', '2022-05-01');
RESET ROLE;
GRANT EXECUTE ON FUNCTION hokenid.eligibility(hokenid.insured_no, date) TO history_clinic;
SET ROLE history_clinic;
SELECT * FROM hokenid.eligibility('06130512:1234:5678:00', '2022-05-01');
SELECT hokenid.register_qualification('01130012:1:1:00', '[2025-01-01,)');
SELECT hokenid.route_receipt('06130512:1234:5678:00', '2022-05-01');
RESET ROLE;

-- ending a qualification: the day after the last day is the 資格喪失日
SELECT hokenid.end_qualification('01130012:19D0001:10-23:00', '2025-03-31');
SELECT (hokenid.eligibility('01130012:19D0001:10-23:00', '2025-03-31')).reason AS last_day,
       (hokenid.eligibility('01130012:19D0001:10-23:00', '2025-04-01')).reason AS next_day;
-- a later re-acquisition of the same number is the same person
SELECT hokenid.register_qualification('01130012:19D0001:10-23:00', '[2025-06-01,)') > 0;
SELECT hokenid.oldest_number('01130012:19D0001:10-23:00');
SELECT (hokenid.eligibility('01130012:19D0001:10-23:00', '2025-05-01')).reason AS gap,
       (hokenid.eligibility('01130012:19D0001:10-23:00', '2025-06-01')).reason AS back;

RESET hokenid.purpose;
REVOKE EXECUTE ON FUNCTION hokenid.eligibility(hokenid.insured_no, date) FROM history_clinic;
DELETE FROM hokenid.purpose_grant WHERE member IN ('history_clinic'::regrole, 'history_recipient_ndb'::regrole, 'history_analyst'::regrole);
DELETE FROM hokenid.history_recipient WHERE recipient = 'history_recipient_ndb'::regrole;
DROP ROLE history_clinic, history_recipient_ndb, history_analyst;
