#!/usr/bin/env bash
# Console benchmark (rerunnable, not a test): a 200-unit campaign (GeneratedCampaign: every registry unit sends a
# file, some twice) consolidated, then `serve` started on it. Times each console page (median and slowest of N
# renders after warm-up, logged in as admin over HTTP with curl) against the 300 ms goal, and a checked upload
# (POST /api/files, warm) against `validate` of the same file.
# Usage: bench/console.sh [files] [rows-per-pairing-file] [renders]
set -euo pipefail
files=${1:-200}
rows=${2:-1000}
renders=${3:-20}
port=${PORT:-18089}
source "$(dirname "$0")/common.sh"
serve_pid=
# KEEP=DIR keeps the campaign, database and outputs there for a look afterwards
trap '[ -n "$serve_pid" ] && kill "$serve_pid" 2>/dev/null && wait "$serve_pid" 2>/dev/null; [ -n "${KEEP:-}" ] && rm -rf "$KEEP" && mv "$work" "$KEEP"; rm -rf "$work"' EXIT

fixture GeneratedCampaign "$work/inbox" "$files" "$rows" 2>/dev/null
db="jdbc:h2:file:$work/data/huizong"
opts=(--input "$work/inbox" --output "$work/output" --data "$work/data" --db "$db")
java -jar target/huizong.jar consolidate "${opts[@]}" > "$work/consolidate.out" 2>&1
head -3 "$work/consolidate.out"

serve_logged_in "$port" "${opts[@]}"

run=$(curl -s -u admin:bench-pass-1 "$base/api/runs/latest" | grep -o '"runId":"[^"]*"' | cut -d'"' -f4)
unit=$(python3 -c 'import urllib.parse;print(urllib.parse.quote("郑州大学"))' 2>/dev/null || echo '%E9%83%91%E5%B7%9E%E5%A4%A7%E5%AD%A6')
units=$(($(wc -l < "$work/output/latest/csv/completeness.csv") - 1))
echo "current run $run: $units registry units, $(($(wc -l < "$work/output/latest/csv/submissions.csv") - 1)) files"

# median and slowest of $renders renders, after 5 warm-up requests (milliseconds)
time_page() {
  local path=$1 code
  code=$(curl -s -o /dev/null -w '%{http_code}' -b "$jar" "$base$path")
  for _ in 1 2 3 4 5; do curl -s -o /dev/null -b "$jar" "$base$path"; done
  for _ in $(seq 1 "$renders"); do
    curl -s -o /dev/null -w '%{time_total}\n' -b "$jar" "$base$path"
  done | sort -n | awk -v p="$path" -v c="$code" '{ t[NR] = $1 * 1000 } END {
    m = (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2
    printf "%-40s %3s  median %6.1f ms  slowest %6.1f ms  %s\n", p, c, m, t[NR], (t[NR] < 300 ? "ok" : "OVER 300 ms") }'
}
echo "page renders ($renders each, warm):"
for page in / /upload /run /runs "/runs/$run" /roster "/roster?type=city&status=MISSING" "/roster/unit?name=$unit" \
    /reminders /admin/users /admin/registry /admin/audit /roster/export /reminders/export; do
  time_page "$page"
done

# a checked upload (warm) against validate of the same file, a 附件1 of $rows rows and a 附件5
for file in "$work/inbox/郑州市教育局/附件1.xlsx" "$work/inbox/郑州大学/附件5.xlsx"; do
  [ -f "$file" ] || continue
  start=$(date +%s%N)
  java -jar target/huizong.jar validate "$file" > /dev/null 2>&1 || true
  validate_ms=$((($(date +%s%N) - start) / 1000000))
  copy="$work/$(basename "$file")"
  cp "$file" "$copy"
  for _ in 1 2 3 4 5; do
    curl -s -o /dev/null -u admin:bench-pass-1 -F "file=@$copy" "$base/api/files"
  done
  for _ in $(seq 1 10); do
    curl -s -o /dev/null -w '%{time_total}\n' -u admin:bench-pass-1 -F "file=@$copy" "$base/api/files"
  done | sort -n | awk -v f="${file#"$work/inbox/"}" -v v="$validate_ms" '{ t[NR] = $1 * 1000 } END {
    printf "upload %-24s median %6.1f ms  slowest %6.1f ms   validate (cold JVM) %d ms\n", f, (t[5] + t[6]) / 2, t[NR], v }'
done
