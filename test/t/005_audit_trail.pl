# The audit trail of disclosures survives the reader's ROLLBACK, an error
# later in its transaction and an immediate shutdown right after the
# statement returned; audit_verify() catches a record edited, deleted or cut
# by someone with access to the data directory.
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;

my $node = PostgreSQL::Test::Cluster->new('audit');
$node->init;
$node->append_conf('postgresql.conf', "shared_preload_libraries = 'hokenid'");
$node->start;
$node->safe_psql('postgres', q{
	CREATE EXTENSION hokenid;
	CREATE TABLE cards (id int, insured hokenid.insured_no);
	INSERT INTO cards VALUES (1, '06130512:1234:5678:00'), (2, '39131032::07');
	CREATE ROLE clinic LOGIN;
	GRANT SELECT ON cards TO clinic;
	SELECT hokenid.grant_purpose('clinic', '資格確認');
});
my $count = q{SELECT count(*) FROM hokenid.audit_log WHERE role_name = 'clinic' AND NOT refused};

$node->safe_psql('postgres', q{SET ROLE clinic; SET hokenid.purpose = '資格確認';
	BEGIN; SELECT insured FROM cards; ROLLBACK;});
is($node->safe_psql('postgres', $count), '1', 'a disclosure in a rolled-back transaction is recorded');

my ($ret) = $node->psql('postgres', q{SET ROLE clinic; SET hokenid.purpose = '資格確認';
	BEGIN; SELECT insured FROM cards WHERE id = 2; SELECT 1/0; COMMIT;});
is($node->safe_psql('postgres', $count), '2', 'a disclosure before a later error is recorded');

$node->safe_psql('postgres', q{SET ROLE clinic; SET hokenid.purpose = '資格確認'; SELECT insured FROM cards WHERE id = 1;});
$node->stop('immediate');
$node->start;
is($node->safe_psql('postgres', $count), '3', 'a disclosure just before an immediate shutdown is recorded');
is($node->safe_psql('postgres', 'SELECT hokenid.audit_verify()'), 't', 'the chain is intact after the restart');

# refusals are recorded too
$node->psql('postgres', q{SET ROLE clinic; SELECT insured FROM cards;});
is($node->safe_psql('postgres', q{SELECT count(*) FROM hokenid.audit_log WHERE role_name = 'clinic' AND refused}),
	'1', 'a refusal is recorded');

# no raw number anywhere in the trail (after its records come the zero
# bytes of space allocated ahead)
my $trail = slurp_file($node->data_dir . '/hokenid_audit.log');
$trail =~ s/\0+\z//;
unlike($trail, qr/5678|39131032/, 'the trail holds no insured number');

# tampering: edit a record's backend pid, then delete a record, then cut the end
my $file = $node->data_dir . '/hokenid_audit.log';
my @lines = split /\n/, $trail;
(my $edited = $lines[1]) =~ s/^(v2\t\d+\t[^\t]+\t)(\d)/$1 . ($2 + 1) % 10/e;
isnt($edited, $lines[1], 'the test edits a record');
open(my $out, '>', $file) or die;
print $out join("\n", $lines[0], $edited, @lines[2 .. $#lines]) . "\n";
close($out);
is($node->safe_psql('postgres', 'SELECT hokenid.audit_verify()'), 'f', 'audit_verify catches an edited record');
is($node->safe_psql('postgres', 'SELECT hokenid.audit_first_broken()'), '2', 'and names the first broken record');

open($out, '>', $file) or die;
print $out join("\n", $lines[0], @lines[2 .. $#lines]) . "\n";
close($out);
is($node->safe_psql('postgres', 'SELECT hokenid.audit_first_broken()'), '2', 'a deleted record breaks the chain');

open($out, '>', $file) or die;
print $out join("\n", @lines[0 .. $#lines - 1]) . "\n";
close($out);
is($node->safe_psql('postgres', 'SELECT hokenid.audit_verify()'), 'f', 'a record cut from the end is caught');

# a trail cut under the running server: the audit writer notices, and
# nothing more is disclosed without a record
sleep(2);	# the writer looks every hokenid.audit_sync_delay (200 ms)
my ($status, $stdout, $stderr) = $node->psql('postgres',
	q{SET ROLE clinic; SET hokenid.purpose = '資格確認'; SELECT insured FROM cards WHERE id = 1;});
like($stderr, qr/audit trail cannot be written/, 'a disclosure is refused once the trail was cut');

done_testing();
