#!/usr/bin/env bash
# One benchmark run on this machine, in one go (docs/performance.md):
#   1. builds the service and starts it with the "bench" profile, on its own database
#      and Redis key prefix, heap capped at 512 MB;
#   2. baselines: pgbench running the SQL of one purchase (app/bench/purchase.sql), and,
#      after a warm-up of the service, the no-I/O liveness endpoint under Gatling;
#   3. the simulations: flash sale, hot seats, browse, the flash sale of seats and then of
#      general-admission places at the same rate, and the flash sale watched;
#   4. writes a summary (throughput, p50/p95/p99, errors by kind, the load generator's
#      CPU share, the service's peak heap) to app/target/bench/<run>/summary.md.
# Only loopback is used; every step is bounded in requests and time. The database and
# key prefix are removed at the end.
#
# Settings (environment): CONCURRENCY (buyers back to back when finding the peak, 64: the
# bench profile's admission bound; with 32 the open run at 200 % sold more than the peak),
# WATCHERS (2000), PGBENCH_SECONDS (20), PORT (18080), SETTLE (10: seconds each measured
# simulation runs first, not counted, while the load generator's fresh JVM compiles),
# SALES_ONLY (unset; 1: only the warm-up, the purchase peak and the two flash sales at
# 70 %, seated and general admission).
set -euo pipefail

cd "$(dirname "$0")/../.."
ROOT=$(pwd)
CONCURRENCY=${CONCURRENCY:-64}
WATCHERS=${WATCHERS:-2000}
PGBENCH_SECONDS=${PGBENCH_SECONDS:-20}
PORT=${PORT:-18080}
SETTLE=${SETTLE:-10}
SALES_ONLY=${SALES_ONLY:-}
RUN=$(date -u +%Y%m%dT%H%M%SZ)
OUT="$ROOT/app/target/bench/$RUN"
DB="boxoffice_bench_$(date +%s)_$$"
PREFIX="bench$$:"
BASE="http://127.0.0.1:$PORT"
mkdir -p "$OUT"
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"

log() { echo "[bench $(date -u +%T)] $*" | tee -a "$OUT/run.log"; }

APP_PID=""
cleanup() {
  if [ -n "$APP_PID" ] && kill -0 "$APP_PID" 2>/dev/null; then
    kill "$APP_PID"; wait "$APP_PID" 2>/dev/null || true
  fi
  [ -n "${SAMPLER_PID:-}" ] && kill "$SAMPLER_PID" 2>/dev/null || true
  psql -q -h 127.0.0.1 -U postgres -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 || true
  redis-cli -h 127.0.0.1 --scan --pattern "${PREFIX}*" | xargs -r -n 500 redis-cli -h 127.0.0.1 DEL >/dev/null || true
}
trap cleanup EXIT

log "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -sr)"
log "building"
./mvnw -B -q -pl app -am -DskipTests package
JAR=$(ls app/target/boxoffice-app-*.jar | grep -v original | head -1)
./mvnw -B -q -pl app -Pload test-compile >/dev/null

log "starting the service (bench profile) on $BASE, database $DB"
psql -q -h 127.0.0.1 -U postgres -d postgres -c "CREATE DATABASE $DB" >/dev/null
java -Xmx512m -XX:+UseG1GC -XX:StartFlightRecording=filename="$OUT/app.jfr",settings=profile,dumponexit=true \
  -jar "$JAR" --spring.profiles.active=bench --server.port="$PORT" \
  --spring.r2dbc.url="r2dbc:postgresql://127.0.0.1:5432/$DB" --boxoffice.redis.key-prefix="$PREFIX" \
  > "$OUT/app.log" 2>&1 &
APP_PID=$!
for _ in $(seq 1 120); do
  curl -fs "$BASE/actuator/health/readiness" >/dev/null 2>&1 && break
  kill -0 "$APP_PID" 2>/dev/null || { log "the service did not start; see $OUT/app.log"; exit 1; }
  sleep 1
done

# The service's heap, every second, for the whole run (from the public Prometheus scrape).
(while kill -0 "$APP_PID" 2>/dev/null; do
   curl -fs "$BASE/actuator/prometheus" \
     | awk '/^jvm_memory_used_bytes\{.*area="heap"/ {sum += $NF} END {if (sum > 0) printf "%d\n", sum}' \
     >> "$OUT/heap.txt" 2>/dev/null || true
   sleep 1
 done) &
SAMPLER_PID=$!

cpu_ticks() { awk '{print $14 + $15 + $16 + $17}' "/proc/$1/stat" 2>/dev/null || echo 0; }

# Runs one simulation under Gatling; records the CPU time of the load generator and of
# the service over it.
simulate() {
  local name=$1 class=$2; shift 2
  log "simulation $name ($*)"
  local app_before; app_before=$(cpu_ticks "$APP_PID")
  local started; started=$(date +%s.%N)
  ./mvnw -B -q -pl app -Pload gatling:test -Dgatling.simulationClass="dev.boxoffice.load.$class" \
    -Dbase-url="$BASE" -Doutcomes-file="$OUT/$name.outcomes.json" -Dbuyers-file="$OUT/buyers.txt" "$@" \
    > "$OUT/$name.gatling.log" 2>&1 &
  local gatling=$!
  # The load generator is Maven's forked JVM: account for Maven and its children together.
  local gen_ticks=0
  while kill -0 "$gatling" 2>/dev/null; do
    local sum=0
    for p in $(pgrep -P "$gatling") $(pgrep -f "GatlingCLI|io.gatling.app" || true); do
      sum=$((sum + $(cpu_ticks "$p")))
    done
    [ "$sum" -gt "$gen_ticks" ] && gen_ticks=$sum
    sleep 1
  done
  local status=0; wait "$gatling" || status=$?
  local ended; ended=$(date +%s.%N)
  local app_after; app_after=$(cpu_ticks "$APP_PID")
  local report; report=$(ls -td app/target/gatling/*/ 2>/dev/null | head -1 || true)
  echo "{\"name\":\"$name\",\"status\":$status,\"seconds\":$(echo "$ended - $started" | bc),\"generatorTicks\":$gen_ticks,\"appTicks\":$((app_after - app_before)),\"ticksPerSecond\":$(getconf CLK_TCK),\"report\":\"$report\"}" \
    > "$OUT/$name.run.json"
  [ "$status" -eq 0 ] || log "simulation $name FAILED (exit $status): see $OUT/$name.gatling.log"
}

if [ -z "$SALES_ONLY" ]; then
  log "baseline: pgbench, the SQL of one purchase, ${PGBENCH_SECONDS}s"
  psql -q -h 127.0.0.1 -U postgres -d "$DB" -f app/bench/purchase-setup.sql >/dev/null
  pgbench -h 127.0.0.1 -U postgres -n -c 8 -j 2 -T "$PGBENCH_SECONDS" -f app/bench/purchase.sql "$DB" \
    > "$OUT/pgbench.txt" 2>&1 || log "pgbench failed: see $OUT/pgbench.txt"
fi

# Warm-up, not measured: a freshly started JVM spends most of its CPU compiling for the
# first minutes (C2 took over 40 % of the service's CPU in a 15 s rush right after start).
simulate warm-up FlashSaleSimulation -Dconcurrency="$CONCURRENCY" -Dduration=90 -Dseats=60000 -Dbuyers=4000
[ -n "$SALES_ONLY" ] || simulate warm-up-baseline BaselineSimulation -Dconcurrency=64 -Dduration=15
# The ceilings, closed model (N clients back to back): the no-I/O endpoint and whole
# purchases (everybody holds and pays with a good card). Holds alone come last: their
# thousands of abandoned holds expire together five minutes later, and the expiry sweep
# would weigh on whatever ran then.
[ -n "$SALES_ONLY" ] || simulate baseline BaselineSimulation -Dconcurrency=64 -Dduration=20 -Dsettle="$SETTLE"
simulate purchase-peak FlashSaleSimulation -Dconcurrency="$CONCURRENCY" -Dduration=20 -Dseats=60000 -Dbuyers=4000 \
  -Dabandon-share=0 -Ddecline-share=0 -Dsettle="$SETTLE"
PEAK=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["buyersPerSecond"])' "$OUT/purchase-peak.outcomes.json")
RATE70=$(python3 -c "print(round(0.7 * $PEAK, 1))")
RATE200=$(python3 -c "print(round(2 * $PEAK, 1))")
log "peak: $PEAK buyers/s; 70 % = $RATE70/s, 200 % = $RATE200/s"
if [ -z "$SALES_ONLY" ]; then
  # Open model at 70 % and at twice the peak, same buyers.
  simulate at-70-percent FlashSaleSimulation -Drate="$RATE70" -Dduration=30 -Dseats=60000 -Dbuyers=4000 \
    -Dabandon-share=0 -Ddecline-share=0 -Dsettle="$SETTLE"
  simulate at-200-percent FlashSaleSimulation -Drate="$RATE200" -Dduration=30 -Dseats=60000 -Dbuyers=4000 \
    -Dabandon-share=0 -Ddecline-share=0 -Dsettle="$SETTLE"
  simulate hot-seats HotSeatsSimulation -Drate=300 -Dattempts=10000 -Dseats=100 -Dbuyers=1000
  simulate browse BrowseSimulation -Drate=50 -Dduration=20 -Dseats=2000
fi
# The same flash sale (the usual mix of buyers) at 70 %: of seats; of general-admission
# places (one pool of 10,000, checked in PostgreSQL at the end); then of seats with watchers.
simulate unwatched-sale FlashSaleSimulation -Drate="$RATE70" -Dduration=20 -Dseats=15000 -Dbuyers=4000 \
  -Dsettle="$SETTLE"
simulate ga-sale FlashSaleSimulation -Dmode=ga -Drate="$RATE70" -Dduration=20 -Dplaces=10000 -Dbuyers=4000 \
  -Dsettle="$SETTLE" -Ddb-url="jdbc:postgresql://127.0.0.1:5432/$DB" -Ddb-user=postgres
[ -n "$SALES_ONLY" ] || simulate watched-sale WatchersSimulation -Drate="$RATE70" -Dduration=20 -Dseats=15000 -Dbuyers=4000 \
  -Dwatchers="$WATCHERS" -Dsettle="$SETTLE"
[ -n "$SALES_ONLY" ] || simulate hold-peak FlashSaleSimulation -Dconcurrency="$CONCURRENCY" -Dduration=20 -Dseats=60000 -Dbuyers=4000 \
  -Dabandon-share=1 -Ddecline-share=0 -Dsettle="$SETTLE"

python3 app/bench/summarize.py "$OUT" > "$OUT/summary.md"
log "summary: $OUT/summary.md"
cat "$OUT/summary.md"
