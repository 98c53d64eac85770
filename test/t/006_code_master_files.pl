# The real 支払基金 master files in ../shared/masters (when present: beside
# HOKENID_CORPUS) load whole, name their codes, and load again to the same
# rows.
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

done_testing();
