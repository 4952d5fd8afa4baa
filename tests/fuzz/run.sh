#!/usr/bin/env bash
# Builds the libFuzzer targets with clang, AddressSanitizer and UndefinedBehaviorSanitizer
# into their own build folder, replays every input that once crashed one of them
# (tests/fuzz/regressions/<target>/), then runs each target for a bounded time on seeds
# generated from the examples and the bad-input corpus.
#
#   tests/fuzz/run.sh [SECONDS_PER_TARGET]     (default 60)
#
# Environment: FUZZ_BUILD (default build-fuzz), FUZZ_JOBS (targets run at once, default
# the number of cores), FUZZ_TARGETS (default: all five).
# Fails when a target crashes, leaks, hangs (10 s per input), exceeds 2.5 GB, breaks a
# property it checks, or executes no input at all. A finding is left in
# $FUZZ_BUILD/artifacts/; reproduce it with `$FUZZ_BUILD/fuzz_<target> <file>`.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-60}
build=${FUZZ_BUILD:-build-fuzz}
jobs=${FUZZ_JOBS:-$(nproc)}
read -r -a targets <<<"${FUZZ_TARGETS:-loader values writer merge cache}"

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

# A build folder configured with MENTORCTL_FUZZ (scripts/test.sh's sanitized build) is
# used as it is; any other is configured for fuzzing alone.
if ! grep -qs '^MENTORCTL_FUZZ:BOOL=ON$' "$build/CMakeCache.txt"; then
  CC=clang CXX=clang++ cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DMENTORCTL_SANITIZE=ON -DMENTORCTL_FUZZ=ON -DBUILD_TESTING=OFF >/dev/null
fi
cmake --build "$build" --target "${targets[@]/#/fuzz_}"

corpus="$build/fuzz-corpus"  # what the fuzzers learn, kept between local runs
seeds="$build/fuzz-seeds"
rm -rf "$seeds" "$build/artifacts" "$build/fuzz-logs"
mkdir -p "$seeds" "$build/artifacts" "$build/fuzz-logs"
python3 tests/fuzz/seeds.py "$seeds"
repositories=$(printf '%s:' "$PWD"/examples/*/ "$PWD/tests/corpus/base")
MENTORCTL_FUZZ_SEEDS="$seeds/cache" MENTORCTL_FUZZ_REPOSITORIES="$repositories" "$build/fuzz_cache"

# Inputs that crashed a target once must never crash it again.
for target in "${targets[@]}"; do
  regressions="tests/fuzz/regressions/$target"
  if [ -d "$regressions" ] && [ -n "$(ls -A "$regressions")" ]; then
    echo "fuzz_$target: replaying $(ls "$regressions" | wc -l) regression inputs"
    "$build/fuzz_$target" -runs=0 "$regressions"/* >"$build/fuzz-logs/$target-regressions.log" 2>&1 || {
      tail -50 "$build/fuzz-logs/$target-regressions.log"
      echo "fuzz_$target: a regression input fails again" >&2
      exit 1
    }
  fi
done

run_target() {
  local target=$1
  local max_len=()
  [ "$target" = values ] && max_len=(-max_len=256)
  mkdir -p "$corpus/$target" "$seeds/$target"
  "$build/fuzz_$target" "$corpus/$target" "$seeds/$target" -max_total_time="$seconds" -timeout=10 \
    -rss_limit_mb=2560 -print_final_stats=1 -dict=tests/fuzz/yaml.dict "${max_len[@]}" \
    -artifact_prefix="$build/artifacts/$target-" >"$build/fuzz-logs/$target.log" 2>&1
}

echo "Fuzzing ${targets[*]} for ${seconds} s each, $jobs at a time"
pids=()
names=()
for target in "${targets[@]}"; do
  while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do sleep 1; done
  run_target "$target" &
  pids+=($!)
  names+=("$target")
done
failed=0
for i in "${!pids[@]}"; do
  target=${names[$i]}
  log="$build/fuzz-logs/$target.log"
  status=0
  wait "${pids[$i]}" || status=$?
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 || true)
  if [ "$status" -ne 0 ]; then
    tail -60 "$log"
    echo "fuzz_$target: FINDING (exit $status); input in $build/artifacts/" >&2
    failed=1
  elif [ -z "$runs" ] || [ "$runs" -eq 0 ]; then
    tail -20 "$log"
    echo "fuzz_$target: executed no input" >&2
    failed=1
  else
    printf 'fuzz_%-7s %10s executions in %s s (%s/s), %s, %s seeds\n' "$target" "$runs" "$seconds" "$speed" \
      "${cov:-cov: ?}" "$(ls "$seeds/$target" | wc -l)"
  fi
done
exit "$failed"
