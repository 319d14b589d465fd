#!/usr/bin/env bash
# Memory and speed benchmark: one 附件1 workbook of N rows (default 200,000) consolidated under a small heap.
# The workbook keeps its text in a shared-strings table, as Excel and WPS save it (about 845,000 distinct
# strings for 200,000 rows: the worst case for the table Huizong holds while it reads); --inline writes the
# older fixture instead, whose text sits in the cells as inline strings and never touches that table.
# Usage: bench/large-workbook.sh [rows] [heap] [--inline]     e.g. bench/large-workbook.sh 200000 256m
# Prints wall time and peak RSS; the run must finish with exit 0 and all rows accepted.
set -euo pipefail
inline=0
args=()
for a in "$@"; do
  if [ "$a" = "--inline" ]; then inline=1; else args+=("$a"); fi
done
rows=${args[0]:-200000}
heap=${args[1]:-256m}
source "$(dirname "$0")/common.sh"
file="$work/inbox/郑州市教育局/附件1-大表.xlsx"
if [ "$inline" = 1 ]; then
  fixture LargeWorkbook "$file" "$rows"
else
  source bench/module.sh
  bench_java cn.huizong.bench.BenchInputs workbook "$file" "$rows"
fi
ls -la "$work/inbox/郑州市教育局/"
/usr/bin/time -f "wall %e s, peak RSS %M KiB" java -Xmx"$heap" -jar target/huizong.jar consolidate \
  --input "$work/inbox" --output "$work/output" --data "$work/data" --db "jdbc:h2:file:$work/db/huizong"
echo "pairings.csv rows: $(($(wc -l < "$work/output/latest/csv/pairings.csv") - 1))"
