#!/usr/bin/env bash
# Production on one machine: migrate, collect static files, then run the app server (gunicorn,
# deploy/gunicorn.conf.py) and the periodic jobs' consumer (`manage.py run_huey`) side by side.
# Reads the production environment: DATABASE_URL, REDIS_URL, SECRET_KEY, ALLOWED_HOSTS, PORT,
# BEHIND_PROXY, ... (DEBUG defaults to false here). Both processes start and stop together: a signal
# to this script stops both, and when either exits the other is stopped and the script exits with
# the first one's status.
set -euo pipefail
cd "$(dirname "$0")/.."

export DEBUG="${DEBUG:-false}"
PYTHON="${PYTHON:-.venv/bin/python}"
BIN="$(dirname "$PYTHON")"

"$PYTHON" manage.py migrate --noinput
"$PYTHON" manage.py collectstatic --noinput -v 0

pids=()
stop() {
  trap - INT TERM EXIT
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  wait "${pids[@]}" 2>/dev/null || true
}
trap 'stop; exit 143' INT TERM
trap stop EXIT

"$BIN/gunicorn" --config deploy/gunicorn.conf.py newsportal.wsgi &
pids+=($!)

# The periodic jobs (ranked lists, view counts); SERVE_SCHEDULER=false where another machine runs them.
if [ "${SERVE_SCHEDULER:-true}" = true ]; then
  "$PYTHON" manage.py run_huey &
  pids+=($!)
fi

status=0
wait -n "${pids[@]}" || status=$?
echo "serve: a process exited (status $status); stopping the rest." >&2
exit "$status"
