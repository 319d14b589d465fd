#!/usr/bin/env bash
# Reader benchmark (issue 11): Huizong beside the anchors, on one file, in one run.
#
# Input: one 附件1 of ROWS rows (default 200,000; 8 Chinese columns, about 845,000 distinct strings in a
# shared-strings table, every row valid) and a campaign of FILES files (default 200, 附件1 of PER_FILE rows
# from each bureau, about 220,000 rows), both written by bench/jmh BenchInputs with shared strings.
#
# Contestants, each in a fresh JVM, ROUNDS rounds (default 3) interleaved, medians reported:
#   in-process, one cold JMH single shot in a fresh fork (no warm-up; JVM start-up not counted):
#     floor          unzip + aalto StAX scan of the sheet, shared strings into a String array
#     fastexcel      dhatim fastexcel-reader 0.20.2
#     poi            POI 5.5.1 stock streaming: XSSFSheetXMLHandler + ReadOnlySharedStringsTable
#     huizong-read   Huizong's XlsxReader alone (rows of cells, no rules)
#     huizong-check  Huizong's FileChecker, read + check through the public API, rows counted, no database
#   whole process, wall time and peak RSS from /usr/bin/time (JVM and Spring start-up counted):
#     validate       java -jar target/huizong.jar validate FILE
#     consolidate    java -jar target/huizong.jar consolidate on the one file, fresh data folder and H2 database,
#                    then again unchanged; the same on the campaign
# Every JVM gets the same heap (--heap, default 1g, as the README's cron line). Then, for validate and
# consolidate on the one file, the smallest -Xmx on a ladder from 64m to 1g that completes (exit 0, every row
# accepted, within twice the median time) by binary search, and the phase split of consolidate read from its
# job repository (BATCH_STEP_EXECUTION) after each run.
#
# Usage: bench/readers.sh [--quick] [--rows N] [--files N] [--per-file N] [--rounds N] [--heap SIZE]
#                         [--no-heap-search] [--wait-idle SECONDS] [--keep]
#   --quick  smoke test: 20,000 rows, a 40-file campaign of 1,000-row 附件1, one round (about 2 minutes)
#   --wait-idle S  before each contestant wait up to S seconds for the machine to be idle (a shared machine)
#   --keep   keep the scratch folder (inputs, outputs, logs) instead of deleting it
# Noise: "others" is how many cores other processes kept busy while a contestant ran (from /proc/stat less the
# contestant's own CPU time); on 2 cores anything above ~0.2 means the figure is inflated.
# Builds target/huizong.jar and bench/jmh first. Prints the table and writes it to target/bench/readers-*.txt.
# Exits 1 when a contestant did not read what it should (row counts, exit codes).
set -euo pipefail
cd "$(dirname "$0")/.."

rows=200000 files=200 per_file=10000 rounds=3 heap=1g search=1 keep=0 quick=0 wait_idle=0
while [ $# -gt 0 ]; do
  case $1 in
    --quick) quick=1 rows=20000 files=40 per_file=1000 rounds=1 ;;
    --rows) rows=$2; shift ;;
    --files) files=$2; shift ;;
    --per-file) per_file=$2; shift ;;
    --rounds) rounds=$2; shift ;;
    --heap) heap=$2; shift ;;
    --no-heap-search) search=0 ;;
    --wait-idle) wait_idle=$2; shift ;;
    --keep) keep=1 ;;
    *) echo "unknown option $1 (see the comment at the top of $0)" >&2; exit 2 ;;
  esac
  shift
done

work=$(mktemp -d "${TMPDIR:-/tmp}/huizong-readers.XXXXXX")
if [ "$keep" = 1 ]; then trap 'echo "scratch kept in $work"' EXIT; else trap 'rm -rf "$work"' EXIT; fi
mkdir -p target/bench
report="target/bench/readers-$(date +%Y%m%d-%H%M%S).txt"
started=$(date +%s)
failures=0
log() { echo "[$(date +%H:%M:%S)] $*" >&2; }
tck=$(getconf CLK_TCK)
busy_ticks() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8 + $9}' /proc/stat; } # user nice system irq softirq steal
# Before each contestant, wait up to --wait-idle seconds for the machine to be idle (< 0.2 cores busy over 2 s).
settle() {
  local until=$(( $(date +%s) + wait_idle )) b0
  while [ "$(date +%s)" -lt "$until" ]; do
    b0=$(busy_ticks); sleep 2
    [ $(( $(busy_ticks) - b0 )) -lt $(( 2 * tck / 5 )) ] && return 0
  done
  return 0
}

log "building target/huizong.jar and bench/jmh"
mvn -q -B -Dstyle.color=never ${BENCH_MVN_FLAGS:-} -DskipTests package
source bench/module.sh

log "generating inputs in $work"
big="$work/inbox1/郑州市教育局/附件1.xlsx"
field() { sed -nE "s/.*\b$1=([0-9]+).*/\1/p" <<< "$2"; } # field NAME "files=1 rows=… unique_strings=…"
made=$(bench_java cn.huizong.bench.BenchInputs workbook "$big" "$rows")
big_rows=$(field rows "$made") big_unique=$(field unique_strings "$made")
made=$(bench_java cn.huizong.bench.BenchInputs campaign "$work/campaign" "$files" "$per_file")
camp_files=$(field files "$made") camp_rows=$(field rows "$made")
[ -n "${big_rows:-}" ] && [ -n "${camp_rows:-}" ] || { echo "generating the inputs failed" >&2; exit 1; }
# the same bytes under an ASCII name for the contestants given a path (JMH parameters, validate)
one="$work/one.xlsx"
ln "$big" "$one"
big_mb=$(du -m "$big" | cut -f1)
camp_mb=$(du -sm "$work/campaign" | cut -f1)
log "one file: $big_rows rows, $big_unique distinct strings, ${big_mb} MB; campaign: $camp_files files, $camp_rows rows, ${camp_mb} MB"

results="$work/results.tsv" # label round seconds peak_rss_kib seen check(ok|FAIL) others gc_ms
phases="$work/phases.tsv"   # input round phase seconds
: > "$results"
: > "$phases"
record() { printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$@" >> "$results"; }
ms() { date +%s%3N; }

# one cold JMH single shot of ReaderBenchmarks.$1 in a fresh fork; the fork reports what it saw and its peak RSS
jmh() { # benchmark label round expected_rows
  local side csv seen rss gc secs check=ok
  side="$work/side-$1-$3.txt"
  csv="$work/jmh-$1-$3.csv"
  settle
  timed "jmh-$1-$3" -- java -Xmx256m -cp "$bench_cp" org.openjdk.jmh.Main "ReaderBenchmarks\.$1\$" -p file="$one" -f 1 \
    -wi 0 -i 1 -bm ss -tu ms -rf csv -rff "$csv" -jvmArgs "-Xmx$heap -Dbench.out=$side"
  if [ "$code" != 0 ] || [ ! -s "$side" ]; then
    log "$2 failed, see $out"; record "$2" "$3" NaN 0 0 FAIL "$others" 0; failures=$((failures + 1)); return
  fi
  secs=$(tail -1 "$csv" | cut -d, -f5 | awk '{printf "%.3f", $1 / 1000}')
  seen=$(grep -oE 'rows=[0-9]+' "$side" | cut -d= -f2)
  rss=$(grep -oE 'peak_rss_kib=[0-9-]+' "$side" | cut -d= -f2)
  gc=$(grep -oE 'gc_ms=[0-9]+' "$side" | cut -d= -f2)
  if [ "$seen" != "$4" ] || grep -qE 'errors=[1-9]' "$side"; then check=FAIL; failures=$((failures + 1)); fi
  record "$2" "$3" "$secs" "$rss" "$seen" "$check" "$others" "$gc"
  log "$2 round $3: ${secs} s, others ${others} cores, saw $(cat "$side")"
}

# a whole process under /usr/bin/time; sets $wall, $rss, $code, $out (its output file) and $others: the cores
# other processes kept busy meanwhile (the machine's busy CPU time less the process's own, over its wall time)
timed() { # name -- command…
  local name=$1 b0 b1 user sys
  shift 2
  out="$work/$name.out"
  b0=$(busy_ticks)
  set +e
  /usr/bin/time -o "$work/time.txt" -f "%e %M %U %S" "$@" > "$out" 2>&1
  code=$?
  set -e
  b1=$(busy_ticks)
  read -r wall rss user sys < <(tail -1 "$work/time.txt")
  others=$(awk -v b="$((b1 - b0))" -v t="$tck" -v u="$user" -v s="$sys" -v w="$wall" \
    'BEGIN {o = (b / t - u - s) / (w > 0 ? w : 1); printf "%.2f", o < 0 ? 0 : o}')
}

validate() { # round [heap [timeout]]
  local check=ok seen
  [ "$1" = heap ] || settle
  timed validate -- timeout -k 10 "${3:-3600}" java -Xmx"${2:-$heap}" -jar target/huizong.jar validate "$one"
  seen=$(grep -oE '数据行：[0-9]+ 行，其中有错误的 0 行' "$out" | grep -oE '^数据行：[0-9]+' | grep -oE '[0-9]+' || echo 0)
  if [ "$code" != 0 ] || [ "$seen" != "$rows" ]; then check=FAIL; fi
  if [ "$1" != heap ]; then
    [ "$check" = ok ] || failures=$((failures + 1))
    record validate "$1" "$wall" "$rss" "$seen" "$check" "$others" ""
    log "validate round $1: ${wall} s, peak RSS $((rss / 1024)) MiB, others ${others} cores, exit $code, $seen rows without error"
  fi
  [ "$check" = ok ]
}

# consolidate the inbox into a fresh data folder (database included), read the phase split, then rerun unchanged
consolidate() { # input(one|campaign) inbox expected_rows round [heap [timeout]]
  local check=ok seen launched exited dir="$work/run-$1"
  rm -rf "$dir"
  [ "$4" = heap ] || settle
  launched=$(ms)
  timed "consolidate-$1" -- timeout -k 10 "${6:-3600}" java -Xmx"${5:-$heap}" -jar target/huizong.jar consolidate \
    --input "$2" --output "$dir/output" --data "$dir/data"
  exited=$(ms)
  seen=$(grep -oE '数据行：采用 [0-9]+' "$out" | grep -oE '[0-9]+' || echo 0)
  if [ "$code" != 0 ] || { [ "$3" != any ] && [ "$seen" != "$3" ]; }; then check=FAIL; fi
  if [ "$4" = heap ]; then rm -rf "$dir"; [ "$check" = ok ]; return; fi
  [ "$check" = ok ] || { failures=$((failures + 1)); log "consolidate $1 failed: $(grep -v INFO "$out" | head -3)"; }
  record "consolidate $1" "$4" "$wall" "$rss" "$seen" "$check" "$others" ""
  log "consolidate $1 round $4: ${wall} s, peak RSS $((rss / 1024)) MiB, others ${others} cores, exit $code, $seen rows accepted"
  bench_java cn.huizong.bench.PhaseSplit "jdbc:h2:file:$dir/data/huizong" "$launched" "$exited" > "$work/phases.txt" \
    || log "could not read the phase split of consolidate $1 round $4"
  while read -r phase secs; do printf '%s\t%s\t%s\t%s\n' "$1" "$4" "$phase" "$secs" >> "$phases"; done < "$work/phases.txt"
  settle
  timed "rerun-$1" -- java -Xmx"$heap" -jar target/huizong.jar consolidate --input "$2" --output "$dir/output" --data "$dir/data"
  check=ok
  grep -q '结果不变' "$out" && [ "$code" = 0 ] || { check=FAIL; failures=$((failures + 1)); }
  record "consolidate $1, unchanged rerun" "$4" "$wall" "$rss" 0 "$check" "$others" ""
  log "consolidate $1 unchanged rerun round $4: ${wall} s, exit $code"
  rm -rf "$dir"
}

for round in $(seq 1 "$rounds"); do
  log "round $round of $rounds"
  jmh floor floor "$round" $((rows + 4))
  jmh fastexcel "fastexcel-reader 0.20.2" "$round" $((rows + 4))
  jmh poi "POI 5.5.1 XSSFSheetXMLHandler" "$round" $((rows + 4))
  jmh huizongRead "Huizong XlsxReader (read only)" "$round" $((rows + 4))
  jmh huizongCheck "Huizong FileChecker (read + check)" "$round" "$rows"
  validate "$round" || true
  consolidate one "$work/inbox1" "$rows" "$round"
  consolidate campaign "$work/campaign" any "$round"
done

median() { # label → median seconds of its rounds
  awk -F'\t' -v l="$1" '$1 == l && $3 != "NaN" {print $3}' "$results" | sort -n \
    | awk '{v[NR] = $1} END {if (NR == 0) print "NaN"; else if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2}'
}

# smallest heap on the ladder that completes; the top is known to complete when it is the timed heap
declare -A min_heap
ladder=(64 96 128 192 256 384 512 768 1024)
heap_search() { # label runner…  (runner gets: heap timeout)
  local label=$1 lo=-1 hi=$((${#ladder[@]} - 1)) mid limit
  shift
  limit=$(awk -v m="$(median "$label")" 'BEGIN {t = 2 * m; if (t < 30) t = 30; printf "%d", t}')
  if [ "$heap" != 1g ] && [ "$heap" != 1024m ] && ! "$@" "${ladder[$hi]}m" "$limit"; then
    min_heap[$label]="> 1g"; return
  fi
  while [ $((hi - lo)) -gt 1 ]; do
    mid=$(((lo + hi) / 2))
    if "$@" "${ladder[$mid]}m" "$limit"; then hi=$mid; log "$label completes with -Xmx${ladder[$mid]}m (${wall} s)"
    else lo=$mid; log "$label does not complete with -Xmx${ladder[$mid]}m (exit $code, ${wall:-?} s)"; fi
  done
  min_heap[$label]="${ladder[$hi]}m"
  if [ "$lo" -ge 0 ]; then min_heap[$label]+=" (${ladder[$lo]}m fails)"; else min_heap[$label]+=" (the ladder's lowest)"; fi
  return 0
}
if [ "$search" = 1 ]; then
  log "smallest heap: binary search over ${ladder[*]} MiB"
  heap_search validate validate heap || true
  heap_search "consolidate one" consolidate one "$work/inbox1" "$rows" heap || true
fi

{
  echo "bench/readers.sh$([ "$quick" = 1 ] && echo ' --quick') — $(date '+%Y-%m-%d %H:%M %Z'), commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src pom.xml || echo ' (+ uncommitted changes)')"
  echo "machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')), $(free -g | awk '/Mem:/ {print $2}') GiB; $(java -version 2>&1 | head -1); every JVM -Xmx$heap"
  echo "other processes kept $(cut -f7 "$results" | sort -n | head -1) to $(cut -f7 "$results" | sort -n | tail -1) of the $(nproc) cores busy during the contestants' runs (column others: median per contestant)$([ "$wait_idle" -gt 0 ] && echo "; each contestant waited up to ${wait_idle} s for an idle machine")"
  echo "one file: $rows 附件1 rows, 8 columns, $big_unique distinct shared strings, $big_mb MB; campaign: $camp_files files, $camp_rows rows, $camp_mb MB"
  echo "$rounds round(s), interleaved; seconds are medians (range over rounds in brackets); in-process = one cold JMH single shot in a fresh fork"
  echo
  floor=$(median floor)
  printf '%-38s %-8s %7s %-13s %9s %8s %9s %7s  %s\n' contestant kind seconds "[range]" rows/s "x floor" "peak RSS" others "smallest heap"
  for label in floor "fastexcel-reader 0.20.2" "POI 5.5.1 XSSFSheetXMLHandler" "Huizong XlsxReader (read only)" \
      "Huizong FileChecker (read + check)" validate "consolidate one" "consolidate one, unchanged rerun" \
      "consolidate campaign" "consolidate campaign, unchanged rerun"; do
    m=$(median "$label")
    range=$(awk -F'\t' -v l="$label" '$1 == l && $3 != "NaN" {print $3}' "$results" | sort -n | awk 'NR == 1 {a = $1} {b = $1} END {if (NR > 1) printf "[%.2f-%.2f]", a, b}')
    rss=$(awk -F'\t' -v l="$label" '$1 == l {if ($4 > m) m = $4} END {printf "%d MiB", m / 1024}' "$results")
    kind=process; case $label in floor|fastexcel*|POI*|"Huizong "*) kind=in-proc ;; esac
    n=$rows; case $label in *campaign*) n=$camp_rows ;; esac
    case $label in *rerun*) rate=- ;; *) rate=$(awk -v n="$n" -v s="$m" 'BEGIN {if (s > 0) printf "%d", n / s; else print "-"}') ;; esac
    case $label in *campaign*|*rerun*) x=- ;; *) x=$(awk -v s="$m" -v f="$floor" 'BEGIN {printf "%.1f", s / f}') ;; esac
    others=$(awk -F'\t' -v l="$label" '$1 == l {print $7}' "$results" | sort -n | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}')
    bad=$(awk -F'\t' -v l="$label" '$1 == l && $6 == "FAIL"' "$results" | wc -l)
    printf '%-38s %-8s %7.2f %-13s %9s %8s %9s %7s  %s%s\n' "$label" "$kind" "$m" "$range" "$rate" "$x" "$rss" "$others" \
      "${min_heap[$label]:-}" "$([ "$bad" -gt 0 ] && echo "  CHECK FAILED in $bad round(s)")"
  done
  echo
  echo "consolidate phase split (median seconds over rounds; from BATCH_STEP_EXECUTION and the process's own start and end)"
  printf '%-40s %9s %9s\n' phase "one file" campaign
  for phase in before-job intakeInboxStep readAndCheckFilesStep resolveSubmissionsStep publishOutputsStep pruneOldRunsStep after-job; do
    row=()
    for input in one campaign; do
      row+=("$(awk -F'\t' -v i="$input" -v p="$phase" '$1 == i && $3 == p {print $4}' "$phases" | sort -n \
        | awk '{v[NR] = $1} END {if (NR == 0) print "—"; else if (NR % 2) print v[(NR + 1) / 2]; else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2}')")
    done
    label=$phase
    [ "$phase" = before-job ] && label="before the job (start-up, lock, walk)"
    [ "$phase" = after-job ] && label="after the job (summary, shutdown)"
    printf '%-40s %9s %9s\n' "$label" "${row[0]}" "${row[1]}"
  done
  echo
  echo "garbage collection in the in-process forks (median ms): $(for b in floor "fastexcel-reader 0.20.2" "POI 5.5.1 XSSFSheetXMLHandler" "Huizong XlsxReader (read only)" "Huizong FileChecker (read + check)"; do
    printf '%s %s, ' "$b" "$(awk -F'\t' -v l="$b" '$1 == l {print $8}' "$results" | sort -n | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}')"; done | sed 's/, $//')"
  echo "peak RSS: VmHWM of the JMH fork (in-proc, harness included) or /usr/bin/time (process); largest of the rounds"
  echo "smallest heap: first -Xmx on the ladder ${ladder[*]} (MiB) with exit 0, every row read without error (validate) or accepted (consolidate), within twice the median time"
  echo "whole run: $(( ($(date +%s) - started) / 60 )) min $(( ($(date +%s) - started) % 60 )) s"
} | tee "$report"
cp "$results" "${report%.txt}-rounds.tsv"
cp "$phases" "${report%.txt}-phases.tsv"
echo "written to $report (and the raw rounds beside it)" >&2
[ "$failures" = 0 ] || { echo "$failures check(s) failed: a contestant did not read what it should" >&2; exit 1; }
