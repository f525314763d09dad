#!/usr/bin/env bash
# What the PostgreSQL queue floor (migration v7) saves (issue 10): while 1,000 think-free annotators claim and
# answer on a project of ITEMS items, the next-item search is timed by EXPLAIN (ANALYZE, BUFFERS) twice, as the
# claim runs it (from the project's floor) and as it ran before (from the head of the queue index, where every
# item filled since the last vacuum still has its dead entries). Prints the pages (shared buffers) each reads and
# its time, SAMPLES times, with medians and the ratio. Starts a throw-away PostgreSQL cluster (root and the Debian
# `postgresql` package) and stops it. Builds nothing.
# Usage: LOAD=.build/release/workflow-load Benchmarks/workflow/queue-head.sh [ITEMS=200000] [SECONDS=20] [SAMPLES=5]
set -euo pipefail
ITEMS="${1:-200000}"; SECS="${2:-20}"; SAMPLES="${3:-5}"
if [[ -z "${LOAD:-}" || ! -x "$LOAD" ]]; then
  echo "queue-head.sh: set LOAD to a built release workflow-load (swift build -c release --product workflow-load)" >&2
  exit 2
fi
source "$(dirname "${BASH_SOURCE[0]}")/cluster.sh"
start_cluster queuehead
psql() { "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -qAt -d malmoi "$@"; }
"$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -qAt -d postgres -c "CREATE DATABASE malmoi"
echo "$(nproc) cores; load average at start $(cut -d' ' -f1-3 /proc/loadavg)"
"$LOAD" --store "postgresql://postgres@127.0.0.1:$port/malmoi" --items "$ITEMS" --project head --overlap 3 \
  --seconds "$SECS" --connections 10 > "$work/load.out" 2> "$work/load.err" &
loader=$!
sleep $(( SECS / 3 + 5 ))   # the import, then some thousands of claims
project=$(psql -c "SELECT id FROM project WHERE name = 'head'")
search() {   # search FROM_NEG FROM_ID: "pages ms" of the next-item search from that position
  psql -c "EXPLAIN (ANALYZE, BUFFERS, COSTS OFF, FORMAT JSON)
    SELECT i.id FROM item i WHERE i.project_id = $project AND i.open_slots > 0 AND NOT i.is_gold
    AND (-i.priority, i.id) >= ($1::float8, $2::bigint)
    AND NOT EXISTS (SELECT 1 FROM assignment a WHERE a.item_id = i.id AND a.annotator_id = 'nobody')
    ORDER BY -i.priority, i.id LIMIT 1" |
  python3 -c 'import json, sys; p = json.load(sys.stdin)[0]; print(p["Plan"]["Shared Hit Blocks"] + p["Plan"]["Shared Read Blocks"], p["Execution Time"])'
}
for sample in $(seq 1 "$SAMPLES"); do
  floor=$(psql -F ' ' -c "SELECT neg_priority, item_id FROM malmoi_queue_floor($project)")
  from_floor=$(search $floor); from_head=$(search "'-Infinity'" 0)
  echo "$from_floor $from_head" >> "$work/samples"
  echo "sample $sample: from the floor ($floor): $from_floor (pages, ms); from the head: $from_head"
  sleep 1
done
wait "$loader" || { cat "$work/load.out" "$work/load.err" >&2; echo "FAILED: workflow-load" >&2; exit 1; }
grep -E '^(submissions|exactly-once)' "$work/load.out"
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
fp=$(cut -d' ' -f1 "$work/samples" | median); fm=$(cut -d' ' -f2 "$work/samples" | median)
hp=$(cut -d' ' -f3 "$work/samples" | median); hm=$(cut -d' ' -f4 "$work/samples" | median)
echo "medians of $SAMPLES: from the floor $fp pages, $fm ms; from the head $hp pages, $hm ms; pages ratio $(awk -v a="$hp" -v b="$fp" 'BEGIN {printf "%.1f", a / b}')x"
