#!/usr/bin/env bash
# The model figures for a quiet window (F1 beside the scikit-learn peer, training time, prediction MB/s).
# Usage: MALMOI=/path/to/release/malmoi bash Benchmarks/model/quiet.sh   (builds nothing; about 2-4 minutes)
# Prints "skipped: <why>" without the binary, ../shared/data/abuse or scikit-learn.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
exec python3 "$here/quiet.py"
