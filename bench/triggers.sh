#!/usr/bin/env bash
# Benchmark of the event-driven paths through the local API: an import of 1,000 items from 202 to
# done (SQS trigger), and the clean-up of a user with 1,000 products from 204 to the last product
# gone (DynamoDB stream trigger). Medians of BENCH_RUNS runs after a warm-up run.
#   bash bench/triggers.sh             (builds first if the jars are missing)
#   BENCH_ITEMS=100 BENCH_RUNS=5 bash bench/triggers.sh
set -euo pipefail
cd "$(dirname "$0")/.."

. bench/find-java.sh

if [ ! -f local/target/shopfront-local.jar ] || [ ! -f functions/imports/target/imports.jar ]; then
  mvn -q -DskipTests package
fi

"$JAVA" -Dbench.items="${BENCH_ITEMS:-1000}" -Dbench.runs="${BENCH_RUNS:-3}" bench/TriggersBenchmark.java
