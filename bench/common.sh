# Sourced by the bench scripts: a scratch folder removed on exit, the jar and test classes built,
# `fixture CLASS ARGS…` to run a generator from src/test/java/cn/huizong/fixtures, and `serve_logged_in` for the
# console benchmarks.
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

# `serve_logged_in PORT ARGS…`: starts `serve` on PORT with ARGS (admin password bench-pass-1) into $serve_pid,
# waits for its login page, and logs in by form into the cookie jar $work/cookies; sets $base and $jar.
serve_logged_in() {
  local port=$1 token
  shift
  HUIZONG_ADMIN_PASSWORD=bench-pass-1 java -jar target/huizong.jar serve "$@" --port "$port" \
    > "$work/serve.out" 2>&1 &
  serve_pid=$!
  base="http://localhost:$port"
  for _ in $(seq 1 120); do
    curl -s -o /dev/null -w '%{http_code}' "$base/login" 2>/dev/null | grep -q 200 && break
    sleep 0.5
  done
  # form login: the login page's CSRF token, then the session cookie
  jar="$work/cookies"
  token=$(curl -s -c "$jar" -b "$jar" "$base/login" | grep -o 'name="_csrf" value="[^"]*"' | sed 's/.*value="//; s/"$//')
  curl -s -o /dev/null -c "$jar" -b "$jar" --data-urlencode "username=admin" --data-urlencode "password=bench-pass-1" \
    --data-urlencode "_csrf=$token" "$base/login"
}
