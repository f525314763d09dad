#!/usr/bin/env bash
# For a quiet window after the merge: the store's load figures (issue 10) from an already-built release
# `workflow-load`, beside `pgbench -N -c 50` and `-c 1` on the same throw-away PostgreSQL cluster, with the
# ratios. Builds nothing. One run of 10 s per configuration:
#   PostgreSQL, 1,000 think-free annotators on one pool of at most 100 connections, 1,000 and BIG items;
#   SQLite, 8 processes x 125 annotator threads, and 8 processes x 1 annotator, 1,000 and BIG items.
# Each run first imports its project ("setup:" lines say how long). Not yet timed in release: a debug
# build on the loaded shared machine imported 100,000 items into PostgreSQL in about 21 s with COPY (about
# 44 s with the old multi-row INSERTs), and this script took 84 s at BIG=20000 with 4-second runs. At
# BIG=1,000,000 the three 1M setups (PostgreSQL, SQLite twice) dominate; if the first "setup:" line for 1M
# says more than a minute, stop it and pass a smaller BIG (e.g. 300000).
# Needs root and the Debian `postgresql` package (initdb runs as the postgres user).
# Usage: LOAD=.build/release/workflow-load Benchmarks/workflow/quiet.sh [BIG=1000000] [SECONDS=10]
set -euo pipefail
if [[ -z "${LOAD:-}" || ! -x "$LOAD" ]]; then
  echo "quiet.sh: set LOAD to a built release workflow-load (swift build -c release --product workflow-load)" >&2
  exit 2
fi
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
started=$(date +%s)
LOAD="$LOAD" bash "$here/load.sh" 1 "${2:-10}" "${1:-1000000}"
echo "quiet.sh took $(( $(date +%s) - started )) s"
