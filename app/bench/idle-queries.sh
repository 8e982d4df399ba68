#!/usr/bin/env bash
# What an idle server asks of PostgreSQL (see BENCHMARKS.md, issue 5, session 9). Not a test and not run by the build.
# From the repository root, with a JDK of at least 21 and the local PostgreSQL (127.0.0.1:5432, user postgres, trust):
#
#   bash app/bench/idle-queries.sh [JAR] [SECONDS]
#
# Defaults: app/target/modelrun.jar (built when missing), 20 s. Creates the database modelrun_idle (dropped first if
# it exists, and at the end), starts the jar on it with 32 workers and no jobs, waits 15 s for it to settle, then
# prints the database's transactions per second (pg_stat_database: commits and rollbacks) over SECONDS.
set -euo pipefail
jar=${1:-app/target/modelrun.jar}
seconds=${2:-20}
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
if (( $("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p') < 21 )); then
  echo "$java is older than Java 21: set JAVA_HOME to a JDK of at least 21" >&2
  exit 1
fi
if [[ ! -f $jar ]]; then
  ./mvnw -q -B -ntp package -DskipTests -pl app -am
fi
psql_test() { psql -h 127.0.0.1 -U postgres -d test -Atqc "$1"; }
psql_test "DROP DATABASE IF EXISTS modelrun_idle WITH (FORCE)"
psql_test "CREATE DATABASE modelrun_idle"
data=$(mktemp -d)
MODELRUN_DB_URL=jdbc:postgresql://127.0.0.1:5432/modelrun_idle MODELRUN_DB_USER=postgres MODELRUN_DB_PASSWORD= \
  MODELRUN_WORKERS=32 MODELRUN_PORT=0 MODELRUN_DATA_DIR=$data "$java" -Xmx384m -jar "$jar" serve >"$data/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true; psql_test "DROP DATABASE IF EXISTS modelrun_idle WITH (FORCE)"; rm -rf "$data"' EXIT
sleep 15
if ! kill -0 $server 2>/dev/null; then
  echo "the server did not start:" >&2
  cat "$data/server.log" >&2
  exit 1
fi
count() { psql_test "SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = 'modelrun_idle'"; }
before=$(count)
sleep "$seconds"
after=$(count)
echo "idle server, 32 workers: $(( (after - before) / seconds )) transactions/s over $seconds s ($jar)"
