#!/usr/bin/env bash
# Receipt parsing throughput: a generated 医科 file of MEGABYTES (default 200)
# is turned into the minimum data set (streamed from the server file) and,
# in the same run, its raw lines are loaded with COPY into a staging table;
# prints both rates in MB/s and their ratio.  Memory: the backend's peak
# resident size after the minimum data set of a quarter-size file and of
# the full file, which should be the same (the parse streams).
# Usage: bash test/bench/receipts.sh   (as root; installs hokenid)
set -euo pipefail
cd "$(dirname "$0")/../.."
MEGABYTES=${MEGABYTES:-200}

source test/bench/lib.sh
bench_start "shared_buffers = 2GB" "max_wal_size = 8GB"
psql -X -q -c 'CREATE EXTENSION hokenid'

gcc -O2 -Isrc/core -o "$work/uke_generate" test/bench/uke_generate.c src/core/uke_generator.c
"$work/uke_generate" 1 "$MEGABYTES" >"$work/full.UKE"
"$work/uke_generate" 1 $((MEGABYTES / 4)) >"$work/quarter.UKE"
chmod 644 "$work"/*.UKE
bytes=$(stat -c %s "$work/full.UKE")

timed() {   # timed SQL -> elapsed ms, and the backend's peak RSS (kB) on stderr
	psql -X -q -At -v ON_ERROR_STOP=1 <<SQL | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p; s/^VmHWM:\s*\([0-9]*\) kB/hwm \1/p'
SELECT pg_backend_pid() AS pid \gset
\timing on
$1;
\timing off
\setenv BACKEND_PID :pid
\! grep VmHWM /proc/\$BACKEND_PID/status
SQL
}

best_ms() {   # best_ms SETUP SQL -> best time of SQL over 3 runs, each after SETUP
	for _ in 1 2 3; do
		psql -X -q -At -v ON_ERROR_STOP=1 -c "$1" -c '\timing on' -c "$2" | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p'
	done | sort -n | head -1
}

# the baselines: raw lines into an UNLOGGED staging table (no WAL: the
# fastest COPY can be) and into an ordinary, logged one
psql -X -q -c 'CREATE UNLOGGED TABLE staging (line text)' -c 'CREATE TABLE staging_logged (line text)'
load="FROM '$work/full.UKE' WITH (FORMAT text, DELIMITER E'\x01', ENCODING 'SJIS')"
copy_ms=$(best_ms 'TRUNCATE staging' "COPY staging $load")
logged_ms=$(best_ms 'TRUNCATE staging_logged' "COPY staging_logged $load")
mds_ms=$(best_ms 'SELECT 1' "SELECT count(*) FROM hokenid.receipt_file_mds('$work/full.UKE', 'SJIS')")
full_hwm=$(timed "SELECT count(*) FROM hokenid.receipt_file_mds('$work/full.UKE', 'SJIS')" | tr '\n' ' ' | awk '{print $3}')
quarter_hwm=$(timed "SELECT count(*) FROM hokenid.receipt_file_mds('$work/quarter.UKE', 'SJIS')" | tr '\n' ' ' | awk '{print $3}')
rows=$(psql -X -At -c "SELECT count(*) FROM hokenid.receipt_file_mds('$work/full.UKE', 'SJIS')")
lines=$(psql -X -At -c "SELECT count(*) FROM staging")

awk -v b="$bytes" -v c="$copy_ms" -v l="$logged_ms" -v m="$mds_ms" -v rows="$rows" -v lines="$lines" -v q="$quarter_hwm" -v f="$full_hwm" 'BEGIN {
	mb = b / 1048576
	printf "file: %.0f MB, %d lines, %d minimum-data-set rows\n", mb, lines, rows
	printf "best of 3 runs each\n"
	printf "COPY raw lines, UNLOGGED table: %8.0f ms  %7.1f MB/s\n", c, mb / c * 1000
	printf "COPY raw lines, logged table:   %8.0f ms  %7.1f MB/s\n", l, mb / l * 1000
	printf "receipt_file_mds (streamed):    %8.0f ms  %7.1f MB/s\n", m, mb / m * 1000
	printf "minimum data set vs COPY speed: %.2fx against UNLOGGED, %.2fx against logged  (target >= 1.00)\n", c / m, l / m
	printf "backend peak RSS after a %.0f MB file: %d kB; after %.0f MB: %d kB\n", mb / 4, q, mb, f
}'
