#!/usr/bin/env bash
# Workflow benchmark: import N JSONL items, then export N annotations as JSONL and XML, with a release
# build of malmoi; a Python sqlite3/json peer does the same import and JSONL export. Prints throughput,
# peak memory (/usr/bin/time -v) and malmoi/peer ratios, medians of RUNS runs.
# Usage: Benchmarks/workflow/run.sh [N=1000000] [RUNS=3]    (MALMOI=path to skip the build)
# Targets (issue 5): import >= 100,000 items/s; JSONL export >= 50 MB/s; peak RSS < 200 MB for both.
set -euo pipefail
N="${1:-1000000}"
RUNS="${2:-3}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
if [[ -z "${MALMOI:-}" ]]; then
  swift build -c release --package-path "$repo" --product malmoi >&2
  MALMOI="$(swift build -c release --package-path "$repo" --show-bin-path)/malmoi"
fi
work="$(mktemp -d -t malmoi-bench.XXXXXX)"
trap 'rm -rf "$work"' EXIT
python3 "$here/generate.py" "$N" "$work/items.jsonl" "$work/annotated.jsonl"

# measure NAME OUTPUT COMMAND...: appends "wall_seconds peak_kib cpu_seconds" of one run to $work/NAME.times;
# stdout goes to OUTPUT. CPU seconds (user + sys) are reported too: on a shared machine wall time mostly
# measures the neighbours.
measure() {
  local name="$1" output="$2"; shift 2
  /usr/bin/time -f "%e %M %U %S" -o "$work/time.out" "$@" >"$output" 2>"$work/stderr.out" || { cat "$work/stderr.out" >&2; exit 1; }
  awk '{print $1, $2, $3 + $4}' "$work/time.out" >> "$work/$name.times"
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

for run in $(seq 1 "$RUNS"); do
  rm -f "$work"/s.sqlite* "$work"/peer.sqlite*
  "$MALMOI" project create items --labels 긍정,부정,중립 --store "$work/s.sqlite" 2>/dev/null
  measure import /dev/null "$MALMOI" import --project items "$work/items.jsonl" --store "$work/s.sqlite"
  measure peer_import /dev/null python3 "$here/peer.py" import "$work/items.jsonl" "$work/peer.sqlite"
  if [[ $run == 1 ]]; then
    "$MALMOI" project create annotated --labels 긍정,부정,중립 --store "$work/a.sqlite" 2>/dev/null
    "$MALMOI" import --project annotated "$work/annotated.jsonl" --store "$work/a.sqlite" 2>/dev/null
  fi
  measure export_jsonl "$work/out.jsonl" "$MALMOI" export --project annotated --format jsonl --store "$work/a.sqlite"
  measure export_xml "$work/out.xml" "$MALMOI" export --project annotated --format xml --store "$work/a.sqlite"
  measure peer_export /dev/null python3 "$here/peer.py" export "$work/peer.sqlite" "$work/peer.jsonl"
done

jsonl_mb=$(awk -v b="$(stat -c %s "$work/out.jsonl")" 'BEGIN {print b / 1e6}')
xml_mb=$(awk -v b="$(stat -c %s "$work/out.xml")" 'BEGIN {print b / 1e6}')
peer_mb=$(awk -v b="$(stat -c %s "$work/peer.jsonl")" 'BEGIN {print b / 1e6}')
report() {  # name, work units, unit name
  local t m c
  t=$(cut -d' ' -f1 "$work/$1.times" | median)
  m=$(cut -d' ' -f2 "$work/$1.times" | sort -n | tail -1)
  c=$(cut -d' ' -f3 "$work/$1.times" | median)
  awk -v n="$1" -v t="$t" -v m="$m" -v c="$c" -v w="$2" -v u="$3" 'BEGIN {printf "%-13s wall %7.2f s %10.0f %s/s | cpu %7.2f s %10.0f %s/s | peak %6.1f MB\n", n, t, w / t, u, c, w / c, u, m / 1024}'
}
echo "N = $N items / annotations, median of $RUNS runs (release build); ratios use CPU time"
report import "$N" items
report peer_import "$N" items
report export_jsonl "$jsonl_mb" MB
report export_xml "$xml_mb" MB
report peer_export "$peer_mb" MB
ti=$(cut -d' ' -f3 "$work/import.times" | median); tp=$(cut -d' ' -f3 "$work/peer_import.times" | median)
te=$(cut -d' ' -f3 "$work/export_jsonl.times" | median); tq=$(cut -d' ' -f3 "$work/peer_export.times" | median)
awk -v a="$ti" -v b="$tp" 'BEGIN {printf "import speed ratio malmoi/peer: %.2fx\n", b / a}'
awk -v a="$te" -v b="$tq" -v ma="$jsonl_mb" -v mb="$peer_mb" 'BEGIN {printf "JSONL export throughput ratio malmoi/peer: %.2fx\n", (ma / a) / (mb / b)}'
