# The extension's objects, and its upgrade scripts.
#
# (a) A fresh CREATE EXTENSION has exactly the member objects listed in
#     test/t/extension_objects.txt, so no object appears or disappears
#     silently: changing the list is a deliberate act (regenerate it as its
#     first lines say, and say why in the commit).
# (b) The tree holds one install script, hokenid--<default_version>.sql, and
#     upgrade scripts hokenid--A--B.sql only from released versions A.  For
#     every upgrade script, a database that installed A, updated to B and then
#     to the default version has the schema of a fresh install, compared as
#     pg_dump --binary-upgrade -s (which dumps every member object, not just
#     CREATE EXTENSION; OIDs, xids and LSNs masked), and its extension tables
#     hold the same rows (the builtin 法別番号 and purposes).  A's install
#     script is the one that was released, kept as test/t/released/hokenid--A.sql;
#     PostgreSQL 15 reads scripts only from its installation's share
#     directory, so A is installed into a private copy of the installation.
#     With no upgrade script yet, the install script must be the only script.
use strict;
use warnings;
use File::Basename qw(basename dirname);
use File::Copy qw(copy);
use File::Path qw(make_path);
use File::Spec;
use FindBin;
use IPC::Run;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;

my $top = File::Spec->rel2abs("$FindBin::RealBin/../..");
my $released = "$FindBin::RealBin/released";

my ($default) = slurp_file("$top/hokenid.control") =~ /^\s*default_version\s*=\s*'([^']+)'/m
  or BAIL_OUT('no default_version in hokenid.control');
my @scripts = sort map { basename($_) } glob("$top/hokenid--*.sql");
my @install = grep { !/^hokenid--.+--.+\.sql$/ } @scripts;
my @upgrades = grep { /^hokenid--.+--.+\.sql$/ } @scripts;

# The member objects of the extension in a database, one per line, sorted
# bytewise (as the fixture is).
sub members
{
	my ($node, $db) = @_;
	my $list = $node->safe_psql($db, q{
		SELECT pg_describe_object(classid, objid, objsubid)
		FROM pg_depend
		WHERE refclassid = 'pg_extension'::regclass AND deptype = 'e'
		  AND refobjid = (SELECT oid FROM pg_extension WHERE extname = 'hokenid')});
	return [ sort split /\n/, $list ];
}

sub new_node
{
	my ($name, %params) = @_;
	my $node = PostgreSQL::Test::Cluster->new($name, %params);
	$node->init;
	$node->append_conf('postgresql.conf', "shared_preload_libraries = 'hokenid'");
	$node->start;
	return $node;
}

# ------------------------------------------------------------------ (a)
my $node = new_node('fresh');
$node->safe_psql('postgres', 'CREATE EXTENSION hokenid');
is($node->safe_psql('postgres', q{SELECT extversion FROM pg_extension WHERE extname = 'hokenid'}),
	$default, "CREATE EXTENSION installs the default version $default");

my @expected = grep { $_ ne '' && !/^#/ } split /\n/, slurp_file("$FindBin::RealBin/extension_objects.txt");
my %expected = map { $_ => 1 } @expected;
my $fresh = members($node, 'postgres');
my %fresh = map { $_ => 1 } @$fresh;
my @missing = grep { !$fresh{$_} } @expected;
my @extra = grep { !$expected{$_} } @$fresh;
is(join("\n", @missing), '', 'every object of test/t/extension_objects.txt is a member of the extension');
is(join("\n", @extra), '', 'the extension has no member that test/t/extension_objects.txt does not list');
is_deeply([ sort @expected ], \@expected, 'test/t/extension_objects.txt is sorted (LC_ALL=C sort)');

# ------------------------------------------------------------------ (b)
is_deeply(\@install, ["hokenid--$default.sql"], "one install script, of the default version $default");
if (!@upgrades)
{
	is_deeply(\@scripts, ["hokenid--$default.sql"],
		'no upgrade script yet: the install script is the only script');
	done_testing();
	exit;
}

# A copy of the installation whose share directory also holds the released
# install scripts.  PostgreSQL finds its share and library directories
# relative to its binaries, so the binaries are copied and everything else
# is linked.
sub private_installation
{
	my ($root) = @_;
	my %dir;
	for my $what (qw(bindir sharedir pkglibdir))
	{
		my ($out) = run_command([ 'pg_config', "--$what" ]);
		$dir{$what} = $out;
	}
	# the longest directory prefix the three share
	my @common = File::Spec->splitdir($dir{bindir});
	for my $other ($dir{sharedir}, $dir{pkglibdir})
	{
		my @parts = File::Spec->splitdir($other);
		my $n = 0;
		$n++ while $n < @common && $n < @parts && $common[$n] eq $parts[$n];
		splice @common, $n;
	}
	my $prefix = File::Spec->catdir(@common);
	my %private = map { $_ => $root . substr($dir{$_}, length $prefix) } keys %dir;

	make_path($private{bindir}, $private{sharedir} . '/extension', dirname($private{pkglibdir}));
	for my $file (glob("$dir{bindir}/*"))
	{
		my $copy = "$private{bindir}/" . basename($file);
		copy($file, $copy) or die "cannot copy $file: $!";
		chmod 0755, $copy;
	}
	symlink($dir{pkglibdir}, $private{pkglibdir}) or die "cannot link $private{pkglibdir}: $!";
	for my $entry (glob("$dir{sharedir}/*"))
	{
		next if basename($entry) eq 'extension';
		symlink($entry, "$private{sharedir}/" . basename($entry)) or die "cannot link $entry: $!";
	}
	for my $file (glob("$dir{sharedir}/extension/*"))
	{
		symlink($file, "$private{sharedir}/extension/" . basename($file)) or die "cannot link $file: $!";
	}
	for my $file (glob("$released/hokenid--*.sql"))
	{
		my $target = "$private{sharedir}/extension/" . basename($file);
		unlink $target;
		copy($file, $target) or die "cannot copy $file: $!";
	}
	return dirname($private{bindir});
}

# pg_dump --binary-upgrade -s, with what differs between any two databases
# masked: OIDs, relfilenodes, frozen xids, attribute LSNs, the \restrict key.
sub schema_dump
{
	my ($node, $db) = @_;
	my ($out, $err);
	IPC::Run::run([ $node->installed_command('pg_dump'), '--binary-upgrade', '--schema-only',
		'-d', $node->connstr($db) ], '>', \$out, '2>', \$err)
	  or die "pg_dump of $db failed: $err";
	$out =~ s/^SELECT pg_catalog\.binary_upgrade_set_next_.*\n//mg;
	$out =~ s/^-- For binary upgrade, must preserve .*\n//mg;
	$out =~ s/(binary_upgrade_create_empty_extension\('hokenid', 'hokenid', \w+, '[^']*', )'\{[0-9,]*\}'/$1'{…}'/g;
	$out =~ s/WHERE oid = '\d+'/WHERE oid = '…'/g;
	$out =~ s/(relfrozenxid|relminmxid) = '\d+'/$1 = '…'/g;
	$out =~ s/^\\(un)?restrict .*\n//mg;
	$out =~ s/\n{3,}/\n\n/g;
	return $out;
}

# Each extension table's rows, as one digest per table.
sub table_rows
{
	my ($node, $db) = @_;
	my $tables = $node->safe_psql($db, q{
		SELECT objid::regclass FROM pg_depend
		WHERE refclassid = 'pg_extension'::regclass AND deptype = 'e' AND classid = 'pg_class'::regclass
		  AND refobjid = (SELECT oid FROM pg_extension WHERE extname = 'hokenid')
		  AND (SELECT relkind FROM pg_class WHERE oid = objid) = 'r'
		ORDER BY objid::regclass::text});
	return join "\n", map {
		"$_ " . $node->safe_psql($db, "SELECT count(*) || ' ' || md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) FROM $_ t")
	} split /\n/, $tables;
}

my $inst = private_installation(PostgreSQL::Test::Utils::tempdir() . '/installation');
my $upgrade = new_node('upgrade', install_path => $inst);
$upgrade->safe_psql('postgres', 'CREATE DATABASE fresh');
$upgrade->safe_psql('fresh', 'CREATE EXTENSION hokenid');
my $fresh_dump = schema_dump($upgrade, 'fresh');
my $fresh_rows = table_rows($upgrade, 'fresh');
is_deeply(members($upgrade, 'fresh'), $fresh, 'the private installation installs the same objects');
# both dumps are kept beside the node, for a diff when they differ
my $dir = $upgrade->basedir;
open my $fh, '>', "$dir/fresh.sql" or die $!;
print $fh $fresh_dump;
close $fh;

for my $script (@upgrades)
{
	my ($from, $to) = $script =~ /^hokenid--(.+)--(.+)\.sql$/;
	ok(-f "$released/hokenid--$from.sql", "$script starts from a released version (test/t/released/hokenid--$from.sql)")
	  or next;
	my $db = "from_${from}_to_$to";
	my $path = $to eq $default ? "$from → $to" : "$from → $to → $default";
	$upgrade->safe_psql('postgres', qq{CREATE DATABASE "$db"});
	$upgrade->safe_psql($db, qq{CREATE EXTENSION hokenid VERSION '$from'});
	$upgrade->safe_psql($db, qq{ALTER EXTENSION hokenid UPDATE TO '$to'});
	$upgrade->safe_psql($db, 'ALTER EXTENSION hokenid UPDATE');
	is($upgrade->safe_psql($db, q{SELECT extversion FROM pg_extension WHERE extname = 'hokenid'}),
		$default, "$path reports the default version");

	my $dump = schema_dump($upgrade, $db);
	open my $fh, '>', "$dir/$db.sql" or die $!;
	print $fh $dump;
	close $fh;
	ok($dump eq $fresh_dump, "$path: pg_dump --binary-upgrade -s equals a fresh install's")
	  or diag(scalar `diff -u '$dir/fresh.sql' '$dir/$db.sql' | head -200`);
	is(table_rows($upgrade, $db), $fresh_rows, "$path: the extension's tables hold a fresh install's rows");
}

done_testing();
