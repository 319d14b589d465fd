# Sourced after common.sh or by readers.sh (needs $work, run from the repository root): compiles the benchmark
# module bench/jmh against target/huizong.jar.original and defines `bench_java ARGS…`, a JVM whose classpath
# puts the top project's runtime jars first (the very jars target/huizong.jar runs), then the module's own
# (JMH, aalto-xml, fastexcel-reader).
(cd bench/jmh && mvn -q -B -Dstyle.color=never ${BENCH_MVN_FLAGS:-} compile dependency:build-classpath -Dmdep.outputFile="$work/bench-cp.txt" \
  -DincludeScope=runtime >/dev/null)
mvn -q -B -Dstyle.color=never ${BENCH_MVN_FLAGS:-} dependency:build-classpath -Dmdep.outputFile="$work/top-cp.txt" -DincludeScope=runtime >/dev/null
bench_cp="bench/jmh/target/classes:target/classes:$(cat "$work/top-cp.txt"):$(cat "$work/bench-cp.txt")"
bench_java() {
  java -cp "$bench_cp" "$@"
}
