#!/usr/bin/env bash
# Claim-and-submit cost against project size: imports N items (overlap 2) for each N, then annotators
# pipe answers through `malmoi annotate`; prints CPU and wall seconds per answer and the ratio of the
# largest project to the smallest (target: within 2x). STORE is a SQLite directory (default: a temporary one)
# or a postgresql:// URL of an empty database.
# Usage: Benchmarks/workflow/claims.sh [ANSWERS=200] [SIZES="1000 1000000"]   (MALMOI=path to skip the build)
set -euo pipefail
ANSWERS="${1:-200}"
SIZES="${2:-1000 1000000}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
if [[ -z "${MALMOI:-}" ]]; then
  swift build -c release --package-path "$repo" --product malmoi >&2
  MALMOI="$(swift build -c release --package-path "$repo" --show-bin-path)/malmoi"
fi
work="$(mktemp -d -t malmoi-claims.XXXXXX)"
trap 'rm -rf "$work"' EXIT
declare -A cost
for n in $SIZES; do
  python3 "$here/generate.py" "$n" "$work/items-$n.jsonl" "$work/unused.jsonl"
  store="${STORE:-$work/claims-$n.sqlite}"
  "$MALMOI" project create "claims-$n" --labels 긍정,부정,중립 --overlap 2 --store "$store" 2>/dev/null
  "$MALMOI" import --project "claims-$n" "$work/items-$n.jsonl" --store "$store" >/dev/null 2>&1
  # Two runs, 20 answers and 20 + ANSWERS, each by a new annotator: their difference is the cost of ANSWERS
  # claims and submissions, without process start-up and the closing progress count.
  for run in small large; do
    count=$([[ $run == small ]] && echo 20 || echo $((20 + ANSWERS)))
    seq "$count" | sed "s/.*/1/" > "$work/answers"
    /usr/bin/time -f "%e %U %S" -o "$work/time-$run" "$MALMOI" annotate --project "claims-$n" --annotator "$run" --store "$store" \
      < "$work/answers" >/dev/null 2>"$work/annotate.err"
  done
  read -r wall1 user1 sys1 < "$work/time-small"
  read -r wall2 user2 sys2 < "$work/time-large"
  per=$(python3 -c "print(f'{(($user2 + $sys2) - ($user1 + $sys1)) / $ANSWERS * 1000:.3f}')")
  perwall=$(python3 -c "print(f'{($wall2 - $wall1) / $ANSWERS * 1000:.3f}')")
  cost[$n]=$per
  echo "items $n: $ANSWERS answers, CPU $per ms/answer, wall $perwall ms/answer ($(tail -n 1 "$work/annotate.err"))"
done
set -- $SIZES
first=$1; last=${!#}
python3 -c "print(f'ratio {${last}:,} / {${first}:,} items (CPU per answer): {${cost[$last]} / ${cost[$first]}:.2f}x')"
