#!/bin/bash
# Regenerates the README screenshots: drives a real dbadvise in tmux (110x32) through an
# online-shop interview and captures the interview and the results screens.
# Usage: bash assets/screenshots/capture.sh [BINARY] [OUT_DIR]
set -e
STATE=$(mktemp -d)
BIN=${1:-target/release/dbadvise}
OUT=${2:-assets/screenshots}
tmux kill-session -t shot 2>/dev/null || true
sleep 0.3
tmux new -d -s shot -x 110 -y 32 "DBADVISE_STATE_DIR=$STATE $BIN; sleep 600"
sleep 1
k(){ tmux send-keys -t shot "$@"; sleep 0.4; }
tmux send-keys -t shot -l "Online shop"; k Enter
tmux send-keys -t shot -l "Catalogue, carts, orders and payments for 200k customers"; k Enter
k Enter                                    # keeps: business records
k Enter; k Enter; k Enter; k Enter         # small team, nothing to keep, managed, 10 GB to 1 TB
k Down; k Enter                            # thousands of requests a second
k Enter; k Down; k Enter                   # mostly reads, sudden bursts
k Down; k Enter                            # a few milliseconds
k Enter; k Enter                           # any cloud, one region
k Space; k Down; k Down; k Space; k Enter  # money, stock never negative
k Space; k Down; k Down; k Space; k Enter  # keyword search, background jobs
k Enter                                    # read paths still changing; then the lookups:
k Down; k Space; k Down; k Space; k Down; k Down; k Space
tmux capture-pane -p -t shot > "$OUT/interview.txt"
k Enter
for i in $(seq 1 12); do
  if tmux capture-pane -p -t shot | head -1 | grep -q "recommendation ·"; then break; fi
  k Enter
done
tmux capture-pane -p -t shot > "$OUT/results.txt"
tmux kill-session -t shot
rm -rf "$STATE"
