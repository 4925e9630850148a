#!/usr/bin/env bash
# Benchmark of the local API: start-to-ready time, then requests/s and p50/p99 of
# GET /users/{id} and POST /users for 30 s each at a fixed concurrency.
#   bash bench/local-api.sh            (builds first if the jars are missing)
#   BENCH_SECONDS=10 BENCH_CONCURRENCY="2 8" bash bench/local-api.sh   (one run per concurrency)
#   BENCH_JAR=/tmp/other-build.jar bash bench/local-api.sh              (another build of the local API)
#   BENCH_ARCHIVE=false bash bench/local-api.sh                         (plain `java -jar`, without the Launcher and its start-up cache)
set -euo pipefail
cd "$(dirname "$0")/.."

. bench/find-java.sh

if [ ! -f local/target/shopfront-local.jar ] || [ ! -f functions/users/target/users.jar ]; then
  mvn -q -DskipTests package
fi

for concurrency in ${BENCH_CONCURRENCY:-1 4}; do
  "$JAVA" -Dbench.jar="${BENCH_JAR:-local/target/shopfront-local.jar}" -Dbench.archive="${BENCH_ARCHIVE:-true}" -Dbench.seconds="${BENCH_SECONDS:-30}" -Dbench.concurrency="$concurrency" bench/LocalApiBenchmark.java
done
