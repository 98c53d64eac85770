# The schema hijack of issue 14, played: a role with only CREATE on the
# database makes schema hokenid and plants hokenid.link(text, text) before a
# superuser installs the extension.  CREATE EXTENSION must refuse (42501, with
# a message that says why) whenever the schema it would adopt is not the
# installing role's own and empty: owned by another role, holding an object,
# open to other roles' CREATE, or carrying default privileges.  Once the
# schema is dropped, the extension installs, the attacker cannot add to its
# schema, and hokenid.link(…) is the extension's.  Finally, every function of
# the extension whose body is parsed when it runs (PL/pgSQL, SQL given as a
# string) and every SECURITY DEFINER function pins search_path, so the
# caller's search_path cannot redirect what they call.
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;

my $node = PostgreSQL::Test::Cluster->new('hijack');
$node->init;
my $master_file = $node->basedir . '/master.key';
open(my $fh, '>', $master_file) or die "cannot write $master_file: $!";
print $fh join('', map { sprintf('%02x', int(rand(256))) } 1 .. 32), "\n";
close($fh);
chmod(0600, $master_file);
$node->append_conf('postgresql.conf',
	"shared_preload_libraries = 'hokenid'\nhokenid.master_key_file = '$master_file'");
$node->start;

# A scratch database per scenario; the attacker has CREATE on it, nothing more.
my $n = 0;
sub scratch_database
{
	my $db = 'hijack_' . ++$n;
	$node->safe_psql('postgres', qq{CREATE DATABASE $db; GRANT CREATE ON DATABASE $db TO attacker;});
	return $db;
}
$node->safe_psql('postgres', q{CREATE ROLE attacker LOGIN});

# The attacker's overload records what it is handed, so a leak would show.
my $plant = q{
	CREATE SCHEMA hokenid;
	CREATE SCHEMA loot;
	CREATE TABLE loot.stolen (what text);
	GRANT USAGE ON SCHEMA loot TO PUBLIC;
	GRANT INSERT ON loot.stolen TO PUBLIC;
	CREATE FUNCTION hokenid.link(text, text) RETURNS text LANGUAGE sql
	    BEGIN ATOMIC INSERT INTO loot.stolen VALUES ($1) RETURNING 'stolen'; END;
};

# Runs CREATE EXTENSION as the superuser: (sqlstate, message) of its failure, or ('', '').
sub create_extension
{
	my ($db) = @_;
	my ($ret, $out, $err) = $node->psql($db,
		q{\set VERBOSITY verbose
		  CREATE EXTENSION hokenid});
	my ($state) = $err =~ /ERROR:\s+([0-9A-Z]{5}):/;
	my ($message) = $err =~ /ERROR:\s+[0-9A-Z]{5}:\s+(.*)/;
	return ($state // '', $message // '', $err);
}

sub extension_absent
{
	my ($db) = @_;
	return $node->safe_psql($db, q{SELECT count(*) FROM pg_extension WHERE extname = 'hokenid'}) eq '0';
}

# 1. The attack as filed: the schema and the overload are the attacker's.
my $db = scratch_database();
$node->safe_psql($db, $plant, extra_params => [ '-U', 'attacker' ]);
my ($state, $message, $err) = create_extension($db);
is($state, '42501', 'an attacker-owned schema hokenid: CREATE EXTENSION refuses with 42501');
like($message, qr/schema "hokenid" is owned by role "attacker", not by the role installing hokenid nor a superuser/,
	'the message names the owner');
like($err, qr/HINT:.*drop or rename it/, 'the hint says what to do');
ok(extension_absent($db), 'nothing was installed');

# 2. The superuser took the schema over, but the overload is still in it.
$db = scratch_database();
$node->safe_psql($db, $plant, extra_params => [ '-U', 'attacker' ]);
$node->safe_psql($db, q{ALTER SCHEMA hokenid OWNER TO CURRENT_USER});
($state, $message, $err) = create_extension($db);
is($state, '42501', 'a schema holding a planted function: CREATE EXTENSION refuses with 42501');
like($message, qr/already holds objects that hokenid did not create/, 'the message says the schema is not empty');
like($err, qr/function hokenid\.link\(pg_catalog\.text,pg_catalog\.text\)/, 'the detail names the planted object');
ok(extension_absent($db), 'nothing was installed');

# 3. Every kind of object counts, not only functions.
for my $case (
	[ 'a table', q{CREATE TABLE hokenid.person (person_id bigint)} ],
	[ 'a type', q{CREATE TYPE hokenid.insured_no AS (x text)} ],
	[ 'an operator', q{CREATE OPERATOR hokenid.=== (LEFTARG = text, RIGHTARG = text, FUNCTION = texteq)} ],
	[ 'a collation', q{CREATE COLLATION hokenid.c FROM "C"} ],
	[ 'a text search configuration', q{CREATE TEXT SEARCH CONFIGURATION hokenid.ts (COPY = simple)} ],
	[ 'default privileges', q{ALTER DEFAULT PRIVILEGES IN SCHEMA hokenid GRANT SELECT ON TABLES TO attacker} ])
{
	my ($what, $sql) = @$case;
	$db = scratch_database();
	$node->safe_psql($db, "CREATE SCHEMA hokenid; $sql");
	($state, $message) = create_extension($db);
	is("$state $message", '42501 schema "hokenid" already holds objects that hokenid did not create',
		"a schema holding $what: refused");
}

# 4. An empty schema of the installing role that others may create in.
$db = scratch_database();
$node->safe_psql($db, q{CREATE SCHEMA hokenid; GRANT CREATE ON SCHEMA hokenid TO attacker});
($state, $message) = create_extension($db);
is($state, '42501', 'a schema open to another role\'s CREATE: refused');
like($message, qr/lets roles other than its owner create objects in it: attacker/, 'the message names the role');

# 5. An empty schema the installing role made: adopted.
$db = scratch_database();
$node->safe_psql($db, q{CREATE SCHEMA hokenid});
($state, $message) = create_extension($db);
is($state, '', 'an empty schema of the installing role is adopted');

# 6. After the attacker's schema is dropped: installed, closed, and the call is the extension's.
$db = scratch_database();
$node->safe_psql($db, $plant, extra_params => [ '-U', 'attacker' ]);
($state) = create_extension($db);
is($state, '42501', 'refused while the attacker\'s schema exists');
$node->safe_psql($db, q{DROP SCHEMA hokenid CASCADE});
($state, $message) = create_extension($db);
is($state, '', 'installs once the schema is dropped');
my ($ret, $out, $stderr) = $node->psql($db,
	q{CREATE FUNCTION hokenid.link(text, text) RETURNS text LANGUAGE sql RETURN 'stolen'},
	extra_params => [ '-U', 'attacker' ]);
like($stderr, qr/permission denied for schema hokenid/, 'the attacker cannot add to the extension\'s schema');
$node->safe_psql($db, q{SELECT hokenid.create_linkage_key('d1')});
is($node->safe_psql($db, q{SELECT pg_typeof(hokenid.link('06130512:1234:5678:01', 'd1'))}),
	'hokenid.linkage_code', 'hokenid.link(…) resolves to the extension\'s function');
is($node->safe_psql($db, q{SELECT count(*) FROM loot.stolen}), '0', 'the attacker received no number');

# 7. What the extension calls cannot be redirected by the caller's search_path.
is($node->safe_psql($db, q{
	SELECT string_agg(p.oid::regprocedure::text, ', ' ORDER BY 1)
	FROM pg_proc p JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
	JOIN pg_language l ON l.oid = p.prolang
	WHERE d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'hokenid')
	  AND (p.prosecdef OR l.lanname = 'plpgsql' OR (l.lanname = 'sql' AND p.prosqlbody IS NULL))
	  AND NOT coalesce('search_path=pg_catalog, pg_temp' = ANY (p.proconfig), false)}),
	'', 'every SECURITY DEFINER function and every function parsed at run time pins search_path = pg_catalog, pg_temp');
$node->safe_psql($db, q{
	CREATE SCHEMA evil;
	CREATE FUNCTION evil.texteq(text, text) RETURNS boolean LANGUAGE sql
	    BEGIN ATOMIC INSERT INTO loot.stolen VALUES ($1) RETURNING true; END;
	CREATE OPERATOR evil.= (LEFTARG = text, RIGHTARG = text, FUNCTION = evil.texteq);
	INSERT INTO hokenid.code_master (kind, code, valid_from, name) VALUES ('B', '4280001', '2000-04-01', 'うっ血性心不全');
});
is($node->safe_psql($db, q{
	SET search_path = evil, pg_catalog;
	SELECT count(*) FROM hokenid.receipt_mds_named(hokenid.generate_receipts(1, 3, 'UTF8'));
	SELECT count(*) FROM loot.stolen}), "" . $node->safe_psql($db, q{
	SELECT count(*) FROM hokenid.receipt_mds_named(hokenid.generate_receipts(1, 3, 'UTF8'))}) . "\n0",
	'a caller whose search_path puts its own = first: receipt_mds_named still uses PostgreSQL\'s');

done_testing();
