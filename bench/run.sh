#!/usr/bin/env bash
# The benchmark of issue 8: one command, one table. See bench/README.md.
#   bash bench/run.sh [--reps N] [--sizes 1,5,10,25,50] [--inc-envs 50 | --no-incremental] [--test-cmd "mvn -q verify"] [--no-test-cmd]
#   BENCH_MVN_OPTS=-o runs Maven offline; BENCH_CONTEXT='{"key": value}' adds context keys to every run.
# Builds the project once with Maven, compiles bench/java against it (into target/bench, never into the
# library jar), then runs every measurement as a plain `java -cp` process.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
OUT="$ROOT/target/bench"
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=20

echo "[bench] building the project (mvn -q compile) ..." >&2
mvn ${BENCH_MVN_OPTS:-} -q compile
mvn ${BENCH_MVN_OPTS:-} -q dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile="$OUT/classpath.txt" >/dev/null
CP="$ROOT/target/classes:$(cat "$OUT/classpath.txt")"
rm -rf "$OUT/classes"
javac --release 17 -nowarn -d "$OUT/classes" -cp "$CP" bench/java/io/securevpc/bench/*.java
CP="$OUT/classes:$CP"

exec java -Dbench.cp="$CP" -Dbench.classes="$ROOT/target/classes" -cp "$CP" io.securevpc.bench.BenchRunner "$@"
