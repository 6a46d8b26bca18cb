#!/usr/bin/env bash
# Start the action server and the Rasa server (REST and socket.io channels) and stop both on
# Ctrl-C. Used by `make run`; ports can be changed with ACTION_PORT and RASA_PORT. Both listen on
# 127.0.0.1 only; HOST=0.0.0.0 opens the Rasa server to the network (the action server stays
# local, and takes calls only with the token shared with the Rasa server).
set -euo pipefail
cd "$(dirname "$0")/.."
export RASA_TELEMETRY_ENABLED=false
# shellcheck source=scripts/env.sh
source scripts/env.sh
VENV=${VENV:-.venv}
ACTION_PORT=${ACTION_PORT:-5055}
RASA_PORT=${RASA_PORT:-5005}
MODEL=${MODEL:-models/coach.tar.gz}
HOST=${HOST:-127.0.0.1}
export ACTION_SERVER_TOKEN=${ACTION_SERVER_TOKEN:-$("$VENV/bin/python" -c 'import secrets; print(secrets.token_hex(24))')}
# Request bodies the Rasa server accepts (Sanic reads SANIC_* settings from the environment).
export SANIC_REQUEST_MAX_SIZE=${SANIC_REQUEST_MAX_SIZE:-1000000}
mkdir -p .run var

pids=()
stop() {
  trap - INT TERM EXIT
  echo; echo "Stopping the coach..."
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  echo "Stopped."
}
trap stop INT TERM EXIT

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for port in "$ACTION_PORT" "$RASA_PORT"; do
  if ! port_free "$port"; then
    echo "error: port $port is already in use. Stop what uses it, or set ACTION_PORT/RASA_PORT." >&2
    exit 1
  fi
done

sed "s#127.0.0.1:5055#127.0.0.1:${ACTION_PORT}#" endpoints.yml > .run/endpoints.yml

"$VENV/bin/python" scripts/action_server.py --port "$ACTION_PORT" > .run/actions.log 2>&1 &
pids+=($!)
api_args=()
if [ -n "${RASA_TOKEN:-}" ]; then api_args=(--enable-api --auth-token "$RASA_TOKEN"); fi
"$VENV/bin/rasa" run --model "$MODEL" --endpoints .run/endpoints.yml \
  --credentials credentials.yml --interface "$HOST" --port "$RASA_PORT" \
  "${api_args[@]}" > .run/rasa.log 2>&1 &
pids+=($!)

echo "Starting the coach (the model takes about half a minute to load)..."
for _ in $(seq 1 180); do
  if curl -fs "http://localhost:${RASA_PORT}/status" >/dev/null 2>&1 \
      || curl -fs "http://localhost:${RASA_PORT}/" >/dev/null 2>&1; then
    break
  fi
  for pid in "${pids[@]}"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "error: a server stopped while starting; see .run/actions.log and .run/rasa.log" >&2
      exit 1
    fi
  done
  sleep 1
done
# Each conversation needs its own sender id; the example makes a fresh one.
EXAMPLE_SENDER=$("$VENV/bin/python" -c 'import secrets; print(secrets.token_hex(8))')
cat <<MSG

  미납 협상 코치가 준비됐어요.
  REST:       curl -s -X POST http://localhost:${RASA_PORT}/webhooks/rest/webhook \\
                -H 'Content-Type: application/json' -d '{"sender": "${EXAMPLE_SENDER}", "message": "안녕하세요"}'
  Web chat:   http://localhost:${RASA_PORT}/chat
  socket.io:  http://localhost:${RASA_PORT}/socket.io (the web chat's channel)
  KakaoTalk:  http://localhost:${RASA_PORT}/webhooks/kakao/webhook (an Open Builder skill;
              needs KAKAO_SKILL_SECRET, see the README)
  Terminal:   make shell (in another terminal, after stopping this one)
  Logs:       .run/rasa.log, .run/actions.log
  Stop:       Ctrl-C

MSG
wait -n "${pids[@]}" || true
echo "error: a server stopped; see .run/actions.log and .run/rasa.log" >&2
exit 1
