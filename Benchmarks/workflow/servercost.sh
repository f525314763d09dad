#!/usr/bin/env bash
# The team server's cost per submission (issue 11), in figures that depend little on what else runs on the machine:
# CPU seconds (user + system) per 1,000 acknowledged submissions of each `malmoi serve` process and of PostgreSQL,
# and PostgreSQL statements per submission (pg_stat_statements, top-level statements: one per round trip), under
# http.sh's load (1,000 virtual annotators of workflow-http against two `malmoi serve` processes over one database).
# Beside it, the peer: the store driven directly (workflow-load, no HTTP) in the same window, with its CPU per
# 1,000 submissions (the load program's and PostgreSQL's) and statements per submission; then the ratios. Also the
# HTTP throughput and the load average, which do depend on the machine. Starts a throw-away PostgreSQL cluster (as
# http.sh: root and the Debian `postgresql` package) and stops it. Builds nothing; about 2 x SECONDS + 40 s.
# Usage: SERVE=path/to/release/malmoi HTTP=path/to/release/workflow-http [LOAD=path/to/release/workflow-load] \
#        [THREADS=N (serve --threads; its default otherwise)] [NEXT=1 (one request per answer: each submission claims the next item)] Benchmarks/workflow/servercost.sh [SECONDS=20] [ITEMS=100000] [ANNOTATORS=1000]
set -euo pipefail
SECS="${1:-20}"; ITEMS="${2:-100000}"; ANNOTATORS="${3:-1000}"
: "${SERVE:?SERVE=path to a release malmoi}"; : "${HTTP:?HTTP=path to a release workflow-http}"
source "$(dirname "${BASH_SOURCE[0]}")/cluster.sh"
start_cluster cost -c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=top
psql() { "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -qAt "$@"; }
psql -d postgres -c "CREATE DATABASE malmoi_http" -c "CREATE DATABASE malmoi_direct"
for db in malmoi_http malmoi_direct; do psql -d "$db" -c "CREATE EXTENSION pg_stat_statements"; done
postmaster=$(head -1 "$work/data/postmaster.pid")
ticks=$(getconf CLK_TCK)
# CPU seconds of one process (user + system), and of the whole cluster (the postmaster, its reaped children, and
# the children alive now).
cpu_of() { awk -v t="$ticks" '{ sub(/^.*\) /, ""); print ($12 + $13) / t }' "/proc/$1/stat"; }
cluster_cpu() {
  local total; total=$(awk -v t="$ticks" '{ sub(/^.*\) /, ""); print ($12 + $13 + $14 + $15) / t }' "/proc/$postmaster/stat")
  for child in $(ps -o pid= --ppid "$postmaster"); do
    [[ -r /proc/$child/stat ]] && total=$(awk -v a="$total" -v t="$ticks" '{ sub(/^.*\) /, ""); print a + ($12 + $13) / t }' "/proc/$child/stat" 2>/dev/null || echo "$total")
  done
  echo "$total"
}
statements() { psql -d "$1" -c "SELECT coalesce(sum(calls), 0) FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = '$1'"; }
per1000() { awk -v c="$1" -v n="$2" 'BEGIN { if (n > 0) printf "%.2f", 1000 * c / n; else print "n/a" }'; }
echo "serve: $SERVE${THREADS:+ --threads $THREADS}; client: $HTTP"
echo "$(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg) (a shared machine); $ANNOTATORS annotators, $ITEMS items, overlap 3, ${SECS} s"

store="postgresql://postgres@127.0.0.1:$port/malmoi_http"
"$HTTP" setup --store "$store" --items "$ITEMS" --overlap 3 --annotators "$ANNOTATORS" --tokens "$work/tokens" >/dev/null
urls=""
for i in 1 2; do
  p=$(free_port)
  "$SERVE" serve --store "$store" --listen "127.0.0.1:$p" ${THREADS:+--threads "$THREADS"} 2>>"$work/serve.log" &
  servers+=($!)
  urls="$urls${urls:+,}http://127.0.0.1:$p"
  for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$p/api/v1/health" >/dev/null 2>&1 && break; sleep 0.1; done
done
psql -d malmoi_http -c "SELECT pg_stat_statements_reset()" >/dev/null
serve0=(); for pid in "${servers[@]}"; do serve0+=("$(cpu_of "$pid")"); done
pg0=$(cluster_cpu)
"$HTTP" run --servers "$urls" --tokens "$work/tokens" --seconds "$SECS" ${NEXT:+--next 1} | tee "$work/http.out"
serve1=(); for pid in "${servers[@]}"; do serve1+=("$(cpu_of "$pid")"); done
calls=$(statements malmoi_http)
stop_servers
sleep 1
pg1=$(cluster_cpu)
acknowledged=$(awk '/^acknowledged/ {print $2}' "$work/http.out")
"$HTTP" check --store "$store" --overlap 3 --acknowledged "$acknowledged"
echo "== HTTP, two servers over one PostgreSQL: per 1,000 acknowledged submissions ($acknowledged in all)"
serve_total=0
for i in 0 1; do
  used=$(awk -v a="${serve0[$i]}" -v b="${serve1[$i]}" 'BEGIN { print b - a }')
  serve_total=$(awk -v a="$serve_total" -v b="$used" 'BEGIN { print a + b }')
  echo "serve $((i + 1)) CPU s: $(per1000 "$used" "$acknowledged")"
done
pg_used=$(awk -v a="$pg0" -v b="$pg1" 'BEGIN { print b - a }')
echo "both serve CPU s: $(per1000 "$serve_total" "$acknowledged"); PostgreSQL CPU s: $(per1000 "$pg_used" "$acknowledged")"
echo "PostgreSQL statements per submission (claim + submit + sign-ins): $(awk -v c="$calls" -v n="$acknowledged" 'BEGIN { if (n > 0) printf "%.2f", c / n; else print "n/a" }')"
echo "top statements (calls per submission):"
psql -d malmoi_http -F $'\t' -c "SELECT round(s.calls::numeric / greatest($acknowledged, 1), 2), left(regexp_replace(s.query, '\s+', ' ', 'g'), 110) FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = 'malmoi_http' ORDER BY s.calls DESC LIMIT 8" | sed 's/^/  /'

if [[ -n "${LOAD:-}" ]]; then
  echo "== peer: the store driven directly (workflow-load, no HTTP), same window"
  pg0=$(cluster_cpu)
  python3 - "$LOAD" "postgresql://postgres@127.0.0.1:$port/malmoi_direct" "$ITEMS" "$ANNOTATORS" "$SECS" "$work/direct.out" <<'EOF'
import resource, subprocess, sys
load, store, items, annotators, seconds, out = sys.argv[1:]
with open(out, "w") as f:
    subprocess.run([load, "--store", store, "--items", items, "--overlap", "3", "--annotators", annotators, "--seconds", seconds],
                   stdout=f, stderr=subprocess.DEVNULL, check=True)
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
with open(out, "a") as f:
    print(f"load program CPU {usage.ru_utime + usage.ru_stime:.3f}", file=f)
EOF
  sleep 1
  pg1=$(cluster_cpu)
  grep -v "^load program CPU" "$work/direct.out" | grep -i "submissions" | head -2
  direct=$(awk '/^submissions/ {print $(NF-3)}' "$work/direct.out" | sed 's/[^0-9.]//g' | head -1)
  direct_n=$(awk '/^submissions/ {gsub(/[^0-9]/, "", $2); print $2}' "$work/direct.out" | head -1)
  load_cpu=$(awk '/^load program CPU/ {print $4}' "$work/direct.out")
  direct_pg=$(awk -v a="$pg0" -v b="$pg1" 'BEGIN { print b - a }')
  direct_calls=$(statements malmoi_direct)
  echo "per 1,000 submissions ($direct_n in all; the count includes setup's statements): load program CPU s $(per1000 "$load_cpu" "$direct_n"); PostgreSQL CPU s $(per1000 "$direct_pg" "$direct_n"); statements per submission $(awk -v c="$direct_calls" -v n="$direct_n" 'BEGIN { if (n > 0) printf "%.2f", c / n; else print "n/a" }')"
  echo "== ratios, HTTP / direct: PostgreSQL CPU per submission $(awk -v a="$(per1000 "$pg_used" "$acknowledged")" -v b="$(per1000 "$direct_pg" "$direct_n")" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }')x; serve + client CPU vs load program per submission: see above; throughput $(awk -v a="$(awk '/^submissions/ {gsub(/[^0-9.]/, "", $3); print $3}' "$work/http.out")" -v b="$direct" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }')x"
fi
