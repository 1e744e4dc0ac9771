#!/usr/bin/env bash
# Production-like serve on this machine (`make serve`): DEBUG off, static files collected,
# migrations applied, gunicorn with $WORKERS workers and one database task worker. Both
# processes are stopped together: on Ctrl-C, on SIGTERM, or when either of them ends.
#
# Environment (all optional):
#   PYTHON             the venv's python (default: .venv/bin/python; `make serve` uses the
#                      runtime-only var/venv-prod)
#   WORKERS            gunicorn worker processes (default 4)
#   BIND               address to listen on (default 127.0.0.1:8000)
#   DEMO=1             load the demo data (idempotent) before serving
#   COLLECTSTATIC=0    skip collectstatic (the static files were collected at build time)
#   DATABASE_URL       PostgreSQL instead of SQLite in var/
#   REDIS_URL          Redis as the cache instead of files in var/cache
#   DJANGO_SECRET_KEY  default: generated once into var/secret_key
# Every other Django variable of README "Configuration" is passed through.
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${PYTHON:-.venv/bin/python}
WORKERS=${WORKERS:-4}
BIND=${BIND:-127.0.0.1:8000}
mkdir -p var

export DJANGO_DEBUG=0
export DJANGO_ALLOWED_HOSTS=${DJANGO_ALLOWED_HOSTS:-127.0.0.1,localhost}
export DJANGO_TASKS_BACKEND=${DJANGO_TASKS_BACKEND:-django_tasks_db.DatabaseBackend}
# This machine speaks plain HTTP on the loopback address; behind a TLS proxy leave it on.
export DJANGO_SECURE_SSL_REDIRECT=${DJANGO_SECURE_SSL_REDIRECT:-0}
if [ -z "${DJANGO_SECRET_KEY:-}" ]; then
  if [ ! -s var/secret_key ]; then
    (umask 077 && "$PY" -c 'import secrets; print(secrets.token_urlsafe(64))' >var/secret_key)
    echo "serve: generated a secret key in var/secret_key"
  fi
  DJANGO_SECRET_KEY=$(cat var/secret_key)
  export DJANGO_SECRET_KEY
fi

database="SQLite in var/" && [ -n "${DATABASE_URL:-}" ] && database="DATABASE_URL"
cache="files in var/cache" && [ -n "${REDIS_URL:-}" ] && cache="Redis (REDIS_URL)"
echo "serve: database $database, cache $cache"
if [ "${COLLECTSTATIC:-1}" != "0" ]; then
  "$PY" manage.py collectstatic --noinput -v0
fi
"$PY" manage.py migrate --noinput
"$PY" manage.py load_municipalities --if-present
if [ "${DEMO:-0}" = "1" ]; then
  "$PY" manage.py load_demo
fi

pids=()
stop() {
  trap - EXIT INT TERM HUP
  for pid in "${pids[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  wait || true
  echo "serve: stopped"
}
trap stop EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

"$PY" -m gunicorn config.wsgi:application \
  --workers "$WORKERS" --bind "$BIND" --graceful-timeout 10 --error-logfile - --no-control-socket &
pids+=($!)
"$PY" manage.py db_worker --queue-name '*' --no-reload &
pids+=($!)
echo "serve: http://$BIND with $WORKERS gunicorn workers and a task worker (Ctrl-C stops both)"

# Whichever process ends first (or a signal) ends the serve; the trap stops the other one.
status=0
wait -n "${pids[@]}" || status=$?
echo "serve: a process ended (exit $status); stopping the rest" >&2
exit "$status"
