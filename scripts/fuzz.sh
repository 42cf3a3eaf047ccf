#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan + UBSan) and runs each for SECONDS (default 60).
# New inputs go to build-fuzz/corpus/NAME (seeded from tests/fuzz/corpus/NAME); a crash stops
# the run with the input saved as build-fuzz/crash-*.
# Usage: scripts/fuzz.sh [TARGET] [SECONDS]     targets: case_file config values capi xlsx snapshot (default: all)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
targets=(case_file config values capi xlsx snapshot)
seconds=60
if [ $# -gt 0 ] && ! [[ $1 =~ ^[0-9]+$ ]]; then
  targets=("$1")
  shift
fi
[ $# -gt 0 ] && seconds=$1

ombuds_install_packages "${OMBUDS_PACKAGES[@]}" clang-14 libclang-rt-14-dev
build_dir=${BUILD_DIR:-$OMBUDS_ROOT/build-fuzz}
mkdir -p "$build_dir"
# Only the fuzz programs are built: the shared C library (linked with --no-undefined) cannot
# take clang's sanitizer runtime, and the C API target compiles the C API in itself.
CC=clang-14 CXX=clang++-14 cmake -S "$OMBUDS_ROOT" -B "$build_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DOMBUDS_WERROR=ON -DOMBUDS_FUZZ=ON -DOMBUDS_BUILD_BENCH=OFF \
  -DCMAKE_C_FLAGS="-fsanitize=fuzzer-no-link,address,undefined" \
  -DCMAKE_CXX_FLAGS="-fsanitize=fuzzer-no-link,address,undefined" >"$build_dir/configure.log" 2>&1 \
  || { cat "$build_dir/configure.log"; exit 1; }
status=0
cmake --build "$build_dir" --parallel "$(nproc)" --target "${targets[@]/#/fuzz_}" >"$build_dir/build.log" 2>&1 || status=$?
grep -v -E '^\[ *[0-9]+%\]' "$build_dir/build.log" || true
[ "$status" -eq 0 ]

for target in "${targets[@]}"; do
  corpus="$build_dir/corpus/$target"
  mkdir -p "$corpus"
  cp -n "$OMBUDS_ROOT/tests/fuzz/corpus/$target/"* "$corpus/" 2>/dev/null || true
  echo "fuzzing $target for $seconds s"
  (cd "$build_dir" && "./tests/fuzz/fuzz_$target" -max_total_time="$seconds" -max_len=65536 \
     -timeout=60 -rss_limit_mb=4096 -print_final_stats=1 "$corpus")
done
