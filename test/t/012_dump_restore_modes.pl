# pg_dump and pg_restore round-trip every table of the extension and every
# user table of numbers in every mode, with no warning and no lost row:
# directory format restored with -j 4 five times, serially and in a single
# transaction; custom format; plain SQL through psql.  Each restore is
# compared with the source table by table (row count and an md5 of the rows),
# sequence by sequence, and checked with hokenid.integrity_problems() (the
# links foreign keys would check: there are none between extension tables,
# since pg_restore -j loads extension tables in no order).  A non-superuser
# backup role dumps and restores by declaring the builtin purpose backup
# through PGOPTIONS; without it the dump is refused.
use strict;
use warnings;
use IPC::Run;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;

my $node = PostgreSQL::Test::Cluster->new('dump');
$node->init;
my $master_file = $node->basedir . '/master.key';
open(my $fh, '>', $master_file) or die "cannot write $master_file: $!";
print $fh join('', map { sprintf('%02x', int(rand(256))) } 1 .. 32), "\n";
close($fh);
chmod(0600, $master_file);
$node->append_conf('postgresql.conf',
	"shared_preload_libraries = 'hokenid'\nhokenid.master_key_file = '$master_file'\nmax_connections = 40");
$node->start;

# The source: a qualification history (registrations, links, an ended
# qualification), a linkage key, a code master row, a local 法別番号, a purpose,
# a history recipient and a provision, and user tables of numbers, codes and
# a foreign key between them.
$node->safe_psql('postgres', q{
	CREATE ROLE backup_op LOGIN IN ROLE pg_read_all_data, pg_write_all_data;
	CREATE ROLE ndb LOGIN;
	CREATE DATABASE source;
});
$node->safe_psql('source', q{
	CREATE EXTENSION hokenid;
	SELECT count(hokenid.register_qualification(hokenid.insured_no('06130512', i::text, (1000 + i)::text, '00'),
	                                            '[2020-04-01,)', CASE WHEN i % 7 = 0 THEN 'family' ELSE 'self' END))
	FROM generate_series(1, 400) i;
	SELECT count(hokenid.link_history(hokenid.insured_no('06130512', i::text, (1000 + i)::text, '00'),
	                                  hokenid.insured_no('01130012', i::text, (2000 + i)::text, '01'), '2023-10-01'))
	FROM generate_series(1, 400, 2) i;
	SELECT count(hokenid.link_history(hokenid.insured_no('01130012', i::text, (2000 + i)::text, '01'),
	                                  hokenid.insured_no('31130032', i::text, (3000 + i)::text, '02'), '2024-10-01'))
	FROM generate_series(1, 400, 10) i;
	SELECT hokenid.end_qualification(hokenid.insured_no('06130512', '2', '1002', '00'), '2024-03-31');
	SELECT hokenid.create_linkage_key('ndb-kaigo-2026');
	INSERT INTO hokenid.code_master (kind, code, valid_from, name) VALUES ('B', '4280001', '2000-04-01', 'うっ血性心不全');
	INSERT INTO hokenid.law_code (code, scheme, kind, name_ja) VALUES (88, 'public_expense', 'local', '東京都 マル子');
	SELECT hokenid.register_purpose('地方公費事務', true, false);
	SELECT hokenid.grant_purpose('backup_op', 'backup');
	SELECT hokenid.register_history_recipient('ndb', '高齢者医療確保法 第16条', 'NDB linkage');
	SELECT hokenid.grant_purpose('ndb', '保険者業務');
	GRANT EXECUTE ON FUNCTION hokenid.eligibility(hokenid.insured_no, date) TO ndb;

	CREATE TABLE cards (id int PRIMARY KEY, insured hokenid.insured_no UNIQUE NOT NULL,
	                    insurer hokenid.insurer_no, kohi hokenid.kohi_no, facility hokenid.facility_code);
	INSERT INTO cards
	SELECT i, hokenid.insured_no('06130512', i::text, (1000 + i)::text, '00'), '06130512',
	       CASE WHEN i % 3 = 0 THEN '54016027'::hokenid.kohi_no END, '0110113719'
	FROM generate_series(1, 400) i;
	CREATE TABLE visits (card int REFERENCES cards, insured hokenid.insured_no REFERENCES cards (insured), day date);
	INSERT INTO visits SELECT id, insured, DATE '2024-01-01' + id % 30 FROM cards;
	CREATE INDEX visits_insured ON visits USING hash (insured);
	CREATE TABLE codes AS SELECT id, hokenid.link(insured, 'ndb-kaigo-2026') AS code FROM cards;
	ALTER TABLE codes ADD PRIMARY KEY (code);
});
$node->safe_psql('source', q{SET ROLE ndb; SET hokenid.purpose = '保険者業務'; SELECT count(*) FROM hokenid.history('06130512:1:1001:00')});
is($node->safe_psql('source', q{SELECT count(*) FROM hokenid.integrity_problems()}), '0',
	'the source\'s links hold');

# The tables to compare: every table of the extension, every user table.
my @tables = split /\n/, $node->safe_psql('source', q{
	SELECT c.oid::regclass FROM pg_class c
	WHERE c.relkind = 'r' AND (c.relnamespace = 'public'::regnamespace OR EXISTS (
	    SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e'
	      AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'hokenid')))
	ORDER BY 1::text});
ok(scalar(grep { $_ eq 'hokenid.qualification' } @tables) && scalar(grep { $_ eq 'cards' } @tables),
	'extension and user tables are compared (' . scalar(@tables) . ' tables)');

sub contents
{
	my ($db) = @_;
	my @lines = map {
		"$_ " . $node->safe_psql($db,
			"SELECT count(*) || ' ' || md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) FROM $_ t")
	} @tables;
	push @lines, 'sequences ' . $node->safe_psql($db, q{
		SELECT string_agg(format('%s=%s', s.schemaname || '.' || s.sequencename, s.last_value), ' ' ORDER BY 1)
		FROM pg_sequences s WHERE s.schemaname IN ('hokenid', 'public')});
	return join("\n", @lines);
}
my $source_contents = contents('source');

# Runs a command with extra environment; returns (success, stdout, stderr).
sub run_with
{
	my ($env, @cmd) = @_;
	local %ENV = (%ENV, %$env);
	my ($out, $err) = ('', '');
	my $ok = IPC::Run::run(\@cmd, '>', \$out, '2>', \$err);
	return ($ok, $out, $err);
}

my $dir = $node->basedir;
my $n = 0;
sub fresh_database
{
	my ($owner) = @_;
	my $db = 'restored_' . ++$n;
	$node->safe_psql('postgres', "CREATE DATABASE $db" . ($owner ? " OWNER $owner" : ''));
	return $db;
}

# What a restore must give: the source's rows, sequences and links, and working codes.
sub check_restore
{
	my ($db, $what) = @_;
	is(contents($db), $source_contents, "$what: every table has the source's rows (count and md5) and sequences");
	is($node->safe_psql($db, q{SELECT count(*) FROM hokenid.integrity_problems()}), '0',
		"$what: hokenid.integrity_problems() finds no broken link");
	is($node->safe_psql($db, q{
		SELECT count(*) FROM codes c JOIN cards USING (id) WHERE c.code <> hokenid.link(cards.insured, 'ndb-kaigo-2026')}),
		'0', "$what: the restored linkage key gives the same codes");
}

# ------------------------------------------------------------------ superuser
my ($ok, $out, $err) = run_with({}, 'pg_dump', '-Fd', '-f', "$dir/dump.dir", '-d', $node->connstr('source'));
ok($ok, 'pg_dump -Fd succeeds');
is($err, '', 'pg_dump -Fd warns of nothing (no circular foreign key)');

for my $round (1 .. 5)
{
	my $db = fresh_database();
	($ok, $out, $err) = run_with({}, 'pg_restore', '-j', '4', '-d', $node->connstr($db), "$dir/dump.dir");
	ok($ok, "pg_restore -j 4, round $round: exit code 0");
	is($err, '', "pg_restore -j 4, round $round: no error or warning");
	check_restore($db, "pg_restore -j 4, round $round");
}

my $db = fresh_database();
($ok, $out, $err) = run_with({}, 'pg_restore', '-d', $node->connstr($db), "$dir/dump.dir");
ok($ok && $err eq '', 'serial pg_restore of the directory format: clean') or diag($err);
check_restore($db, 'serial pg_restore');

$db = fresh_database();
($ok, $out, $err) = run_with({}, 'pg_restore', '--single-transaction', '--exit-on-error', '-d', $node->connstr($db), "$dir/dump.dir");
ok($ok && $err eq '', 'pg_restore --single-transaction: clean') or diag($err);
check_restore($db, 'pg_restore --single-transaction');

($ok, $out, $err) = run_with({}, 'pg_dump', '-Fc', '-f', "$dir/dump.custom", '-d', $node->connstr('source'));
ok($ok && $err eq '', 'pg_dump -Fc: clean') or diag($err);
$db = fresh_database();
($ok, $out, $err) = run_with({}, 'pg_restore', '-j', '4', '-d', $node->connstr($db), "$dir/dump.custom");
ok($ok && $err eq '', 'pg_restore -j 4 of the custom format: clean') or diag($err);
check_restore($db, 'custom format, -j 4');

($ok, $out, $err) = run_with({}, 'pg_dump', '-Fp', '-f', "$dir/dump.sql", '-d', $node->connstr('source'));
ok($ok && $err eq '', 'pg_dump of plain SQL: clean') or diag($err);
$db = fresh_database();
($ok, $out, $err) = run_with({}, 'psql', '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', $node->connstr($db), '-f', "$dir/dump.sql");
ok($ok && $err eq '', 'the plain SQL dump restores through psql: clean') or diag($err);
check_restore($db, 'plain SQL');

# ------------------------------------------------------------------ a non-superuser backup role
# pg_read_all_data / pg_write_all_data give it the rows; the restriction wants its purpose.
($ok, $out, $err) = run_with({}, 'pg_dump', '-Fd', '-f', "$dir/nopurpose.dir", '-U', 'backup_op',
	'-d', $node->connstr('source'));
ok(!$ok, 'a non-superuser pg_dump without a purpose fails');
like($err, qr/copy of insured numbers refused: no purpose is declared/, '… refused by the notice-request restriction');

($ok, $out, $err) = run_with({ PGOPTIONS => '-c hokenid.purpose=backup' },
	'pg_dump', '-Fd', '-f', "$dir/backup.dir", '-U', 'backup_op', '-d', $node->connstr('source'));
ok($ok, 'with PGOPTIONS=\'-c hokenid.purpose=backup\' the backup role\'s pg_dump succeeds');
is($err, '', '… without a warning');

# Restore (the README's recipe): a superuser prepares the database (owned by the backup
# role), the extension and the role's purpose there; the backup role restores everything
# but the extension itself and the privileges on its objects, in parallel; the superuser
# restores those privileges.
$db = fresh_database('backup_op');
$node->safe_psql($db, q{CREATE EXTENSION hokenid; SELECT hokenid.grant_purpose('backup_op', 'backup')});
($ok, $out, $err) = run_with({}, 'pg_restore', '-l', "$dir/backup.dir");
my @entries = split /\n/, $out;
my @extension_acl = grep { /^\d+; \d+ \d+ ACL hokenid / } @entries;
my @toc = grep { !/^\d+; \d+ \d+ (SCHEMA - hokenid|EXTENSION - hokenid|COMMENT - EXTENSION hokenid|ACL hokenid) / } @entries;
ok(scalar(@extension_acl) > 0, 'the dump holds privileges on the extension\'s objects');
for my $list ([ 'backup.list', \@toc ], [ 'extension_acl.list', \@extension_acl ])
{
	open($fh, '>', "$dir/$list->[0]") or die $!;
	print $fh join("\n", @{ $list->[1] }), "\n";
	close($fh);
}
($ok, $out, $err) = run_with({ PGOPTIONS => '-c hokenid.purpose=backup' },
	'pg_restore', '-j', '4', '--no-owner', '-L', "$dir/backup.list", '-U', 'backup_op',
	'-d', $node->connstr($db), "$dir/backup.dir");
ok($ok && $err eq '', 'the backup role restores with -j 4 and its purpose: clean') or diag($err);
($ok, $out, $err) = run_with({}, 'pg_restore', '-L', "$dir/extension_acl.list", '-d', $node->connstr($db), "$dir/backup.dir");
ok($ok && $err eq '', 'the superuser restores the privileges on the extension\'s objects: clean') or diag($err);
check_restore($db, 'non-superuser restore');
is($node->safe_psql($db, q{SELECT has_function_privilege('ndb', 'hokenid.eligibility(hokenid.insured_no, date)', 'EXECUTE')}),
	't', 'non-superuser restore: a grant on an extension function is back');

$db = fresh_database('backup_op');
$node->safe_psql($db, q{CREATE EXTENSION hokenid; SELECT hokenid.grant_purpose('backup_op', 'backup')});
($ok, $out, $err) = run_with({}, 'pg_restore', '--no-owner', '-L', "$dir/backup.list", '-U', 'backup_op',
	'-d', $node->connstr($db), "$dir/backup.dir");
like($err, qr/refused/, 'without its purpose, the backup role\'s restore is refused');

done_testing();
