#!/usr/bin/env bash
# Chat in the terminal: the action server starts in the background and stops with the shell.
set -euo pipefail
cd "$(dirname "$0")/.."
export RASA_TELEMETRY_ENABLED=false
# shellcheck source=scripts/env.sh
source scripts/env.sh
VENV=${VENV:-.venv}
ACTION_PORT=${ACTION_PORT:-5055}
export ACTION_SERVER_TOKEN=${ACTION_SERVER_TOKEN:-$("$VENV/bin/python" -c 'import secrets; print(secrets.token_hex(24))')}
mkdir -p .run var
sed "s#127.0.0.1:5055#127.0.0.1:${ACTION_PORT}#" endpoints.yml > .run/endpoints.yml
"$VENV/bin/python" scripts/action_server.py --port "$ACTION_PORT" > .run/actions.log 2>&1 &
action_pid=$!
trap 'kill $action_pid 2>/dev/null || true' EXIT INT TERM
"$VENV/bin/rasa" shell --model "${MODEL:-models/coach.tar.gz}" --endpoints .run/endpoints.yml
