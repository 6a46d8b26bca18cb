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
    "embed.js": (WEB / "static" / "embed.js", "application/javascript; charset=utf-8"),
    "chat.css": (WEB / "static" / "chat.css", "text/css; charset=utf-8"),
    "socket.io.min.js": (
        WEB / "node_modules" / "socket.io-client" / "dist" / "socket.io.min.js",
        "application/javascript; charset=utf-8",
    ),
}


def security_headers(frame_ancestors: list[str]) -> dict[str, str]:
    """Headers on every /chat response: scripts, styles and connections only from this server
    (no inline script), framing only by this server and the sites allowed to embed the chat."""
    ancestors = " ".join(["'self'", *frame_ancestors])
    return {
        "Content-Security-Policy": (
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            "connect-src 'self' ws: wss:; object-src 'none'; base-uri 'none'; "
            f"form-action 'self'; frame-ancestors {ancestors}"
        ),
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "Cache-Control": "no-store",
    }


class WebChatInput(InputChannel):
    """The /chat page, its widget script and style, and the socket.io client."""

    def __init__(self, frame_ancestors: list[str] | None = None) -> None:
        self.frame_ancestors = list(frame_ancestors or [])

    @classmethod
    def name(cls) -> str:
        return "webchat"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        # The sites allowed to frame the page: credentials.yml `frame_ancestors` (none by default).
        return cls((credentials or {}).get("frame_ancestors") or [])

    def url_prefix(self) -> str:
        # Rasa joins this to "/webhooks/"; an absolute path puts the page at /chat.
        return "/chat"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        web_chat = Blueprint("coach_webchat", __name__)
        headers = security_headers(self.frame_ancestors)

        @web_chat.middleware("response")
        async def add_security_headers(_: Request, reply: HTTPResponse) -> None:
            reply.headers.update(headers)

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
