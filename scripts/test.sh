#!/usr/bin/env bash
# Builds mentorctl twice and runs the whole test suite against both builds: the build of
# scripts/setup.sh (gcc, optimised; reused as it is when setup.sh made it), and a clang
# build with AddressSanitizer, UndefinedBehaviorSanitizer, warnings as errors and the
# fuzzers' coverage instrumentation. Runs valgrind memcheck over check, audit and log on
# every example with the first build; then fuzzes each libFuzzer target of the second
# build for a bounded time (FUZZ_SECONDS per target, default 45; 0 skips fuzzing). Any
# failing test, memcheck error or fuzzer finding fails the script. Run it as root or as
# a user who may use sudo: the packages it needs beyond scripts/setup.sh's are installed
# when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc)
fuzz_seconds=${FUZZ_SECONDS:-45}

source scripts/ensure_packages.sh
ensure_packages clang libclang-rt-14-dev valgrind

# A sanitizer report must never look like an ordinary exit status 1 or 2.
export ASAN_OPTIONS=exitcode=99:detect_leaks=1
export UBSAN_OPTIONS=exitcode=99:print_stacktrace=1:halt_on_error=1

# The options of scripts/setup.sh, so that its build is not compiled again.
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build build
ctest --test-dir build --output-on-failure --no-tests=error -j"$jobs"
python3 tests/valgrind/memcheck.py build/mentorctl

# -O1: the sanitizers' usual level, twice as fast in the tests as -O0. A folder that an
# earlier version configured with gcc is made again (its compiler cannot change).
if [ -f build-sanitize/CMakeCache.txt ] && ! grep -q '^CMAKE_CXX_COMPILER:FILEPATH=.*clang' build-sanitize/CMakeCache.txt; then
  rm -rf build-sanitize
fi
CC=clang CXX=clang++ cmake -S . -B build-sanitize -G Ninja -DCMAKE_BUILD_TYPE=Debug "-DCMAKE_CXX_FLAGS_DEBUG=-g -O1" \
  -DMENTORCTL_WERROR=ON -DMENTORCTL_SANITIZE=ON -DMENTORCTL_FUZZ=ON
cmake --build build-sanitize
ctest --test-dir build-sanitize --output-on-failure --no-tests=error -j"$jobs"

if [ "$fuzz_seconds" -gt 0 ]; then
  FUZZ_BUILD=build-sanitize bash tests/fuzz/run.sh "$fuzz_seconds"
fi
echo "All tests passed (optimised and sanitized builds, valgrind memcheck, fuzzing ${fuzz_seconds} s per target)."
