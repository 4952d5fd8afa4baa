#!/usr/bin/env bash
# Builds mentorctl twice (warnings as errors; and with AddressSanitizer and
# UndefinedBehaviorSanitizer) and runs the whole test suite against both builds.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc)

# A sanitizer report must never look like an ordinary exit status 1 or 2.
export ASAN_OPTIONS=exitcode=99:detect_leaks=1
export UBSAN_OPTIONS=exitcode=99:print_stacktrace=1:halt_on_error=1

cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMENTORCTL_WERROR=ON
cmake --build build
ctest --test-dir build --output-on-failure --no-tests=error -j"$jobs"

cmake -S . -B build-sanitize -G Ninja -DCMAKE_BUILD_TYPE=Debug -DMENTORCTL_WERROR=ON -DMENTORCTL_SANITIZE=ON
cmake --build build-sanitize
ctest --test-dir build-sanitize --output-on-failure --no-tests=error -j"$jobs"
echo "All tests passed (optimised and sanitized builds)."
