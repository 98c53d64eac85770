# Real receipt files written outside this project (../shared/corpus, when
# present; HOKENID_CORPUS names it) parse without error, and their facts
# come out: record counts, the GO totals, 枝番 from SN, full-width and
# receipt-padded numbers normalised, the wrong check digits flagged.
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;

my $corpus = $ENV{HOKENID_CORPUS} // '';
plan skip_all => 'no receipt corpus (HOKENID_CORPUS)' unless $corpus ne '' && -d $corpus;

my $node = PostgreSQL::Test::Cluster->new('corpus');
$node->init;
$node->append_conf('postgresql.conf', "shared_preload_libraries = 'hokenid'");
$node->start;
$node->safe_psql('postgres', 'CREATE EXTENSION hokenid');

sub sql_for
{
	my ($file, $query) = @_;
	$query =~ s/:data/pg_read_binary_file('$corpus\/$file')/g;
	return $node->safe_psql('postgres', $query);
}

# GO 総件数, 総合計点数 per file, from the corpus README
my %go = (
	'receiptisan_RECEIPTC_GAIRAI_SAMPLE.UKE' => '140|86392',
	'orca_demo_01.csv' => '7|3834', 'orca_demo_02.csv' => '10|5542', 'orca_demo_03.csv' => '7|4188',
	'orca_demo_04.csv' => '10|5542', 'orca_demo_05.csv' => '7|4188',
	'orca_demo_kokuho_201811.csv' => '13|5656', 'orca_demo_kokuho_201812.csv' => '7|3366',
	'orca_demo_kokuho_201901.csv' => '12|5322', 'orca_demo_shaho_201811.csv' => '31|12529',
	'orca_demo_shaho_201812.csv' => '24|10251', 'orca_demo_shaho_201901.csv' => '29|23860',
	'orca_demo_shika_shaho.csv' => '3|2214');

foreach my $file (sort keys %go)
{
	is(sql_for($file, q{SELECT count(*) FILTER (WHERE problem IS NOT NULL) FROM hokenid.receipt_records(:data, strict => false)}),
		'0', "$file: every line reads");
	is(sql_for($file, q{SELECT fields[1] || '|' || fields[2] FROM hokenid.receipt_records(:data) WHERE record_type = 'GO'}),
		$go{$file}, "$file: GO is $go{$file}");
	is(sql_for($file, q{SELECT count(*) FROM hokenid.receipt_check(:data) WHERE message LIKE 'GO %'}),
		'0', "$file: the receipts add up to the GO totals");
	cmp_ok(sql_for($file, q{SELECT count(*) FROM hokenid.receipt_mds(:data)}), '>', 0,
		"$file: the minimum data set has rows");
}

my $sample = 'receiptisan_RECEIPTC_GAIRAI_SAMPLE.UKE';
is(sql_for($sample, q{SELECT string_agg(record_type || '=' || n, ' ' ORDER BY record_type) FROM
	(SELECT record_type, count(*) AS n FROM hokenid.receipt_records(:data) WHERE record_type IN ('RE','HO','KO','SN') GROUP BY 1) c}),
	'HO=69 KO=71 RE=75 SN=2', 'the sample has 75 RE, 69 HO, 71 KO, 2 SN');
is(sql_for($sample, q{SELECT string_agg(fields[6], ',' ORDER BY line_no) FROM hokenid.receipt_records(:data) WHERE record_type = 'SN'}),
	'00,03', 'SN carries 枝番 00 and 03');
is(sql_for($sample, q{SELECT count(DISTINCT insured) FROM hokenid.receipt_mds(:data) WHERE hokenid.branch(insured) IN ('00', '03')}),
	'2', 'the 枝番 of SN completes the insured numbers of the minimum data set');
is(sql_for($sample, q{SELECT count(*) > 0 FROM hokenid.receipt_mds(:data) WHERE hokenid.symbol(insured) = '19D0001'}),
	't', 'the full-width 記号 １９Ｄ０００１ is normalised');
like(sql_for($sample, q{SELECT string_agg(message, ';') FROM hokenid.receipt_check(:data) WHERE record_type = 'KO' AND severity = 'error'}),
	qr/公費負担者番号: check digit/, 'the wrong 公費負担者番号 83136019 is flagged');
is(sql_for($sample, q{SELECT count(*) FROM hokenid.receipt_check(:data) WHERE message LIKE 'field 5 is longer%' AND record_type = 'SY'}),
	'1', 'the over-long uncoded diagnosis name is flagged');
is(sql_for($sample, q{SELECT count(DISTINCT receipt_no) > 0 FROM hokenid.receipt_mds(:data) WHERE insured IS NULL AND kohi IS NOT NULL}),
	't', 'receipts with KO and no HO carry their 公費 and no insured number');

is(sql_for('orca_demo_01.csv', q{SELECT count(*) FROM hokenid.receipt_check(:data) WHERE message LIKE '保険者番号%'}),
	'0', 'a 国保 number right-aligned with two spaces (  133066) passes the check');
my ($kokuho) = grep { sql_for($_, q{SELECT count(*) FROM hokenid.receipt_records(:data) WHERE record_type = 'HO' AND fields[1] = '  061234'}) > 0 } sort keys %go;
is(sql_for($kokuho, q{SELECT count(*) > 0 FROM hokenid.receipt_mds(:data) WHERE insured::text = '061234:10-23:1134'}),
	't', 'a padded 国保 number with full-width 記号 １０−２３ becomes 061234:10-23:1134');
my ($late) = grep { sql_for($_, q{SELECT count(*) FROM hokenid.receipt_records(:data) WHERE record_type = 'HO' AND fields[1] = '39131032'}) > 0 } sort keys %go;
ok(defined $late, 'a file has the 後期高齢者 HO 39131032');
is(sql_for($late, q{SELECT count(*) > 0 FROM hokenid.receipt_mds(:data) WHERE insured::text = '39131032::07'}),
	't', 'the 後期高齢者 番号 ０７ keeps its leading zero');
is(sql_for('orca_demo_shika_shaho.csv', q{SELECT count(DISTINCT receipt_no) FROM hokenid.receipt_mds(:data)}),
	'3', 'the 歯科 file has 3 receipts in the minimum data set');
is(sql_for('orca_demo_01.csv', q{SELECT min(service_date) >= DATE '2019-01-01' AND max(service_date) < DATE '2019-02-01' FROM hokenid.receipt_mds(:data) WHERE category <> 'diagnosis'}),
	't', '和暦 診療年月 43101 puts care in January 2019');

done_testing();
