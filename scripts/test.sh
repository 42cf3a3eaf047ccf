#!/usr/bin/env bash
# Installs what is missing, builds ombuds with -Werror and runs every test through ctest.
# Usage: scripts/test.sh [--sanitize | --tsan] [--long]
#   --sanitize  build and test with AddressSanitizer and UndefinedBehaviorSanitizer
#   --tsan      build the library and the thread tests with ThreadSanitizer and run those
#   --long      run the long variants (100 crash trials, ...) as well
# BUILD_DIR chooses the build directory (default: build, build-sanitize or build-tsan).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

sanitize=OFF
tsan=OFF
long=0
for arg in "$@"; do
  case "$arg" in
    --sanitize) sanitize=ON ;;
    --tsan) tsan=ON ;;
    --long) long=1 ;;
    -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
    *) echo "unknown option: $arg" >&2; exit 2 ;;
  esac
done
if [ "$sanitize" = ON ] && [ "$tsan" = ON ]; then
  echo "--sanitize and --tsan cannot be combined (one sanitizer runtime per build)" >&2
  exit 2
fi

ombuds_install_packages "${OMBUDS_PACKAGES[@]}" "${OMBUDS_TEST_PACKAGES[@]}"

default_dir=build
[ "$sanitize" = ON ] && default_dir=build-sanitize
[ "$tsan" = ON ] && default_dir=build-tsan
build_dir=${BUILD_DIR:-$OMBUDS_ROOT/$default_dir}
mkdir -p "$build_dir"
export OMBUDS_LONG_TESTS=$long

# ThreadSanitizer: only the library and the thread tests (tests/threads) are built and run;
# the rest of the suite runs in the normal and the --sanitize builds.
if [ "$tsan" = ON ]; then
  cmake -S "$OMBUDS_ROOT" -B "$build_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DOMBUDS_WERROR=ON \
    -DOMBUDS_TSAN=ON -DOMBUDS_BUILD_BENCH=OFF >"$build_dir/configure.log" 2>&1 ||
    { cat "$build_dir/configure.log"; exit 1; }
  status=0
  cmake --build "$build_dir" --parallel "$(nproc)" --target threads_tests >"$build_dir/build.log" 2>&1 || status=$?
  grep -v -E '^\[ *[0-9]+%\]' "$build_dir/build.log" || true
  [ "$status" -eq 0 ]
  cd "$build_dir"
  ctest --output-on-failure --timeout 900 --tests-regex '^threads\.'
  exit
fi
extra=()
# The sanitized suite is about correctness: benchmarks are left out of its build.
[ "$sanitize" = ON ] && extra=(-DOMBUDS_BUILD_BENCH=OFF)
ombuds_build "$build_dir" RelWithDebInfo -DOMBUDS_SANITIZE="$sanitize" "${extra[@]}"

cd "$build_dir"
ctest --output-on-failure --parallel "$(nproc)" --timeout 900
