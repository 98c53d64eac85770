#!/usr/bin/env bash
# pgbench workload of online eligibility checks (オンライン資格確認) against a
# generated population, run with 2 clients; prints throughput and latency
# percentiles, for each population size in PEOPLE (default "1000000 5000000")
# so that the answers' cost can be compared as the history grows.
# Population: every person on one card from 2021-04-01; 20% changed jobs
# (new insurer and number) on 2024-04-01; 10% are on cards without 枝番.
# Baseline in the same run: a plain primary-key lookup of the same rows.
# Usage: bash test/bench/eligibility.sh   (as root; installs hokenid)
set -euo pipefail
cd "$(dirname "$0")/../.."
PEOPLE=${PEOPLE:-"1000000 5000000"}
SECONDS_PER_RUN=${SECONDS_PER_RUN:-30}

source test/bench/lib.sh
bench_start "shared_buffers = 4GB" "max_wal_size = 8GB" "maintenance_work_mem = 1GB" \
	"synchronous_commit = off" "checkpoint_timeout = 30min"
psql -X -q -c 'CREATE EXTENSION hokenid'

cat >"$work/eligibility.sql" <<'SQL'
\set i random(1, :people)
SELECT eligible FROM hokenid.eligibility(hokenid.insured_no(CASE WHEN :i % 10 = 0 THEN '06130512' ELSE '01130012' END, (1000000 + :i)::text, (:i)::text, CASE WHEN :i % 10 = 0 THEN NULL ELSE '00' END), DATE '2024-06-01');
SQL
cat >"$work/baseline.sql" <<'SQL'
\set i random(1, :people)
SELECT person_id FROM hokenid.insured_number WHERE insured = hokenid.insured_no(CASE WHEN :i % 10 = 0 THEN '06130512' ELSE '01130012' END, (1000000 + :i)::text, (:i)::text, CASE WHEN :i % 10 = 0 THEN NULL ELSE '00' END);
SQL

percentiles() {   # per-transaction log lines: client tx latency_us ...
	cat "$1"/pgbench_log.* | awk '{print $3}' | sort -n | awk '
		{ v[NR] = $1 } END {
			printf "p50 %.2f ms, p99 %.2f ms, max %.2f ms", v[int(NR*0.50)]/1000, v[int(NR*0.99)]/1000, v[NR]/1000 }'
}

run() {   # run NAME SCRIPT PEOPLE: prints a line, leaves the throughput in $tps
	local dir=$work/log-$1-$3
	mkdir -p "$dir" && chown postgres: "$dir"
	tps=$(cd "$dir" && runuser -u postgres -- "$PG_BINDIR/pgbench" -h "$PGHOST" -p "$PGPORT" -U postgres -n -M prepared \
		-c 2 -j 2 -T "$SECONDS_PER_RUN" -D people="$3" -l -f "$2" postgres 2>/dev/null |
		sed -n 's/^tps = \([0-9.]*\) .*/\1/p')
	printf "%-12s %9s people: %8.0f tx/s, %s\n" "$1" "$3" "$tps" "$(percentiles "$dir")"
}

for people in $PEOPLE; do
	# Generate the population directly (the same rows the functions write), in one pass.
	psql -X -q -v ON_ERROR_STOP=1 <<SQL
TRUNCATE hokenid.qualification, hokenid.insured_number, hokenid.person RESTART IDENTITY CASCADE;
INSERT INTO hokenid.person (created_at) SELECT now() FROM generate_series(1, $people);
INSERT INTO hokenid.insured_number (insured, person_id, oldest)
SELECT first_card, i, first_card
FROM generate_series(1, $people) AS i,
     LATERAL hokenid.insured_no(CASE WHEN i % 10 = 0 THEN '06130512' ELSE '01130012' END, (1000000 + i)::text, i::text,
                                CASE WHEN i % 10 = 0 THEN NULL ELSE '00' END) AS first_card
UNION ALL
SELECT hokenid.insured_no('31130032', (2000000 + i)::text, i::text, '00'), i,
       hokenid.insured_no(CASE WHEN i % 10 = 0 THEN '06130512' ELSE '01130012' END, (1000000 + i)::text, i::text,
                          CASE WHEN i % 10 = 0 THEN NULL ELSE '00' END)
FROM generate_series(1, $people) AS i WHERE i % 5 = 1;
INSERT INTO hokenid.qualification (person_id, insured, relationship, coverage)
SELECT person_id, insured, 'self',
       CASE WHEN hokenid.insurer(insured) = '31130032' THEN daterange('2024-04-01', NULL)
            WHEN person_id % 5 = 1 THEN daterange('2021-04-01', '2024-04-01')
            ELSE daterange('2021-04-01', NULL) END
FROM hokenid.insured_number;
VACUUM ANALYZE hokenid.person, hokenid.insured_number, hokenid.qualification;
SQL
	echo "population: $people people, $(psql -X -At -c 'SELECT count(*) FROM hokenid.qualification') qualifications"
	run baseline "$work/baseline.sql" "$people"
	base=$tps
	run eligibility "$work/eligibility.sql" "$people"
	elig=$tps
	awk -v b="$base" -v e="$elig" 'BEGIN { printf "eligibility / primary-key lookup throughput: %.2f\n", e / b }'
done
