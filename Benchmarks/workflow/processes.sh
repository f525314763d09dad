#!/usr/bin/env bash
# Concurrent annotators as processes: P `malmoi annotate` processes (one annotator each) pipe ANSWERS answers
# each into one project (overlap 3) of N items at the same time; prints submissions/s, errors, and checks
# exactly-once afterwards (every saved answer stored once, no item over its overlap, no "database is locked").
# STORE is a SQLite file path (default: a temporary one) or a postgresql:// URL of an empty database.
# Usage: Benchmarks/workflow/processes.sh [P=8] [ANSWERS=500] [N=100000]   (MALMOI=path to skip the build)
set -euo pipefail
P="${1:-8}"; ANSWERS="${2:-500}"; N="${3:-100000}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
if [[ -z "${MALMOI:-}" ]]; then
  swift build -c release --package-path "$repo" --product malmoi >&2
  MALMOI="$(swift build -c release --package-path "$repo" --show-bin-path)/malmoi"
fi
work="$(mktemp -d -t malmoi-procs.XXXXXX)"
trap 'rm -rf "$work"' EXIT
store="${STORE:-$work/procs.sqlite}"
python3 "$here/generate.py" "$N" "$work/items.jsonl" "$work/unused.jsonl"
"$MALMOI" project create procs --labels 긍정,부정,중립 --overlap 3 --store "$store" 2>/dev/null
"$MALMOI" import --project procs "$work/items.jsonl" --store "$store" >/dev/null 2>&1
seq "$ANSWERS" | sed 's/.*/{"labels": ["긍정"]}/' > "$work/answers"
start=$(date +%s.%N)
for i in $(seq 1 "$P"); do
  "$MALMOI" annotate --project procs --annotator "w$i" --answers-jsonl --store "$store" < "$work/answers" >/dev/null 2>"$work/err-$i" &
done
failed=0
for job in $(jobs -p); do wait "$job" || failed=$((failed + 1)); done
end=$(date +%s.%N)
locked=$(cat "$work"/err-* | grep -c "database is locked" || true)
"$MALMOI" stats --project procs --format json --store "$store" > "$work/stats.json"
python3 - "$work/stats.json" "$P" "$ANSWERS" "$start" "$end" "$failed" "$locked" <<'PY'
import json, sys
stats = json.load(open(sys.argv[1]))
p, answers, start, end, failed, locked = int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5]), int(sys.argv[6]), int(sys.argv[7])
saved = stats["annotations"]
per = {a["annotator"]: a["submitted"] for a in stats["annotators"]}
print(f"{p} processes x {answers} answers: {saved} saved in {end - start:.2f} s = {saved / (end - start):.0f} submissions/s; "
      f"failed processes {failed}, 'database is locked' {locked}")
ok = saved == p * answers and all(v == answers for v in per.values()) and failed == 0 and locked == 0
print("exactly-once:", "ok" if ok else f"FAILED {per}")
PY
