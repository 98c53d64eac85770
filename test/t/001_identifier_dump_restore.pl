# A dump of a database using the identifier types restores on a second
# server: values come back equal, indexes work, and the 法別番号 rows a user
# added survive while the builtin ones are not duplicated.
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;

my $source = PostgreSQL::Test::Cluster->new('source');
$source->init;
$source->append_conf('postgresql.conf', "shared_preload_libraries = 'hokenid'");
$source->start;
$source->safe_psql('postgres', q{
	CREATE EXTENSION hokenid;
	CREATE TABLE cards (id int PRIMARY KEY, insured hokenid.insured_no, insurer hokenid.insurer_no,
	                    kohi hokenid.kohi_no, facility hokenid.facility_code);
	INSERT INTO cards VALUES
	    (1, '06130512:1234:5678:01', '06130512', '54016027', '0110113719'),
	    (2, '39131032::07', '133066', NULL, NULL),
	    (3, '01130012:東京あ:12', '01130012', '88134457', '0110113719');
	CREATE INDEX cards_insured ON cards (insured);
	INSERT INTO hokenid.law_code (code, scheme, kind, name_ja) VALUES (88, 'public_expense', 'local', '東京都 マル子');
	SELECT hokenid.register_qualification('06130512:1234:5678:00', '[2020-04-01,)');
	SELECT hokenid.link_history('06130512:1234:5678:00', '01130012:19D0001:10-23:00', '2023-10-01');
	SELECT hokenid.register_purpose('地方公費事務', true, false);
	INSERT INTO hokenid.code_master (kind, code, valid_from, name) VALUES ('B', '4280001', '2000-04-01', 'うっ血性心不全');
});

my $dump = $source->basedir . '/dump.sql';
$source->command_ok([ 'pg_dump', '-d', $source->connstr('postgres'), '-f', $dump ], 'pg_dump succeeds');

my $target = PostgreSQL::Test::Cluster->new('target');
$target->init;
$target->append_conf('postgresql.conf', "shared_preload_libraries = 'hokenid'");
$target->start;
$target->command_ok([ 'psql', '-X', '-v', 'ON_ERROR_STOP=1', '-d', $target->connstr('postgres'), '-f', $dump ],
	'the dump restores without errors');

my $query = q{SELECT string_agg(insured::text || '|' || insurer || '|' || coalesce(kohi::text, '') || '|' || coalesce(facility::text, ''), ',' ORDER BY id) FROM cards};
is($target->safe_psql('postgres', $query), $source->safe_psql('postgres', $query), 'values are equal after restore');
is($target->safe_psql('postgres', q{SET enable_seqscan = off; SELECT id FROM cards WHERE insured OPERATOR(hokenid.=) '39131032::07'}),
	'2', 'the restored index finds a value');
is($target->safe_psql('postgres', q{SELECT hokenid.law_name('88134457'::hokenid.kohi_no)}),
	'東京都 マル子', 'a user-added 法別番号 row survives');
is($target->safe_psql('postgres', q{SELECT count(*) FROM hokenid.law_code WHERE builtin}),
	$source->safe_psql('postgres', q{SELECT count(*) FROM hokenid.law_code WHERE builtin}),
	'builtin rows are not duplicated');

is($target->safe_psql('postgres', q{SELECT (hokenid.eligibility('06130512:1234:5678:00', '2024-01-01')).current_insured}),
	'01130012:19D0001:10-23:00', 'the qualification history survives');
is($target->safe_psql('postgres', q{SELECT count(*) FROM hokenid.purpose WHERE name = '地方公費事務'}),
	'1', 'a registered purpose survives, the builtin ones are not duplicated');
is($target->safe_psql('postgres', q{SELECT name FROM hokenid.code_master WHERE code = '4280001'}),
	'うっ血性心不全', 'loaded code master rows survive');

done_testing();
