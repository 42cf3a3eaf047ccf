#!/usr/bin/env bash
# A register on PostgreSQL beside one on SQLite (issue 20): the same generated case file imported
# into both, the report from each (the first after the import, and a later one), beside a plain
# COPY of the file into an unindexed table and the report as SQL on the PostgreSQL register
# (bench/peers/report_postgresql.sql), in one run on a throwaway server with fsync on. Checks
# the reports are byte-identical and the SQL's figures equal ombuds's, and prints the goals (each
# ratio the median of the rounds' own ratios: the two commands ran seconds apart).
# Usage: scripts/bench_postgresql.sh [SIZE]   (default 1e6)
# Environment: BENCH_REPEAT (rounds, default 3), BENCH_DIR (data, default build-bench/data),
# BENCH_BUILD_DIR (default build-bench). Not part of CI.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

case "${1:-}" in -h | --help) sed -n '2,10p' "$0"; exit 0 ;; esac
size_text=${1:-1e6}
repeat=${BENCH_REPEAT:-3}
build_dir=${BENCH_BUILD_DIR:-$OMBUDS_ROOT/build-bench}
data_dir=${BENCH_DIR:-$build_dir/data}
peers=$OMBUDS_ROOT/bench/peers
python=/usr/bin/python3
from=2025-01-01 to=2025-12-31 compare_from=2024-01-01 compare_to=2024-12-31

ombuds_install_packages "${OMBUDS_PACKAGES[@]}" postgresql-15 time
mkdir -p "$build_dir" "$data_dir"
echo "Building (Release) in $build_dir"
cmake -S "$OMBUDS_ROOT" -B "$build_dir" -DCMAKE_BUILD_TYPE=Release -DOMBUDS_WERROR=ON \
  -DOMBUDS_BUILD_TESTS=OFF >"$build_dir/configure.log" 2>&1 || { cat "$build_dir/configure.log"; exit 1; }
cmake --build "$build_dir" --parallel "$(nproc)" --target ombuds_cli generate_cases \
  >"$build_dir/build.log" 2>&1 || { tail -40 "$build_dir/build.log"; exit 1; }
ombuds=$build_dir/tools/ombuds
n=$($python -c "import sys; v = float(sys.argv[1]); assert v >= 1 and v == int(v); print(int(v))" \
  "$size_text" 2>/dev/null) || { echo "not a size: $size_text" >&2; exit 2; }
csv=$data_dir/cases-$size_text.csv
if [ ! -s "$csv" ]; then
  "$build_dir/bench/generate_cases" "$n" "$csv.tmp" --shape
  mv "$csv.tmp" "$csv"
fi
echo "case file: $csv ($(du -h "$csv" | cut -f1))"

# The throwaway server (tests/postgresql/server.sh), durable like the SQLite register.
server=/tmp/ombuds-pgbench-$$
"$OMBUDS_ROOT/tests/postgresql/server.sh" start "$server" durable
trap '"$OMBUDS_ROOT/tests/postgresql/server.sh" stop "$server"' EXIT
base="postgresql:///postgres?host=$server&user=ombuds"
psql_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)/psql
server_sql() { "$psql_bin" "$base" -X -q -v ON_ERROR_STOP=1 "$@"; }
sqlite_register=$data_dir/pgbench-sqlite.db
pg_register="$base&schema=bench"
export OMBUDS_KEY_FILE=$data_dir/pgbench.key
out=$data_dir/pgbench-out
mkdir -p "$out"

results=$data_dir/pgbench-results.tsv
: >"$results"
# timed TOOL COMMAND...: wall seconds and peak RSS (MB) of the command, recorded under TOOL.
timed() {
  local tool=$1
  shift
  if ! /usr/bin/time -f '%e %M' -o "$data_dir/time.out" "$@" >"$data_dir/last.out" 2>"$data_dir/last.err"; then
    echo "FAILED: $tool: $*" >&2
    cat "$data_dir/last.err" >&2
    exit 1
  fi
  read -r seconds kilobytes <"$data_dir/time.out"
  printf '%s\twall_s\t%s\n%s\trss_mb\t%s\n' "$tool" "$seconds" "$tool" $((kilobytes / 1024)) >>"$results"
}
# Each timed write starts with nothing of the step before left to write: the server's dirty
# buffers (a checkpoint that fell inside one step or the other made the plain COPY vary by half)
# and the system's dirty pages (the SQLite register just written was still being flushed
# during the PostgreSQL import, and not during the plain COPY).
settle() {
  server_sql -c CHECKPOINT
  sync
}
report() {  # report TOOL REGISTER OUTPUT
  timed "$1" "$ombuds" report "$2" --from "$from" --to "$to" --format json --output "$3"
}

for round in $(seq 1 "$repeat"); do
  echo "round $round of $repeat"
  # Each register and the key start anew: the same import every round.
  rm -f "$sqlite_register" "$sqlite_register"-* "$sqlite_register.key" "$OMBUDS_KEY_FILE"
  server_sql -c "SET client_min_messages = warning; DROP SCHEMA IF EXISTS bench CASCADE; DROP TABLE IF EXISTS plain"
  settle
  timed sqlite_import "$ombuds" import "$sqlite_register" "$csv" --key-file "$OMBUDS_KEY_FILE"
  report sqlite_report "$sqlite_register" "$out/sqlite.json"
  report sqlite_report_again "$sqlite_register" "$out/sqlite-again.json"
  settle
  timed pg_import "$ombuds" import "$pg_register" "$csv"
  report pg_report "$pg_register" "$out/pg.json"
  report pg_report_again "$pg_register" "$out/pg-again.json"
  # A plain COPY of the same file into a table of text columns without indexes.
  server_sql -c "CREATE TABLE plain (case_id text, inquiry_id text, citizen text, kind text,
    role text, main_case_id text, received text, matter_date text, first_response text,
    closed text, unit text, theme text, action text, resolution text, admin_response text,
    rejection_reason text, legal_basis text, legal_ref text, kle text, origin text,
    channel text, contact text, note text)"
  settle
  timed pg_copy "$psql_bin" "$base" -X -q -v ON_ERROR_STOP=1 \
    -c "\\copy plain FROM '$csv' WITH (FORMAT csv, HEADER true, DELIMITER ';')"
  # The report as SQL on the register ombuds stored.
  timed pg_sql "$psql_bin" "$base" -X -q -A -t -v ON_ERROR_STOP=1 -v pfrom="$from" -v pto="$to" \
    -v cfrom="$compare_from" -v cto="$compare_to" \
    -v organisation="$(cat "$OMBUDS_ROOT/data/organisation.json")" \
    -v themes="$(cat "$OMBUDS_ROOT/data/themes.json")" \
    -c "SET search_path = bench" -f "$peers/report_postgresql.sql" -o "$out/pg-sql.json"
  for other in sqlite-again pg pg-again; do
    cmp -s "$out/sqlite.json" "$out/$other.json" || { echo "DIFFER: the $other report" >&2; exit 1; }
  done
done
# The SQL's figures against ombuds's.
"$python" "$peers/canonical.py" from-report "$out/pg.json" >"$out/canonical-ombuds.json"
"$python" "$peers/canonical.py" compare "$out/canonical-ombuds.json" "$out/pg-sql.json"

"$python" - "$results" "$n" <<'PY'
import statistics
import sys

values = {}
for line in open(sys.argv[1], encoding="utf-8"):
    tool, metric, value = line.rstrip("\n").split("\t")
    values.setdefault((tool, metric), []).append(float(value))
n = int(sys.argv[2])


def med(tool, metric="wall_s"):
    return statistics.median(values[(tool, metric)])


rows = [("SQLite: ombuds import", "sqlite_import"), ("SQLite: ombuds report, first", "sqlite_report"),
        ("SQLite: ombuds report, later", "sqlite_report_again"),
        ("PostgreSQL: ombuds import", "pg_import"), ("PostgreSQL: ombuds report, first", "pg_report"),
        ("PostgreSQL: ombuds report, later", "pg_report_again"),
        ("PostgreSQL: plain COPY, no indexes", "pg_copy"),
        ("PostgreSQL: report as SQL (psql)", "pg_sql")]
print(f"\n== {n:,} cases: medians of {len(values[('pg_import', 'wall_s')])} rounds ==")
print(f"{'':<38}{'wall s':>9}{'peak MB':>10}")
for name, tool in rows:
    print(f"{name:<38}{med(tool):>9.3f}{med(tool, 'rss_mb'):>10.0f}")


def paired(a, b):
    """The median of a/b taken round by round: the two ran seconds apart, so a drift of the
    machine's speed over the run moves both."""
    return statistics.median(x / y for x, y in zip(values[(a, "wall_s")], values[(b, "wall_s")]))


goals = [("ombuds report >= 10x the SQL on PostgreSQL (first after import)",
          paired("pg_sql", "pg_report"), 10),
         ("ombuds report >= 10x the SQL on PostgreSQL (later reports)",
          paired("pg_sql", "pg_report_again"), 10),
         ("ombuds import within 2x a plain COPY (ratio at most 2)",
          paired("pg_import", "pg_copy"), None)]
print("\nGoals (issue 20), each the median of its rounds' ratios:")
for name, value, bound in goals:
    ok = value >= bound if bound else value <= 2
    print(f"  {'PASS' if ok else 'FAIL'}  {name} ({value:.2f})")
rounds = [f"{x / y:.2f}" for x, y in zip(values[("pg_import", "wall_s")], values[("pg_copy", "wall_s")])]
print(f"import / plain COPY, round by round: {' '.join(rounds)}")
print("reports: PostgreSQL and SQLite byte-identical; SQL figures equal ombuds's")
PY
