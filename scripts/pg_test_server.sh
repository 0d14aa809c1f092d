#!/usr/bin/env bash
# Start a throwaway PostgreSQL for the test suite on 127.0.0.1 and print its URL.
#
#   eval "$(scripts/pg_test_server.sh)"     # sets FRONTWATCH_TEST_PG
#   scripts/pg_test_server.sh stop          # stops it (the data directory stays)
#
# Safe to run again: an installed server, an existing cluster and a running server are
# reused. Installs Debian's postgresql package when no initdb is found (needs root).
# Trust authentication on loopback only: for tests, never for real data.
set -euo pipefail

PGDIR=${FRONTWATCH_PG_DIR:-/tmp/frontwatch-pg}
PGPORT=${FRONTWATCH_PG_PORT:-54329}
PGDB=${FRONTWATCH_PG_DB:-frontwatch_test}
DATA="$PGDIR/data"
LOG="$PGDIR/server.log"

log() { echo "pg_test_server: $*" >&2; }

find_bin() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

ensure_installed() {
  if [ -z "$(find_bin)" ] || [ ! -x "$(find_bin)/initdb" ]; then
    log "installing postgresql (apt-get)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq postgresql >&2
  fi
}

# run a command as the postgres user (initdb and the server refuse to run as root)
as_postgres() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

ensure_cluster() {
  mkdir -p "$PGDIR"
  if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$PGDIR"; fi
  if [ ! -f "$DATA/PG_VERSION" ]; then
    log "creating cluster in $DATA"
    as_postgres "$BIN/initdb" -D "$DATA" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >&2
  fi
}

is_running() {
  as_postgres "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1
}

ensure_running() {
  if is_running; then
    return
  fi
  log "starting server on 127.0.0.1:$PGPORT"
  # the socket goes into our own directory: /var/run/postgresql may not exist
  as_postgres "$BIN/pg_ctl" -D "$DATA" -l "$LOG" -w -t 60 \
    -o "-h 127.0.0.1 -p $PGPORT -k $PGDIR -c fsync=off -c full_page_writes=off" start >&2
}

ensure_database() {
  local exists
  exists=$("$BIN/psql" -h 127.0.0.1 -p "$PGPORT" -U postgres -d postgres -tAc \
    "SELECT 1 FROM pg_database WHERE datname = '$PGDB'")
  if [ "$exists" != "1" ]; then
    "$BIN/createdb" -h 127.0.0.1 -p "$PGPORT" -U postgres "$PGDB"
  fi
}

main() {
  ensure_installed
  BIN=$(find_bin)
  if [ "${1:-start}" = "stop" ]; then
    if is_running; then as_postgres "$BIN/pg_ctl" -D "$DATA" -m fast stop >&2; fi
    return
  fi
  ensure_cluster
  ensure_running
  ensure_database
  echo "export FRONTWATCH_TEST_PG=postgresql://postgres@127.0.0.1:$PGPORT/$PGDB"
}

main "$@"
