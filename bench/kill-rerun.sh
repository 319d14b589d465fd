#!/usr/bin/env bash
# Crash and concurrency check at campaign scale (issue 4's acceptance scenario, rerunnable):
#   1. a generated campaign (default 200 files, about 200,000 rows) consolidated once, uninterrupted: the reference;
#   2. the same inbox against a second database, killed with SIGKILL in every step (one kill per step, each
#      run resuming the one killed before), then run once more to the end: every CSV feed must equal the reference byte for byte;
#   3. two runs started together against a third database: exit codes must be {0, 3}.
# Prints the kill points, the feed comparison and the exit codes; exits non-zero when a check fails.
# Usage: bench/kill-rerun.sh [files] [rows-per-pairing-file]
set -euo pipefail
files=${1:-200}
rows=${2:-10000}
# where the killed runs die, by their log lines: each rerun resumes the same run and is killed further on
points=("step intakeInboxStep started" "Progress - read" "step resolveSubmissionsStep started"
  "step publishOutputsStep started" "step pruneOldRunsStep started")
source "$(dirname "$0")/common.sh"
fixture GeneratedCampaign "$work/inbox" "$files" "$rows" 2>/dev/null
consolidate() { # db output (exec: in the background, $! is then the JVM itself, the one to kill)
  exec java -Xmx512m -jar target/huizong.jar consolidate --input "$work/inbox" --output "$work/$2" \
    --data "$work/$2-data" --db "jdbc:h2:file:$work/$1/huizong"
}
feeds="submissions.csv pairings.csv cases.csv quota.csv issues.csv completeness.csv"

start=$(date +%s)
(consolidate ref out-ref > "$work/ref.log" 2>&1)
echo "reference run: $(( $(date +%s) - start )) s; $(grep -E '数据行' "$work/ref.log")"

n=0
for point in "${points[@]}"; do
  n=$((n + 1))
  log="$work/kill-$n.log"
  (consolidate killed out-killed > "$log" 2>&1) &
  pid=$!
  # kill as soon as the run's log shows the point (plus a second, to land inside the step)
  while kill -0 "$pid" 2>/dev/null && ! grep -q "$point" "$log"; do sleep 0.2; done
  sleep 1
  if kill -9 "$pid" 2>/dev/null; then
    wait "$pid" 2>/dev/null || true
    echo "run $n killed at “$point” + 1 s, after: $(grep -aoE 'step [A-Za-z]+ started|read [0-9]+/[0-9]+ files' "$log" | tail -1)"
  else
    code=0; wait "$pid" || code=$?
    echo "run $n ended (exit $code) before it could be killed at “$point”"
  fi
done
echo "runs that recovered the run killed before them: $(grep -l 'recovering run' "$work"/kill-*.log | wc -l)"
start=$(date +%s)
(consolidate killed out-killed > "$work/rerun.log" 2>&1)
echo "final run: exit 0, $(( $(date +%s) - start )) s: $(grep -m1 -oE "汇总完成|结果不变" "$work/rerun.log")"
status=0
for f in $feeds; do
  if cmp -s "$work/out-ref/latest/csv/$f" "$work/out-killed/latest/csv/$f"; then
    echo "  $f identical ($(($(wc -l < "$work/out-ref/latest/csv/$f") - 1)) rows)"
  else
    echo "  $f DIFFERS"; status=1
  fi
done

(consolidate race out-race > "$work/race1.log" 2>&1) & p1=$!
(consolidate race out-race > "$work/race2.log" 2>&1) & p2=$!
set +e
wait $p1; e1=$?
wait $p2; e2=$?
set -e
echo "two runs at once: exit codes $e1 and $e2; refusal: $(grep -h '另一个汇总运行正在进行' "$work"/race*.log | head -1)"
[ "$(printf '%s\n' $e1 $e2 | sort | tr -d '\n')" = "03" ] || status=1
exit $status
