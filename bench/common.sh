# Sourced by the bench scripts: a scratch folder removed on exit, the jar and test classes built, and
# `fixture CLASS ARGS…` to run a generator from src/test/java/cn/huizong/fixtures.
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mvn -q -B -DskipTests package test-compile
mvn -q -B dependency:build-classpath -Dmdep.outputFile="$work/cp.txt" -Dmdep.includeScope=test >/dev/null
fixture() {
  local class=$1
  shift
  java -cp "target/classes:target/test-classes:$(cat "$work/cp.txt")" "cn.huizong.fixtures.$class" "$@"
}
