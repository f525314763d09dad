#!/usr/bin/env bash
# SQLite writers with and without the side-file lock (issue 10): 8 annotator processes (1 annotator each,
# think-free) on one store, alternating runs where writers queue on the kernel lock of `<store>-writer.lock`
# (the default) with runs where a folder stands in its place, so every process falls back to SQLite's busy
# wait (sleep and retry), as before the lock. The same binary, store and project; medians and their ratio.
# Every run checks exactly-once. Builds nothing.
# Usage: LOAD=.build/release/workflow-load Benchmarks/workflow/writer-lock.sh [ITEMS=200000] [SECONDS=8] [REPS=3]
set -euo pipefail
ITEMS="${1:-200000}"; SECS="${2:-8}"; REPS="${3:-3}"
if [[ -z "${LOAD:-}" || ! -x "$LOAD" ]]; then
  echo "writer-lock.sh: set LOAD to a built release workflow-load (swift build -c release --product workflow-load)" >&2
  exit 2
fi
work="$(mktemp -d -t malmoi-writerlock.XXXXXX)"
trap 'rm -rf "$work"' EXIT
store="$work/ab.sqlite"; side="$store-writer.lock"
echo "$(nproc) cores; load average at start $(cut -d' ' -f1-3 /proc/loadavg)"
median() { sort -n | awk '{a[NR]=$1} END {if (NR) print a[int((NR+1)/2)]; else print "n/a"}'; }
run() {   # run NAME: one think-free run; prints its rate and latency lines
  local name="$1" rc=0
  "$LOAD" --store "$store" --items "$ITEMS" --project ab --overlap 3 --processes 8 --annotators 8 --seconds "$SECS" \
    > "$work/$name.out" 2> "$work/$name.err" || rc=$?
  if (( rc != 0 )) || ! grep -q '^exactly-once: ok' "$work/$name.out"; then
    cat "$work/$name.out" "$work/$name.err" >&2; echo "FAILED: $name" >&2; exit 1
  fi
  local rate; rate=$(awk '/^submissions/ {print $(NF-3)}' "$work/$name.out")
  echo "$rate" >> "$work/$2"
  echo "$name: $rate submissions/s; $(grep '^end-to-end' "$work/$name.out" | sed 's/ (the whole store call[^)]*))//')"
}
for rep in $(seq 1 "$REPS"); do
  rm -rf "$side"; run "lock-$rep" lock
  rm -f "$side"; mkdir "$side"; run "busy-$rep" busy; rmdir "$side"
done
with=$(median < "$work/lock"); without=$(median < "$work/busy")
echo "SQLite, 8 processes, $ITEMS items, medians of $REPS: writer lock $with/s, busy wait $without/s, ratio $(awk -v a="$with" -v b="$without" 'BEGIN {printf "%.2f", a / b}')"
