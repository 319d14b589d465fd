#!/usr/bin/env bash
# Memory and speed benchmark: one 附件1 workbook of N rows (default 200,000) consolidated under a small heap.
# Usage: bench/large-workbook.sh [rows] [heap]     e.g. bench/large-workbook.sh 200000 256m
# Prints wall time and peak RSS; the run must finish with exit 0 and all rows accepted.
set -euo pipefail
rows=${1:-200000}
heap=${2:-256m}
source "$(dirname "$0")/common.sh"
fixture LargeWorkbook "$work/inbox/郑州市教育局/附件1-大表.xlsx" "$rows"
ls -la "$work/inbox/郑州市教育局/"
/usr/bin/time -f "wall %e s, peak RSS %M KiB" java -Xmx"$heap" -jar target/huizong.jar consolidate \
  --input "$work/inbox" --output "$work/output" --data "$work/data" --db "jdbc:h2:file:$work/db/huizong"
echo "pairings.csv rows: $(($(wc -l < "$work/output/latest/csv/pairings.csv") - 1))"
