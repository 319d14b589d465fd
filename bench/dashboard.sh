#!/usr/bin/env bash
# 统计看板 and stats API benchmark (rerunnable, not a test): a 200-unit campaign (GeneratedCampaign: every
# registry unit sends a file, the 19 bureaus 附件1 files of 10,900 rows, so over 200,000 accepted pairing rows)
# consolidated into an H2 file database, then `serve` started on it. Times the dashboard page, each
# /api/stats/* endpoint (HTTP Basic), filtered variants and an Excel download: median and slowest of N requests
# after warm-up, with curl, against the 300 ms goal.
# Usage: bench/dashboard.sh [files] [rows-per-pairing-file] [requests]
set -euo pipefail
files=${1:-200}
rows=${2:-10900}
requests=${3:-20}
port=${PORT:-18097}
source "$(dirname "$0")/common.sh"
serve_pid=
# KEEP=DIR keeps the campaign, database and outputs there for a look afterwards
trap '[ -n "$serve_pid" ] && kill "$serve_pid" 2>/dev/null && wait "$serve_pid" 2>/dev/null; [ -n "${KEEP:-}" ] && rm -rf "$KEEP" && mv "$work" "$KEEP"; rm -rf "$work"' EXIT

fixture GeneratedCampaign "$work/inbox" "$files" "$rows" 2>/dev/null
db="jdbc:h2:file:$work/data/huizong"
opts=(--input "$work/inbox" --output "$work/output" --data "$work/data" --db "$db")
start=$(date +%s)
java -jar target/huizong.jar consolidate "${opts[@]}" > "$work/consolidate.out" 2>&1
echo "consolidated in $(($(date +%s) - start)) s:"
head -3 "$work/consolidate.out"
echo "pairings.csv: $(($(wc -l < "$work/output/latest/csv/pairings.csv") - 1)) rows," \
  "completeness.csv: $(($(wc -l < "$work/output/latest/csv/completeness.csv") - 1)) units," \
  "issues.csv: $(($(wc -l < "$work/output/latest/csv/issues.csv") - 1)) issues"

serve_logged_in "$port" "${opts[@]}"

zz=%E9%83%91%E5%B7%9E%E5%B8%82 # 郑州市
# median and slowest of $requests requests after 5 warm-up ones (milliseconds); $1 page or api, $2 the path
time_it() {
  local how=$1 path=$2 code auth
  if [ "$how" = api ]; then auth=(-u admin:bench-pass-1); else auth=(-b "$jar"); fi
  code=$(curl -s -o /dev/null -w '%{http_code}' "${auth[@]}" "$base$path")
  for _ in 1 2 3 4 5; do curl -s -o /dev/null "${auth[@]}" "$base$path"; done
  for _ in $(seq 1 "$requests"); do
    curl -s -o /dev/null -w '%{time_total}\n' "${auth[@]}" "$base$path"
  done | sort -n | awk -v p="$path" -v c="$code" '{ t[NR] = $1 * 1000 } END {
    m = (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2
    printf "%-52s %3s  median %6.1f ms  slowest %6.1f ms  %s\n", p, c, m, t[NR], (t[NR] < 300 ? "ok" : "OVER 300 ms") }'
}
echo "requests ($requests each, warm):"
# the API's floor: HTTP Basic checks the bcrypt hash on every request (no session), whatever the endpoint
time_it api "/api/runs?limit=1"
time_it page /stats
time_it page "/stats?city=$zz"
time_it page "/stats?type=city&template=pairing"
for e in summary by-city by-type timeline quota issues; do
  time_it api "/api/stats/$e"
done
time_it api "/api/stats/summary?city=$zz&template=pairing"
time_it api "/api/stats/issues?type=city"
time_it page "/stats/export?chart=by-city"
time_it page "/stats/issues?code=INVALID_PHONE"
time_it api /api/docs
