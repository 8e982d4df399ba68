#!/usr/bin/env bash
# The load and soak harness of issue 10 (see BENCHMARKS.md). Not a test and not run by the build. From the repository
# root, with a JDK of at least 21:
#
#   bash app/bench/soak.sh [h2|pg] [soak|overload] [MINUTES]
#
# Defaults: h2, soak, 10 minutes (2 for overload). Builds app/target/modelrun.jar and the harness (test classes of
# app: dev.modelrun.app.soak.SoakHarness) when either is missing, or with BUILD=1. The harness starts the jar as its
# own process (-Xmx512m, a fresh data dir under /tmp; with pg a fresh schema of the `test` database on
# 127.0.0.1:5432, dropped at the end) with 16 API keys, then:
#   1. warm-up, 20 s, and calibration, 30 s: 32 closed-loop senders submit the job mix (50% text jobs of 1-5 items,
#      30% embedded jobs of 1-3 items, 20% CSV uploads of 50-200 rows) while the server's queue holds at most 200
#      items, so they go as fast as the server works jobs off; the maximum is the lower of the accepted submits and
#      the finished jobs per second; then it waits for those jobs to end;
#   2. load: one job every 1/rate s (open loop) at 0.8 x that maximum (soak), or at 3 x with
#      MODELRUN_MAX_QUEUED_ITEMS=2000 (overload), from the 16 clients in turn (each with at most 16 requests under
#      way), while pollers follow every accepted job to its end (1 s after it was accepted, then every quarter of its
#      age, 1-5 s apart, as a patient client would) and check its status, counters and results (per item, or the
#      output file through its result link);
#   3. a row every 10 s: accepted and 429 submits/s, jobs ended/s, the window's p99 submit latency, jobs followed,
#      the server's queue, CPU, heap, old gen after GC, resident memory and 5xx, the harness's CPU, the load average;
#   4. a report: submit latency p50/p95/p99/max (and the server's own, from its histogram), HTTP statuses, jobs
#      correct/wrong/lost/stuck (after at most 180 s), each key's job count on the server, heap drift, and PASS/FAIL
#      per target. Exit status 1 when one is missed (the server's data and log are then kept; the directory is
#      printed).
# Knobs (system properties in SOAK_OPTS, e.g. SOAK_OPTS="-Dsoak.calibrationSeconds=60"): soak.warmUpSeconds,
# soak.calibrationSeconds, soak.gateItems, soak.maxRate (skip calibration), soak.loadFactor, soak.clients,
# soak.connectionsPerClient, soak.sampleSeconds, soak.settleSeconds, soak.maxQueuedItems, soak.serverJvmOptions,
# soak.keep=true, soak.pgUrl, soak.pgUser. SOAK_OPTS is split on whitespace; the server's JVM options, which hold
# spaces, go in SOAK_SERVER_JVM_OPTIONS instead (e.g. SOAK_SERVER_JVM_OPTIONS="-Xmx512m -XX:+UseZGC"; default -Xmx512m).
# Stopping the harness (Ctrl-C, SIGTERM) stops its server too.
set -euo pipefail

JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
JAR="$ROOT/app/target/modelrun.jar"
CLASSES="$ROOT/app/target/test-classes"

if [[ ! -f "$JAR" || ! -f "$CLASSES/dev/modelrun/app/soak/SoakHarness.class" || "${BUILD:-0}" == 1 ]]; then
  (cd "$ROOT" && JAVA_HOME="$JAVA_HOME" ./mvnw -q -B -ntp -pl app -am package -DskipTests)
fi

server_options=()
if [[ -n "${SOAK_SERVER_JVM_OPTIONS:-}" ]]; then
  server_options=("-Dsoak.serverJvmOptions=$SOAK_SERVER_JVM_OPTIONS")
fi
# shellcheck disable=SC2086 # SOAK_OPTS holds several options
exec "$JAVA_HOME/bin/java" ${SOAK_OPTS:-} "${server_options[@]}" -Dsoak.jar="$JAR" -cp "$CLASSES:$JAR" \
  dev.modelrun.app.soak.SoakHarness "$@"
