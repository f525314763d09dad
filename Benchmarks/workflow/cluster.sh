# Sourced by the workflow benchmarks (http.sh, servercost.sh, quiet.sh): a throw-away PostgreSQL cluster in a
# temporary folder (initdb as the postgres user; needs root and the Debian `postgresql` package), on loopback at
# a free port, stopped and removed at exit together with the serve processes listed in `servers`.
# Usage: source cluster.sh; start_cluster NAME [EXTRA SERVER OPTIONS]   (sets bin, work, port)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
servers=()
stop_servers() { for pid in "${servers[@]}"; do kill -TERM "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done; servers=(); }
stop() { stop_servers; runuser -u postgres -- "$bin/pg_ctl" -D "$work/data" -m fast -w stop >/dev/null 2>&1 || true; rm -rf "$work"; }
start_cluster() {
  local name="$1"; shift
  bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
  work="$(mktemp -d -t "malmoi-$name.XXXXXX")"
  chown postgres "$work"
  port=$(free_port)
  trap stop EXIT
  runuser -u postgres -- "$bin/initdb" -D "$work/data" -U postgres -A trust >/dev/null
  runuser -u postgres -- "$bin/pg_ctl" -D "$work/data" -w -l "$work/server.log" \
    -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories='$work' -c max_connections=300 -c shared_buffers=512MB $*" start >/dev/null
}
