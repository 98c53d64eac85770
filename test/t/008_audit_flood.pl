# A role without privileges cannot flood the audit trail: thousands of
# refused statements under a purpose of 100,000 characters grow the trail by
# less than the documented bound, (hokenid.audit_refusals_per_minute + 1)
# records of at most 1,757 bytes per role and minute, and none of the
# refusals goes uncounted: those beyond the limit are in one summary record,
# written by the audit writer once the minute has ended, or at a clean
# shutdown.  A purpose with control characters and the field separator
# cannot break a record's line.
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use Time::HiRes qw(time);

my $RECORD_MAX = 1757;	# AUDIT_RECORD_MAX_WITHOUT_DIGESTS, src/core/audit_record.h
my $REFUSALS = 3000;

my $node = PostgreSQL::Test::Cluster->new('flood');
$node->init;
$node->append_conf('postgresql.conf', "shared_preload_libraries = 'hokenid'");
$node->start;
$node->safe_psql('postgres', q{
	CREATE EXTENSION hokenid;
	CREATE TABLE cards (id int, insured hokenid.insured_no);
	INSERT INTO cards VALUES (1, '06130512:1234:5678:00');
	CREATE ROLE nobody LOGIN;
	CREATE ROLE oddity LOGIN;
	GRANT SELECT ON cards TO nobody, oddity;
});
my $limit = $node->safe_psql('postgres', 'SHOW hokenid.audit_refusals_per_minute');
is($limit, '10', 'ten refusals of a role a minute are recorded one by one by default');

# the trail's records end where the zero bytes allocated ahead begin
sub trail_bytes
{
	my $trail = slurp_file($node->data_dir . '/hokenid_audit.log');
	$trail =~ s/\0+\z//;
	return length($trail);
}

sub refusals
{
	my ($role) = @_;
	return $node->safe_psql('postgres',
		qq{SELECT coalesce(sum(statements), 0) FROM hokenid.audit_log WHERE role_name = '$role' AND refused});
}

# the flood: one session, a purpose of 100,000 characters, thousands of refusals
sub flood
{
	my $script = "SELECT set_config('hokenid.purpose', repeat('x', 100000), false);\n"
	  . ("SELECT insured FROM cards;\n" x $REFUSALS);
	my ($ret, $stdout, $stderr) = $node->psql('postgres', $script, on_error_stop => 0,
		extra_params => [ '-U', 'nobody' ]);
	my $refused = () = $stderr =~ /ERROR:  read of insured numbers refused/g;
	like($stderr, qr/hokenid.purpose is longer than any registered purpose/, 'a purpose of 100,000 characters is refused');
	return $refused;
}

my $before = trail_bytes();
my $started = time;
is(flood(), $REFUSALS, "$REFUSALS statements are refused");
my $minutes = int((time - $started) / 60) + 1;
my $growth = trail_bytes() - $before;
my $bound = $minutes * ($limit + 1) * $RECORD_MAX;
note("the trail grew by $growth bytes for $REFUSALS refusals in $minutes minute(s); the bound is $bound");
cmp_ok($growth, '<=', $bound, 'the trail grows by no more than the bound per minute');
cmp_ok($growth, '<', 20 * 1024, 'which is under 20 kB');
is($node->safe_psql('postgres',
		q{SELECT count(*) FROM hokenid.audit_log WHERE role_name = 'nobody' AND statements = 1}),
	$limit, 'the first refusals of the minute are recorded one by one');
is($node->safe_psql('postgres',
		q{SELECT max(octet_length(purpose)) <= 128 AND bool_and(purpose LIKE 'xxx%…' OR purpose = '(unregistered)')
		  FROM hokenid.audit_log WHERE role_name = 'nobody'}),
	't', 'the purpose recorded is cut to its bound, or not written when it is not registered');

# the audit writer writes the summary once the minute has ended
my $summary = q{SELECT statements FROM hokenid.audit_log WHERE role_name = 'nobody' AND refused AND statements > 1};
my $waited = 0;
while ($node->safe_psql('postgres', $summary) eq '' && $waited < 90)
{
	sleep(1);
	$waited++;
}
is($node->safe_psql('postgres', $summary), $REFUSALS - $limit, 'the rest are counted in one summary record');
is(refusals('nobody'), $REFUSALS, 'every refusal is in the trail');
is($node->safe_psql('postgres',
		q{SELECT violation FROM hokenid.audit_violations WHERE role_name = 'nobody' AND violation <> 'refused'}),
	'refused ×' . ($REFUSALS - $limit), 'the summary is a violation of its own');
is($node->safe_psql('postgres',
		q{SELECT refusals FROM hokenid.audit_by_role WHERE role_name = 'nobody'}),
	$REFUSALS, 'audit_by_role counts the refusals a summary stands for');

# a second flood, cut short by a clean shutdown: its summary is written then
flood();
$node->restart;
is(refusals('nobody'), 2 * $REFUSALS, 'a clean shutdown writes the summary of the minute still running');

# control characters, the field separator and a backslash stay inside their
# field: a role and a table named with them
my $role = "odd\trole\\";
my $table = "odd\tca\nrds\r\x01";
$node->safe_psql('postgres', qq{CREATE ROLE "$role"; CREATE TABLE "$table" (insured hokenid.insured_no);
	GRANT SELECT ON "$table" TO "$role"});
my ($ret, $stdout, $stderr) = $node->psql('postgres', qq{SET ROLE "$role"; SELECT insured FROM "$table";});
like($stderr, qr/ERROR/, 'the odd role is refused');
my $lines = () = slurp_file($node->data_dir . '/hokenid_audit.log') =~ /\n/g;
is($node->safe_psql('postgres', 'SELECT count(*) FROM hokenid.audit_read()'), $lines,
	'every record is one line of the trail');
is($node->safe_psql('postgres',
		qq{SELECT count(*) FROM hokenid.audit_log WHERE role_name = '$role' AND relations = '$table' AND refused}),
	'1', 'the role and the relation read back as they are named');
is($node->safe_psql('postgres', 'SELECT hokenid.audit_verify()'), 't', 'the chain is intact');

done_testing();
