# Linkage keys at rest: a dump holds only wrapped keys (an imported key's
# bytes appear nowhere in it); restored on a server with the same master
# key file, the same numbers give the same codes; with another master key
# the keys refuse to load (55000), as they do with a master key file that
# others can read or that is missing.
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;

sub write_file_mode
{
	my ($path, $content, $mode) = @_;
	open(my $fh, '>', $path) or die "cannot write $path: $!";
	print $fh $content;
	close($fh);
	chmod($mode, $path);
}

my $master = join('', map { sprintf('%02x', int(rand(256))) } 1 .. 32);
my $imported = join('', map { sprintf('%02x', int(rand(256))) } 1 .. 32);

my $source = PostgreSQL::Test::Cluster->new('key_source');
$source->init;
my $master_file = $source->basedir . '/master.key';
write_file_mode($master_file, "$master\n", 0600);
write_file_mode($source->basedir . '/agreed.key', "$imported\n", 0600);
$source->append_conf('postgresql.conf', "shared_preload_libraries = 'hokenid'\nhokenid.master_key_file = '$master_file'");
$source->start;
$source->safe_psql('postgres', q{CREATE EXTENSION hokenid});
$source->safe_psql('postgres', q{SELECT hokenid.create_linkage_key('ndb-kaigo-2026')});
$source->safe_psql('postgres', "SELECT hokenid.import_linkage_key('agreed', '" . $source->basedir . "/agreed.key')");
my $codes_query = q{SELECT hokenid.link_number('06130512:1234:5678:00', 'ndb-kaigo-2026')::text || ' ' ||
                           hokenid.link_number('06130512:1234:5678:00', 'agreed')::text};
my $codes = $source->safe_psql('postgres', $codes_query);

# the imported key is the HMAC key, over "N1" and the number's canonical image
# (its binary form without the format byte)
my $expected = $source->safe_psql('postgres',
	"SELECT encode(hokenid.hmac_sha256(decode('$imported', 'hex'), 'N1'::bytea || substring(hokenid.insured_no_send('06130512:1234:5678:00') from 2)), 'hex')
	      = hokenid.link_number('06130512:1234:5678:00', 'agreed')::text");
is($expected, 't', 'a code is HMAC-SHA-256 of the tagged canonical image under the imported key');

my $dump = $source->basedir . '/dump.sql';
$source->command_ok([ 'pg_dump', '-d', $source->connstr('postgres'), '-f', $dump ], 'pg_dump succeeds');
my $dumped = slurp_file($dump);
unlike($dumped, qr/$imported/i, 'the imported key does not appear in the dump');
unlike($dumped, qr/$master/i, 'the master key does not appear in the dump');
like($dumped, qr/ndb-kaigo-2026/, 'the wrapped keys are in the dump');

# same master key: same codes after restore
my $target = PostgreSQL::Test::Cluster->new('key_target');
$target->init;
write_file_mode($target->basedir . '/master.key', "$master\n", 0600);
$target->append_conf('postgresql.conf', "shared_preload_libraries = 'hokenid'\nhokenid.master_key_file = '" . $target->basedir . "/master.key'");
$target->start;
$target->command_ok([ 'psql', '-X', '-v', 'ON_ERROR_STOP=1', '-d', $target->connstr('postgres'), '-f', $dump ],
	'the dump restores');
is($target->safe_psql('postgres', $codes_query), $codes, 'restored keys give the same codes');

# another master key: the keys do not open
write_file_mode($target->basedir . '/master.key', join('', map { sprintf('%02x', $_) } 1 .. 32) . "\n", 0600);
$target->reload;
my ($ret, $stdout, $stderr) = $target->psql('postgres', $codes_query, on_error_stop => 1,
	extra_params => [ '-v', 'VERBOSITY=verbose' ]);
like($stderr, qr/55000.*cannot be unwrapped/, 'a wrong master key is refused with 55000');

# a master key file others can read
write_file_mode($target->basedir . '/master.key', "$master\n", 0644);
($ret, $stdout, $stderr) = $target->psql('postgres', $codes_query, extra_params => [ '-v', 'VERBOSITY=verbose' ]);
like($stderr, qr/55000.*accessible by group or others/, 'a world-readable master key file is refused');

# no master key file
$target->append_conf('postgresql.conf', "hokenid.master_key_file = ''");
$target->reload;
($ret, $stdout, $stderr) = $target->psql('postgres', $codes_query, extra_params => [ '-v', 'VERBOSITY=verbose' ]);
like($stderr, qr/55000.*not set/, 'a missing master key setting is refused');
unlike($stderr, qr/$master|$imported/i, 'no error message carries key bytes');

# non-superusers cannot see where the master key is
$target->safe_psql('postgres', 'CREATE ROLE someone LOGIN');
($ret, $stdout, $stderr) = $target->psql('postgres', 'SHOW hokenid.master_key_file', extra_params => [ '-U', 'someone' ]);
like($stderr, qr/permission denied|must be superuser/, 'the setting is hidden from non-superusers');

done_testing();
