"""The REST channel (/webhooks/rest/webhook) with the coach's guard around Rasa's own.

Differences from Rasa's ``RestInput``, each a 4xx with a reason for a program:
- the body must be a JSON object with a well-formed ``sender`` (no shared "default"
  conversation for requests without one) and a string ``message``;
- a message over the length limit is refused (413) with a Korean text for the person;
- the client cannot claim another input channel (Rasa's accepts ``input_channel`` from the body,
  which would make the coach answer as if to the web chat).
Personal numbers are masked before Rasa stores the message, and a turn that produced no reply
(the action server down) gets a Korean apology (see channels/guard.py).
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from channels.guard import collect_turn
from channels.retention import keep_purging

# Letters, digits and a few separators, as conversation ids are written; never empty.
SENDER = re.compile(r"[A-Za-z0-9_.:@-]{1,128}")


def _bad_request(reason: str, status: int = 400, **extra: Any) -> HTTPResponse:
    return response.json({"reason": reason, **extra}, status=status)


class CoachRestInput(InputChannel):
    """Rasa's REST webhook, guarded."""

    @classmethod
    def name(cls) -> str:
        return "rest"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint("coach_rest_webhook", __name__)

        @webhook.listener("after_server_start")
        async def start_purging(app: Any, _: Any) -> None:
            app.add_task(keep_purging(app))

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            try:
                body = request.json
            except Exception:  # Sanic raises on a body that is not JSON
                return _bad_request("the body must be JSON")
            if not isinstance(body, dict):
                return _bad_request('the body must be a JSON object: {"sender": …, "message": …}')
            sender = body.get("sender")
            if not isinstance(sender, str) or not SENDER.fullmatch(sender):
                return _bad_request(
                    "`sender` must be 1-128 letters, digits or _.:@- (one id per conversation)"
                )
            text = body.get("message")
            if not isinstance(text, str):
                return _bad_request("`message` must be a string")
            metadata = body.get("metadata")
            if metadata is not None and not isinstance(metadata, dict):
                return _bad_request("`metadata` must be an object")

            guarded, replies = await collect_turn(
                text,
                sender,
                on_new_message,
                input_channel=self.name(),
                agent=getattr(request.app.ctx, "agent", None),
                metadata=metadata,
                say_refusal=False,
            )
            if guarded.refusal is not None:
                return _bad_request(
                    guarded.reason or "message refused",
                    status=413,
                    text=guarded.refusal,
                )
            return response.json(replies)

        return webhook
