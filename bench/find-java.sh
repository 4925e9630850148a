# Sourced by the benchmark scripts: sets JAVA to a JDK 25 java, from $JAVA_HOME, then the
# PATH, then the usual Linux JDK folder (the build finds it through Maven toolchains instead).
find_java() {
  for candidate in "${JAVA_HOME:-}/bin/java" "$(command -v java || true)" /usr/lib/jvm/*/bin/java; do
    if [ -x "$candidate" ] && "$candidate" -version 2>&1 | grep -q 'version "25'; then
      echo "$candidate"; return 0
    fi
  done
  echo "No JDK 25 found: set JAVA_HOME" >&2; return 1
}
JAVA=$(find_java)
