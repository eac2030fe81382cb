#!/usr/bin/env bash
# Scale-out on one machine: N Atrium nodes, each its own process under its own CPU quota (a small machine of its
# own), against one PostgreSQL under a quota of its own, loaded by io.atrium.bench.IngestionBenchmark. Compare
# nodes=1 with nodes=2: with the quotas the second node brings its own CPU, as it would on its own machine, and
# whatever stops the throughput from doubling is shared: the database. Needs root and the cgroup v1 "cpu"
# controller (/sys/fs/cgroup/cpu). Arguments are key=value:
#   bench/scale-out.sh nodes=1 node_cpu=0.4 db_cpu=1.0 threads=16 seconds=30 warmup=10
#   bench/scale-out.sh nodes=2 node_cpu=0.4 db_cpu=1.0 threads=16 seconds=30 warmup=10
set -euo pipefail
cd "$(dirname "$0")/.."
nodes=2 node_cpu=0.4 db_cpu=1.0 threads=16 seconds=30 warmup=10 customers=20000
for arg in "$@"; do
  case "$arg" in
    nodes=*|node_cpu=*|db_cpu=*|threads=*|seconds=*|warmup=*|customers=*) declare "${arg%%=*}=${arg#*=}" ;;
    *) echo "unknown argument: $arg" >&2; exit 2 ;;
  esac
done
cpu=/sys/fs/cgroup/cpu
if [ ! -w "$cpu" ]; then
  echo "needs root and the cgroup v1 cpu controller at $cpu" >&2
  exit 2
fi
quota() { awk -v c="$1" 'BEGIN { printf "%d", c * 100000 }'; }
group() { mkdir -p "$cpu/atrium-scale/$1"; echo 100000 > "$cpu/atrium-scale/$1/cpu.cfs_period_us";
  quota "$2" > "$cpu/atrium-scale/$1/cpu.cfs_quota_us"; }
cores() { # CPU seconds used so far by the processes in a group
  local total=0
  for p in $(cat "$cpu/atrium-scale/$1/cgroup.procs"); do
    total=$((total + $(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || echo 0)))
  done
  echo "$total"
}

mvn -q -DskipTests package
mvn -q test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
rm -rf target/bench-run target/bench-data/scale && mkdir -p target/bench-run target/bench-data/scale
cp -r target/classes target/test-classes target/bench-run/
cp target/atrium-*.jar target/bench-run/atrium.jar
data=$PWD/target/bench-data/scale
common=(--atrium.data-directory="$data" --atrium.demo.load-on-first-start=false
  --atrium.admin.password=bench-admin-password --atrium.database.max-pool-size=20
  --atrium.security.ingestion-per-second=1000000 --atrium.security.ingestion-burst=1000000
  --logging.level.root=warn --spring.main.banner-mode=off)

pids=()
cleanup() {
  # the other nodes first: node 1 owns the database
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do kill "${pids[$i]}" 2>/dev/null || true; wait "${pids[$i]}" 2>/dev/null || true; done
  for g in "$cpu"/atrium-scale/*/; do
    [ -d "$g" ] && { cat "$g/cgroup.procs" > "$cpu/cgroup.procs" 2>/dev/null || true; rmdir "$g"; }
  done
  rmdir "$cpu/atrium-scale" 2>/dev/null || true
}
trap cleanup EXIT
group db "$db_cpu"
await() { for _ in $(seq 1 120); do curl -sf "$1/actuator/health" > /dev/null && return 0; sleep 1; done;
  echo "node $1 did not start" >&2; exit 1; }

# node 1 starts the embedded PostgreSQL; the database's processes then move to a group of their own
group n1 "$node_cpu"
(echo "$BASHPID" > "$cpu/atrium-scale/n1/cgroup.procs"; exec java -Xmx1g -jar target/bench-run/atrium.jar \
  --server.port=18101 --atrium.database.embedded-directory="$data/pg" --atrium.database.embedded-ephemeral=true \
  "${common[@]}" > "$data/node1.log" 2>&1) &
pids+=($!)
await http://localhost:18101
postmaster=$(pgrep -f -- "-D $data/pg" | head -1)
# the postmaster and every backend it has forked (node 1's pool is already open); later backends inherit the group
for p in "$postmaster" $(pgrep -P "$postmaster"); do echo "$p" > "$cpu/atrium-scale/db/cgroup.procs" || true; done
port=$(tr '\0' ' ' < "/proc/$postmaster/cmdline" | grep -o -- ' -p [0-9]*' | awk '{print $2}')
urls=http://localhost:18101
for n in $(seq 2 "$nodes"); do
  group "n$n" "$node_cpu"
  (echo "$BASHPID" > "$cpu/atrium-scale/n$n/cgroup.procs"; exec java -Xmx1g -jar target/bench-run/atrium.jar \
    --server.port=$((18100 + n)) --atrium.database.url="jdbc:postgresql://127.0.0.1:$port/atrium" \
    --atrium.database.username=postgres --db-scheduler.scheduler-name="scale-node-$n" \
    --ATRIUM_REPUBLISH_ON_RESTART=false "${common[@]}" > "$data/node$n.log" 2>&1) &
  pids+=($!)
  await "http://localhost:$((18100 + n))"
  urls="$urls,http://localhost:$((18100 + n))"
done

echo "nodes=$nodes, each under a quota of $node_cpu core; PostgreSQL under $db_cpu core; client unconstrained"
java -Xmx1g -cp "target/bench-run/test-classes:target/bench-run/classes:$(cat target/bench-classpath.txt)" \
  io.atrium.bench.IngestionBenchmark urls="$urls" threads="$threads" seconds="$seconds" warmup="$warmup" \
  customers="$customers" &
client=$!
sleep $((warmup + 5))
declare -A before
for g in db $(seq -f 'n%g' 1 "$nodes"); do before[$g]=$(cores "$g"); done
sleep $((seconds - 10))
line="CPU over $((seconds - 10)) s of the measured run, in cores:"
for g in db $(seq -f 'n%g' 1 "$nodes"); do
  line="$line $g $(awk -v a="${before[$g]}" -v b="$(cores "$g")" -v s=$((seconds - 10)) 'BEGIN { printf "%.2f", (b - a) / 100 / s }')"
done
wait "$client"
echo "$line"
# what the listening modules (journey, scoring, segments, analytics, automation) had still to do when the load ended
echo "event publications not yet completed: $(psql -h 127.0.0.1 -p "$port" -U postgres -d atrium -Atc \
  'select count(*) from event_publication where completion_date is null' 2>/dev/null || echo unknown)"
for g in db $(seq -f 'n%g' 1 "$nodes"); do
  echo "$g throttled: $(awk '/nr_throttled/ {print $2}' "$cpu/atrium-scale/$g/cpu.stat") of $(awk '/nr_periods/ {print $2}' "$cpu/atrium-scale/$g/cpu.stat") periods"
done
