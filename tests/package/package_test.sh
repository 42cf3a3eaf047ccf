#!/bin/sh
# Post-install test: install the build into a temporary prefix, then build a C and a C++
# program against it through find_package, and the C program through pkg-config.
# Usage: package_test.sh BUILD_DIR SOURCE_DIR WORK_DIR
set -eu
build=$1 source=$2 work=$3
rm -rf "$work"
mkdir -p "$work"
prefix="$work/prefix"
cmake --install "$build" --prefix "$prefix" >"$work/install.log"
test -f "$prefix/include/ombuds/ombuds.h"
test -f "$prefix/lib/cmake/Ombuds/OmbudsConfig.cmake" || test -f "$prefix"/lib*/cmake/Ombuds/OmbudsConfig.cmake
# Relocatable: no installed package file names the build or the source tree.
if grep -rlE "$build|$source" "$prefix" --include='*.cmake' --include='*.pc' --include='*.h' --include='*.hpp'; then
  echo "installed files name the build or source tree" >&2
  exit 1
fi
cmake -S "$source/tests/package/consumer" -B "$work/consumer" -DCMAKE_PREFIX_PATH="$prefix" >"$work/configure.log"
cmake --build "$work/consumer" >"$work/build.log"
LD_LIBRARY_PATH="$prefix/lib" "$work/consumer/use_c"
"$work/consumer/use_cpp"
# A C consumer needs none of the C++ dependencies: each is made unfindable, with COMPONENTS C and
# without any component asked for.
hide=""
for dependency in Boost SQLiteCpp SQLite3 OpenSSL Threads nlohmann_json Microsoft.GSL CLI11; do
  hide="$hide -DCMAKE_DISABLE_FIND_PACKAGE_$dependency=ON"
done
# shellcheck disable=SC2086
cmake -S "$source/tests/package/consumer_c" -B "$work/consumer_c" -DCMAKE_PREFIX_PATH="$prefix" $hide \
  >"$work/configure_c.log"
cmake --build "$work/consumer_c" >"$work/build_c.log"
LD_LIBRARY_PATH="$prefix/lib" "$work/consumer_c/use_c_only"
grep -qE "^ *find_dependency\\(" "$prefix"/lib*/cmake/Ombuds/OmbudsConfig.cmake && {
  echo "OmbudsConfig.cmake calls find_dependency, which ends the package at a missing C++ dependency" >&2
  exit 1
}

pcdir=$(dirname "$(find "$prefix" -name ombuds.pc | head -n 1)")
flags=$(PKG_CONFIG_PATH="$pcdir" pkg-config --cflags --libs ombuds)
# shellcheck disable=SC2086
cc -std=c99 -Wall -Wextra -Werror -o "$work/use_c_pkgconfig" "$source/tests/package/consumer/use_c.c" $flags
LD_LIBRARY_PATH="$prefix/lib" "$work/use_c_pkgconfig"
"$prefix/bin/ombuds" taxonomy --format json >/dev/null
echo "package test passed"
