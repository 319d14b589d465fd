#!/usr/bin/env bash
# Memory bound on the worst inbox: the public real-world corpus plus the generated hostile files (zip bombs,
# XXE, billion laughs, sparse 1,048,576-row sheet, zip-slip, nested and 20,000-member archives, …) consolidated
# with the jar under a small heap. The run must end with exit 0.
# Usage: bench/hostile-inbox.sh [heap]      e.g. bench/hostile-inbox.sh 512m
# Prints wall time, peak RSS and the largest heap occupancy the garbage collector saw.
set -euo pipefail
heap=${1:-512m}
source "$(dirname "$0")/common.sh"
fixture HostileInbox "$work/inbox"
echo "inbox: $(find "$work/inbox" -type f | wc -l) files, $(du -sh "$work/inbox" | cut -f1)"
set +e
/usr/bin/time -o "$work/time.txt" -f "wall %e s, peak RSS %M KiB" java -Xmx"$heap" -Xlog:gc:file="$work/gc.log" \
  -jar target/huizong.jar consolidate --input "$work/inbox" --output "$work/output" --data "$work/data" \
  --db "jdbc:h2:file:$work/data/huizong" > "$work/run.log" 2>&1
status=$?
set -e
grep -a -v -E "^[0-9:]+ (WARN|ERROR) |^\s+at |^[a-z]+\.[a-z.]+[A-Za-z]*(Exception|Error)|^Caused by|^\s+\.\.\." "$work/run.log" || true
echo "exit status: $status"
cat "$work/time.txt"
echo "heap (MB) at garbage collections: largest before $(grep -oE '[0-9]+M->[0-9]+M' "$work/gc.log" | cut -dM -f1 | sort -n | tail -1), \
largest after $(grep -oE '[0-9]+M->[0-9]+M' "$work/gc.log" | sed 's/.*->//; s/M//' | sort -n | tail -1), \
$(grep -c 'Pause' "$work/gc.log") pauses"
echo "submissions: $(($(wc -l < "$work/output/latest/csv/submissions.csv") - 1)) rows; rejected by code:"
cut -d, -f7 "$work/output/latest/csv/issues.csv" | tail -n +2 | sort | uniq -c | sort -rn
exit $status
