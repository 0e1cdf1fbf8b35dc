#!/usr/bin/env bash
# Start everything for local work, in the background, each in its own session/process group:
#   api     Django runserver on 127.0.0.1:${API_PORT:-8000} (SQLite unless DATABASE_URL says otherwise)
#   web     Vite dev server with hot reload on 127.0.0.1:${WEB_PORT:-5173} (when frontend/package.json exists)
#   worker  Celery, only when CELERY_BROKER_URL is set and Redis answers on 127.0.0.1:6379
# Idempotent: a service already running is left alone. PID files and logs: .run/<service>.pid / .log.
# Stop everything with ./stop_dev.sh. `make dev` remains the one-command foreground path.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
RUN_DIR="$ROOT/.run"
VENV="$ROOT/.venv"
API_PORT="${API_PORT:-8000}"
WEB_PORT="${WEB_PORT:-5173}"
REDIS_HOST=127.0.0.1
REDIS_PORT=6379
mkdir -p "$RUN_DIR"
cd "$ROOT"

# Development defaults from config/environments/development.env; variables already set in the shell win.
load_env_defaults() {
  local file="$ROOT/config/environments/development.env" line key value
  [[ -f "$file" ]] || return 0
  while IFS= read -r line || [[ -n "$line" ]]; do
    [[ "$line" =~ ^[[:space:]]*([A-Za-z_][A-Za-z0-9_]*)=(.*)$ ]] || continue
    key="${BASH_REMATCH[1]}" value="${BASH_REMATCH[2]}"
    [[ -n "${!key+set}" ]] || export "$key=$value"
  done <"$file"
}

port_open() { # port_open HOST PORT -> 0 when something accepts connections there
  (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null
}

port_owner() {
  if command -v ss >/dev/null; then
    ss -ltnpH "sport = :$1" 2>/dev/null | sed -n 's/.*users:((\(.*\)))/\1/p' | head -1
  fi
}

running() { # running NAME -> 0 when the PID file names a live process
  local pidfile="$RUN_DIR/$1.pid"
  [[ -f "$pidfile" ]] && kill -0 "$(cat "$pidfile")" 2>/dev/null
}

FAILED=0

start() { # start NAME PORT DIR COMMAND... ; PORT may be "-" for a service without one
  local name="$1" port="$2" dir="$3"
  shift 3
  if running "$name"; then
    echo "  $name: already running (pid $(cat "$RUN_DIR/$name.pid"))"
    return 0
  fi
  rm -f "$RUN_DIR/$name.pid"
  if [[ "$port" != "-" ]] && port_open 127.0.0.1 "$port"; then
    local owner
    owner="$(port_owner "$port")"
    echo "  $name: NOT started: port $port is already taken${owner:+ by $owner}." >&2
    echo "         Stop that process, or choose another port (API_PORT=... / WEB_PORT=... ./start_dev.sh)." >&2
    FAILED=1
    return 0
  fi
  # setsid: the service leads its own session and process group, so stop_dev.sh can end all its children.
  (cd "$dir" && exec setsid "$@" >>"$RUN_DIR/$name.log" 2>&1 </dev/null) &
  echo $! >"$RUN_DIR/$name.pid"
  if [[ "$port" == "-" ]]; then
    sleep 2
  else
    for _ in $(seq 1 60); do
      port_open 127.0.0.1 "$port" && break
      running "$name" || break
      sleep 0.5
    done
  fi
  if running "$name" && { [[ "$port" == "-" ]] || port_open 127.0.0.1 "$port"; }; then
    local where=""
    [[ "$port" == "-" ]] || where=" on 127.0.0.1:$port"
    echo "  $name: started$where (pid $(cat "$RUN_DIR/$name.pid")), log .run/$name.log"
  else
    echo "  $name: failed to start; last lines of .run/$name.log:" >&2
    tail -n 15 "$RUN_DIR/$name.log" >&2 || true
    FAILED=1
  fi
}

load_env_defaults

echo "Preparing the backend (install, migrate, demo data; log .run/setup.log) ..."
if ! make -s -C "$ROOT" seed >>"$RUN_DIR/setup.log" 2>&1; then
  echo "Backend setup failed; see .run/setup.log:" >&2
  tail -n 20 "$RUN_DIR/setup.log" >&2
  exit 1
fi

echo "Starting services:"
start api "$API_PORT" "$ROOT/backend" "$VENV/bin/python" manage.py runserver "127.0.0.1:$API_PORT"

if [[ -f "$ROOT/frontend/package.json" ]]; then
  if [[ ! -d "$ROOT/frontend/node_modules" ]]; then
    echo "  web: installing dependencies (npm ci, log .run/web.log) ..."
    (cd "$ROOT/frontend" && npm ci --no-audit --no-fund >>"$RUN_DIR/web.log" 2>&1)
  fi
  export BACKEND_URL="http://127.0.0.1:$API_PORT"  # vite.config.ts proxies /api, /admin, ... there
  start web "$WEB_PORT" "$ROOT/frontend" \
    npm run dev -- --host 127.0.0.1 --port "$WEB_PORT" --strictPort
else
  echo "  web: skipped (no frontend/package.json)"
fi

if [[ -z "${CELERY_BROKER_URL:-}" ]]; then
  echo "  worker: skipped (CELERY_BROKER_URL not set: tasks run eagerly inside the API)"
elif ! port_open "$REDIS_HOST" "$REDIS_PORT"; then
  echo "  worker: skipped (Redis does not answer on $REDIS_HOST:$REDIS_PORT; start redis-server)" >&2
  echo "          CELERY_BROKER_URL is set, so the API will fail to queue tasks until Redis is up." >&2
else
  start worker - "$ROOT/backend" "$VENV/bin/celery" -A projectmeats worker --loglevel INFO --concurrency 2
fi

echo ""
echo "API:  http://127.0.0.1:$API_PORT/  (docs /api/docs/, admin /admin/)"
[[ -f "$RUN_DIR/web.pid" ]] && echo "App:  http://127.0.0.1:$WEB_PORT/"
echo "Demo login: demo_owner / demo-pass-2026    Stop: ./stop_dev.sh"
exit "$FAILED"
