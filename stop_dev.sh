#!/usr/bin/env bash
# Stop what start_dev.sh started: each service's whole process group (runserver's reloader child, npm's vite,
# Celery's pool), TERM first, KILL after a grace period. Idempotent; removes the PID files.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
RUN_DIR="$ROOT/.run"
GRACE_SECONDS="${GRACE_SECONDS:-10}"

group_alive() { # any process left in the session/process group led by $1?
  pgrep -s "$1" >/dev/null 2>&1 || pgrep -g "$1" >/dev/null 2>&1
}

stop_service() {
  local pidfile="$1" name pid
  name="$(basename "$pidfile" .pid)"
  pid="$(cat "$pidfile" 2>/dev/null || true)"
  if [[ ! "$pid" =~ ^[0-9]+$ ]] || ! group_alive "$pid"; then
    echo "  $name: not running"
    rm -f "$pidfile"
    return
  fi
  # start_dev.sh runs each service under setsid, so its pid is also its process group and session id.
  kill -TERM -- "-$pid" 2>/dev/null
  pkill -TERM -s "$pid" 2>/dev/null
  for _ in $(seq 1 $((GRACE_SECONDS * 5))); do
    group_alive "$pid" || break
    sleep 0.2
  done
  if group_alive "$pid"; then
    kill -KILL -- "-$pid" 2>/dev/null
    pkill -KILL -s "$pid" 2>/dev/null
    sleep 0.5
  fi
  if group_alive "$pid"; then
    echo "  $name: could not be stopped (session $pid): $(pgrep -s "$pid" | tr '\n' ' ')" >&2
    return 1
  fi
  rm -f "$pidfile"
  echo "  $name: stopped"
}

shopt -s nullglob
pidfiles=("$RUN_DIR"/*.pid)
if ((${#pidfiles[@]} == 0)); then
  echo "Nothing to stop (no PID files in .run/)."
  exit 0
fi
echo "Stopping services:"
status=0
# The worker and web first, the API last (the worker may be finishing a task that talks to the database).
for name in worker web api; do
  [[ -f "$RUN_DIR/$name.pid" ]] && { stop_service "$RUN_DIR/$name.pid" || status=1; }
done
for pidfile in "$RUN_DIR"/*.pid; do
  stop_service "$pidfile" || status=1
done
exit "$status"
