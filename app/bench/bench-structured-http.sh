#!/usr/bin/env bash
# The structured-job benchmark of issue 6 THROUGH THE SERVER (see BENCHMARKS.md, "Through the HTTP server").
# Not a test and not run by the build. From the repository root, with JDK 25:
#
#   JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 bash app/bench/bench-structured-http.sh [ROWS] [BIG_ROWS]
#
# ROWS (1000000) and BIG_ROWS (13500000, about 1 GB; 0 skips it). Builds app/target/modelrun.jar when it is missing
# (or when BUILD=1). For each size it generates a CSV of 10 columns (id, c1..c8, note), measures the floor (the file
# read once by Jackson's CsvParser and written once by its CsvGenerator, second of two passes in one JVM), then starts
# the server jar as its own process with README's run command (java -Xmx384m -jar modelrun.jar serve), with a fresh H2
# data dir, runs one warm-up job of 100,000 rows, then times: upload (multipart; answered once the file is stored and
# parsed) -> poll (every 50 ms) GET /api/v1/jobs/{id} until success -> GET /api/v1/jobs/result-link/{id} -> download
# with curl -o, checks the output has ROWS data rows, and prints records/s, the ratio to the floor, the server's CPU
# seconds for the timed job (user + system, from /proc/<pid>/stat; less sensitive to other load on the machine than
# the wall time) and its peak resident memory (VmHWM of /proc/<pid>/status, read just before the server is stopped).
# Mapping c3 -> x, c7 -> y onto tabular-demo; output mapping a -> sum, b -> product, c -> sign. Clients talk to
# 127.0.0.1 only. SERVER_HEAP (-Xmx384m, README's) replaces the heap option (SERVER_HEAP= runs with the JVM's default
# heap); SERVER_JAVA_OPTS (none) adds JVM options, for diagnosis (e.g. a JFR recording); JAR (app/target/modelrun.jar)
# runs another server jar, e.g. a copy of an earlier build for an A/B run.
set -euo pipefail

ROWS=${1:-1000000}
BIG_ROWS=${2:-13500000}
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA="$JAVA_HOME/bin/java"
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
JAR=${JAR:-"$ROOT/app/target/modelrun.jar"}
SERVER_HEAP=${SERVER_HEAP--Xmx384m}
FLOOR_SRC="$ROOT/app/bench/CsvFloor.java"
KEY="bench1234.benchsecretbenchsecret"

if [[ "$JAR" == "$ROOT/app/target/modelrun.jar" && ( ! -f "$JAR" || "${BUILD:-0}" == 1 ) ]]; then
  (cd "$ROOT" && JAVA_HOME="$JAVA_HOME" ./mvnw -q -B -ntp -pl app -am package -DskipTests)
fi

WORK=$(mktemp -d /tmp/modelrun-structured-http.XXXXXX)
SERVER_PID=""
stop_server() {
  if [[ -n "$SERVER_PID" ]]; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=""
  fi
}
cleanup() {
  stop_server
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

now() { date +%s.%N; }
seconds() { echo "$2 - $1" | bc -l; }

start_server() {
  local data="$WORK/data"
  rm -rf "$data"
  mkdir -p "$data"
  MODELRUN_PORT=0 MODELRUN_DATA_DIR="$data" MODELRUN_API_KEYS="$KEY=bench/bench/bench" \
    MODELRUN_MAX_UPLOAD_BYTES=4GB "$JAVA" $SERVER_HEAP ${SERVER_JAVA_OPTS:-} -jar "$JAR" serve >"$WORK/server.log" 2>&1 &
  SERVER_PID=$!
  PORT=""
  for _ in $(seq 1 300); do
    PORT=$(grep -o 'http://localhost:[0-9]*' "$WORK/server.log" | head -1 | sed 's/.*://' || true)
    if [[ -n "$PORT" ]] && curl -fs "http://127.0.0.1:$PORT/health/ready" >/dev/null; then
      return 0
    fi
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/server.log" >&2; exit 1; }
    sleep 0.2
  done
  echo "server did not start" >&2
  cat "$WORK/server.log" >&2
  exit 1
}

# Runs one job over $1 ($2 data rows); prints "records/s upload_s wait_s download_s output_bytes".
run_job() {
  local csv=$1 rows=$2 base="http://127.0.0.1:$PORT/api/v1" out="$WORK/output.csv"
  local data='{"model":"tabular-demo","mimeType":"text/csv; header=present","name":"bench",'
  data+='"mapping":[{"source":"c3","destination":"x"},{"source":"c7","destination":"y"}],'
  data+='"outputMapping":[{"source":"a","destination":"sum"},{"source":"b","destination":"product"},'
  data+='{"source":"c","destination":"sign"}]}'
  local t0 t1 t2 t3 answer id status link
  t0=$(now)
  answer=$(curl -sS -f -H "x-api-key: $KEY" --form-string "data=$data" -F "file=@$csv;type=text/csv" \
    "$base/jobs")
  t1=$(now)
  id=$(jq -r .data.id <<<"$answer")
  status=$(jq -r .data.status <<<"$answer")
  while [[ "$status" == pending || "$status" == processing ]]; do
    sleep 0.05
    status=$(curl -sS -f -H "x-api-key: $KEY" "$base/jobs/$id" | jq -r .data.status)
  done
  [[ "$status" == success ]] || { echo "job $id ended $status" >&2; exit 1; }
  t2=$(now)
  link=$(curl -sS -f -H "x-api-key: $KEY" "$base/jobs/result-link/$id" | jq -r .data)
  curl -sS -f -o "$out" "$link"
  t3=$(now)
  local lines
  lines=$(wc -l <"$out")
  [[ "$lines" -eq $((rows + 1)) ]] || { echo "output has $lines lines, expected $((rows + 1))" >&2; exit 1; }
  [[ "$(head -1 "$out")" == "sum,product,sign" ]] || { echo "output header: $(head -1 "$out")" >&2; exit 1; }
  local total
  total=$(seconds "$t0" "$t3")
  printf '%.0f %.2f %.2f %.2f %d\n' "$(echo "$rows / $total" | bc -l)" "$(seconds "$t0" "$t1")" \
    "$(seconds "$t1" "$t2")" "$(seconds "$t2" "$t3")" "$(stat -c %s "$out")"
  rm -f "$out"
}

peak_rss_kb() { awk '/^VmHWM/ {print $2}' "/proc/$SERVER_PID/status"; }
# why: fields 14 and 15 of /proc/<pid>/stat (after the command name, which has no spaces here) are user and system
# clock ticks.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$SERVER_PID/stat"; }

measure() {
  local rows=$1 csv="$WORK/input-$1.csv"
  echo "== $rows rows"
  "$JAVA" -cp "$JAR" "$FLOOR_SRC" generate "$csv" "$rows"
  echo "file: $(stat -c %s "$csv") bytes; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
  local floor
  floor=$("$JAVA" -cp "$JAR" "$FLOOR_SRC" floor "$csv" "$WORK/floor.csv" "$rows")
  rm -f "$WORK/floor.csv"
  start_server
  "$JAVA" -cp "$JAR" "$FLOOR_SRC" generate "$WORK/warm.csv" 100000
  run_job "$WORK/warm.csv" 100000 >/dev/null
  rm -f "$WORK/warm.csv"
  local result cpu_before cpu_after
  cpu_before=$(cpu_ticks)
  result=$(run_job "$csv" "$rows")
  cpu_after=$(cpu_ticks)
  read -r rate upload wait download bytes <<<"$result"
  local rss
  rss=$(peak_rss_kb)
  stop_server
  rm -f "$csv"
  echo "floor (Jackson read + write): $floor records/s"
  echo "server (upload -> success -> download): $rate records/s; ratio $(printf '%.2f' "$(echo "$rate / $floor" | bc -l)")"
  echo "  upload + submit ${upload} s, then until success ${wait} s, link + download ${download} s; output $bytes bytes"
  echo "server CPU for the job: $(echo "($cpu_after - $cpu_before) / $(getconf CLK_TCK)" | bc -l | xargs printf '%.2f') s (user + system)"
  echo "server peak resident memory (VmHWM): $rss kB ($((rss / 1024)) MB)"
  echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
}

echo "jar=$JAR heap=${SERVER_HEAP:-default} cores=$(nproc) java=$("$JAVA" -version 2>&1 | head -1) date=$(date -u +%Y-%m-%dT%H:%MZ)"
measure "$ROWS"
if [[ "$BIG_ROWS" -gt 0 ]]; then
  measure "$BIG_ROWS"
fi
