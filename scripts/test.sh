#!/usr/bin/env bash
# Builds mentorctl twice (warnings as errors; and with AddressSanitizer and
# UndefinedBehaviorSanitizer) and runs the whole test suite against both builds; runs
# valgrind memcheck over check, audit and log on every example with the first build;
# then builds the libFuzzer targets with clang and fuzzes each for a bounded time
# (FUZZ_SECONDS per target, default 45; 0 skips fuzzing). Any failing test, memcheck
# error or fuzzer finding fails the script. Run it as root or as a user who may use sudo:
# the packages it needs beyond scripts/setup.sh's are installed when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc)
fuzz_seconds=${FUZZ_SECONDS:-45}

source scripts/ensure_packages.sh
ensure_packages clang libclang-rt-14-dev valgrind

# A sanitizer report must never look like an ordinary exit status 1 or 2.
export ASAN_OPTIONS=exitcode=99:detect_leaks=1
export UBSAN_OPTIONS=exitcode=99:print_stacktrace=1:halt_on_error=1

cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMENTORCTL_WERROR=ON
cmake --build build
ctest --test-dir build --output-on-failure --no-tests=error -j"$jobs"
python3 tests/valgrind/memcheck.py build/mentorctl

cmake -S . -B build-sanitize -G Ninja -DCMAKE_BUILD_TYPE=Debug -DMENTORCTL_WERROR=ON -DMENTORCTL_SANITIZE=ON
cmake --build build-sanitize
ctest --test-dir build-sanitize --output-on-failure --no-tests=error -j"$jobs"

if [ "$fuzz_seconds" -gt 0 ]; then
  bash tests/fuzz/run.sh "$fuzz_seconds"
fi
echo "All tests passed (optimised and sanitized builds, valgrind memcheck, fuzzing ${fuzz_seconds} s per target)."
