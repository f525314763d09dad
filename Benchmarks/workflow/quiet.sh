#!/usr/bin/env bash
# For a quiet window after the merge: the store's load figures (issue 10) from an already-built release
# `workflow-load`, beside `pgbench -N -c 50` and `-c 1` on the same throw-away PostgreSQL cluster, with the
# ratios. Builds nothing. One run of 10 s per configuration:
#   PostgreSQL, 1,000 think-free annotators on one pool of at most 100 connections, 1,000 and BIG items;
#   SQLite, 8 processes x 125 annotator threads, and 8 processes x 1 annotator, 1,000 and BIG items.
# Each run first imports its project ("setup:" lines say how long; with the COPY import a 1,000,000-item
# project takes well under a minute on PostgreSQL in a release build), so the whole script takes about
# 3-5 minutes at BIG=1,000,000; pass a smaller BIG to shorten it.
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
