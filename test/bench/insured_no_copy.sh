#!/usr/bin/env bash
# Loads ROWS (default 10 million) generated insured numbers with COPY into an
# insured_no column and, in the same run, into a text column, then builds a
# btree index on each; prints the times and the typed/text ratios.
# Tables are UNLOGGED so the comparison measures parsing and storage, not WAL.
# Usage: bash test/bench/insured_no_copy.sh   (as root; installs hokenid)
set -euo pipefail
cd "$(dirname "$0")/../.."
ROWS=${ROWS:-10000000}
ROUNDS=${ROUNDS:-3}

source test/bench/lib.sh
bench_start "shared_buffers = 2GB" "max_wal_size = 8GB" "maintenance_work_mem = 1GB"
psql -X -q -v ON_ERROR_STOP=1 -c 'CREATE EXTENSION hokenid'

data=$work/insured.txt
# Realistic shapes: a few valid insurers (8- and 6-digit), numeric 記号 of 7-8
# digits, 番号 of 1-6 digits, 枝番 00-03 or none (legacy cards).
psql -X -q -v ON_ERROR_STOP=1 <<SQL
COPY (
  SELECT (ARRAY['01130012','06130512','31130032','34130021','133066','138032'])[1 + i % 6]
         || ':' || (1000000 + (i * 7919) % 9000000)::text
         || ':' || ((i * 104729) % 999999 + 1)::text
         || CASE WHEN i % 10 = 0 THEN '' ELSE ':0' || (i % 4)::text END
  FROM generate_series(1::bigint, $ROWS) AS i
) TO '$data';
SQL
size_mb=$(( $(stat -c %s "$data") / 1024 / 1024 ))

measure() {   # measure SQL -> best elapsed milliseconds of ROUNDS runs
	local best=""
	for _ in $(seq "$ROUNDS"); do
		ms=$(psql -X -q -At -v ON_ERROR_STOP=1 <<SQL | tail -1
$2
\timing on
$1
SQL
		)
		ms=$(echo "$ms" | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p')
		if [ -z "$best" ] || awk "BEGIN{exit !($ms < $best)}"; then best=$ms; fi
	done
	echo "$best"
}

reset_tables='DROP TABLE IF EXISTS typed, plain; CREATE UNLOGGED TABLE typed (v hokenid.insured_no); CREATE UNLOGGED TABLE plain (v text);'
typed_copy=$(measure "COPY typed FROM '$data';" "$reset_tables")
plain_copy=$(measure "COPY plain FROM '$data';" "$reset_tables")
psql -X -q -c "$reset_tables" -c "COPY typed FROM '$data'" -c "COPY plain FROM '$data'" -c "VACUUM ANALYZE typed, plain"
typed_index=$(measure "CREATE INDEX typed_v ON typed (v);" "DROP INDEX IF EXISTS typed_v;")
plain_index=$(measure "CREATE INDEX plain_v ON plain (v COLLATE \"C\");" "DROP INDEX IF EXISTS plain_v;")
sizes=$(psql -X -At -c "SELECT pg_size_pretty(pg_relation_size('typed')) || ' / ' || pg_size_pretty(pg_relation_size('plain'))")

awk -v rows="$ROWS" -v mb="$size_mb" -v tc="$typed_copy" -v pc="$plain_copy" \
    -v ti="$typed_index" -v pi="$plain_index" -v sizes="$sizes" 'BEGIN {
	printf "rows: %d (%d MB of text), best of rounds\n", rows, mb
	printf "COPY into insured_no: %8.0f ms  (%.0f rows/s)\n", tc, rows / tc * 1000
	printf "COPY into text:       %8.0f ms  (%.0f rows/s)\n", pc, rows / pc * 1000
	printf "ratio typed/text COPY:   %.2f  (target <= 1.30)\n", tc / pc
	printf "btree on insured_no:  %8.0f ms\n", ti
	printf "btree on text (C):    %8.0f ms\n", pi
	printf "ratio typed/text index:  %.2f  (target <= 1.00)\n", ti / pi
	printf "table size typed / text: %s\n", sizes
}'
