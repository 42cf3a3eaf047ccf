#!/bin/sh
# Regenerates tests/abi/libombuds.abi from a build of the library (see README.md: when to).
# Usage: tests/abi/make_baseline.sh [BUILD_DIR]   (default: build, as scripts/test.sh makes it)
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "${1:-$root/build}" && pwd)
grep -q '^CMAKE_BUILD_TYPE:STRING=RelWithDebInfo$' "$build/CMakeCache.txt" ||
  { echo "$build is not a RelWithDebInfo build (abidw needs the debug information)" >&2; exit 1; }
grep -q '^OMBUDS_SANITIZE:BOOL=OFF$' "$build/CMakeCache.txt" ||
  { echo "$build is a sanitized build; use the normal one" >&2; exit 1; }
cmake --build "$build" --target ombuds_c
exec python3 "$root/tests/abi/abi.py" baseline "$build/capi/libombuds.so" "$build/capi/include" "$root"
