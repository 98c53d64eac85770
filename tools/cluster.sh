# Throwaway PostgreSQL clusters for the demo, the tests and the benchmarks.
# Source this file, then: cluster_start DIR; ...; cluster_stop.
# The server runs as the postgres OS user (PostgreSQL refuses root) on a
# free port, with hokenid preloaded; callers connect through PGHOST/PGPORT.

PG_BINDIR=$(${PG_CONFIG:-pg_config} --bindir)

cluster_free_port() {
	local port
	for port in $(seq 54330 54400); do
		if ! (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null; then
			echo "$port"
			return 0
		fi
	done
	echo "cluster: no free port in 54330-54400" >&2
	return 1
}

# cluster_start DIR [extra postgresql.conf lines...]
cluster_start() {
	CLUSTER_DIR=$1
	shift
	mkdir -p "$CLUSTER_DIR"
	chown postgres: "$CLUSTER_DIR"
	runuser -u postgres -- "$PG_BINDIR/initdb" -D "$CLUSTER_DIR/data" -U postgres \
		--encoding=UTF8 --no-locale --auth=trust >/dev/null
	PGPORT=$(cluster_free_port)
	# the master key of linkage keys lives outside the data directory,
	# readable by the server's OS user only
	(umask 077; openssl rand -hex 32 >"$CLUSTER_DIR/master.key")
	chown postgres: "$CLUSTER_DIR/master.key"
	{
		echo "port = $PGPORT"
		echo "listen_addresses = ''"
		echo "unix_socket_directories = '$CLUSTER_DIR'"
		echo "shared_preload_libraries = 'hokenid'"
		echo "hokenid.master_key_file = '$CLUSTER_DIR/master.key'"
		echo "fsync = on"
		for line in "$@"; do echo "$line"; done
	} >>"$CLUSTER_DIR/data/postgresql.conf"
	runuser -u postgres -- "$PG_BINDIR/pg_ctl" -D "$CLUSTER_DIR/data" -l "$CLUSTER_DIR/server.log" -w start >/dev/null
	export PGHOST=$CLUSTER_DIR PGPORT PGUSER=postgres PGDATABASE=postgres
}

cluster_stop() {
	[ -n "${CLUSTER_DIR:-}" ] || return 0
	runuser -u postgres -- "$PG_BINDIR/pg_ctl" -D "$CLUSTER_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
}
