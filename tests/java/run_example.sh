#!/bin/sh
# Compiles the Java example with javac (every lint warning an error) and the Debian JNA jar, and
# runs it against a library and a new register. Exit 77 (skipped) only when javac is absent.
# Usage: run_example.sh EXAMPLE_DIR WORK_DIR LIBRARY
set -eu
example=$1 work=$2 library=$3
if ! command -v javac >/dev/null 2>&1; then
  echo "javac not found: the Java example is skipped (scripts/test.sh installs default-jdk-headless)"
  exit 77
fi
jna=${OMBUDS_JNA_JAR:-/usr/share/java/jna.jar}
if [ ! -r "$jna" ]; then
  echo "JNA not found at $jna (Debian: libjna-java)" >&2
  exit 1
fi
rm -rf "$work"
mkdir -p "$work/classes"
javac -encoding UTF-8 -Xlint:all -Werror -cp "$jna" -d "$work/classes" "$example"/*.java
# A POSIX locale on purpose: the example must not depend on the JVM's default charset.
LC_ALL=C java -cp "$work/classes:$jna" -Dombuds.library="$library" Lifecycle "$work/register.db"
