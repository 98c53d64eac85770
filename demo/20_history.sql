-- Part 2: qualification history and online eligibility.  A small synthetic
-- population: 12 people on 組合健保 / 国保 cards from 2021, a third of them
-- change jobs to 協会けんぽ on 2024-04-01, and one household still uses a
-- card issued before 枝番.
\pset footer off
SET search_path = public, hokenid;

\echo '== the history provider registers the population and the job changes'
SELECT count(hokenid.register_qualification(
           hokenid.insured_no(CASE WHEN i % 2 = 0 THEN '06130512' ELSE '133066' END,
                              (1000 + i)::text, (50000 + i)::text, '00'),
           '[2021-04-01,)'))
       AS registered
FROM generate_series(1, 12) AS i;
SELECT count(hokenid.link_history(
           hokenid.insured_no(CASE WHEN i % 2 = 0 THEN '06130512' ELSE '133066' END, (1000 + i)::text, (50000 + i)::text, '00'),
           hokenid.insured_no('01130012', '7' || lpad(i::text, 6, '0'), (100 + i)::text, '00'),
           '2024-04-01'))
       AS job_changes
FROM generate_series(1, 12) AS i WHERE i % 3 = 0;
SELECT hokenid.register_qualification('138032:88:8800:01', '[2021-04-01,)') > 0 AS household_head,
       hokenid.register_qualification('138032:88:8800:02', '[2021-04-01,)', 'family') > 0 AS household_child;

\echo '== a clinic checks cards on the day of care (オンライン資格確認)'
SELECT card, on_date, e.eligible, e.reason, e.current_insured, e.insurer,
       hokenid.insurer_kind(e.insurer) AS insurer_kind
FROM (VALUES ('06130512:1006:50006:00', DATE '2023-06-01'),
             ('06130512:1006:50006:00', DATE '2024-06-01'),   -- the old card after the job change
             ('01130012:7000006:106:00', DATE '2024-06-01'),
             ('133066:1001:50001:00', DATE '2024-06-01'),
             ('138032:88:8800', DATE '2024-06-01'),           -- card without 枝番, two holders
             ('138032:88:8800:02', DATE '2024-06-01'),
             ('06130512:9999:1:00', DATE '2024-06-01')) AS t(card, on_date),
     LATERAL hokenid.eligibility(card::hokenid.insured_no, on_date) AS e;

\echo '== receipts routed to the insurer that covered the service date (資格の過誤請求の削減)'
SELECT printed, service_date, hokenid.route_receipt(printed::hokenid.insured_no, service_date) AS bill_to,
       hokenid.law_name(hokenid.insurer(hokenid.route_receipt(printed::hokenid.insured_no, service_date))) AS scheme
FROM (VALUES ('06130512:1006:50006:00', DATE '2024-03-31'),
             ('06130512:1006:50006:00', DATE '2024-04-01'),
             ('01130012:7000006:106:00', DATE '2023-01-15')) AS t(printed, service_date);

\echo '== a registered recipient (NDB) receives a history; the provision is logged'
CREATE ROLE demo_ndb;
SELECT hokenid.register_history_recipient('demo_ndb', '高齢者の医療の確保に関する法律 第16条', 'NDB linkage');
GRANT demo_ndb TO CURRENT_USER;
SELECT hokenid.grant_purpose('demo_ndb', '審査支払');   -- reading numbers needs a purpose (part 4)
SET ROLE demo_ndb;
SET hokenid.purpose = '審査支払';
SELECT * FROM hokenid.history('01130012:7000006:106:00');
RESET hokenid.purpose;
RESET ROLE;
SELECT recipient, purpose, numbers FROM hokenid.history_provision;
