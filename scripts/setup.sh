#!/usr/bin/env bash
# Shared by scripts/test.sh and scripts/demo.sh: installs what is missing (Debian 12, as root)
# and configures and builds ombuds. Quiet when everything is there. Not meant to be run alone.
set -euo pipefail

OMBUDS_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OMBUDS_PACKAGES=(
  build-essential cmake pkg-config git
  libboost1.81-dev libsqlitecpp-dev libsqlite3-dev sqlite3 nlohmann-json3-dev
  libssl-dev libcli11-dev libgtest-dev libgmock-dev libbenchmark-dev
  python3 python3-setuptools python3-pip
  libzip-dev libexpat1-dev libxlsxwriter-dev libpq-dev
)
# Only the tests need these: the browser test of the HTML report, clang-tidy on the C API, the
# format check, workbooks written and read by another program (openpyxl, LibreOffice headless),
# the linear programs of the disclosure audit (COIN-OR CLP), the Java host over the C API (a JDK
# and JNA), the ABI check of libombuds.so against its baseline (abigail-tools), the throwaway
# PostgreSQL server the register's suites run against a second time (postgresql-15).
OMBUDS_TEST_PACKAGES=(chromium chromium-driver clang-tidy-14 clang-format-14 python3-openpyxl
  libreoffice-calc-nogui coinor-libclp-dev default-jdk-headless libjna-java abigail-tools postgresql-15)

ombuds_install_packages() {
  local missing=()
  local package
  for package in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
      missing+=("$package")
    fi
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "Installing: ${missing[*]}"
  local sudo=()
  [ "$(id -u)" -ne 0 ] && sudo=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# ombuds_build BUILD_DIR BUILD_TYPE [extra cmake args...]
ombuds_build() {
  local build_dir=$1 build_type=$2
  shift 2
  cmake -S "$OMBUDS_ROOT" -B "$build_dir" -DCMAKE_BUILD_TYPE="$build_type" -DOMBUDS_WERROR=ON \
    "$@" >"$build_dir/configure.log" 2>&1 || { cat "$build_dir/configure.log"; return 1; }
  # The build's status is kept apart from the filter's: with `| grep ... || true` a failed build
  # would pass unnoticed and the tests would run on old binaries.
  local status=0
  cmake --build "$build_dir" --parallel "$(nproc)" >"$build_dir/build.log" 2>&1 || status=$?
  grep -v -E '^\[ *[0-9]+%\]' "$build_dir/build.log" || true
  return "$status"
}
