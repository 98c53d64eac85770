# The audit trail across record formats and server starts: a trail written
# by hokenid 0.7 (format 1, which begins with the sequence number) stays
# readable and verifiable, its records read as complete and without a
# database, and the records 0.8 appends (format 2, tag "v2") chain on from
# it and name their database.  A statement whose opened record has no closed
# one when the server starts (its backend died, the server crashed) is
# closed then, with outcome "ended" and rows and persons unknown (NULL).
use strict;
use warnings;
use Digest::SHA qw(sha256_hex);
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;

my $node = PostgreSQL::Test::Cluster->new('formats');
$node->init;
$node->append_conf('postgresql.conf', "shared_preload_libraries = 'hokenid'");
my $file = $node->data_dir . '/hokenid_audit.log';

# a record as the trail chains it: body, previous hash, hash
sub chained
{
	my ($body, $previous) = @_;
	my $hash = sha256_hex($previous . '|' . $body);
	return ("$body\t$previous\t$hash\n", $hash);
}

# the trail of a 0.7 server: one record with 0.7's UTC time, one with the
# session-zone time of versions before it
my $digest = '0123456789abcdef0123456789abcdef';
my ($first, $hash1) = chained("1\t2026-11-24T20:15:25.123456Z\t4242\tclinic\t資格確認\t77\tcards\tread\tf\t1\t1\t$digest",
	'0' x 64);
my ($second, $hash2) = chained("2\t2026-11-20 10:00:00.5+09\t4243\tclinic\t\t0\tcards\tread\tt\t0\t0\t", $hash1);
open(my $out, '>', $file) or die;
print $out $first, $second;
close($out);

$node->start;
$node->safe_psql('postgres', q{
	CREATE EXTENSION hokenid;
	CREATE TABLE cards (id int, insured hokenid.insured_no);
	INSERT INTO cards VALUES (1, '06130512:1234:5678:00');
});
is($node->safe_psql('postgres', 'SELECT hokenid.audit_verify()'), 't', 'a 0.7 trail verifies');
is($node->safe_psql('postgres', q{
	SELECT string_agg(concat_ws('|', seq, logged_at AT TIME ZONE 'UTC', pid, coalesce(database, 'NULL'), role_name,
		coalesce(purpose, 'NULL'), relations, refused, phase, coalesce(opened_seq::text, 'NULL'),
		coalesce(outcome, 'NULL'), statements, rows, persons, cardinality(person_digests)), E'\n' ORDER BY seq)
	FROM hokenid.audit_log WHERE seq <= 2}),
	"1|2026-11-24 20:15:25.123456|4242|NULL|clinic|資格確認|cards|f|complete|NULL|NULL|1|1|1|1\n"
	  . "2|2026-11-20 01:00:00.5|4243|NULL|clinic|NULL|cards|t|complete|NULL|NULL|1|0|0|0",
	'its records read as complete, without a database, times in both of its forms');
is($node->safe_psql('postgres', q{SELECT string_agg(previous_hash || ' ' || hash, ' ' ORDER BY seq) FROM hokenid.audit_read() WHERE seq <= 2}),
	('0' x 64) . " $hash1 $hash1 $hash2", 'previous_hash and hash are the two hashes of a record');

# 0.8 appends format 2 after them, naming the database
$node->safe_psql('postgres', 'SELECT insured FROM cards');
is($node->safe_psql('postgres', q{SELECT min(seq), string_agg(DISTINCT database, ',') FROM hokenid.audit_log WHERE seq > 2}),
	'3|postgres', 'a new record follows on, naming its database');
like(slurp_file($file), qr/\nv2\t3\t[^\n]*\tpostgres\t/, 'in format 2');
is($node->safe_psql('postgres', 'SELECT hokenid.audit_verify()'), 't', 'the chain holds across the formats');

# a statement opened but never closed, as a backend that died mid-stream leaves it
$node->stop;
my $trail = slurp_file($file);
$trail =~ s/\0+\z//;
my ($seq, $last) = $trail =~ /(?:^|\n)v2\t(\d+)\t[^\n]*\t([0-9a-f]{64})\n\z/;
$seq++;
my ($opened) = chained("v2\t$seq\t2026-12-01T09:00:00.000000Z\t5151\tpostgres\tclinic\t資格確認\t88\tcards\tcopy\tf\topened\t\t\t1\t0\t0\t",
	$last);
open($out, '>', $file) or die;
print $out $trail, $opened;
close($out);
$node->start;
is($node->safe_psql('postgres', qq{
	SELECT concat_ws('|', seq, pid, database, role_name, purpose, query_id, relations, action, phase, opened_seq,
		outcome, coalesce(rows::text, 'NULL'), coalesce(persons::text, 'NULL'))
	FROM hokenid.audit_log WHERE seq > $seq}),
	($seq + 1) . "|5151|postgres|clinic|資格確認|88|cards|copy|closed|$seq|ended|NULL|NULL",
	'the server closes it at its start: ended, rows and persons unknown');
is($node->safe_psql('postgres', 'SELECT hokenid.audit_verify()'), 't', 'the chain is intact');
$node->restart;
is($node->safe_psql('postgres', q{SELECT count(*) FROM hokenid.audit_log WHERE phase = 'closed'}), '1',
	'and only once');
ok($node->log_contains('1 statement ended without its audit record closed'), 'the server log says so');

# a record whose hash is right but whose body is no record is caught
$node->stop;
$trail = slurp_file($file);
$trail =~ s/\0+\z//;
($last) = $trail =~ /\t([0-9a-f]{64})\n\z/;
my ($forged) = chained("v2\t" . ($seq + 2) . "\tnot a time", $last);
open($out, '>', $file) or die;
print $out $trail, $forged;
close($out);
$node->start;
my $lines = () = $trail =~ /\n/g;
is($node->safe_psql('postgres', 'SELECT hokenid.audit_first_broken()'), $lines + 1, 'a line that is no record breaks the chain');

done_testing();
