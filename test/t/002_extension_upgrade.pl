# Every version's upgrade script is exercised: a database that installed
# the first version and ran ALTER EXTENSION UPDATE ends with exactly the
# objects of a fresh CREATE EXTENSION of the default version.
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;

my $node = PostgreSQL::Test::Cluster->new('upgrade');
$node->init;
$node->append_conf('postgresql.conf', "shared_preload_libraries = 'hokenid'");
$node->start;

$node->safe_psql('postgres', 'CREATE DATABASE fresh');
$node->safe_psql('postgres', 'CREATE DATABASE upgraded');
$node->safe_psql('fresh', 'CREATE EXTENSION hokenid');
$node->safe_psql('upgraded', q{CREATE EXTENSION hokenid VERSION '0.1'});
my $versions = $node->safe_psql('upgraded',
	q{SELECT string_agg(target, ' ' ORDER BY target) FROM pg_extension_update_paths('hokenid') WHERE source = '0.1' AND path IS NOT NULL});
note("update targets from 0.1: $versions");
$node->safe_psql('upgraded', 'ALTER EXTENSION hokenid UPDATE');

my $objects = q{
	SELECT string_agg(pg_describe_object(classid, objid, objsubid), E'\n' ORDER BY pg_describe_object(classid, objid, objsubid))
	FROM pg_depend
	WHERE refclassid = 'pg_extension'::regclass AND deptype = 'e'
	  AND refobjid = (SELECT oid FROM pg_extension WHERE extname = 'hokenid')};
my $fresh = $node->safe_psql('fresh', $objects);
my $upgraded = $node->safe_psql('upgraded', $objects);
isnt($fresh, '', 'the extension has member objects');
is($upgraded, $fresh, 'updating from 0.1 gives the objects of a fresh install');
is($node->safe_psql('upgraded', q{SELECT extversion FROM pg_extension WHERE extname = 'hokenid'}),
	$node->safe_psql('fresh', q{SELECT extversion FROM pg_extension WHERE extname = 'hokenid'}),
	'both report the default version');

done_testing();
