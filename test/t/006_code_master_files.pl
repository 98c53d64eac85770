# The real 支払基金 master files in ../shared/masters (when present: beside
# HOKENID_CORPUS) — コメント, 特定器材 and 修飾語 — load whole, name their
# codes, and load again to the same rows; a real diagnosis is then named with
# its real modifiers.
use strict;
use warnings;
use File::Basename qw(dirname);
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;

my $corpus = $ENV{HOKENID_CORPUS} // '';
my $masters = $corpus ne '' ? dirname($corpus) . '/masters' : '';
plan skip_all => 'no master files (../shared/masters beside HOKENID_CORPUS)'
  unless $masters ne '' && -f "$masters/c_ALL20250307.csv";

my $node = PostgreSQL::Test::Cluster->new('masters');
$node->init;
$node->append_conf('postgresql.conf', "shared_preload_libraries = 'hokenid'");
$node->start;
$node->safe_psql('postgres', 'CREATE EXTENSION hokenid');

my $load = "SELECT hokenid.load_code_master(pg_read_binary_file('$masters/c_ALL20250307.csv'), 'SJIS')";
is($node->safe_psql('postgres', $load), '3857', 'every record of the コメント master loads');
is($node->safe_psql('postgres', q{SELECT count(*) FROM hokenid.code_master WHERE kind = 'C'}), '3857',
	'one row a comment code and version');
is($node->safe_psql('postgres', q{SELECT name FROM hokenid.code_master WHERE code = '820000001'}),
	'別途コメントあり', 'a code has its name, decoded from Shift_JIS');
is($node->safe_psql('postgres', q{SELECT count(*) FROM hokenid.code_master WHERE valid_until IS NOT NULL}),
	'98', '廃止年月日 is kept where the master sets one');
is($node->safe_psql('postgres', $load), '3857', 'loading again replaces the same rows');
is($node->safe_psql('postgres', q{SELECT count(*) FROM hokenid.code_master}), '3857', 'and adds none');

SKIP:
{
	skip 'no 特定器材 or 修飾語 master', 6
	  unless -f "$masters/t_ALL20250228.csv" && -f "$masters/z_20250101.txt";
	is($node->safe_psql('postgres',
		"SELECT hokenid.load_code_master(pg_read_binary_file('$masters/t_ALL20250228.csv'), 'SJIS')"),
		'1344', 'every record of the 特定器材 master loads');
	is($node->safe_psql('postgres', q{SELECT name || '/' || unit || '/' || amount FROM hokenid.code_master WHERE code = '700010000'}),
		'半切/枚/120.00', 'a material has its name, unit and price');
	is($node->safe_psql('postgres',
		"SELECT hokenid.load_code_master(pg_read_binary_file('$masters/z_20250101.txt'), 'SJIS')"),
		'2359', 'every record of the 修飾語 master loads');
	# 修飾語 listed before 2003 carry neither 収載年月日 nor 変更年月日
	is($node->safe_psql('postgres',
		q{SELECT count(*) FILTER (WHERE valid_from = '-infinity') || '/' || count(*) FROM hokenid.code_master WHERE kind = 'Z'}),
		'1563/2359', 'modifiers without a date are valid from the beginning');
	is($node->safe_psql('postgres', q{SELECT count(*) FROM hokenid.code_master}), '7560',
		'the three masters side by side');
	# 胃癌 (傷病名 1519002, not in these masters) with 右 (2056) and の疑い (8002)
	$node->safe_psql('postgres', q{INSERT INTO hokenid.code_master (kind, code, valid_from, name)
		VALUES ('B', '1519002', '2000-04-01', '胃癌')});
	is($node->safe_psql('postgres', q{
		SELECT code_name FROM hokenid.receipt_mds_named(convert_to(concat_ws(E'\n',
		    'IR,1,13,1,1234569,,c,202311,00,', 'RE,1,1112,202311,x,1,19500102,,,,,,,1',
		    'HO,01130012,1,2,1,0,,,,,,,,,', 'SY,1519002,20231101,1,20568002,,01,', 'GO,1,0,99'), 'UTF8'), 'UTF8')}),
		'右胃癌の疑い', 'a diagnosis is named with its real modifiers');
}

done_testing();
