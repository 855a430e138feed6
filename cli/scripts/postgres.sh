#!/usr/bin/env bash
# A throwaway PostgreSQL server on 127.0.0.1 for the CLI tests.
#   postgres.sh start DIR   initdb + start in DIR; writes DIR/url; on failure
#                           prints the reason on stdout and exits 1
#   postgres.sh stop DIR    stop it and remove DIR
#   postgres.sh down DIR    stop the server, keep its data (a restart test)
#   postgres.sh up DIR      start it again on the same port
# Installs the Debian package when no server binaries are present.
set -uo pipefail
cmd="${1:?start|stop}"
dir="${2:?directory}"

find_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

as_owner() {
  # initdb and postgres refuse to run as root.
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start_server() {  # uses $bin, $dir, $port
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/data/server.log" -w -t 60 \
    -o "-h 127.0.0.1 -p $port -k $dir/socket -c fsync=on -c max_connections=100" start >"$dir/pg_ctl.log" 2>&1 \
    || { echo "PostgreSQL did not start: $(tail -n 1 "$dir/data/server.log" 2>/dev/null)"; return 1; }
}

case "$cmd" in
start)
  bin="$(find_bin)"
  if [ -z "$bin" ]; then
    if [ "$(id -u)" != 0 ]; then echo "PostgreSQL is not installed and this user cannot apt-get install it"; exit 1; fi
    if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >"$dir.apt.log" 2>&1; then
      apt-get update -q >>"$dir.apt.log" 2>&1
      DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >>"$dir.apt.log" 2>&1 \
        || { echo "apt-get install postgresql failed: $(tail -n 1 "$dir.apt.log")"; exit 1; }
    fi
    # The package starts a cluster of its own; this test does not use it.
    bin="$(find_bin)"
    [ -n "$bin" ] || { echo "postgresql installed but no server binaries found"; exit 1; }
  fi
  if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then
    useradd --system --no-create-home postgres || { echo "cannot create the postgres user"; exit 1; }
  fi
  mkdir -p "$dir" && chmod 755 "$dir"
  mkdir -p "$dir/data" "$dir/socket"
  [ "$(id -u)" = 0 ] && chown postgres "$dir/data" "$dir/socket"
  port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
  as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 >"$dir/initdb.log" 2>&1 \
    || { echo "initdb failed: $(tail -n 1 "$dir/initdb.log")"; exit 1; }
  echo "$port" >"$dir/port"
  start_server || exit 1
  echo "postgres://postgres@127.0.0.1:$port/postgres" >"$dir/url"
  ;;
down)
  bin="$(find_bin)"
  as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || { echo "pg_ctl stop failed"; exit 1; }
  ;;
up)
  bin="$(find_bin)"
  port="$(cat "$dir/port")"
  start_server || exit 1
  ;;
stop)
  bin="$(find_bin)"
  [ -n "$bin" ] && [ -d "$dir/data" ] && as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1
  rm -rf "$dir"
  ;;
esac
