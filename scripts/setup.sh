#!/usr/bin/env bash
# Installs the Debian 12 packages mentorctl needs, builds mentorctl, installs it in
# /usr/local (binary, man pages and shell completions, so that `mentorctl` and its git
# merge driver work from any folder), and runs it on the bundled Walnut Valley example.
# Run it as root, or as a user who may use sudo: only the package and file installation
# use sudo.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  cmake ninja-build g++ pkg-config git
  libcli11-dev libfmt-dev libhowardhinnant-date-dev doctest-dev nlohmann-json3-dev libyaml-dev liblemon-dev
  python3 python3-yaml python3-jsonschema yamllint
)
source scripts/ensure_packages.sh
ensure_packages "${packages[@]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi

cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build build
$sudo cmake --install build --prefix /usr/local
hash -r

echo
echo "\$ mentorctl -C examples/walnut-valley --as-of 2027-06-30 check"
mentorctl -C examples/walnut-valley --as-of 2027-06-30 check
echo
echo "\$ mentorctl -C examples/walnut-valley --as-of 2027-06-30 audit"
# The example holds deliberate gaps, so the audit exits 1; that is its job.
mentorctl -C examples/walnut-valley --as-of 2027-06-30 audit || [ $? -eq 1 ]
