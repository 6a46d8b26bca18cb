"""The action server, as `rasa run actions` starts it, made local and private.

- It listens on 127.0.0.1 unless ACTION_HOST says otherwise (`make run` keeps it local).
- Every call to /webhook must carry the token shared with the Rasa server (ACTION_SERVER_TOKEN,
  sent by Rasa as ``?token=…`` from endpoints.yml), so nobody else can post a tracker to it.
- Request bodies are bounded (Sanic's REQUEST_MAX_SIZE) and compressed bodies are refused, so a
  small deflate body cannot inflate into gigabytes.

    python scripts/action_server.py --port 5055
"""

from __future__ import annotations

import argparse
import hmac
import logging
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rasa_sdk.endpoint import create_app  # noqa: E402
from sanic import response  # noqa: E402
from sanic.request import Request  # noqa: E402
from sanic.response import HTTPResponse  # noqa: E402

# A tracker with a long conversation is well under this; anything larger is not from Rasa.
MAX_BODY_BYTES = 4 * 1024 * 1024


def build_app(token: str):  # type: ignore[no-untyped-def]
    app = create_app("actions", cors_origins=None)
    app.config.REQUEST_MAX_SIZE = MAX_BODY_BYTES

    @app.middleware("request")
    async def guard(request: Request) -> HTTPResponse | None:
        if request.path == "/health":
            return None
        given = request.args.get("token") or ""
        if not hmac.compare_digest(given.encode(), token.encode()):
            return response.json({"reason": "a valid token is required"}, status=401)
        if request.headers.get("Content-Encoding"):
            return response.json({"reason": "compressed bodies are not accepted"}, status=415)
        return None

    return app


def warm_up() -> None:
    """Load Kiwi and the learned readers before the first person's message, not during it."""
    from negotiation.choices import read_choice
    from negotiation.clauses import warm_up as load_kiwi
    from negotiation.understanding import second_opinion

    load_kiwi()
    read_choice("yes_no", "네")
    second_opinion.warm_up()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=5055)
    arguments = parser.parse_args()
    token = os.environ.get("ACTION_SERVER_TOKEN", "")
    if len(token) < 16:
        raise SystemExit("ACTION_SERVER_TOKEN must be set (16 characters or more)")
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    host = os.environ.get("ACTION_HOST", "127.0.0.1")
    warm_up()
    build_app(token).run(host, arguments.port, workers=1, access_log=False)


if __name__ == "__main__":
    main()
