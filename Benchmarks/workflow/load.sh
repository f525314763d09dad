#!/usr/bin/env bash
# The store's load benchmark (issue 10): 1,000 virtual annotators claim and submit concurrently on projects
# of 1,000 and 1,000,000 items (overlap 3), against PostgreSQL (one pool of at most 100 connections) and
# SQLite (8 annotator processes, run two ways: the 1,000 annotators split 125 threads to each of 8
# processes, and 8 processes of one annotator each), with `pgbench -N` at 50 and 1 clients on the same
# server as the ceiling.
# Starts a throw-away PostgreSQL cluster (initdb as the postgres user, loopback, a free port; needs root
# and the Debian `postgresql` package), stops it at the end. Medians of RUNS runs, and the 1M/1k ratios.
# Usage: Benchmarks/workflow/load.sh [RUNS=1] [SECONDS=10] [BIG=1000000]
#        (LOAD=path to skip the build; CONFIG=debug for a debug build, default release)
set -euo pipefail
RUNS="${1:-1}"; SECS="${2:-10}"; BIG="${3:-1000000}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
CONFIG="${CONFIG:-release}"
if [[ -z "${LOAD:-}" ]]; then
  swift build -c "$CONFIG" -j 2 --package-path "$repo" --product workflow-load >&2
  LOAD="$(swift build -c "$CONFIG" --package-path "$repo" --show-bin-path)/workflow-load"
fi
bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
work="$(mktemp -d -t malmoi-load.XXXXXX)"
chown postgres "$work"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
stop() { runuser -u postgres -- "$bin/pg_ctl" -D "$work/data" -m fast -w stop >/dev/null 2>&1 || true; rm -rf "$work"; }
trap stop EXIT
runuser -u postgres -- "$bin/initdb" -D "$work/data" -U postgres -A trust >/dev/null
runuser -u postgres -- "$bin/pg_ctl" -D "$work/data" -w -l "$work/server.log" \
  -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories='$work' -c max_connections=300 -c shared_buffers=512MB" start >/dev/null
psql() { "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -q "$@"; }
psql -d postgres -c "CREATE DATABASE bench" -c "CREATE DATABASE malmoi"
"$bin/pgbench" -h 127.0.0.1 -p "$port" -U postgres -i -s 10 -q bench >/dev/null 2>&1
url="postgresql://postgres@127.0.0.1:$port/malmoi"
echo "program: $LOAD"
echo "server: PostgreSQL $("$bin/postgres" --version | awk '{print $3}'), default durability (fsync, synchronous_commit on); $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg) (a shared machine)"

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
tps() { "$bin/pgbench" -h 127.0.0.1 -p "$port" -U postgres -N -c "$1" -j 2 -T "$SECS" bench 2>/dev/null | awk '/^tps/ {print int($3)}'; }
# one NAME ARGS...: runs the load program once, shows its report, appends its submissions/s to $work/NAME.
one() {
  local name="$1"; shift
  echo "-- workflow-load $*"
  "$LOAD" --seconds "$SECS" "$@" 2>"$work/err" | tee "$work/out" || cat "$work/err" >&2
  grep '^imported' "$work/err" | sed 's/^/setup: /' || true
  awk '/^submissions/ {print $(NF-3)}' "$work/out" | sed 's/[^0-9]//g' >> "$work/$name"
}
for run in $(seq 1 "$RUNS"); do
  echo "== run $run"
  tps 50 | tee -a "$work/pg50" | sed 's/^/pgbench -N -c 50: tps /'
  tps 1 | tee -a "$work/pg1" | sed 's/^/pgbench -N -c 1:  tps /'
  one pg_small --store "$url" --items 1000 --overlap 3
  one pg_big --store "$url" --items "$BIG" --overlap 3
  one sq_small --store "$work/s.sqlite" --items 1000 --overlap 3 --processes 8
  one sq_big --store "$work/s.sqlite" --items "$BIG" --overlap 3 --processes 8
  one sq1_small --store "$work/s.sqlite" --items 1000 --overlap 3 --processes 8 --annotators 8
  one sq1_big --store "$work/s.sqlite" --items "$BIG" --overlap 3 --processes 8 --annotators 8
done
m() { median < "$work/$1"; }
echo "== medians of $RUNS run(s), submissions/s"
echo "pgbench -N: $(m pg50) tps with 50 clients, $(m pg1) with 1"
echo "PostgreSQL 1,000 annotators: $(m pg_small)/s on 1,000 items, $(m pg_big)/s on $BIG; rate 1k/$BIG $(awk -v a="$(m pg_small)" -v b="$(m pg_big)" 'BEGIN {printf "%.2f", a / b}')x; vs pgbench -c 50 $(awk -v a="$(m pg_big)" -v b="$(m pg50)" 'BEGIN {printf "%.2f", a / b}') (a cycle is 2 transactions, claim and submit, each its own commit; pgbench -N is 1)"
echo "SQLite 8 processes x 125 annotator threads: $(m sq_small)/s on 1,000 items, $(m sq_big)/s on $BIG; rate 1k/$BIG $(awk -v a="$(m sq_small)" -v b="$(m sq_big)" 'BEGIN {printf "%.2f", a / b}')x; vs pgbench -c 50 $(awk -v a="$(m sq_big)" -v b="$(m pg50)" 'BEGIN {printf "%.2f", a / b}')"
echo "SQLite 8 processes x 1 annotator: $(m sq1_small)/s on 1,000 items, $(m sq1_big)/s on $BIG; rate 1k/$BIG $(awk -v a="$(m sq1_small)" -v b="$(m sq1_big)" 'BEGIN {printf "%.2f", a / b}')x; vs pgbench -c 1 $(awk -v a="$(m sq1_big)" -v b="$(m pg1)" 'BEGIN {printf "%.2f", a / b}')"
echo "targets: PostgreSQL >= 1,000/s with p99 <= 250 ms (end-to-end above); SQLite >= 2,000/s from 8 annotator processes"
