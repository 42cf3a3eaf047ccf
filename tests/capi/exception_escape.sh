#!/bin/sh
# clang-tidy's bugprone-exception-escape over the C API's translation units, with every function
# of ombuds.h declared as one that must not throw. Usage: exception_escape.sh SOURCE_DIR BUILD_DIR
set -eu
source=$1 build=$2
tidy=$(command -v clang-tidy-14 || command -v clang-tidy || true)
if [ -z "$tidy" ]; then
  echo "clang-tidy is not installed" >&2
  exit 1
fi
functions=$(grep -o 'ombuds_[a-z_]*(' "$build/capi/include/ombuds/ombuds.h" | tr -d '(' | sort -u | paste -sd, -)
# The compile commands are GCC's: clang need not know each of its warning options.
"$tidy" -p "$build" --quiet --extra-arg=-Wno-unknown-warning-option --checks='-*,bugprone-exception-escape' --warnings-as-errors='*' \
  --config="{CheckOptions: [{key: bugprone-exception-escape.FunctionsThatShouldNotThrow, value: '$functions'}]}" \
  "$source"/capi/*.cpp
echo "no exception escapes: $functions"
