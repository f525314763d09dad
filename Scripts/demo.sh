#!/usr/bin/env bash
# The Malmoi annotation workflow on the sample corpus, end to end, with no input needed:
# create a project, import 20 reviews, two annotators answer (scripted), a reviewer accepts and rejects,
# points and stats, agreement, export to JSONL and XML (validated against the RelaxNG schema when xmllint
# is installed). Usage: Scripts/demo.sh [WORKDIR]   (MALMOI=path/to/malmoi to skip the build)
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${1:-$(mktemp -d -t malmoi-demo.XXXXXX)}"
mkdir -p "$work"
if [[ -z "${MALMOI:-}" ]]; then
  swift build --package-path "$repo" --product malmoi >&2
  MALMOI="$(swift build --package-path "$repo" --show-bin-path)/malmoi"
fi
MALMOI="$(cd "$(dirname "$MALMOI")" && pwd)/$(basename "$MALMOI")"
run() { echo "\$ malmoi $*" >&2; "$MALMOI" "$@" --store "$work/demo.sqlite"; }
cd "$work"
rm -f demo.sqlite demo.sqlite-wal demo.sqlite-shm

run project create reviews --labels 긍정,부정,중립 --overlap 2 --points 10 \
  --reasons wrong-label,careless,duplicate --guideline "$repo/Guidelines/label.md"
run import --project reviews "$repo/Corpora/label/reviews.jsonl"

echo "# kim answers by number, with a rationale now and then (and copies one rationale)" >&2
printf '%s\n' 1 '2 | 포장 상태가 불량하여 부정으로 판단함' 1 2 1 2 3 '2 | 포장 상태가 불량하여 부정으로 판단' 2 1 \
  2 1 2 1 2 3 1 2 1 3 | run annotate --project reviews --annotator kim
echo "# lee answers in JSON and skips one item with the Korean layout still on (:나ㅑㅔ); choi takes it" >&2
{
  for label in 긍정 부정 중립 부정 긍정 부정 긍정 부정 부정 긍정 부정 긍정 부정 긍정 부정; do printf '{"labels": ["%s"]}\n' "$label"; done
  printf '":나ㅑㅔ"\n'
  for label in 긍정 부정 긍정 부정; do printf '{"labels": ["%s"]}\n' "$label"; done
} | run annotate --project reviews --annotator lee --answers-jsonl
printf '{"labels": ["부정"]}\n' | run annotate --project reviews --annotator choi --answers-jsonl

echo "# park reviews by annotator (choi, kim, lee): kim's copied rationale and one of lee's labels are rejected" >&2
{
  echo a
  for i in $(seq 1 20); do if [[ $i == 8 ]]; then echo 'r duplicate 다른 항목의 근거를 복사함'; else echo a; fi; done
  for i in $(seq 1 19); do if [[ $i == 7 ]]; then echo 'r wrong-label 중립에 가깝습니다'; else echo ㅁ; fi; done
} | run review --project reviews --reviewer park

run stats --project reviews
run export --project reviews --format agreement --output agreement.jsonl
if "$MALMOI" agree --help 2>/dev/null | grep -q -- '--project'; then
  run agree --project reviews || true
else
  echo "\$ malmoi agree agreement.jsonl" >&2
  "$MALMOI" agree agreement.jsonl || true
fi
run export --project reviews --format jsonl --output reviews.jsonl
run export --project reviews --format xml --output reviews.xml
if command -v xmllint >/dev/null; then xmllint --noout --relaxng "$repo/Guidelines/malmoi-corpus.rng" reviews.xml; fi
echo "# exported $(($(wc -l < reviews.jsonl) - 2)) items to $work/reviews.jsonl and $work/reviews.xml" >&2
