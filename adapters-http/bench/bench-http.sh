#!/usr/bin/env bash
# Requests per second of the HTTP edge against a bare Javalin route, side by side, with wrk on loopback.
# Each round starts a fresh server (HttpBenchmark: the edge over the real engine with in-memory stores and the echo
# model, plus a bare Javalin route in the same JVM), warms up, then measures bare, GET /api/jobs/{id} and
# POST /api/jobs (one text item) for 10 s each. Usage, from the repository root:
#   apt-get install -y wrk && bash adapters-http/bench/bench-http.sh [rounds]
set -euo pipefail
rounds=${1:-3}
java_bin=${JAVA_HOME:+$JAVA_HOME/bin/}java
here=$(cd "$(dirname "$0")" && pwd)
./mvnw -q -B -ntp -pl core,engine,adapters-http -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=/tmp/modelrun-bench-cp.txt -Dmdep.includeScope=test
cp="adapters-http/target/test-classes:adapters-http/target/classes:$(cat /tmp/modelrun-bench-cp.txt)"
for round in $(seq 1 "$rounds"); do
  "$java_bin" -Xmx4g -cp "$cp" dev.modelrun.adapters.http.HttpBenchmark > /tmp/modelrun-bench.out 2>/dev/null &
  pid=$!
  trap 'kill $pid 2>/dev/null' EXIT
  for _ in $(seq 1 50); do grep -q '^bare' /tmp/modelrun-bench.out 2>/dev/null && break; sleep 0.2; done
  job=$(head -1 /tmp/modelrun-bench.out | awk '{print $NF}')
  wrk -t2 -c16 -d3s http://127.0.0.1:18091/bare > /dev/null
  wrk -t2 -c16 -d3s -s "$here/get.lua" "http://127.0.0.1:18090/api/jobs/$job" > /dev/null
  wrk -t2 -c16 -d3s -s "$here/post.lua" http://127.0.0.1:18090/api/jobs > /dev/null
  bare=$(wrk -t2 -c16 -d10s http://127.0.0.1:18091/bare | awk '/Requests\/sec/ {print $2}')
  get=$(wrk -t2 -c16 -d10s -s "$here/get.lua" "http://127.0.0.1:18090/api/jobs/$job" | awk '/Requests\/sec/ {print $2}')
  post=$(wrk -t2 -c16 -d10s -s "$here/post.lua" http://127.0.0.1:18090/api/jobs | awk '/Requests\/sec/ {print $2}')
  echo "round $round: bare $bare req/s, GET /api/jobs/{id} $get req/s, POST /api/jobs $post req/s" \
    "(GET $(awk "BEGIN {printf \"%.0f\", 100*$get/$bare}")% of bare, POST $(awk "BEGIN {printf \"%.0f\", 100*$post/$bare}")%)"
  kill $pid; wait $pid 2>/dev/null || true
done
