# Source this file: it starts a throw-away PostgreSQL in a temporary directory on a free port, exports
# PG_TEMP_URL, and stops and removes it when the shell exits. Returns 1 (and prints why) when no PostgreSQL
# server binaries are installed. Set PG_TEMP_DURABLE=1 to keep fsync on (benchmarks); tests turn it off.
pg_temp_start() {
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
    echo "postgres-temp: no PostgreSQL server found under /usr/lib/postgresql (apt-get install postgresql)" >&2
    return 1
  fi
  PG_TEMP_DIR=$(mktemp -d /tmp/somlos-pg.XXXXXX)
  local port run=()
  port=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
  # initdb refuses to run as root: run the server as the postgres user, on a directory it owns.
  if [ "$(id -u)" = 0 ]; then
    chown postgres "$PG_TEMP_DIR"
    run=(runuser -u postgres --)
  fi
  local fast=(-c fsync=off -c synchronous_commit=off -c full_page_writes=off)
  [ "${PG_TEMP_DURABLE:-0}" = 1 ] && fast=()
  "${run[@]}" "$bin/initdb" -D "$PG_TEMP_DIR/data" -U postgres -A trust -E UTF8 --no-locale >"$PG_TEMP_DIR/initdb.log" 2>&1 ||
    { cat "$PG_TEMP_DIR/initdb.log" >&2; return 1; }
  "${run[@]}" "$bin/pg_ctl" -D "$PG_TEMP_DIR/data" -l "$PG_TEMP_DIR/server.log" -w -t 30 \
    -o "-p $port -k $PG_TEMP_DIR -c listen_addresses=127.0.0.1 -c max_connections=200 ${fast[*]}" start >/dev/null ||
    { cat "$PG_TEMP_DIR/server.log" >&2; return 1; }
  PG_TEMP_BIN=$bin
  PG_TEMP_RUN="${run[*]}"
  export PG_TEMP_URL="postgres://postgres@127.0.0.1:$port/postgres"
  trap pg_temp_stop EXIT
}

pg_temp_stop() {
  [ -n "${PG_TEMP_DIR:-}" ] || return 0
  $PG_TEMP_RUN "$PG_TEMP_BIN/pg_ctl" -D "$PG_TEMP_DIR/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$PG_TEMP_DIR"
  PG_TEMP_DIR=
}
