#!/usr/bin/env bash
# Incremental-run benchmark: a generated campaign (default 200 files; the 19 bureaus send 附件1 files of
# 10,000 rows each, about 200,000 rows in all) consolidated once, then again with nothing changed. Prints both wall times and the
# ratio; the unchanged rerun must take at most a quarter of the full run.
# Usage: bench/incremental.sh [files] [rows-per-pairing-file]
set -euo pipefail
files=${1:-200}
rows=${2:-10000}
source "$(dirname "$0")/common.sh"
fixture GeneratedCampaign "$work/inbox" "$files" "$rows" 2>/dev/null
run() {
  local start end
  start=$(date +%s.%N)
  java -jar target/huizong.jar consolidate --input "$work/inbox" --output "$work/output" \
    --db "jdbc:h2:file:$work/db/huizong" > "$work/last.out" 2>&1
  end=$(date +%s.%N)
  echo "$end - $start" | bc
}
full=$(run)
grep -E "数据行" "$work/last.out"
again=$(run)
head -1 "$work/last.out"
echo "full run: ${full} s, unchanged rerun: ${again} s, ratio: $(echo "scale=3; $again / $full" | bc)"
