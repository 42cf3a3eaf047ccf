#!/usr/bin/env bash
# Installs what is missing, builds ombuds with -Werror and runs every test through ctest.
# Usage: scripts/test.sh [--sanitize] [--long]
#   --sanitize  build and test with AddressSanitizer and UndefinedBehaviorSanitizer
#   --long      run the long variants (100 crash trials, ...) as well
# BUILD_DIR chooses the build directory (default: build, or build-sanitize).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

sanitize=OFF
long=0
for arg in "$@"; do
  case "$arg" in
    --sanitize) sanitize=ON ;;
    --long) long=1 ;;
    -h|--help) sed -n '2,7p' "$0"; exit 0 ;;
    *) echo "unknown option: $arg" >&2; exit 2 ;;
  esac
done

ombuds_install_packages "${OMBUDS_PACKAGES[@]}" "${OMBUDS_TEST_PACKAGES[@]}"

default_dir=build
[ "$sanitize" = ON ] && default_dir=build-sanitize
build_dir=${BUILD_DIR:-$OMBUDS_ROOT/$default_dir}
mkdir -p "$build_dir"
extra=()
# The sanitized suite is about correctness: benchmarks are left out of its build.
[ "$sanitize" = ON ] && extra=(-DOMBUDS_BUILD_BENCH=OFF)
ombuds_build "$build_dir" RelWithDebInfo -DOMBUDS_SANITIZE="$sanitize" "${extra[@]}"

export OMBUDS_LONG_TESTS=$long
cd "$build_dir"
ctest --output-on-failure --parallel "$(nproc)" --timeout 900
