# The server log holds no insured number, with the configuration README
# recommends (log_statement = none, log_min_error_statement = error):
# PostgreSQL's own messages about a table of numbers (unique, check,
# foreign-key, NOT NULL and exclusion violations, casts, COPY lines,
# PL/pgSQL contexts) are masked, and the statement is kept out of the log
# when it may hold a number, when hokenid rejected a number in it, and when
# the notice-request restriction refused it.  With log_statement = all the
# statements are logged, numbers in them masked, but a number written with
# spaces inside stays: that remainder is why README recommends none or ddl.
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;

my $node = PostgreSQL::Test::Cluster->new('log_masking');
$node->init;
$node->append_conf('postgresql.conf', qq{
shared_preload_libraries = 'hokenid'
log_statement = none
log_min_error_statement = error
log_min_messages = warning
});
$node->start;

# every number this test writes, valid or mistyped, and a patient name
my @numbers = ('06130512:1234:5678:00', '06130512:1234:5678:01', '39131032::07',
	'01130012:19D0001:10-23', '01130012:19D0001:10-23:05', '133066:12:345:02',
	'0613051:1234:5678:00', '06130513:1234:5678:00', '０６１３０５１２：１２３４：５６７８：０３');
my $name = '山田太郎';

$node->safe_psql('postgres', qq{
	CREATE EXTENSION hokenid;
	ALTER DATABASE postgres SET search_path = public, hokenid;
	SET search_path = public, hokenid;
	CREATE TABLE cards (id int PRIMARY KEY, insured hokenid.insured_no UNIQUE,
		note text CHECK (note <> 'refused'));
	CREATE TABLE visits (insured hokenid.insured_no NOT NULL REFERENCES cards (insured), day date NOT NULL);
	CREATE TABLE stays (insured hokenid.insured_no, EXCLUDE USING hash (insured WITH =));
	INSERT INTO cards VALUES (1, '06130512:1234:5678:00', '$name'), (2, '39131032::07', 'b'),
		(3, '01130012:19D0001:10-23', 'c');
	INSERT INTO visits VALUES ('39131032::07', '2024-04-01');
	INSERT INTO stays VALUES ('133066:12:345:02');
	CREATE ROLE clinic LOGIN;
	GRANT SELECT ON cards TO clinic;
});
my $offset = -s $node->logfile;

# each statement fails; psql reports the error and goes on
my ($ret, $out, $err) = $node->psql('postgres', qq{
INSERT INTO cards VALUES (10, '06130512:1234:5678:00', 'again');
INSERT INTO cards VALUES (11, '01130012:19D0001:10-23:05', 'refused');
INSERT INTO visits VALUES ('06130512:1234:5678:01', '2024-04-01');
DELETE FROM cards WHERE id = 2;
INSERT INTO visits VALUES ('39131032::07', NULL);
INSERT INTO stays VALUES ('133066:12:345:02');
SELECT insured::text::int FROM cards WHERE id = 1;
SELECT '0613051:1234:5678:00'::hokenid.insured_no;
SELECT hokenid.insured_no('06130513', '1234', '5678', '00');
SELECT 1 / 0 FROM cards WHERE insured = '０６１３０５１２：１２３４：５６７８：０３';
COPY cards FROM STDIN;
20	0613051:1234:5678:00	typo
\\.
COPY cards FROM STDIN;
21	39131032::07	duplicate
\\.
COPY cards FROM STDIN;
22	06130512:1234:5678:01	note	extra
\\.
DO \$\$ BEGIN INSERT INTO cards VALUES (30, '06130512:1234:5678:00', 'plpgsql'); END \$\$;
SET ROLE clinic;
SELECT insured FROM cards WHERE insured = '06130512:1234:5678:00';
SELECT insured FROM cards WHERE note = '$name';
RESET ROLE;
SELECT 1 / 0;
}, on_error_stop => 0);
like($err, qr/Key \(insured\)=\(\*{19}00\) already exists/, 'the client sees the key masked');
unlike($err, qr/\Q$_\E/, "the client is not shown $_") for grep { !/０/ } @numbers[0 .. 5];

my $log = substr(slurp_file($node->logfile), $offset);
for my $text (@numbers, $name)
{
	unlike($log, qr/\Q$text\E/, "the server log does not hold $text");
}
# the errors were logged, masked
like($log, qr/DETAIL:  Key \(insured\)=\(\*{19}00\) already exists/, 'unique violation logged masked');
like($log, qr/DETAIL:  Failing row contains \(11, \*{23}05, refused\)/, 'check violation: failing row masked');
like($log, qr/DETAIL:  Key \(insured\)=\(\*{19}01\) is not present/, 'foreign-key violation masked');
like($log, qr/DETAIL:  Key \(insured\)=\(\*{10}07\) is still referenced/, 'referenced key masked');
like($log, qr/conflicts with existing key \(insured\)=\(\*{14}02\)/, 'exclusion violation masked');
like($log, qr/invalid input syntax for type integer: "\*{19}00"/, 'cast error masked');
like($log, qr/COPY cards, line 1, column insured: "\*{18}00"/, 'COPY column value masked');
like($log, qr/COPY cards, line 1: "\*+ra"/, 'COPY line masked');
like($log, qr/DETAIL:  Failing row contains \(\*{10}07, null\)/, 'NOT NULL violation: failing row masked');
like($log, qr/of insured numbers refused/, 'refusals logged');
# statements: kept out when they may hold a number, or hokenid raised the
# error; kept otherwise
my @statements = $log =~ /STATEMENT:  (.*)/g;
is_deeply([ grep { /[0-9]{6}|(?:\xef\xbc[\x90-\x99]){6}/ } @statements ], [],
	'no logged statement holds six digits');
ok((grep { $_ eq 'SELECT 1 / 0;' } @statements), 'a statement without numbers is still logged');

# log_statement = all: numbers in logged statements are masked, but a
# number written with spaces inside is not recognised and stays
$node->append_conf('postgresql.conf', "log_statement = all");
$node->reload;
$offset = -s $node->logfile;
$node->safe_psql('postgres', q{INSERT INTO cards VALUES (40, '133066:12:345:01', 'x');
	SELECT count(*) FROM cards WHERE insured = '06130512: 1234 :5678:09';});
$log = substr(slurp_file($node->logfile), $offset);
like($log, qr/statement: INSERT INTO cards VALUES \(40, '\*{14}01', 'x'\)/,
	'log_statement = all: a number in a statement is masked');
like($log, qr/06130512: 1234 :5678:09/,
	'log_statement = all: a number with spaces inside stays (documented remainder)');

$node->stop;
done_testing();
