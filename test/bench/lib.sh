# The start every benchmark shares: packages, the extension built and
# installed, a throwaway cluster in a work directory removed on exit.
# Usage, from the project root:
#   source test/bench/lib.sh; bench_start [postgresql.conf lines...]
# then $work is the work directory and psql reaches the cluster.
bench_start() {
	bash tools/install-deps
	make -s -j2 >/dev/null && make -s install >/dev/null
	source tools/cluster.sh
	work=$(mktemp -d /tmp/hokenid-bench.XXXXXX)
	chown postgres: "$work"
	trap 'cluster_stop; rm -rf "$work"' EXIT
	cluster_start "$work/cluster" "$@"
}
