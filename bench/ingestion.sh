#!/usr/bin/env bash
# Touchpoint ingestion benchmark: starts Atrium on an embedded PostgreSQL (under target/bench-data), sends
# batches of touchpoints over HTTP from N threads, prints events/s and latency percentiles, then times the
# COPY bulk load. Arguments are key=value, e.g.:
#   bench/ingestion.sh threads=8 seconds=30 mode=native bulk=10000000
#   bench/ingestion.sh mode=segment bulk=0
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -o test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
exec java -Xms1g -Xmx2g -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  io.atrium.bench.IngestionBenchmark "$@"
