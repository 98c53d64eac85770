#!/usr/bin/env bash
# The cost of the notice-request restriction, measured in one run:
# single-row selects by primary key of rows holding insured numbers (pgbench,
# 2 clients, prepared) and a bulk read of ROWS rows (COPY TO STDOUT), each
# with enforcement off, enforcement on (purpose checked, no audit), and
# enforcement with the row-level audit: records flushed by the audit writer
# (hokenid.audit_sync = background, the default) and, last, flushed by each
# statement (hokenid.audit_sync = statement).
# Usage: bash test/bench/audit.sh   (as root; installs hokenid)
set -euo pipefail
cd "$(dirname "$0")/../.."
ROWS=${ROWS:-1000000}
SECONDS_PER_RUN=${SECONDS_PER_RUN:-20}

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
bulk() {   # best of 3, ms
	local best="" ms
	for _ in 1 2 3; do
		ms=$(PGOPTIONS='-c hokenid.purpose=資格確認' psql -X -q -U bench_clinic -c '\timing on' \
			-c 'COPY (SELECT insured FROM patients) TO STDOUT' | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p')
		if [ -z "$best" ] || awk "BEGIN{exit !($ms < $best)}"; then best=$ms; fi
	done
	echo "$best"
}

mode off off; off_tps=$(tps); off_bulk=$(bulk)
mode on off; on_tps=$(tps); on_bulk=$(bulk)
mode on on; audit_tps=$(tps); audit_bulk=$(bulk)
mode on on statement; sync_tps=$(tps); sync_bulk=$(bulk)
records=$(psql -X -At -c 'SELECT count(*) FROM hokenid.audit_log')

awk -v rows="$ROWS" -v a="$off_tps" -v b="$on_tps" -v c="$audit_tps" -v x="$off_bulk" -v y="$on_bulk" -v z="$audit_bulk" -v st="$sync_tps" -v sb="$sync_bulk" -v r="$records" 'BEGIN {
	printf "single-row select by primary key, pgbench -c 2 -M prepared:\n"
	printf "  enforcement off:        %9.0f tx/s\n", a
	printf "  enforcement on:         %9.0f tx/s  (%.1f%% lower)\n", b, 100 * (1 - b / a)
	printf "  enforcement + audit:    %9.0f tx/s  (%.1f%% lower; target <= 15%%)\n", c, 100 * (1 - c / a)
	printf "  + flush per statement:  %9.0f tx/s  (%.1f%% lower)\n", st, 100 * (1 - st / a)
	printf "bulk read of %d rows (COPY TO STDOUT), best of 3:\n", rows
	printf "  enforcement off:        %9.0f ms\n", x
	printf "  enforcement on:         %9.0f ms  (%.2fx)\n", y, y / x
	printf "  enforcement + audit:    %9.0f ms  (%.2fx; target <= 1.5x)\n", z, z / x
	printf "  + flush per statement:  %9.0f ms  (%.2fx)\n", sb, sb / x
	printf "audit records written: %d\n", r
}'
