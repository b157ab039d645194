# shellcheck shell=bash
# Sourced by .ci/run: a throwaway PostgreSQL server for the index backend tests.
#
# Installs Debian's postgresql when no server binaries are found, initialises a cluster in a
# temporary folder, starts it as the postgres user (the server refuses to run as root) on a
# free local port, creates a database and exports GONGWEN_TEST_PG for the tests.  The server is
# stopped and its folder removed when the sourcing shell exits.  Idempotent: nothing happens
# when GONGWEN_TEST_PG is already set.  Works under `set -euo pipefail`.

_gw_pg_bindir() {
  local d
  if command -v pg_ctl >/dev/null 2>&1 && command -v initdb >/dev/null 2>&1; then
    d="$(dirname "$(readlink -f "$(command -v pg_ctl)")")"
    if [ -x "$d/createdb" ]; then
      echo "$d"
      return 0
    fi
  fi
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$d/pg_ctl" ] && [ -x "$d/initdb" ] && [ -x "$d/createdb" ]; then
      echo "$d"
      return 0
    fi
  done
  return 1
}

_gw_pg_as() {  # run a command as the server's owner
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

_gw_pg_stop() {
  if [ -n "${_GW_PG_DIR:-}" ] && [ -d "$_GW_PG_DIR" ]; then
    _gw_pg_as "$_GW_PG_BIN/pg_ctl" -D "$_GW_PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$_GW_PG_DIR"
  fi
}

_gw_pg_start() {
  local port
  _GW_PG_BIN="$(_gw_pg_bindir)" || {
    echo "postgres.sh: installing PostgreSQL (Debian package postgresql)" >&2
    if [ "$(id -u)" = 0 ]; then
      DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    else
      sudo DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
      sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    fi
    _GW_PG_BIN="$(_gw_pg_bindir)" || { echo "postgres.sh: no PostgreSQL server binaries" >&2; return 1; }
  }
  _GW_PG_DIR="$(mktemp -d /tmp/gongwen-pg.XXXXXX)"
  chmod 755 "$_GW_PG_DIR"
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --home-dir "$_GW_PG_DIR" postgres
    chown postgres "$_GW_PG_DIR"
  fi
  trap _gw_pg_stop EXIT
  port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
  _gw_pg_as "$_GW_PG_BIN/initdb" -D "$_GW_PG_DIR/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 \
    >"$_GW_PG_DIR/initdb.log" 2>&1
  _gw_pg_as "$_GW_PG_BIN/pg_ctl" -D "$_GW_PG_DIR/data" -l "$_GW_PG_DIR/server.log" -w \
    -o "-p $port -k $_GW_PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off" \
    start >/dev/null
  _gw_pg_as "$_GW_PG_BIN/createdb" -h 127.0.0.1 -p "$port" -U postgres gongwen_test
  export GONGWEN_TEST_PG="postgresql://postgres@127.0.0.1:$port/gongwen_test"
}

if [ -z "${GONGWEN_TEST_PG:-}" ]; then
  _gw_pg_start
fi
