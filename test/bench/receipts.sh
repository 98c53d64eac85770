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

bash tools/install-deps
make -s -j2 >/dev/null && make -s install >/dev/null
source tools/cluster.sh
work=$(mktemp -d /tmp/hokenid-bench.XXXXXX)
chown postgres: "$work"
trap 'cluster_stop; rm -rf "$work"' EXIT
cluster_start "$work/cluster" "shared_buffers = 2GB" "max_wal_size = 8GB"
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

psql -X -q -c 'CREATE UNLOGGED TABLE staging (line text)'
copy_ms=$(timed "COPY staging FROM '$work/full.UKE' WITH (FORMAT text, DELIMITER E'\x01', ENCODING 'SJIS')" | head -1)
mds_out=$(timed "SELECT count(*) FROM hokenid.receipt_file_mds('$work/full.UKE', 'SJIS')" | tr '\n' ' ')
mds_ms=$(echo "$mds_out" | awk '{print $1}')
full_hwm=$(echo "$mds_out" | awk '{print $3}')
quarter_hwm=$(timed "SELECT count(*) FROM hokenid.receipt_file_mds('$work/quarter.UKE', 'SJIS')" | tr '\n' ' ' | awk '{print $3}')
rows=$(psql -X -At -c "SELECT count(*) FROM hokenid.receipt_file_mds('$work/full.UKE', 'SJIS')")
lines=$(psql -X -At -c "SELECT count(*) FROM staging")

awk -v b="$bytes" -v c="$copy_ms" -v m="$mds_ms" -v rows="$rows" -v lines="$lines" -v q="$quarter_hwm" -v f="$full_hwm" 'BEGIN {
	mb = b / 1048576
	printf "file: %.0f MB, %d lines, %d minimum-data-set rows\n", mb, lines, rows
	printf "COPY raw lines (baseline):      %8.0f ms  %7.1f MB/s\n", c, mb / c * 1000
	printf "receipt_file_mds (streamed):    %8.0f ms  %7.1f MB/s\n", m, mb / m * 1000
	printf "minimum data set vs COPY speed: %.2fx  (target >= 1.00)\n", c / m
	printf "backend peak RSS after a %.0f MB file: %d kB; after %.0f MB: %d kB\n", mb / 4, q, mb, f
}'
