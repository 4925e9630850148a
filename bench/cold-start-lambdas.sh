#!/usr/bin/env bash
# Re-makes functions/shrink/cold-start-lambdas.txt: the classes of the function artifacts whose lambdas the
# benchmarked cold starts (bench/coldstart.sh: GetProduct, GetUser, CreateProduct, ListProducts, the
# authorizer) create, read from one class-load log per function. Run it after a change to what those paths
# load, then `mvn package` writes those lambdas as classes (functions/shrink/Desugar.java). A class missing
# from the list costs only speed: its lambdas are spun at run time, as before.
set -euo pipefail
cd "$(dirname "$0")/.."
logs=bench/target/cold-start-lambdas
rm -rf "$logs"
BENCH_RUNS=1 BENCH_PRIMED=false BENCH_CLASS_LOG="$logs" bash bench/coldstart.sh >/dev/null
list=functions/shrink/cold-start-lambdas.txt
{
  sed -n '/^#/p' "$list"
  # A lambda's class is named after the class that holds it: spun, Host$$Lambda/0x...; written, Host$$Lambda$N.
  for log in "$logs"/*.log; do
    case "$(basename "$log")" in floor-*) continue ;; esac
    grep -o -E '\] [^ ]+\$\$Lambda' "$log" | sed -E 's/^\] //; s/\$\$Lambda$//'
  done | grep '\.' | grep -v -E '^(java|javax|jdk|sun|com\.sun|bench)\.' | LC_ALL=C sort -u
} > "$list.new"
mv "$list.new" "$list"
echo "$(grep -c -v '^#' "$list") classes in $list"
