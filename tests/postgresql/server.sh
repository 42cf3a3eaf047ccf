#!/usr/bin/env bash
# A throwaway PostgreSQL server for the test run: `server.sh start DIR` makes a cluster in DIR
# (initdb, as an unprivileged user when run as root: initdb refuses root) listening only on a
# Unix socket in DIR, and starts it; `server.sh stop DIR` stops it and removes DIR. The tests
# reach it as postgresql:///postgres?host=DIR&user=ombuds. Exit 77 (skipped) when the server's
# programs are not installed (scripts/setup.sh installs them). `server.sh start DIR durable`
# keeps fsync on (the benchmarks: scripts/bench_postgresql.sh); the tests' server does without.
set -euo pipefail

action=${1:?usage: server.sh start|stop DIR}
dir=${2:?usage: server.sh start|stop DIR}
fsync=off
[ "${3:-}" = durable ] && fsync=on

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ] || [ ! -x "$bindir/pg_ctl" ]; then
  echo "PostgreSQL's server programs are not installed (postgresql-15): the PostgreSQL tests are skipped"
  exit 77
fi

# As root, the server runs as nobody; otherwise as whoever runs the tests.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u nobody -- "$@"
  else
    "$@"
  fi
}

case "$action" in
  start)
    if [ -e "$dir/data/postmaster.pid" ]; then
      as_owner "$bindir/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    mkdir -p "$dir"
    chmod 700 "$dir"
    [ "$(id -u)" -eq 0 ] && chown nobody "$dir"
    as_owner "$bindir/initdb" -D "$dir/data" -U ombuds --auth=trust --no-sync -E UTF8 \
      --locale=C >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log"; exit 1; }
    # Only a Unix socket in DIR; fsync off unless durable: the server lives for one test run.
    as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-c listen_addresses='' -c unix_socket_directories='$dir' -c fsync=$fsync -c max_connections=100" \
      start >/dev/null || { cat "$dir/server.log"; exit 1; }
    echo "PostgreSQL test server running in $dir"
    ;;
  stop)
    if [ -e "$dir/data/postmaster.pid" ]; then
      as_owner "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
    fi
    rm -rf "$dir"
    ;;
  *)
    echo "usage: server.sh start|stop DIR" >&2
    exit 2
    ;;
esac
