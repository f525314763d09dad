#!/usr/bin/env bash
# The load benchmark's server mode (issue 11): 1,000 virtual annotators over HTTP against TWO `malmoi serve`
# processes over one PostgreSQL database, then over one SQLite file; exactly-once checked after each run; the
# store's direct figure (workflow-load, same store, same window) printed beside it when LOAD is given.
# Starts a throw-away PostgreSQL cluster (initdb as the postgres user; needs root and the Debian `postgresql`
# package), stops it at the end. Builds nothing. About 2 + 2 x SECONDS + setup (~1 min) seconds in all.
# Usage: SERVE=path/to/release/malmoi HTTP=path/to/release/workflow-http [LOAD=path/to/release/workflow-load] \
#        [NEXT=1 (one request per answer: each submission claims the next item)] Benchmarks/workflow/http.sh [SECONDS=20] [ITEMS=100000] [ANNOTATORS=1000]
set -euo pipefail
SECS="${1:-20}"; ITEMS="${2:-100000}"; ANNOTATORS="${3:-1000}"
: "${SERVE:?SERVE=path to a release malmoi}"; : "${HTTP:?HTTP=path to a release workflow-http}"
source "$(dirname "${BASH_SOURCE[0]}")/cluster.sh"
start_cluster http
"$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -q -d postgres -c "CREATE DATABASE malmoi_http" -c "CREATE DATABASE malmoi_direct"
echo "serve: $SERVE; client: $HTTP (SwiftNIO HTTP/1.1 keep-alive, pooled connections per server)"
echo "$(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg) (a shared machine); $ANNOTATORS annotators, $ITEMS items, overlap 3, ${SECS} s"

# bench NAME STORE: two serve processes over STORE, the annotators split between them, then the check.
bench() {
  local name="$1" store="$2"
  "$HTTP" setup --store "$store" --items "$ITEMS" --overlap 3 --annotators "$ANNOTATORS" --tokens "$work/$name.tokens"
  local urls=""
  for i in 1 2; do
    local p; p=$(free_port)
    "$SERVE" serve --store "$store" --listen "127.0.0.1:$p" 2>>"$work/serve.log" &
    servers+=($!)
    urls="$urls${urls:+,}http://127.0.0.1:$p"
    for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$p/api/v1/health" >/dev/null 2>&1 && break; sleep 0.1; done
  done
  "$HTTP" run --servers "$urls" --tokens "$work/$name.tokens" --seconds "$SECS" ${NEXT:+--next 1} | tee "$work/$name.out"
  stop_servers
  "$HTTP" check --store "$store" --overlap 3 --acknowledged "$(awk '/^acknowledged/ {print $2}' "$work/$name.out")"
}
echo "== HTTP, two servers over one PostgreSQL"
bench pg "postgresql://postgres@127.0.0.1:$port/malmoi_http"
echo "== HTTP, two servers over one SQLite file"
bench sq "$work/http.sqlite"
if [[ -n "${LOAD:-}" ]]; then
  echo "== direct (workflow-load, no HTTP), same window"
  "$LOAD" --store "postgresql://postgres@127.0.0.1:$port/malmoi_direct" --items "$ITEMS" --overlap 3 --annotators "$ANNOTATORS" --seconds "$SECS" 2>/dev/null | tee "$work/direct.out"
fi
rate() { awk '/^submissions/ {gsub(/[^0-9.]/, "", $3); print $3}' "$1"; }
pg=$(rate "$work/pg.out"); sq=$(rate "$work/sq.out")
echo "== summary: HTTP PostgreSQL ${pg}/s, HTTP SQLite ${sq}/s (target >= 500/s, p99 <= 500 ms)"
if [[ -n "${LOAD:-}" ]]; then
  direct=$(awk '/^submissions/ {print $(NF-3)}' "$work/direct.out" | sed 's/[^0-9.]//g')
  echo "direct PostgreSQL ${direct}/s; HTTP/direct $(awk -v a="$pg" -v b="$direct" 'BEGIN {if (b > 0) printf "%.2f", a / b; else print "n/a"}')x"
fi
