#!/usr/bin/env bash
# An interleaved A/B run of two settings of one build (docs/performance.md, "A/B runs"):
#   1. builds the service and starts it twice, side by side, each on its own port,
#      database and Redis key prefix, heap capped at 512 MB: A with A_JVM and A_ARGS, B
#      with B_JVM and B_ARGS (JVM options before -jar, the service's settings after);
#   2. warms each up (a closed-model flash sale in which every buyer pays, so that no
#      abandoned hold expires during a measured window);
#   3. measures the same open-model flash sale (every buyer pays, no client retries) at
#      RATE buyers/s, ROUNDS times on each, in the order A B, B A, A B, ...: the
#      machine's drift, which moves a run by a factor of two between hours, falls on both
#      alike, and each pair is a minute apart;
#   4. writes ab.md (app/bench/ab.py): each window's CPU per confirmed buyer (service,
#      PostgreSQL, Redis, load generator, from /proc), the service's context switches and
#      system calls per buyer and its CPU by kind of thread, the p99s, and each pair's
#      B ÷ A with their median.
# While one service is measured the other idles (its background work, expiry sweeps and
# the live feed's polls, is in PostgreSQL's and Redis's figures of both sides alike).
# Only loopback is used; every step is bounded in requests and time. The databases and
# key prefixes are removed at the end.
#
# Settings (environment): A_JVM, A_ARGS, B_JVM, B_ARGS (empty: the bench profile as it
# is), A_JAVA, B_JAVA (the java each side runs on: java on the PATH unless given, e.g.
# B_JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java), RATE (100 buyers/s), ROUNDS (3),
# DURATION (30 s measured a window), SETTLE (10), WARM_UP (90 s a side), PORT (18080: A's; B's is the next), SALE_ARGS (more settings of
# each measured sale, e.g. -Dwatchers=2000: the sale watched by that many live streams,
# whose delivery lag ab.md then compares).
# Example: B_JVM=-Dreactor.netty.ioWorkerCount=2 bash app/bench/ab.sh
set -euo pipefail

cd "$(dirname "$0")/../.."
ROOT=$(pwd)
A_JVM=${A_JVM:-} A_ARGS=${A_ARGS:-} B_JVM=${B_JVM:-} B_ARGS=${B_ARGS:-}
A_JAVA=${A_JAVA:-java} B_JAVA=${B_JAVA:-java}
RATE=${RATE:-100}
ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-30}
SETTLE=${SETTLE:-10}
WARM_UP=${WARM_UP:-90}
SALE_ARGS=${SALE_ARGS:-}
PORT=${PORT:-18080}
RUN=ab-$(date -u +%Y%m%dT%H%M%SZ)
OUT="$ROOT/app/target/bench/$RUN"
STAMP="$(date +%s)_$$"
mkdir -p "$OUT"
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"

log() { echo "[ab $(date -u +%T)] $*" | tee -a "$OUT/run.log"; }

declare -A PID SAMPLER
db() { echo "boxoffice_ab_${1,,}_$STAMP"; }
prefix() { echo "ab$$${1,,}:"; }
port() { if [ "$1" = A ]; then echo "$PORT"; else echo $((PORT + 1)); fi; }
base() { echo "http://127.0.0.1:$(port "$1")"; }

cleanup() {
  for side in A B; do
    if [ -n "${PID[$side]:-}" ] && kill -0 "${PID[$side]}" 2>/dev/null; then
      kill "${PID[$side]}"; wait "${PID[$side]}" 2>/dev/null || true
    fi
    [ -n "${SAMPLER[$side]:-}" ] && kill "${SAMPLER[$side]}" 2>/dev/null || true
    psql -q -h 127.0.0.1 -U postgres -d postgres -c "DROP DATABASE IF EXISTS $(db "$side") WITH (FORCE)" >/dev/null 2>&1 || true
    redis-cli -h 127.0.0.1 --scan --pattern "$(prefix "$side")*" | xargs -r -n 500 redis-cli -h 127.0.0.1 DEL >/dev/null || true
  done
}
trap cleanup EXIT

log "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -sr)"
A_VERSION=$("$A_JAVA" -version 2>&1 | head -1) B_VERSION=$("$B_JAVA" -version 2>&1 | head -1)
log "A: $A_VERSION, JVM '${A_JVM}', service '${A_ARGS}'; B: $B_VERSION, JVM '${B_JVM}', service '${B_ARGS}'; $RATE buyers/s, $ROUNDS rounds"
printf 'A\t%s\t%s\t%s\nB\t%s\t%s\t%s\n' "$A_JVM" "$A_ARGS" "$A_VERSION" "$B_JVM" "$B_ARGS" "$B_VERSION" > "$OUT/sides.tsv"
log "building"
./mvnw -B -q -pl app -am -DskipTests package
JAR=$(ls app/target/boxoffice-app-*.jar | grep -v original | head -1)
./mvnw -B -q -pl app -Pload test-compile >/dev/null

# Starts one side, and the sampler of /proc for it (cpu-A.tsv, cpu-B.tsv).
start() {
  local side=$1 java jvm args
  if [ "$side" = A ]; then java=$A_JAVA jvm=$A_JVM args=$A_ARGS; else java=$B_JAVA jvm=$B_JVM args=$B_ARGS; fi
  psql -q -h 127.0.0.1 -U postgres -d postgres -c "CREATE DATABASE $(db "$side")" >/dev/null
  log "starting $side on $(base "$side")"
  # shellcheck disable=SC2086 # the settings are words
  "$java" -Xmx512m -XX:+UseG1GC $jvm -jar "$JAR" --spring.profiles.active=bench --server.port="$(port "$side")" \
    --spring.r2dbc.url="r2dbc:postgresql://127.0.0.1:5432/$(db "$side")" --boxoffice.redis.key-prefix="$(prefix "$side")" $args \
    >> "$OUT/app-$side.log" 2>&1 &
  PID[$side]=$!
  for _ in $(seq 1 120); do
    curl -fs "$(base "$side")/actuator/health/readiness" >/dev/null 2>&1 && break
    kill -0 "${PID[$side]}" 2>/dev/null || { log "$side did not start; see $OUT/app-$side.log"; exit 1; }
    sleep 1
  done
  python3 app/bench/cpu.py sample "$OUT/cpu-$side.tsv" "${PID[$side]}" "$(db "$side")" &
  SAMPLER[$side]=$!
}

# Runs the flash sale against one side; its outcomes go to NAME.outcomes.json.
sale() {
  local side=$1 name=$2; shift 2
  log "$name against $side ($*)"
  local status=0
  ./mvnw -B -q -pl app -Pload gatling:test -Dgatling.simulationClass=dev.boxoffice.load.FlashSaleSimulation \
    -Dbase-url="$(base "$side")" -Doutcomes-file="$OUT/$name.outcomes.json" -Dbuyers-file="$OUT/buyers-$side.txt" \
    -Dbuyers=4000 -Dabandon-share=0 -Ddecline-share=0 "$@" > "$OUT/$name.gatling.log" 2>&1 || status=$?
  local report; report=$(ls -td app/target/gatling/*/ 2>/dev/null | head -1 || true)
  echo "{\"name\":\"$name\",\"side\":\"$side\",\"status\":$status,\"report\":\"$ROOT/$report\"}" > "$OUT/$name.run.json"
  [ "$status" -eq 0 ] || log "$name FAILED (exit $status): see $OUT/$name.gatling.log"
}

for side in A B; do
  start "$side"
  sale "$side" "warm-up-$side" -Dconcurrency=64 -Dduration="$WARM_UP" -Dseats=60000
done
for round in $(seq 1 "$ROUNDS"); do
  if [ $((round % 2)) -eq 1 ]; then order="A B"; else order="B A"; fi
  for side in $order; do
    # Four seats a buyer at most: the event cannot sell out within the window.
    # shellcheck disable=SC2086 # the settings are words
    sale "$side" "round$round-$side" -Drate="$RATE" -Dduration="$DURATION" -Dpurchase-retries=0 \
      -Dseats="$(python3 -c "print(int(4 * $RATE * ($DURATION + $SETTLE)))")" \
      -Dsettle="$SETTLE" $SALE_ARGS
  done
done

python3 app/bench/ab.py "$OUT" > "$OUT/ab.md"
log "summary: $OUT/ab.md"
cat "$OUT/ab.md"
