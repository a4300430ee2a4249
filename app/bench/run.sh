#!/usr/bin/env bash
# One benchmark run on this machine, in one go (docs/performance.md):
#   1. builds the service and starts it with the "bench" profile, on its own database
#      and Redis key prefix, heap capped at 512 MB;
#   2. baselines: pgbench running the SQL of one purchase (app/bench/purchase.sql), and,
#      after a warm-up of the service, the no-I/O liveness endpoint under Gatling, then
#      a request with a token that stops after the token's check (a 404), and one that
#      adds a PostgreSQL read (GET /api/me): what any request pays before its feature;
#   3. the simulations: flash sale (peak, 70 %, 2.5 times the peak), hot seats, browse,
#      the flash sale of seats and then of general-admission places at the same rate,
#      the flash sale watched, the peaks of general admission and of holds; then, the
#      service restarted with a slow payment provider, the flash sale at SLOW_RATE; then,
#      restarted with short holds and offers, a sold-out event's waitlist wave;
#   4. writes a summary (throughput, p50/p95/p99, errors by kind, the CPU of the
#      service, PostgreSQL, Redis and the load generator per confirmed purchase and per
#      successful hold, from /proc, the service's peak heap) to
#      app/target/bench/<run>/summary.md.
# Only loopback is used; every step is bounded in requests and time. The database and
# key prefix are removed at the end.
#
# Settings (environment): CONCURRENCY (buyers back to back when finding the peak, 64: the
# bench profile's admission bound; with 32 the open run at 200 % sold more than the peak),
# WATCHERS (2000), PGBENCH_SECONDS (20), PORT (18080), SETTLE (10: seconds each measured
# simulation runs first, not counted, while the load generator's fresh JVM compiles),
# SALES_ONLY (unset; 1: no hot seats, browsing, watchers, hold peak or slow
# provider: the baselines (pgbench included), the purchase peak, 70 % and 250 %, the two flash sales at 70 %,
# seated and general admission, and the general-admission peak), SLOW_PAYMENT
# (100ms: the provider's latency in its step) and SLOW_RATE (buyers/s in it; unset: 100,
# the issue's rate, unless that is above 70 % of the peak, then 70 % of the peak, so that
# what it shows is the provider's latency, not an overload), SOAK_MINUTES (unset; N: after
# the baselines and the warm-up, only the heap soak: N minutes of the usual flash sale at
# SOAK_RATE buyers/s, 100, the live heap measured after each; see soak.py), FLOOR_ROUNDS
# (unset; N: after the baselines and the warm-up, only the hold's floor, N rounds of the
# no-I/O request, the token's check alone, the token and one read, the hold peak, and the
# hold peak with every buyer naming seats, with holds of 20 s waited out after each hold
# peak; see floor.py).
set -euo pipefail

cd "$(dirname "$0")/../.."
ROOT=$(pwd)
CONCURRENCY=${CONCURRENCY:-64}
WATCHERS=${WATCHERS:-2000}
PGBENCH_SECONDS=${PGBENCH_SECONDS:-20}
PORT=${PORT:-18080}
SETTLE=${SETTLE:-10}
SALES_ONLY=${SALES_ONLY:-}
SLOW_PAYMENT=${SLOW_PAYMENT:-100ms}
SLOW_RATE=${SLOW_RATE:-}
SOAK_MINUTES=${SOAK_MINUTES:-}
SOAK_RATE=${SOAK_RATE:-100}
FLOOR_ROUNDS=${FLOOR_ROUNDS:-}
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
  [ -n "${CPU_SAMPLER_PID:-}" ] && kill "$CPU_SAMPLER_PID" 2>/dev/null || true
  psql -q -h 127.0.0.1 -U postgres -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 || true
  redis-cli -h 127.0.0.1 --scan --pattern "${PREFIX}*" | xargs -r -n 500 redis-cli -h 127.0.0.1 DEL >/dev/null || true
}
trap cleanup EXIT

log "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -sr)"
log "building"
./mvnw -B -q -pl app -am -DskipTests package
JAR=$(ls app/target/boxoffice-app-*.jar | grep -v original | head -1)
./mvnw -B -q -pl app -Pload test-compile >/dev/null

# Starts the service with the bench profile and any further settings given; samples its
# heap (from the public Prometheus scrape) every second, and the CPU of every process of
# the run from /proc every 0.2 s (app/bench/cpu.py), until it stops.
start_service() {
  log "starting the service (bench profile${*:+, $*}) on $BASE, database $DB"
  java -Xmx512m -XX:+UseG1GC -XX:StartFlightRecording=filename="$OUT/app$SERVICE_RUN.jfr",settings=profile,dumponexit=true \
    -jar "$JAR" --spring.profiles.active=bench --server.port="$PORT" \
    --spring.r2dbc.url="r2dbc:postgresql://127.0.0.1:5432/$DB" --boxoffice.redis.key-prefix="$PREFIX" "$@" \
    >> "$OUT/app.log" 2>&1 &
  APP_PID=$!
  for _ in $(seq 1 120); do
    curl -fs "$BASE/actuator/health/readiness" >/dev/null 2>&1 && break
    kill -0 "$APP_PID" 2>/dev/null || { log "the service did not start; see $OUT/app.log"; exit 1; }
    sleep 1
  done
  (while kill -0 "$APP_PID" 2>/dev/null; do
     curl -fs "$BASE/actuator/prometheus" \
       | awk '/^jvm_memory_used_bytes\{.*area="heap"/ {sum += $NF} END {if (sum > 0) printf "%d\n", sum}' \
       >> "$OUT/heap$SERVICE_RUN.txt" 2>/dev/null || true
     sleep 1
   done) &
  SAMPLER_PID=$!
  python3 app/bench/cpu.py sample "$OUT/cpu.tsv" "$APP_PID" "$DB" &
  CPU_SAMPLER_PID=$!
  SERVICE_RUN=$((SERVICE_RUN + 1))
}

stop_service() {
  kill "$APP_PID" 2>/dev/null || true
  wait "$APP_PID" 2>/dev/null || true
  wait "$SAMPLER_PID" "$CPU_SAMPLER_PID" 2>/dev/null || true
}

psql -q -h 127.0.0.1 -U postgres -d postgres -c "CREATE DATABASE $DB" >/dev/null
SERVICE_RUN=""
BUYERS_FILE=buyers.txt
if [ -n "$FLOOR_ROUNDS" ]; then
  # Each round's abandoned holds expire before the next round starts.
  start_service --boxoffice.holds.ttl=20s
else
  start_service
fi

# Runs one simulation under Gatling (its CPU, and every other process's, is in cpu.tsv).
simulate() {
  local name=$1 class=$2; shift 2
  log "simulation $name ($*)"
  local started; started=$(date +%s.%N)
  local status=0
  ./mvnw -B -q -pl app -Pload gatling:test -Dgatling.simulationClass="dev.boxoffice.load.$class" \
    -Dbase-url="$BASE" -Doutcomes-file="$OUT/$name.outcomes.json" -Dbuyers-file="$OUT/$BUYERS_FILE" "$@" \
    > "$OUT/$name.gatling.log" 2>&1 || status=$?
  local ended; ended=$(date +%s.%N)
  local report; report=$(ls -td app/target/gatling/*/ 2>/dev/null | head -1 || true)
  echo "{\"name\":\"$name\",\"status\":$status,\"seconds\":$(echo "$ended - $started" | bc),\"report\":\"$ROOT/$report\"}" \
    > "$OUT/$name.run.json"
  [ "$status" -eq 0 ] || log "simulation $name FAILED (exit $status): see $OUT/$name.gatling.log"
}

# PostgreSQL's CPU per purchase transaction comes from cpu.tsv over the window written
# here (the service idles meanwhile). In every run: the first cost target is judged
# against it within the run.
log "baseline: pgbench, the SQL of one purchase, ${PGBENCH_SECONDS}s"
psql -q -h 127.0.0.1 -U postgres -d "$DB" -f app/bench/purchase-setup.sql >/dev/null
sleep 1
from_ms=$(date +%s%3N)
pgbench -h 127.0.0.1 -U postgres -n -c 8 -j 2 -T "$PGBENCH_SECONDS" -f app/bench/purchase.sql "$DB" \
  > "$OUT/pgbench.txt" 2>&1 || log "pgbench failed: see $OUT/pgbench.txt"
to_ms=$(date +%s%3N)
echo "{\"windowFromEpochMs\":$from_ms,\"windowToEpochMs\":$to_ms}" > "$OUT/pgbench.window.json"
sleep 1

# Warm-up, not measured: a freshly started JVM spends most of its CPU compiling for the
# first minutes (C2 took over 40 % of the service's CPU in a 15 s rush right after start).
simulate warm-up FlashSaleSimulation -Dconcurrency="$CONCURRENCY" -Dduration=90 -Dseats=60000 -Dbuyers=4000
simulate warm-up-baseline BaselineSimulation -Dconcurrency=64 -Dduration=15

# The heap soak: the usual flash sale a minute at a time (an event of 20,000 seats each),
# and after each minute the live heap: a full collection asked of the JVM (jcmd GC.run,
# outside the sale), then the heap in use. Flat means that nothing a sale leaves behind
# stays reachable; the heap's peaks say little of that, since G1 leaves old garbage until
# it needs the room.
live_heap_mb() {
  jcmd "$APP_PID" GC.run >/dev/null
  curl -fs "$BASE/actuator/prometheus" \
    | awk '/^jvm_memory_used_bytes\{.*area="heap"/ {sum += $NF} END {printf "%.1f\n", sum / 1048576}'
}
# The hold's floor: what a request pays before its feature, beside what a hold costs, in
# interleaved rounds, so that the machine's drift falls on every step alike.
floor_steps() {
  local suffix=$1
  simulate "baseline$suffix" BaselineSimulation -Dconcurrency=64 -Dduration=20 -Dsettle="$SETTLE"
  simulate "token-check$suffix" BaselineSimulation -Dconcurrency=64 -Dduration=20 -Dprobe=token -Dsettle="$SETTLE"
  simulate "token-read$suffix" BaselineSimulation -Dconcurrency=64 -Dduration=20 -Dprobe=read -Dsettle="$SETTLE"
}
if [ -n "$FLOOR_ROUNDS" ]; then
  for round in $(seq 1 "$FLOOR_ROUNDS"); do
    floor_steps "-$round"
    simulate "hold-peak-$round" FlashSaleSimulation -Dconcurrency="$CONCURRENCY" -Dduration=20 -Dseats=60000 \
      -Dbuyers=4000 -Dabandon-share=1 -Ddecline-share=0 -Dsettle="$SETTLE"
    log "waiting out the round's holds (20 s) and their sweep"
    sleep 30
    # The same with every buyer naming seats (side by side from a random place): no
    # best-available pages, and few buyers after the same seats.
    simulate "hold-peak-chosen-$round" FlashSaleSimulation -Dconcurrency="$CONCURRENCY" -Dduration=20 -Dseats=60000 \
      -Dbuyers=4000 -Dabandon-share=1 -Ddecline-share=0 -Dchosen-share=1 -Dsettle="$SETTLE"
    sleep 30
  done
  python3 app/bench/floor.py "$OUT" > "$OUT/summary.md"
  log "summary: $OUT/summary.md"
  cat "$OUT/summary.md"
  exit 0
fi
if [ -n "$SOAK_MINUTES" ]; then
  printf 'minute\tliveHeapMb\n0\t%s\n' "$(live_heap_mb)" > "$OUT/soak.tsv"
  for minute in $(seq 1 "$SOAK_MINUTES"); do
    simulate "soak-$minute" FlashSaleSimulation -Drate="$SOAK_RATE" -Dduration=60 -Dseats=20000 -Dbuyers=4000
    printf '%s\t%s\n' "$minute" "$(live_heap_mb)" >> "$OUT/soak.tsv"
  done
  python3 app/bench/soak.py "$OUT" > "$OUT/summary.md"
  log "summary: $OUT/summary.md"
  cat "$OUT/summary.md"
  exit 0
fi
# The ceilings, closed model (N clients back to back): the no-I/O endpoint and whole
# purchases (everybody holds and pays with a good card). Holds alone come last: their
# thousands of abandoned holds expire together five minutes later, and the expiry sweep
# would weigh on whatever ran then.
# The no-I/O request, then what a request with a token pays before its feature: the
# token's check alone (a 404 with nothing read), and the token with one PostgreSQL read.
floor_steps ""
# What a refusal costs: admission held past its limit by 130 holds left in progress, and
# GET /api/me asked back to back, every answer a 503.
simulate refusal BaselineSimulation -Dconcurrency=64 -Dduration=20 -Drefusals=130 -Dsettle="$SETTLE"
simulate purchase-peak FlashSaleSimulation -Dconcurrency="$CONCURRENCY" -Dduration=20 -Dseats=60000 -Dbuyers=4000 \
  -Dabandon-share=0 -Ddecline-share=0 -Dsettle="$SETTLE"
# The peak is the confirmed purchases/s: buyers refused as busy (503) are not served.
PEAK=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["confirmedPurchasesPerSecond"])' "$OUT/purchase-peak.outcomes.json")
RATE70=$(python3 -c "print(round(0.7 * $PEAK, 1))")
RATE250=$(python3 -c "print(round(2.5 * $PEAK, 1))")
log "peak: $PEAK buyers/s; 70 % = $RATE70/s, 250 % = $RATE250/s"
# Open model at 70 % and at 2.5 times the peak, same buyers. No client retries at 250 %:
# a purchase refused is a sale lost, and counted.
simulate at-70-percent FlashSaleSimulation -Drate="$RATE70" -Dduration=30 -Dseats=60000 -Dbuyers=4000 \
  -Dabandon-share=0 -Ddecline-share=0 -Dsettle="$SETTLE"
simulate at-250-percent FlashSaleSimulation -Drate="$RATE250" -Dduration=30 -Dseats=60000 -Dbuyers=4000 \
  -Dabandon-share=0 -Ddecline-share=0 -Dpurchase-retries=0 -Dsettle="$SETTLE"
if [ -z "$SALES_ONLY" ]; then
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
# The peak of general admission, closed model as for seats (three places a buyer on
# average: a pool large enough not to sell out).
simulate ga-peak FlashSaleSimulation -Dmode=ga -Dconcurrency="$CONCURRENCY" -Dduration=20 -Dplaces=40000 -Dbuyers=4000 \
  -Dabandon-share=0 -Ddecline-share=0 -Dsettle="$SETTLE" -Ddb-url="jdbc:postgresql://127.0.0.1:5432/$DB" -Ddb-user=postgres
[ -n "$SALES_ONLY" ] || simulate hold-peak FlashSaleSimulation -Dconcurrency="$CONCURRENCY" -Dduration=20 -Dseats=60000 -Dbuyers=4000 \
  -Dabandon-share=1 -Ddecline-share=0 -Dsettle="$SETTLE"

if [ -z "$SALES_ONLY" ]; then
  # A slow payment provider: the same service with every provider call taking
  # $SLOW_PAYMENT, then the usual flash sale at SLOW_RATE buyers/s. Waiting on the
  # provider is not load: nothing should be refused.
  SLOW_RATE=${SLOW_RATE:-$(python3 -c "print(min(100, $RATE70))")}
  stop_service
  # A new signing key: the buyers' tokens are provisioned again.
  BENCH_PAYMENT_LATENCY="$SLOW_PAYMENT" start_service
  BUYERS_FILE=buyers-slow-payment.txt
  simulate slow-payment-warm-up FlashSaleSimulation -Dconcurrency=32 -Dduration=30 -Dseats=20000 -Dbuyers=4000
  simulate slow-payment FlashSaleSimulation -Drate="$SLOW_RATE" -Dduration=20 -Dseats=15000 -Dbuyers=4000 \
    -Dsettle="$SETTLE"
fi

if [ -z "$SALES_ONLY" ]; then
  # The waitlist's offer flow (WaitlistSimulation, docs/performance.md "Waitlist"): a
  # sold-out event's line under a wave of freed seats. It needs holds that expire within
  # the run and short offers, so the service starts once more with those settings, is
  # warmed up, and the wave is measured (CPU per offer bought).
  stop_service
  start_service --boxoffice.holds.ttl=60s --boxoffice.waitlist.offer-ttl=20s --boxoffice.waitlist.hold-back=5s
  BUYERS_FILE=buyers-waitlist.txt
  simulate waitlist-warm-up FlashSaleSimulation -Dconcurrency=32 -Dduration=30 -Dseats=20000 -Dbuyers=2200
  simulate waitlist WaitlistSimulation
fi

python3 app/bench/summarize.py "$OUT" > "$OUT/summary.md"
log "summary: $OUT/summary.md"
cat "$OUT/summary.md"
