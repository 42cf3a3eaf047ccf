#!/bin/sh
# The package installs with pip from the source tree, without network, and imports from there.
# Usage: pip_install.sh SOURCE_DIR WORK_DIR LIBRARY
set -eu
source=$1 work=$2 library=$3
rm -rf "$work"
mkdir -p "$work"
cp -r "$source/bindings/python" "$work/src"   # pip builds in the tree: keep the checkout clean
/usr/bin/python3 -m pip install --quiet --no-build-isolation --no-index --no-deps --target "$work/site" "$work/src"
cd "$work"
OMBUDS_LIBRARY=$library PYTHONPATH="$work/site" /usr/bin/python3 -c \
  'import ombuds, sys; print(ombuds.__file__, ombuds.version()); sys.exit(0 if "/site/" in ombuds.__file__ else 1)'
