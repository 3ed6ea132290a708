#!/usr/bin/env bash
# Shared helpers for the service scripts (sourced, not run).

TAPLINE_CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/tapline"

# Print a free TCP port on 127.0.0.1 (the kernel picks it).
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# wait_port PORT SECONDS: succeed once something listens on 127.0.0.1:PORT.
wait_port() {
  local port="$1" limit="$2" i=0
  while ((i < limit * 10)); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      return 0
    fi
    sleep 0.1
    i=$((i + 1))
  done
  return 1
}

# stop_pid FILE: send TERM to the pid in FILE, wait up to 20 s, then KILL.
stop_pid() {
  local file="$1" pid i=0
  [[ -f "$file" ]] || return 0
  pid="$(cat "$file")"
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null && ((i < 200)); do
      sleep 0.1
      i=$((i + 1))
    done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$file"
}

# Run a command under flock so concurrent callers build a cache only once.
with_lock() {
  local lock="$1"
  shift
  mkdir -p "$(dirname "$lock")"
  (
    flock -w 1800 9 || exit 1
    "$@"
  ) 9>"$lock"
}
