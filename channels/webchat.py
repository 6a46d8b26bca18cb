"""Serves the web chat at /chat from the Rasa server itself (same origin as /socket.io).

The page and the widget are the project's own static files (web/static); the socket.io client is
the pinned socket.io-client from the npm registry (web/package-lock.json), installed into
web/node_modules by `make`. Nothing is fetched from a CDN at run time. Messages themselves go
through the socket.io channel (channels/socketio.py); this channel only serves files.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from negotiation.confirmation import page_labels

WEB = Path(__file__).resolve().parent.parent / "web"
FILES = {
    "widget.js": (WEB / "static" / "widget.js", "application/javascript; charset=utf-8"),
    "chat.css": (WEB / "static" / "chat.css", "text/css; charset=utf-8"),
    "socket.io.min.js": (
        WEB / "node_modules" / "socket.io-client" / "dist" / "socket.io.min.js",
        "application/javascript; charset=utf-8",
    ),
}


class WebChatInput(InputChannel):
    """The /chat page, its widget script and style, and the socket.io client."""

    @classmethod
    def name(cls) -> str:
        return "webchat"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        return cls()

    def url_prefix(self) -> str:
        # Rasa joins this to "/webhooks/"; an absolute path puts the page at /chat.
        return "/chat"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        web_chat = Blueprint("coach_webchat", __name__)

        @web_chat.route("/", methods=["GET"], strict_slashes=False)
        async def page(_: Request) -> HTTPResponse:
            return await response.file(
                WEB / "static" / "index.html", mime_type="text/html; charset=utf-8"
            )

        @web_chat.route("/labels.json", methods=["GET"])
        async def labels(_: Request) -> HTTPResponse:
            # The coach's own words for figures, options and statuses (wording.yml), so that the
            # widget keeps no copy of them.
            return response.json(page_labels(), ensure_ascii=False)

        @web_chat.route("/<name>", methods=["GET"])
        async def static_file(request: Request, name: str) -> HTTPResponse:
            if not name:
                return await page(request)
            if name not in FILES:
                return response.json({"reason": f"no such file: {name}"}, status=404)
            path, mime_type = FILES[name]
            if not path.exists():
                return response.json({"reason": f"{name} is not built; run `make run`"}, status=404)
            return await response.file(path, mime_type=mime_type)

        return web_chat
