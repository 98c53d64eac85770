# No record, no disclosure, when a statement stops part-way: a COPY of
# numbers to the client that fails with an error, is cancelled, whose
# backend is killed, or whose client goes away mid-stream leaves an opened
# record written before its first row and a closed record whose rows are at
# least the rows the client received (the rows handed to the connection).
# A killed backend's record is closed at the next start, rows unknown.
# The server log of the whole test holds none of the numbers it used.
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use IPC::Run;
use Test::More;

my $node = PostgreSQL::Test::Cluster->new('midstream');
$node->init;
$node->append_conf('postgresql.conf', qq{shared_preload_libraries = 'hokenid'
log_min_error_statement = error
restart_after_crash = on});
$node->start;
$node->safe_psql('postgres', q{
	CREATE EXTENSION hokenid;
	CREATE TABLE cards (g int, insured hokenid.insured_no);
	INSERT INTO cards SELECT g, hokenid.insured_no('06130512', '77', g::text, '00') FROM generate_series(1, 5000) AS g;
	CREATE ROLE reader LOGIN;
	GRANT SELECT ON cards TO reader;
	SELECT hokenid.grant_purpose('reader', '資格確認');
});

sub records_since
{
	my ($seq) = @_;
	return $node->safe_psql('postgres', qq{
		SELECT string_agg(concat_ws(' ', phase, coalesce(rows::text, 'unknown'), coalesce(outcome, '-'),
		                            (opened_seq IS NOT NULL)::text), ', ' ORDER BY seq)
		FROM hokenid.audit_log WHERE seq > $seq AND role_name = 'reader'});
}

sub last_seq
{
	return $node->safe_psql('postgres', 'SELECT coalesce(max(seq), 0) FROM hokenid.audit_log');
}

sub closed_rows
{
	my ($seq) = @_;
	return $node->safe_psql('postgres', qq{
		SELECT rows FROM hokenid.audit_log WHERE seq > $seq AND role_name = 'reader' AND phase = 'closed'});
}

my $connect = $node->connstr('postgres') . ' user=reader';
my $slow_copy = q{SET hokenid.purpose = '資格確認';
COPY (SELECT insured, pg_sleep(CASE WHEN g > 200 THEN 0.01 ELSE 0 END) FROM cards) TO STDOUT;
};

# Starts the slow COPY in the background and waits until the client has
# received rows; returns the harness, its output and the backend's pid.
sub start_copy
{
	my ($stdout, $stderr) = ('', '');
	my $harness = IPC::Run::start(['psql', '-X', '-q', '-d', $connect, '-c', $slow_copy],
		'>', \$stdout, '2>', \$stderr);
	my $pid;
	for (1 .. 600)
	{
		$pid = $node->safe_psql('postgres',
			q{SELECT pid FROM pg_stat_activity WHERE usename = 'reader' AND query LIKE '%COPY%' AND state = 'active'});
		last if $pid ne '' && length($stdout) > 0;
		IPC::Run::pump_nb($harness);
		select(undef, undef, undef, 0.05);
	}
	return ($harness, \$stdout, $pid);
}

sub lines_of { my ($text) = @_; return scalar(() = $$text =~ /\n/g); }

# an error after 3,999 rows
my $seq = last_seq();
my ($ret, $stdout, $stderr) = $node->psql('postgres', q{SET ROLE reader; SET hokenid.purpose = '資格確認';
	COPY (SELECT insured, 1 / (g - 4000) FROM cards) TO STDOUT;});
my $received = () = $stdout =~ /\n/g;
like($stderr, qr/division by zero/, 'the COPY fails part-way');
like(records_since($seq), qr/^opened 0 - false, closed \d+ error true$/, 'an opened record, closed with outcome error');
my $rows = closed_rows($seq);
ok($rows >= $received && $rows <= 4000, "the closed record counts $rows rows: at least the $received received, at most the 3,999 produced");

# a cancel mid-stream
$seq = last_seq();
my ($harness, $out, $pid) = start_copy();
ok($pid ne '', 'the COPY is running and has sent rows');
like(records_since($seq), qr/^opened 0 - false$/, 'the opened record exists while the first rows are with the client');
$node->safe_psql('postgres', "SELECT pg_cancel_backend($pid)");
$harness->finish;
$received = lines_of($out);
like(records_since($seq), qr/^opened 0 - false, closed \d+ cancel true$/, 'a cancelled COPY is closed with outcome cancel');
$rows = closed_rows($seq);
ok($rows >= $received && $received > 0, "the cancelled COPY's record counts $rows rows, at least the $received received");

# the client goes away mid-stream
$seq = last_seq();
($harness, $out, $pid) = start_copy();
$harness->kill_kill;
$received = lines_of($out);
$node->poll_query_until('postgres', "SELECT NOT EXISTS (SELECT 1 FROM pg_stat_activity WHERE pid = $pid)")
  or die 'the backend did not end';
like(records_since($seq), qr/^opened 0 - false, closed \d+ (exit|error) true$/,
	'a COPY whose client went away is closed when its backend ends');
$rows = closed_rows($seq);
ok($rows >= $received, "its record counts $rows rows, at least the $received received");

# the backend killed outright: closed at the next start, rows unknown
$seq = last_seq();
($harness, $out, $pid) = start_copy();
kill 'KILL', $pid;
$harness->finish;
$node->poll_query_until('postgres', 'SELECT true') or die 'the server did not come back';
like(records_since($seq), qr/^opened 0 - false, closed unknown ended true$/,
	'a killed backend\'s record is closed at the restart, outcome ended, rows unknown');
is($node->safe_psql('postgres', 'SELECT hokenid.audit_verify()'), 't', 'the chain is intact');

# no number used here is in the server log
my $log = slurp_file($node->logfile);
unlike($log, qr/06130512:77:\d+/, 'the server log holds none of the numbers');

done_testing();
