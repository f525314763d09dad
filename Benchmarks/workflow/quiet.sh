#!/usr/bin/env bash
# For a quiet window after the merge: every load figure of issues 10 and 11 in one go, from already-built
# release binaries, beside `pgbench -N` on the same throw-away PostgreSQL cluster, with the ratios. Builds
# nothing; about 6-8 minutes at the defaults (most of it the two 1,000,000-item imports, each set up ONCE and
# reused by every run on it; their "setup:" lines say how long they took: release, load average ~14, 200,000
# items took 5.1 s into PostgreSQL (COPY) and 3.3 s into SQLite, so about 25 s and 17 s for 1,000,000).
# At BIG=200000 SECONDS=8 REPS=1 it took 201 s.
#   pgbench -N -c 50 and -c 1 (the machine's ceiling)
#   direct PostgreSQL, 1,000 annotators, pool of POOL (10) connections, BIG items: think-free (the most it takes),
#     then paced (open loop) at 1,000/s and 1,100/s: target achieved >= 1,000/s with cycle p99 <= 250 ms
#   SQLite, 8 annotator processes (x 1 annotator), BIG items, think-free: target >= 2,000/s
#   cost of claim+submit on BIG items against 1,000 items, both stores, REPS short runs each (medians):
#     8 think-free annotators, so the rate is the inverse of the cost; target within 2x
#   HTTP (two `malmoi serve --connections SERVE_POOL (4)` over PostgreSQL, then over SQLite; 100,000 items; the client is workflow-http's
#     SwiftNIO pool): think-free, then paced at 500/s and 550/s: target achieved >= 500/s, cycle p99 <= 500 ms; each
#     with a claim and a submit request per answer and with one (each submission claims the next item, `--next 1`,
#     as `malmoi annotate --server` does)
# Exactly-once is checked after every run (each program's "exactly-once:" / "check:" line).
# Needs root and the Debian `postgresql` package (initdb runs as the postgres user).
# Usage: LOAD=.build/release/workflow-load HTTP=.build/release/workflow-http MALMOI=.build/release/malmoi \
#        Benchmarks/workflow/quiet.sh [BIG=1000000] [SECONDS=10] [REPS=3]
set -euo pipefail
BIG="${1:-1000000}"; SECS="${2:-10}"; REPS="${3:-3}"
# Pools: PostgreSQL on 2 cores serves best with few busy backends (a pool of 100 connections gave about 950/s and
# paced p99 in seconds; 10 gave about 1,200/s); POOL for workflow-load, SERVE_POOL for each serve process.
POOL="${POOL:-10}"; SERVE_POOL="${SERVE_POOL:-4}"
for var in LOAD HTTP MALMOI; do
  if [[ -z "${!var:-}" || ! -x "${!var}" ]]; then
    echo "quiet.sh: set LOAD, HTTP and MALMOI to built release binaries (swift build -c release; .build/release/{workflow-load,workflow-http,malmoi})" >&2
    exit 2
  fi
done
started=$(date +%s)
source "$(dirname "${BASH_SOURCE[0]}")/cluster.sh"
start_cluster quiet
"$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -q -d postgres -c "CREATE DATABASE bench" -c "CREATE DATABASE malmoi" -c "CREATE DATABASE http"
"$bin/pgbench" -h 127.0.0.1 -p "$port" -U postgres -i -s 10 -q bench >/dev/null 2>&1
pg="postgresql://postgres@127.0.0.1:$port"
sq="$work/direct.sqlite"
echo "binaries: LOAD=$LOAD HTTP=$HTTP MALMOI=$MALMOI"
echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') (fsync, synchronous_commit on); $(nproc) cores; load average at start $(cut -d' ' -f1-3 /proc/loadavg) (a shared machine: a high load average makes every figure low)"

median() { sort -n | awk '{a[NR]=$1} END {if (NR) print a[int((NR+1)/2)]; else print "n/a"}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (a ~ /^[0-9.]+$/ && b ~ /^[0-9.]+$/ && b > 0) printf "%.2f", a / b; else print "n/a"}'; }
# rate FILE: submissions/s of a workflow-load report; achieved/p99 FILE: a paced report's achieved rate, cycle p99.
rate() { awk '/^submissions/ {print $(NF-3)}' "$1" | sed 's/[^0-9]//g'; }
achieved() { awk '/^paced: offered/ {print $5}' "$1" | sed 's/[^0-9]//g'; }
p99() { awk '/^paced cycle ms/ {for (i = 1; i < NF; i++) if ($i == "p99") print $(i + 1)}' "$1"; }
# load NAME ARGS...: one workflow-load run; its report is kept in $work/NAME.out, its setup time shown.
load() {
  local name="$1"; shift
  echo "-- workflow-load $*"
  local rc=0
  "$LOAD" "$@" 2>"$work/$name.err" > "$work/$name.out" || rc=$?
  cat "$work/$name.out"
  if (( rc != 0 )); then cat "$work/$name.err" >&2; echo "FAILED: workflow-load $name exited $rc" | tee -a "$work/failures"; fi
  grep -E '^(imported|reused)' "$work/$name.err" | sed 's/^/setup: /' || true
}
tps() { "$bin/pgbench" -h 127.0.0.1 -p "$port" -U postgres -N -c "$1" -j 2 -T "$SECS" bench 2>/dev/null | awk '/^tps/ {print int($3)}'; }

echo "== pgbench -N, ${SECS} s each"
pg50=$(tps 50); pg1=$(tps 1)
echo "pgbench -N -c 50: $pg50 tps; -c 1: $pg1 tps"

echo "== direct PostgreSQL, 1,000 annotators sharing a pool of $POOL connections, $BIG items (set up once), ${SECS} s each; paced runs $REPS times"
load pg_free --store "$pg/malmoi" --items "$BIG" --project big --overlap 3 --seconds "$SECS" --connections "$POOL"
for rep in $(seq 1 "$REPS"); do
  for r in 1000 1100; do
    load "pg_${r}_$rep" --store "$pg/malmoi" --items "$BIG" --project big --overlap 3 --seconds "$SECS" --rate "$r" --connections "$POOL"
    achieved "$work/pg_${r}_$rep.out" >> "$work/pg_${r}_achieved"; p99 "$work/pg_${r}_$rep.out" >> "$work/pg_${r}_p99"
  done
done

echo "== SQLite, 8 annotator processes, $BIG items (set up once), ${SECS} s"
load sq_free --store "$sq" --items "$BIG" --project big --overlap 3 --processes 8 --annotators 8 --seconds "$SECS"

echo "== cost of claim+submit, $BIG items against 1,000, 8 think-free annotators, 3 s runs, $REPS each"
for rep in $(seq 1 "$REPS"); do
  load c_pg_small --store "$pg/malmoi" --items 1000 --overlap 3 --annotators 8 --seconds 3 >/dev/null
  rate "$work/c_pg_small.out" >> "$work/pg_small"
  load c_pg_big --store "$pg/malmoi" --items "$BIG" --project big --overlap 3 --annotators 8 --seconds 3 >/dev/null
  rate "$work/c_pg_big.out" >> "$work/pg_big"
  load c_sq_small --store "$sq" --items 1000 --overlap 3 --processes 8 --annotators 8 --seconds 3 >/dev/null
  rate "$work/c_sq_small.out" >> "$work/sq_small"
  load c_sq_big --store "$sq" --items "$BIG" --project big --overlap 3 --processes 8 --annotators 8 --seconds 3 >/dev/null
  rate "$work/c_sq_big.out" >> "$work/sq_big"
  for f in c_pg_small c_pg_big c_sq_small c_sq_big; do grep -h '^exactly-once' "$work/$f.out" | sed "s/^/$f rep $rep: /"; done
done
echo "PostgreSQL submissions/s (8 annotators): 1,000 items $(tr '\n' ' ' < "$work/pg_small")| $BIG items $(tr '\n' ' ' < "$work/pg_big")"
echo "SQLite submissions/s (8 processes): 1,000 items $(tr '\n' ' ' < "$work/sq_small")| $BIG items $(tr '\n' ' ' < "$work/sq_big")"

# http NAME STORE: two serve processes over STORE; think-free, paced 500/s, paced 550/s; then the check.
http() {
  local name="$1" store="$2" urls="" acked=0
  local t0; t0=$(date +%s)
  "$HTTP" setup --store "$store" --items 100000 --overlap 3 --annotators 1000 --tokens "$work/$name.tokens"
  echo "setup: 100,000 items and 1,000 people with tokens in $(( $(date +%s) - t0 )) s"
  for i in 1 2; do
    local p; p=$(free_port)
    "$MALMOI" serve --store "$store" --listen "127.0.0.1:$p" --connections "$SERVE_POOL" 2>>"$work/serve.log" &
    servers+=($!)
    urls="$urls${urls:+,}http://127.0.0.1:$p"
    for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$p/api/v1/health" >/dev/null 2>&1 && break; sleep 0.1; done
  done
  # Each mode twice: a claim request and a submit request per answer ("500"), as a client that claims on its own,
  # and one request per answer ("500n"), each submission claiming the next item, as `malmoi annotate --server` does.
  local runs="free freen"; for rep in $(seq 1 "$REPS"); do runs="$runs 500_$rep 500n_$rep 550_$rep 550n_$rep"; done
  for mode in $runs; do
    local extra=() rate="${mode%_*}"; rate="${rate%n}"
    [[ "$rate" != free ]] && extra=(--rate "$rate")
    [[ "${mode%_*}" == *n ]] && extra+=(--next 1)
    echo "-- workflow-http run ${extra[*]:-(think-free)}"
    local rc=0
    "$HTTP" run --servers "$urls" --tokens "$work/$name.tokens" --seconds "$SECS" "${extra[@]}" > "$work/${name}_$mode.out" || rc=$?
    cat "$work/${name}_$mode.out"
    (( rc == 0 )) || echo "FAILED: workflow-http run $name $mode exited $rc" | tee -a "$work/failures"
    acked=$(( acked + $(awk '/^acknowledged/ {print $2}' "$work/${name}_$mode.out" | head -1 | sed 's/[^0-9]//g' || echo 0) ))
    if [[ "$rate" != free ]]; then
      achieved "$work/${name}_$mode.out" >> "$work/${name}_${mode%_*}_achieved"; p99 "$work/${name}_$mode.out" >> "$work/${name}_${mode%_*}_p99"
    fi
  done
  stop_servers
  "$HTTP" check --store "$store" --overlap 3 --acknowledged "$acked" || echo "FAILED: exactly-once check of $name" | tee -a "$work/failures"
}
echo "== HTTP: two malmoi serve over one PostgreSQL, 1,000 annotators, ${SECS} s each"
http h_pg "$pg/http"
echo "== HTTP: two malmoi serve over one SQLite file, 1,000 annotators, ${SECS} s each"
http h_sq "$work/http.sqlite"

hrate() { awk '/^submissions:/ {print $3}' "$1" | sed 's/[^0-9]//g'; }
echo "== summary (load average now $(cut -d' ' -f1-3 /proc/loadavg))"
echo "pgbench -N: $pg50 tps with 50 clients, $pg1 with 1"
echo "direct PostgreSQL think-free: $(rate "$work/pg_free.out")/s ($(ratio "$(rate "$work/pg_free.out")" "$pg50") of pgbench -c 50; a cycle is 2 transactions)"
for r in 1000 1100; do
  echo "direct PostgreSQL paced $r/s (pool $POOL): achieved $(median < "$work/pg_${r}_achieved")/s, cycle p99 $(median < "$work/pg_${r}_p99") ms, medians of $(wc -l < "$work/pg_${r}_p99") (runs: $(tr '\n' ' ' < "$work/pg_${r}_p99")ms) (target >= 1,000/s, p99 <= 250 ms)"
done
echo "SQLite 8 processes think-free: $(rate "$work/sq_free.out")/s (target >= 2,000/s)"
pgs=$(median < "$work/pg_small"); pgb=$(median < "$work/pg_big"); sqs=$(median < "$work/sq_small"); sqb=$(median < "$work/sq_big")
echo "cost $BIG vs 1,000 items (rate 1k / rate big, medians of $REPS; target <= 2): PostgreSQL $(ratio "$pgs" "$pgb")x ($pgs/s vs $pgb/s), SQLite $(ratio "$sqs" "$sqb")x ($sqs/s vs $sqb/s)"
for s in pg sq; do
  label=$([[ $s == pg ]] && echo PostgreSQL || echo SQLite)
  echo "HTTP over $label think-free: $(hrate "$work/h_${s}_free.out")/s two requests per answer, $(hrate "$work/h_${s}_freen.out")/s one (serve pool $SERVE_POOL for PostgreSQL)"
  for r in 500 500n 550 550n; do
    echo "  paced ${r%n}/s$([[ $r == *n ]] && echo ', one request per answer' || echo ', claim and submit'): achieved $(median < "$work/h_${s}_${r}_achieved")/s, cycle p99 $(median < "$work/h_${s}_${r}_p99") ms, medians of $(wc -l < "$work/h_${s}_${r}_p99") (runs: $(tr '\n' ' ' < "$work/h_${s}_${r}_p99")ms) (target >= 500/s, p99 <= 500 ms)"
  done
done
echo "HTTP/direct PostgreSQL think-free: $(ratio "$(hrate "$work/h_pg_free.out")" "$(rate "$work/pg_free.out")")x (two requests per answer), $(ratio "$(hrate "$work/h_pg_freen.out")" "$(rate "$work/pg_free.out")")x (one)"
echo "quiet.sh took $(( $(date +%s) - started )) s"
if [[ -s "$work/failures" ]]; then echo "FAILURES:"; cat "$work/failures"; exit 1; fi
echo "every run finished and every exactly-once check passed"
