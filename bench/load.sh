#!/usr/bin/env bash
# Mixed HTTP load test at fixed rates (see io.atrium.bench.LoadTest): ingestion batches and single events,
# customer 360 reads, analytics, assistant questions and workflow sends; prints requests/s and latency
# percentiles per request type. Without url= it starts Atrium itself with a demo mall. Examples:
#   bench/load.sh seconds=60                                   # default mix on a 10,000-customer demo mall
#   bench/load.sh customers=100000 rate.customer_360=1000 rate.ingest_single=0
#   bench/load.sh url=http://lb.internal:8080 user=admin password=... seconds=1800 report=60   # soak, a line a minute
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
rm -rf target/bench-run && mkdir -p target/bench-run
cp -r target/classes target/test-classes target/bench-run/
ulimit -n 65536 2>/dev/null || true  # one socket per in-flight request at high rates
exec java -Xms1g -Xmx2g \
  -cp "target/bench-run/test-classes:target/bench-run/classes:$(cat target/bench-classpath.txt)" \
  io.atrium.bench.LoadTest "$@"
