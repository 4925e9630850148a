#!/usr/bin/env bash
# Benchmark of product listing: one page of GET /products?category=x&limit=20 and of
# GET /products?limit=20 with 1,000 and with 20,000 products stored, and the p50 ratio.
#   bash bench/products-list.sh        (builds first if the jars are missing)
#   BENCH_SECONDS=5 bash bench/products-list.sh
set -euo pipefail
cd "$(dirname "$0")/.."

. bench/find-java.sh

if [ ! -f local/target/shopfront-local.jar ] || [ ! -f functions/products/target/products.jar ]; then
  mvn -q -DskipTests package
fi

exec "$JAVA" -Dbench.seconds="${BENCH_SECONDS:-15}" bench/ProductsListBenchmark.java
