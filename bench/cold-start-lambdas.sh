#!/usr/bin/env bash
# Re-makes functions/shrink/cold-start-lambdas/<artifact>.txt: the classes whose lambdas the cold starts of the
# artifact's benchmarked functions create, and how many, read from one class-load log per function
# (bench/coldstart.sh with BENCH_CLASS_LOG). The functions run from ProGuard's output, before any lambda is written
# as a class, so that every lambda shows as spun. Run after `mvn package`, when what those paths load has changed;
# the next `mvn package` writes the listed lambdas as classes (functions/shrink/Desugar.java). A class missing from a
# list costs only speed: its lambdas are spun at run time, as before.
set -euo pipefail
cd "$(dirname "$0")/.."
logs=bench/target/cold-start-lambdas
rm -rf "$logs"
declare -A functions=(
  [products]="GetProductFunction CreateProductFunction ListProductsFunction"
  [users]="GetUserFunction"
  [auth]="AuthorizerFunction")
rows=""
extra=""
for artifact in "${!functions[@]}"; do
  for function in ${functions[$artifact]}; do
    rows="$rows${rows:+,}$artifact-$function"
    extra="$extra${extra:+,}$artifact-$function=$function=functions/$artifact/target/shaded/$artifact-shrunk.jar"
  done
done
BENCH_RUNS=1 BENCH_PRIMED=false BENCH_CLASS_LOG="$logs" BENCH_FUNCTIONS="$rows" BENCH_EXTRA="$extra" \
  bash bench/coldstart.sh >/dev/null
mkdir -p functions/shrink/cold-start-lambdas
for artifact in "${!functions[@]}"; do
  list=functions/shrink/cold-start-lambdas/$artifact.txt
  {
    echo "# Written by bench/cold-start-lambdas.sh: the classes of $artifact.jar whose lambdas the cold starts of"
    echo "# ${functions[$artifact]// /, } create, and how many (the most of any one start). functions/shrink/Desugar.java"
    echo "# writes a listed class's lambdas as classes when that many are at least a quarter of its lambda sites."
    # A spun lambda's class is named after the class that holds it: Host\$\$Lambda/0x...
    for function in ${functions[$artifact]}; do
      grep -o -E '\] [^ ]+\$\$Lambda/' "$logs/$artifact-$function.log" | sed -E 's/^\] //; s/\$\$Lambda\/$//' | sort | uniq -c
    done | awk '$1 > most[$2] { most[$2] = $1 } END { for (name in most) print name, most[name] }' \
      | grep '\.' | grep -v -E '^(java|javax|jdk|sun|com\.sun|bench)\.' | LC_ALL=C sort
  } > "$list.new"
  mv "$list.new" "$list"
  echo "$(grep -c -v '^#' "$list") classes in $list"
done
