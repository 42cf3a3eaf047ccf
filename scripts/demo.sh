#!/usr/bin/env bash
# Installs what is missing, builds ombuds and does the main job on the bundled example data.
# Usage: scripts/demo.sh [--dir DIR]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

dir=""
while [ $# -gt 0 ]; do
  case "$1" in
    --dir) dir=${2:?--dir needs a directory}; shift 2 ;;
    -h|--help) sed -n '2,3p' "$0"; exit 0 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done

ombuds_install_packages "${OMBUDS_PACKAGES[@]}"
build_dir=${BUILD_DIR:-$OMBUDS_ROOT/build}
mkdir -p "$build_dir"
ombuds_build "$build_dir" RelWithDebInfo

ombuds="$build_dir/tools/ombuds"
if [ -n "$dir" ]; then
  "$ombuds" demo --dir "$dir"
else
  "$ombuds" demo
fi
