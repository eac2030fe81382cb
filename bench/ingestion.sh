#!/usr/bin/env bash
# Touchpoint ingestion benchmark: starts Atrium on an embedded PostgreSQL (under target/bench-data), sends
# batches of touchpoints over HTTP from N threads, prints events/s and per-batch latency percentiles, then
# times the COPY bulk load. Arguments are key=value (see io.atrium.bench.IngestionBenchmark), e.g.:
#   bench/ingestion.sh threads=8 seconds=30 bulk=10000000
#   bench/ingestion.sh mode=segment bulk=0
#   bench/ingestion.sh listeners=true bulk=0      # with three outbox listeners of TouchpointRecorded
# Classes are copied to target/bench-run first, so a rebuild during the run does not disturb it.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
rm -rf target/bench-run && mkdir -p target/bench-run
cp -r target/classes target/test-classes target/bench-run/
exec java -Xms1g -Xmx2g \
  -cp "target/bench-run/test-classes:target/bench-run/classes:$(cat target/bench-classpath.txt)" \
  io.atrium.bench.IngestionBenchmark "$@"
