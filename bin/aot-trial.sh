#!/usr/bin/env bash
# Measures what a JDK 25 AOT cache (JEP 483, 514, 515: classes loaded and linked ahead of time, and
# method profiles from a training run) does to the standalone's first minute, the figure that JIT
# warm-up limits (docs/benchmarks.md, "An AOT cache for the standalone").
#
#   bin/aot-trial.sh [PAIRS]     (default 2; needs a JDK 25+ and the standalone's default ports free)
#
# 1. Extracts the standalone's jar (an AOT cache holds only classes the JVM's own class loaders
#    load, not those of Spring Boot's nested-jar loader) into target/aot-trial/app.
# 2. Training run: the extracted standalone with -XX:AOTCacheOutput, loaded by `./punctual bench
#    --scenarios=standalone` against it; the JVM writes the cache when it stops.
# 3. PAIRS times: the same scenario on a fresh standalone with the cache, then on one without it.
# Each run's table goes to target/aot-trial/<run>/console.txt; the start lateness is printed.
set -euo pipefail
cd "$(dirname "$0")/.."
pairs=${1:-2}
JAVA_HOME=$(bin/find-jdk.sh)
export JAVA_HOME
java="$JAVA_HOME/bin/java"
flags=$("$java" -XX:+PrintFlagsFinal -version 2>/dev/null || true)
if [[ $flags != *AOTCacheOutput* ]]; then
  echo "This trial needs a JDK 25 or newer (-XX:AOTCacheOutput); $JAVA_HOME is older." >&2
  exit 2
fi
for port in 3015 3016 3017 3018 9092 9093 15432; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "Port $port is taken: stop what listens there (another Punctual?) first." >&2
    exit 2
  fi
done

dir=target/aot-trial
rm -rf "$dir"
mkdir -p "$dir"
echo "Building the standalone and the benchmarks..."
if ! ./mvnw -B -q -pl standalone,benchmarks -am package -DskipTests -Dspotless.check.skip=true \
  >"$dir/build.log" 2>&1; then
  echo "The build failed; see $dir/build.log" >&2
  exit 1
fi
jar=$(ls standalone/target/standalone-*.jar | grep -v '\.original' | head -n 1)
"$java" -Djarmode=tools -jar "$jar" extract --destination "$dir/app" >/dev/null
app="$dir/app/$(basename "$jar")"
cache="$dir/standalone.aot"

# run NAME [JVM OPTIONS...]: a fresh standalone, the benchmark's standalone scenario against it, stop.
run() {
  local name=$1 pid
  shift
  mkdir -p "$dir/$name"
  "$java" "$@" -jar "$app" --punctual.standalone.data-dir="$dir/$name/data" \
    >"$dir/$name/standalone.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 180); do
    grep -q 'Punctual is running' "$dir/$name/standalone.log" && break
    sleep 1
  done
  ./punctual bench --scenarios=standalone --bootstrap-servers=localhost:9092 \
    --api-url=http://localhost:3015 --report="$PWD/$dir/$name/report.json" \
    >"$dir/$name/console.txt" 2>&1 || true
  kill "$pid"
  wait "$pid" || true
  echo "  $name: $(grep -E '^standalone +(first|next) 60 s: start lateness p99 ' "$dir/$name/console.txt" |
    sed -E 's/^standalone +//; s/ +/ /g' | paste -sd ';' -)"
}

echo "Training run (the cache is written when the standalone stops)..."
run train -XX:AOTCacheOutput="$cache"
[ -f "$cache" ] || { echo "No AOT cache was written; see $dir/train/standalone.log" >&2; exit 1; }
for i in $(seq 1 "$pairs"); do
  run "aot-$i" -XX:AOTCache="$cache"
  run "plain-$i"
done
