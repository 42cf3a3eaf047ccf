#!/usr/bin/env bash
# Benchmarks ombuds against its peers (issue 6): the same report from the same case file with
# SQLite (the sqlite3 shell and SQL), pandas and DuckDB; checks every peer's figures equal
# ombuds's (bench/peers/README.md) and prints one table of medians and ratios.
# Usage: scripts/bench.sh [SIZES...]   (default: 1e5 1e6; e.g. scripts/bench.sh 1e5 1e6 1e7)
# Environment: BENCH_REPEAT (runs of each tool, default 3), BENCH_DIR (data and registers,
# default build-bench/data), BENCH_BUILD_DIR (default build-bench). Not part of CI.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

case "${1:-}" in -h | --help) sed -n '2,7p' "$0"; exit 0 ;; esac
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1e5 1e6)
repeat=${BENCH_REPEAT:-3}
build_dir=${BENCH_BUILD_DIR:-$OMBUDS_ROOT/build-bench}
data_dir=${BENCH_DIR:-$build_dir/data}
peers=$OMBUDS_ROOT/bench/peers
organisation=$OMBUDS_ROOT/data/organisation.json
themes=$OMBUDS_ROOT/data/themes.json
# The report of 2025 against 2024, over cases received 2022-2025 (generate_cases' default).
from=2025-01-01 to=2025-12-31 compare_from=2024-01-01 compare_to=2024-12-31
python=/usr/bin/python3

# --- what the run needs -------------------------------------------------------------------
ombuds_install_packages "${OMBUDS_PACKAGES[@]}" python3-pandas time
command -v node >/dev/null && command -v npm >/dev/null || ombuds_install_packages nodejs npm
mkdir -p "$build_dir" "$data_dir"
echo "Building (Release) in $build_dir"
cmake -S "$OMBUDS_ROOT" -B "$build_dir" -DCMAKE_BUILD_TYPE=Release -DOMBUDS_WERROR=ON \
  -DOMBUDS_BUILD_TESTS=OFF >"$build_dir/configure.log" 2>&1 || { cat "$build_dir/configure.log"; exit 1; }
cmake --build "$build_dir" --parallel "$(nproc)" --target ombuds_cli generate_cases report_inmemory \
  >"$build_dir/build.log" 2>&1 || { tail -40 "$build_dir/build.log"; exit 1; }
if [ ! -d "$peers/duckdb/node_modules/@duckdb/node-api" ]; then
  echo "Installing the DuckDB peer (npm ci)"
  (cd "$peers/duckdb" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi
ombuds=$build_dir/tools/ombuds
generate=$build_dir/bench/generate_cases
inmemory=$build_dir/bench/report_inmemory

# --- helpers ------------------------------------------------------------------------------
results=$data_dir/results.tsv
: >"$results"
record() { printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" >>"$results"; }  # size tool metric value

# timed SIZE TOOL COMMAND...: runs the command under /usr/bin/time, records wall seconds and
# peak RSS (MB); the command's output is kept in $data_dir/last.out and last.err.
timed() {
  local size=$1 tool=$2
  shift 2
  local stats=$data_dir/time.out
  if ! /usr/bin/time -f '%e %M' -o "$stats" "$@" >"$data_dir/last.out" 2>"$data_dir/last.err"; then
    echo "FAILED: $tool: $*" >&2
    cat "$data_dir/last.err" >&2
    exit 1
  fi
  read -r seconds kilobytes <"$stats"
  record "$size" "$tool" wall_s "$seconds"
  record "$size" "$tool" rss_mb "$(awk -v k="$kilobytes" 'BEGIN { printf "%.1f", k / 1024 }')"
}

# key=value figures of a program's output line, recorded under TOOL.
record_figures() {
  local size=$1 tool=$2 line=$3 pair
  for pair in $line; do record "$size" "$tool" "${pair%%=*}" "${pair#*=}"; done
}

sql_params="CREATE TEMP TABLE params AS SELECT '$from' AS pfrom, '$to' AS pto,
  '$compare_from' AS cfrom, '$compare_to' AS cto, '$organisation' AS organisation,
  '$themes' AS themes;"
peer_args=(--from "$from" --to "$to" --compare-from "$compare_from" --compare-to "$compare_to"
  --organisation "$organisation" --themes "$themes")

for size_text in "${sizes[@]}"; do
  n=$($python -c "import sys; v = float(sys.argv[1]); assert v >= 1 and v == int(v); print(int(v))" \
    "$size_text" 2>/dev/null) || { echo "not a size: $size_text" >&2; exit 2; }
  csv=$data_dir/cases-$size_text.csv
  echo
  echo "== $n cases ($size_text) =="
  if [ ! -s "$csv" ]; then
    "$generate" "$n" "$csv.tmp" --shape | tee "$data_dir/shape-$size_text.txt"
    mv "$csv.tmp" "$csv"
  elif [ -s "$data_dir/shape-$size_text.txt" ]; then
    cat "$data_dir/shape-$size_text.txt"
  fi
  echo "case file: $csv ($(du -h "$csv" | cut -f1))"
  register=$data_dir/register-$size_text.db
  sqlite_db=$data_dir/sqlite-$size_text.db
  out=$data_dir/out-$size_text
  mkdir -p "$out"

  # Each round runs every tool once, one after another, so drift on a shared machine spreads
  # over all of them.
  for round in $(seq 1 "$repeat"); do
    echo "round $round of $repeat"
    # ombuds: import (full validation, pseudonyms) and the report as a process from the register.
    rm -f "$register" "$register"-* "$register.key"
    timed "$size_text" ombuds_import "$ombuds" import "$register" "$csv"
    timed "$size_text" ombuds_report "$ombuds" report "$register" --from "$from" --to "$to" \
      --format json --output "$out/ombuds.json"
    # An import into an empty register keeps the report's columns; a later report reads them too.
    timed "$size_text" ombuds_report_again "$ombuds" report "$register" --from "$from" --to "$to" \
      --format json --output "$out/ombuds-again.json"
    cmp -s "$out/ombuds.json" "$out/ombuds-again.json" || { echo "DIFFER: a later report" >&2; exit 1; }
    # ombuds in memory: load the file into columns, then the engine alone.
    timed "$size_text" ombuds_inmemory "$inmemory" "$csv" --from "$from" --to "$to" \
      --json "$out/inmemory.json"
    record_figures "$size_text" ombuds_inmemory "$(tail -1 "$data_dir/last.out")"
    # SQLite: the shell imports the file and indexes it; report.sql on that and on the register.
    rm -f "$sqlite_db"
    timed "$size_text" sqlite_load sh -c 'sed -e "s|@FILE@|$1|" -e "s|@SEP@|;|" "$2" | sqlite3 -bail "$3"' \
      sh "$csv" "$peers/load.sql" "$sqlite_db"
    timed "$size_text" sqlite_report sqlite3 -bail -cmd "$sql_params" "$sqlite_db" \
      ".output $out/sqlite.json" ".read $peers/report.sql"
    timed "$size_text" sqlite_register sqlite3 -bail -readonly -cmd "$sql_params" "$register" \
      ".output $out/sqlite-register.json" ".read $peers/report.sql"
    # pandas and DuckDB time their load and report themselves.
    timed "$size_text" pandas "$python" "$peers/report_pandas.py" "$csv" "${peer_args[@]}" \
      --out "$out/pandas.json"
    record_figures "$size_text" pandas "$(tail -1 "$data_dir/last.err")"
    timed "$size_text" duckdb node "$peers/duckdb/report_duckdb.mjs" "$csv" "${peer_args[@]}" \
      --out "$out/duckdb.json"
    record_figures "$size_text" duckdb "$(tail -1 "$data_dir/last.err")"
  done
  "$python" "$peers/canonical.py" from-report "$out/ombuds.json" >"$out/canonical-ombuds.json"
  "$python" "$peers/canonical.py" from-report "$out/inmemory.json" >"$out/canonical-inmemory.json"
  for peer in inmemory sqlite sqlite-register pandas duckdb; do
    source_file=$out/$peer.json
    [ "$peer" = inmemory ] && source_file=$out/canonical-inmemory.json
    if verdict=$("$python" "$peers/canonical.py" compare "$out/canonical-ombuds.json" "$source_file"); then
      record "$size_text" "equal_$peer" ok 1
    else
      record "$size_text" "equal_$peer" ok 0
      echo "$peer differs from ombuds:" >&2
      echo "$verdict" >&2
    fi
  done
done

# --- the table ----------------------------------------------------------------------------
"$python" - "$results" "${sizes[@]}" <<'EOF'
import statistics
import sys

results, sizes = sys.argv[1], sys.argv[2:]
values = {}
for line in open(results, encoding="utf-8"):
    size, tool, metric, value = line.rstrip("\n").split("\t")
    values.setdefault((size, tool, metric), []).append(float(value))


def med(size, tool, metric):
    v = values.get((size, tool, metric))
    return statistics.median(v) if v else None


def inmemory_figures(size):
    return {m: med(size, "ombuds_inmemory", m) for m in
            ("load_s", "report_ms", "column_bytes_per_case", "engine_bytes_per_case",
             "bytes_per_case")}


def fmt(x, digits=2):
    return "-" if x is None else f"{x:,.{digits}f}"


def ratio(a, b):
    return None if a is None or b is None or b == 0 else a / b


goals = []
for size in sizes:
    n = int(float(size))
    mem = inmemory_figures(size)
    report_ms = {
        "ombuds": mem["report_ms"],
        "sqlite": med(size, "sqlite_report", "wall_s") * 1000,
        "pandas": med(size, "pandas", "report_s") * 1000,
        "duckdb": med(size, "duckdb", "report_s") * 1000,
    }
    load_s = {
        "ombuds": mem["load_s"],
        "sqlite": med(size, "sqlite_load", "wall_s"),
        "pandas": med(size, "pandas", "load_s"),
        "duckdb": med(size, "duckdb", "load_s"),
    }
    rss = {
        "ombuds": med(size, "ombuds_inmemory", "rss_mb"),
        "sqlite": max(med(size, "sqlite_load", "rss_mb"), med(size, "sqlite_report", "rss_mb")),
        "pandas": med(size, "pandas", "rss_mb"),
        "duckdb": med(size, "duckdb", "rss_mb"),
    }
    equal = {p: med(size, f"equal_{p}", "ok") == 1
             for p in ("inmemory", "sqlite", "sqlite-register", "pandas", "duckdb")}
    print()
    print(f"== {n:,} cases: medians of {len(values.get((size, 'pandas', 'wall_s'), []))} runs ==")
    print(f"{'tool':<34}{'load s':>9}{'report ms':>12}{'x ombuds':>10}{'peak MB':>10}  figures")
    names = {"ombuds": "ombuds engine (report_inmemory)", "sqlite": "SQLite (sqlite3 + report.sql)",
             "pandas": "pandas", "duckdb": "DuckDB (node-api)"}
    for tool in ("ombuds", "sqlite", "pandas", "duckdb"):
        x = ratio(report_ms[tool], report_ms["ombuds"]) if tool != "ombuds" else None
        check = {"ombuds": "inmemory", "sqlite": "sqlite", "pandas": "pandas", "duckdb": "duckdb"}
        verdict = "equal" if equal[check[tool]] else "DIFFER"
        print(f"{names[tool]:<34}{fmt(load_s[tool]):>9}{fmt(report_ms[tool]):>12}"
              f"{(fmt(x, 0) + 'x') if x else '':>10}{fmt(rss[tool], 0):>10}  {verdict}")
    imp = med(size, "ombuds_import", "wall_s")
    e2e_first = med(size, "ombuds_report", "wall_s")
    e2e = med(size, "ombuds_report_again", "wall_s")
    sql_reg = med(size, "sqlite_register", "wall_s")
    print(f"{'ombuds import (process)':<34}{fmt(imp):>9}{'':>12}{'':>10}"
          f"{fmt(med(size, 'ombuds_import', 'rss_mb'), 0):>10}  {n / imp:,.0f} cases/s")
    print(f"{'ombuds report REG, first':<34}{'':>9}{fmt(e2e_first * 1000):>12}"
          f"{fmt(ratio(sql_reg, e2e_first), 1) + 'x':>10}"
          f"{fmt(med(size, 'ombuds_report', 'rss_mb'), 0):>10}  end to end, JSON, first after import")
    print(f"{'ombuds report REG, later':<34}{'':>9}{fmt(e2e * 1000):>12}"
          f"{fmt(ratio(sql_reg, e2e), 0) + 'x':>10}"
          f"{fmt(med(size, 'ombuds_report_again', 'rss_mb'), 0):>10}  end to end, JSON, column snapshot")
    print(f"{'report.sql on the same register':<34}{'':>9}{fmt(sql_reg * 1000):>12}{'':>10}"
          f"{fmt(med(size, 'sqlite_register', 'rss_mb'), 0):>10}  "
          f"{'equal' if equal['sqlite-register'] else 'DIFFER'}")
    print(f"engine memory: {mem['column_bytes_per_case']:.1f} B/case columns + "
          f"{mem['engine_bytes_per_case']:.1f} B/case while computing = "
          f"{mem['bytes_per_case']:.1f} B/case")
    print("outputs: " + ", ".join(f"{p} {'equal' if ok else 'DIFFER'}" for p, ok in equal.items()))
    if n == 1_000_000:
        goals += [
            ("in-memory report >= 20x pandas", ratio(report_ms["pandas"], report_ms["ombuds"]), 20),
            ("in-memory report >= 20x DuckDB", ratio(report_ms["duckdb"], report_ms["ombuds"]), 20),
            ("in-memory report >= 100x SQLite SQL", ratio(report_ms["sqlite"], report_ms["ombuds"]), 100),
            ("ombuds report >= 10x SQL on the register (later reports)", ratio(sql_reg, e2e), 10),
            ("ombuds report >= 10x SQL on the register (first after import)", ratio(sql_reg, e2e_first), 10),
            ("import >= 300,000 cases/s", n / imp, 300_000),
            ("engine < 40 bytes per case", 40 - mem["bytes_per_case"], 0),
        ]
    if n >= 10_000_000:
        goals.append((f"{n:,} cases import and report", 1, 0))
if goals:
    print()
    print("Done-when goals (issue 6):")
    for name, value, bound in goals:
        ok = value is not None and value > bound if bound else value is not None and value > 0
        shown = "" if name.endswith("per case") or name.endswith("and report") else f" ({fmt(value, 1)})"
        print(f"  {'PASS' if ok else 'FAIL'}  {name}{shown}")
if not all(med(s, f"equal_{p}", "ok") == 1 for s in sizes
           for p in ("inmemory", "sqlite", "sqlite-register", "pandas", "duckdb")):
    sys.exit(1)
EOF
