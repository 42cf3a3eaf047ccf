#!/bin/sh
# One version, declared once (the project's CMakeLists.txt): ombuds_version(), the header's
# macros, the library's file name and SONAME, ombuds.pc, the CMake package's version file and the
# Python package (its expected major and its own version) all agree.
# Usage: versions_test.sh SOURCE_DIR BUILD_DIR LIBRARY
set -eu
source=$1 build=$2 library=$3
declared=$(sed -n 's/^project(ombuds VERSION \([0-9.]*\) .*/\1/p' "$source/CMakeLists.txt")
major=${declared%%.*}
fail() { echo "version mismatch: $1" >&2; exit 1; }
[ -n "$declared" ] || fail "no version in CMakeLists.txt"
runtime=$(OMBUDS_LIBRARY="$library" PYTHONPATH="$source/bindings/python" /usr/bin/python3 -c \
  'import ombuds; print(ombuds.version(), ombuds.API_MAJOR)')
[ "$runtime" = "$declared $major" ] || fail "ombuds_version()/Python: $runtime, declared $declared"
header="$build/capi/include/ombuds/ombuds.h"
h=$(awk '/#define OMBUDS_VERSION_(MAJOR|MINOR|PATCH)/ {printf "%s.", $3}' "$header")
[ "$h" = "$declared." ] || fail "ombuds.h says ${h%.}"
soname=$(objdump -p "$library" | awk '/SONAME/ {print $2}')
[ "$soname" = "libombuds.so.$major" ] || fail "SONAME $soname"
real=$(basename "$(readlink -f "$library")")
[ "$real" = "libombuds.so.$declared" ] || fail "library file $real"
pc=$(sed -n 's/^Version: //p' "$build/ombuds.pc")
[ "$pc" = "$declared" ] || fail "ombuds.pc says $pc"
grep -q "set(PACKAGE_VERSION \"$declared\")" "$build/OmbudsConfigVersion.cmake" || fail "OmbudsConfigVersion.cmake"
py=$(sed -n 's/^version = "\(.*\)"/\1/p' "$source/bindings/python/pyproject.toml")
[ "$py" = "$declared" ] || fail "pyproject.toml says $py"
echo "every version says $declared (ABI $major)"
