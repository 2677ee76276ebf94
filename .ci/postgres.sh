#!/usr/bin/env bash
# Start a throw-away PostgreSQL server on 127.0.0.1 for the warehouse tests and print the
# URL to use (source it: `. .ci/postgres.sh` exports KOMPASS_TEST_PG and defines
# kompass_pg_stop).
# Installs Debian's postgresql package when the server binaries are missing.
# The work runs in a subshell with `set -euo pipefail`: a failure stops it there, and the
# caller's shell keeps its own options (sourced from an interactive shell, `set -e` would
# close the terminal on the next failing command).
_kompass_pg=$(
  set -euo pipefail
  if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    export DEBIAN_FRONTEND=noninteractive
    SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq >/dev/null
    $SUDO apt-get install -y -qq postgresql >/dev/null
  fi
  BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  PGPORT=${PGPORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
  DATA=$(mktemp -d /tmp/kompass-pg.XXXXXX)
  if [ "$(id -u)" = 0 ]; then
    chown postgres "$DATA"
    run() { su postgres -s /bin/sh -c "cd / && $*"; }
  else
    run() { sh -c "$*"; }
  fi
  run "$BIN/initdb -D $DATA/data -U kompass --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null"
  run "$BIN/pg_ctl -D $DATA/data -l $DATA/log -w -o '-p $PGPORT -h 127.0.0.1 -k $DATA' start >/dev/null"
  "$BIN/createdb" -h 127.0.0.1 -p "$PGPORT" -U kompass kompass_test >&2
  echo "$BIN $PGPORT $DATA"
) || { echo "error: .ci/postgres.sh could not start PostgreSQL" >&2; return 1 2>/dev/null || exit 1; }
read -r _KOMPASS_PG_BIN _KOMPASS_PG_PORT _KOMPASS_PG_DATA <<<"$_kompass_pg"
unset _kompass_pg
kompass_pg_stop() {
  local stop="$_KOMPASS_PG_BIN/pg_ctl -D $_KOMPASS_PG_DATA/data -m fast stop >/dev/null 2>&1"
  if [ "$(id -u)" = 0 ]; then
    su postgres -s /bin/sh -c "cd / && $stop" 2>/dev/null || true
  else
    sh -c "$stop" 2>/dev/null || true
  fi
  rm -rf "$_KOMPASS_PG_DATA"
}
export KOMPASS_TEST_PG="postgresql+psycopg://kompass@127.0.0.1:$_KOMPASS_PG_PORT/kompass_test"
echo "PostgreSQL $("$_KOMPASS_PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$_KOMPASS_PG_PORT ($_KOMPASS_PG_DATA)"
