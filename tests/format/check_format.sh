#!/bin/sh
# Every C and C++ source of the repository is formatted with its .clang-format.
# Usage: check_format.sh SOURCE_DIR CLANG_FORMAT
set -eu
cd "$1"
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  files=$(git ls-files '*.c' '*.h' '*.cpp' '*.hpp')
else
  files=$(find capi include src tools bench tests -name '*.c' -o -name '*.h' -o -name '*.cpp' -o -name '*.hpp')
fi
# shellcheck disable=SC2086 # one argument per file
"$2" --dry-run --Werror $files
echo "$(echo "$files" | wc -l) files formatted"
