#!/usr/bin/env bash
# Cold starts of GetProduct, GetUser, CreateProduct, ListProducts and the authorizer, each in fresh
# JVMs (JDK 25) against one dynalite on loopback, loaded and invoked as the Lambda Java runtime does,
# beside two constant handlers (the floors). Medians and min-max of BENCH_RUNS starts per function.
#   bash bench/coldstart.sh                        (builds first if the jars are missing)
#   BENCH_RUNS=5 BENCH_JVM_OPTIONS="-XX:TieredStopAtLevel=1" bash bench/coldstart.sh
# Switches (all optional):
#   BENCH_FUNCTIONS="GetProduct,floor (stream)"   only these rows
#   BENCH_EXTRA="GetProduct (main)=GetProductFunction=/tmp/products.jar,..."   the same function from another
#                                                  artifact (another commit, another HTTP client), in the same run
#   BENCH_PRIMED=false                             cold starts only
#   BENCH_CLASS_LOG=bench/target/classes-loaded    each row's first cold start writes -Xlog:class+load there
#   BENCH_WARM_CALLS=3000                          per run, one warm round of GetItem calls per GetProduct row
#   BENCH_WARM_INVOCATIONS=2000                    each cold start then times this many warm handler invocations
set -euo pipefail
cd "$(dirname "$0")/.."

. bench/find-java.sh
JAVAC="$(dirname "$JAVA")/javac"

if [ ! -f local/target/shopfront-local.jar ] || [ ! -f functions/products/target/products.jar ]; then
  mvn -q -B -DskipTests package
fi

# The runtime's own libraries, as on Lambda: the handler interfaces and the event serializer sit
# outside the function's class loader.
repo="${MAVEN_REPOSITORY:-$HOME/.m2/repository}/com/amazonaws"
core=$(ls "$repo"/aws-lambda-java-core/*/aws-lambda-java-core-*.jar | grep -v sources | sort -V | tail -1)
serialization=$(ls "$repo"/aws-lambda-java-serialization/*/aws-lambda-java-serialization-*.jar | grep -v sources | sort -V | tail -1)
events=$(ls "$repo"/aws-lambda-java-events/*/aws-lambda-java-events-*.jar | grep -v sources | sort -V | tail -1)

out=bench/target/coldstart
rm -rf "$out" && mkdir -p "$out/harness" "$out/floor"
"$JAVAC" -d "$out/harness" -cp "$core:$serialization" bench/coldstart/ColdStartHarness.java bench/coldstart/crac/*.java
"$JAVAC" -d "$out/floor" -cp "$core:$events" bench/coldstart/ConstantPojoHandler.java bench/coldstart/ConstantStreamHandler.java
mkdir -p "$out/warm"
"$JAVAC" -d "$out/warm" -cp functions/products/target/products.jar bench/coldstart/WarmGetItem.java

"$JAVA" -cp local/target/shopfront-local.jar \
  -Dbench.runs="${BENCH_RUNS:-10}" \
  -Dbench.harnessClasspath="$out/harness:$core:$serialization" \
  -Dbench.floorClasses="$out/floor" \
  -Dbench.jvmOptions="${BENCH_JVM_OPTIONS:-}" \
  -Dbench.functions="${BENCH_FUNCTIONS:-}" \
  -Dbench.extra="${BENCH_EXTRA:-}" \
  -Dbench.primed="${BENCH_PRIMED:-true}" \
  -Dbench.classLog="${BENCH_CLASS_LOG:-}" \
  -Dbench.warmCalls="${BENCH_WARM_CALLS:-0}" \
  -Dbench.warmInvocations="${BENCH_WARM_INVOCATIONS:-0}" \
  -Dbench.warmClasses="$out/warm" \
  bench/ColdStartBenchmark.java
