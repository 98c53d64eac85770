#!/usr/bin/env bash
# The cost of the notice-request restriction, measured in one run:
# single-row selects by primary key of rows holding insured numbers (pgbench,
# 2 clients, prepared) and a bulk read of ROWS rows (COPY TO STDOUT), each
# with enforcement off, enforcement on (purpose checked, no audit), and
# enforcement with the row-level audit: records flushed by the audit writer
# (hokenid.audit_sync = background, the default) and, last, flushed by each
# statement (hokenid.audit_sync = statement).  The modes take turns over
# ROUNDS rounds and are compared by their medians, and by the median of each
# round's audited figure over its unaudited one.
# Usage: bash test/bench/audit.sh   (as root; installs hokenid)
set -euo pipefail
cd "$(dirname "$0")/../.."
ROWS=${ROWS:-1000000}
SECONDS_PER_RUN=${SECONDS_PER_RUN:-10}
ROUNDS=${ROUNDS:-5}

source test/bench/lib.sh
bench_start "shared_buffers = 1GB" "max_wal_size = 8GB"
psql -X -q -v ON_ERROR_STOP=1 <<SQL
CREATE EXTENSION hokenid;
CREATE TABLE patients (id integer PRIMARY KEY, insured hokenid.insured_no, note text);
INSERT INTO patients
SELECT i, hokenid.insured_no('06130512', (1000 + i / 1000)::text, i::text, '00'), 'row ' || i
FROM generate_series(1, $ROWS) AS i;
VACUUM ANALYZE patients;
CREATE ROLE bench_clinic LOGIN;
GRANT SELECT ON patients TO bench_clinic;
SELECT hokenid.grant_purpose('bench_clinic', '資格確認');
SQL
echo "\\set id random(1, $ROWS)
SELECT insured FROM patients WHERE id = :id;" >"$work/select.sql"

mode() {   # mode ENFORCE AUDIT [SYNC]
	psql -X -q -c "ALTER ROLE bench_clinic SET hokenid.enforce = $1" -c "ALTER ROLE bench_clinic SET hokenid.audit = $2" \
		-c "ALTER SYSTEM SET hokenid.audit_sync = ${3:-background}" -c "SELECT pg_reload_conf()" >/dev/null
}
tps() {
	(cd "$work" && PGOPTIONS='-c hokenid.purpose=資格確認' runuser -u postgres -- "$PG_BINDIR/pgbench" -h "$PGHOST" -p "$PGPORT" \
		-U bench_clinic -n -M prepared -c 2 -j 2 -T "$SECONDS_PER_RUN" -f select.sql postgres 2>/dev/null |
		sed -n 's/^tps = \([0-9.]*\) .*/\1/p')
}
bulk() {   # ms of one bulk read, the client on the second core
	PGOPTIONS='-c hokenid.purpose=資格確認' taskset 2 psql -X -q -U bench_clinic -c '\o /dev/null' -c '\timing on' \
		-c 'COPY (SELECT insured FROM patients) TO STDOUT' | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p'
}
pin_server() {   # the backends the server starts from now on, on the first core
	taskset -p 1 "$(head -1 "$CLUSTER_DIR/data/postmaster.pid")" >/dev/null
}
median() { sort -g | awk '{v[NR] = $1} END {print NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
spread() { sort -g | awk 'NR == 1 {low = $1} {high = $1} END {printf "%.0f-%.0f", low, high}'; }

# The modes take turns, ROUNDS times, each starting a round in turn, so that
# the machine's drift over the run (this VM's pgbench figures move 10-20%
# between consecutive runs) falls on every mode alike; medians compare them.
# Bulk reads come after the selects and a pause, so that none runs while
# the kernel writes back the trail of an audited pgbench run, with the
# server on one core and psql on the other: sharing a core with the client
# that reads the rows made the same read take 300 or 550 ms at random.
modes=("off off" "on off" "on on")
rounds() {   # rounds MEASURE: ROUNDS rounds of every mode, into $work/MEASURE.<mode>
	for round in $(seq "$ROUNDS"); do
		for k in 0 1 2; do
			m=$(( (k + round) % 3 ))
			mode ${modes[$m]}
			echo "$($1)" >>"$work/$1.$m"
		done
	done
}
rounds tps
sync; sleep 5
pin_server
rounds bulk
mode on on statement
for _ in $(seq "$ROUNDS"); do echo "$(bulk)" >>"$work/bulk.3"; done
echo "$(tps)" >>"$work/tps.3"
records=$(psql -X -At -c 'SELECT count(*) FROM hokenid.audit_log')
for m in 0 1 2 3; do
	tps_median[m]=$(median <"$work/tps.$m"); tps_spread[m]=$(spread <"$work/tps.$m")
	bulk_median[m]=$(median <"$work/bulk.$m"); bulk_spread[m]=$(spread <"$work/bulk.$m")
done
# each round's audited figure over its own unaudited one, the drift between rounds cancelled
paired() { paste "$work/$1.0" "$work/$1.2" | awk '{print $2 / $1}' | median; }
tps_paired=$(paired tps)
bulk_paired=$(paired bulk)

awk -v rows="$ROWS" -v rounds="$ROUNDS" -v seconds="$SECONDS_PER_RUN" -v records="$records" \
	-v t0="${tps_median[0]}" -v t1="${tps_median[1]}" -v t2="${tps_median[2]}" -v t3="${tps_median[3]}" \
	-v s0="${tps_spread[0]}" -v s1="${tps_spread[1]}" -v s2="${tps_spread[2]}" \
	-v b0="${bulk_median[0]}" -v b1="${bulk_median[1]}" -v b2="${bulk_median[2]}" -v b3="${bulk_median[3]}" \
	-v r0="${bulk_spread[0]}" -v r1="${bulk_spread[1]}" -v r2="${bulk_spread[2]}" \
	-v tp="$tps_paired" -v bp="$bulk_paired" 'BEGIN {
	printf "single-row select by primary key, pgbench -c 2 -M prepared, %d s runs, median of %d:\n", seconds, rounds
	printf "  enforcement off:        %9.0f tx/s  (runs %s)\n", t0, s0
	printf "  enforcement on:         %9.0f tx/s  (%.1f%% lower; runs %s)\n", t1, 100 * (1 - t1 / t0), s1
	printf "  enforcement + audit:    %9.0f tx/s  (%.1f%% lower; target <= 15%%; runs %s)\n", t2, 100 * (1 - t2 / t0), s2
	printf "  + flush per statement:  %9.0f tx/s  (%.1f%% lower; one run)\n", t3, 100 * (1 - t3 / t0)
	printf "  audited / off within each round, median: %.1f%% lower\n", 100 * (1 - tp)
	printf "bulk read of %d rows (COPY TO STDOUT), median of %d:\n", rows, rounds
	printf "  enforcement off:        %9.0f ms  (runs %s)\n", b0, r0
	printf "  enforcement on:         %9.0f ms  (%.2fx; runs %s)\n", b1, b1 / b0, r1
	printf "  enforcement + audit:    %9.0f ms  (%.2fx; target <= 1.5x; runs %s)\n", b2, b2 / b0, r2
	printf "  + flush per statement:  %9.0f ms  (%.2fx)\n", b3, b3 / b0
	printf "  audited / off within each round, median: %.2fx\n", bp
	printf "audit records written: %d\n", records
}'
