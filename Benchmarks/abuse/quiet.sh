#!/usr/bin/env bash
# The abuse scan speed figure for a quiet window (issue 14): MALMOI=path/to/release/malmoi bash Benchmarks/abuse/quiet.sh
# Builds nothing; about 1-3 minutes. 30 MB, medians of 5, MB/s wall and per user-CPU-second, the Python peer in
# the same run and the ratios, and how many lines would consult the analyzer. See quiet.py.
set -euo pipefail
: "${MALMOI:?set MALMOI to the release malmoi binary, e.g. MALMOI=.build/release/malmoi}"
exec python3 "$(dirname "$0")/quiet.py" --malmoi "$MALMOI" "$@"
