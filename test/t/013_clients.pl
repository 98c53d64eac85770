# hokenid from the three client ecosystems, search_path untouched: Python
# (psycopg 3), Node.js (node-postgres) and Java (the PostgreSQL JDBC driver)
# insert numbers passed as text parameters, select with WHERE insured = $1,
# join on numbers, ORDER BY and take min/max, and get 22P02 for an invalid
# number.  The clients are test/clients/*; each prints "ok - …" lines.
#
# A client whose runtime is missing is skipped, saying what to install:
# tools/install-deps installs python3-psycopg; node-postgres comes from npm
# (installed here into a scratch directory, or given by HOKENID_NODE_MODULES);
# the JDK is heavy, so test/clients/run installs it and the JDBC driver and
# runs this test with every client.
use strict;
use warnings;
use File::Copy qw(copy);
use FindBin;
use IPC::Run;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;

my $clients = "$FindBin::RealBin/../clients";
my $node = PostgreSQL::Test::Cluster->new('clients');
$node->init;
# JDBC speaks TCP only
$node->append_conf('postgresql.conf', "shared_preload_libraries = 'hokenid'\nlisten_addresses = '127.0.0.1'");
$node->start;
$node->safe_psql('postgres', q{
	CREATE EXTENSION hokenid;
	CREATE TABLE client_cards (client text, insured hokenid.insured_no, insurer hokenid.insurer_no);
	CREATE TABLE client_visits (insured hokenid.insured_no, day date);
	INSERT INTO client_visits VALUES ('06130512:1234:5678:01', '2024-01-02'), ('39131032::07', '2024-01-03');
});
my ($user) = $node->safe_psql('postgres', 'SELECT current_user');
my %env = (PGHOST => $node->host, PGPORT => $node->port, PGUSER => $user, PGDATABASE => 'postgres');

# Runs a client; passes when it exits 0 and every check line is "ok".
sub run_client
{
	my ($name, $extra_env, @cmd) = @_;
	local %ENV = (%ENV, %env, %$extra_env);
	my ($out, $err) = ('', '');
	my $ok = IPC::Run::run(\@cmd, '>', \$out, '2>', \$err);
	note($out);
	my @checks = $out =~ /^(ok|not ok) - /mg;
	ok($ok && @checks >= 5 && !grep({ $_ eq 'not ok' } @checks), "$name: " . scalar(@checks) . ' checks pass')
	  or diag("$out\n$err");
}

sub have
{
	my ($command) = @_;
	return system("command -v $command >/dev/null 2>&1") == 0;
}

my $tmp = PostgreSQL::Test::Utils::tempdir();

SKIP:
{
	skip 'python3-psycopg is not installed (tools/install-deps installs it)', 1
	  unless system('/usr/bin/python3 -c "import psycopg" 2>/dev/null') == 0;
	run_client('psycopg', {}, '/usr/bin/python3', "$clients/psycopg_client.py");
}

SKIP:
{
	skip 'node is not installed (test/clients/run installs it)', 1 unless have('node');
	my $modules = $ENV{HOKENID_NODE_MODULES};
	if (!$modules && have('npm'))
	{
		my ($out, $err) = ('', '');
		local $ENV{npm_config_cache} = "$tmp/npm-cache";
		IPC::Run::run([ 'npm', 'install', '--silent', '--no-audit', '--no-fund', '--prefix', "$tmp/node", 'pg@8' ],
			'>', \$out, '2>', \$err);
		$modules = "$tmp/node/node_modules" if -d "$tmp/node/node_modules/pg";
	}
	skip 'node-postgres could not be installed from npm (set HOKENID_NODE_MODULES to a node_modules holding pg)', 1
	  unless $modules && -d "$modules/pg";
	run_client('node-postgres', { NODE_PATH => $modules }, 'node', "$clients/node_pg_client.js");
}

SKIP:
{
	my ($jar) = grep { -f } ($ENV{HOKENID_JDBC_JAR} // '', '/usr/share/java/postgresql.jar');
	skip 'a JDK and libpostgresql-jdbc-java are needed (test/clients/run installs them)', 1
	  unless have('javac') && have('java') && $jar;
	copy("$clients/JdbcClient.java", "$tmp/JdbcClient.java") or die $!;
	my ($out, $err) = ('', '');
	IPC::Run::run([ 'javac', '-encoding', 'UTF-8', '-d', $tmp, "$tmp/JdbcClient.java" ], '>', \$out, '2>', \$err)
	  or BAIL_OUT("javac failed: $err");
	run_client('JDBC',
		{ PGJDBC_URL => 'jdbc:postgresql://127.0.0.1:' . $node->port . "/postgres?user=$user" },
		'java', '-Dfile.encoding=UTF-8', '-cp', "$tmp:$jar", 'JdbcClient');
}

# what the clients wrote is what was sent, normalised
is($node->safe_psql('postgres', q{SELECT count(*) FROM client_cards WHERE insured = '39131032::07'}),
	$node->safe_psql('postgres', q{SELECT count(DISTINCT client) FROM client_cards}),
	'every client stored the full-width or half-width number as the same value');

done_testing();
