"""The socket.io channel the web chat uses, with two defects of Rasa 3.6's own fixed.

1. ``SocketIOOutput.send_custom_json`` passes the custom message to ``sio.emit`` as keyword
   arguments, so a message with a ``type`` key (every structured message of the contract) raises
   ``TypeError`` and the reply is lost. Here the message itself is emitted, as the contract says.
2. ``session_request`` calls ``sio.enter_room`` without ``await``; from python-socketio 5.10 that
   call returns a coroutine that never runs, so with ``session_persistence`` no reply reaches the
   page (RasaHQ/rasa#13027). Here it is awaited whenever it is awaitable, so the channel works
   with either version (requirements.txt pins 5.9.0 all the same).

Origins allowed to connect: the server's own, and those listed in credentials.yml
(``cors_origins``); never ``*``.
"""

from __future__ import annotations

import inspect
import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any, ClassVar

import engineio
from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from rasa.core.channels.socketio import SocketBlueprint, SocketIOInput, SocketIOOutput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from socketio import AsyncServer

from channels import sessions
from channels.guard import take_turn

logger = logging.getLogger(__name__)


class _EngineIOServer(engineio.AsyncServer):
    """Allows the page's own origin and the origins listed in credentials.yml, nothing else.

    python-engineio allows either its own origin (no list) or exactly a list; the coach's page is
    served from the same server under whatever address it runs at, and pages on other sites
    that embed the chat must be listed.
    """

    def _cors_allowed_origins(self, environ):
        listed = self.cors_allowed_origins
        self.cors_allowed_origins = None  # the base class then returns the same-origin list
        try:
            same_origin = super()._cors_allowed_origins(environ)
        finally:
            self.cors_allowed_origins = listed
        return list(same_origin) + list(listed or [])


class _SocketIOServer(AsyncServer):
    def _engineio_server_class(self):
        return _EngineIOServer


class CoachSocketIOOutput(SocketIOOutput):
    """Emits custom messages as they are, one socket.io event each, and counts what it sent
    (a turn that sent nothing gets an apology)."""

    def __init__(self, sio: Any, bot_message_evt: str) -> None:
        super().__init__(sio, bot_message_evt)
        self.sent = 0

    async def _send_message(self, socket_id: str, response: Any) -> None:
        self.sent += 1
        await super()._send_message(socket_id, response)

    async def send_custom_json(
        self, recipient_id: str, json_message: dict[str, Any], **kwargs: Any
    ) -> None:
        self.sent += 1
        await self.sio.emit(self.bot_message_evt, dict(json_message), room=recipient_id)


async def _maybe_await(result: Any) -> None:
    if inspect.isawaitable(result):
        await result


class CoachSocketIOInput(SocketIOInput):
    """Rasa's socket.io input channel with the fixes above and explicit allowed origins."""

    @classmethod
    def name(cls) -> str:
        return "socketio"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        credentials = credentials or {}
        channel = super().from_credentials(credentials)
        channel.cors_origins = list(credentials.get("cors_origins") or [])
        return channel

    cors_origins: ClassVar[list[str]] = []

    def get_output_channel(self) -> OutputChannel | None:
        if self.sio is None:
            return super().get_output_channel()
        return CoachSocketIOOutput(self.sio, self.bot_message_evt)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        # python-engineio skips the origin check altogether for an empty list; None checks it
        # (the page's own origin, plus those listed, see _EngineIOServer).
        sio = _SocketIOServer(async_mode="sanic", cors_allowed_origins=self.cors_origins or None)
        socketio_webhook = SocketBlueprint(sio, self.socketio_path, "socketio_webhook", __name__)
        self.sio = sio

        server: dict[str, Any] = {}
        # The conversation id confirmed to each connected socket: the only one it may speak for.
        confirmed: dict[str, str] = {}

        @socketio_webhook.listener("before_server_start")
        async def remember_the_server(app: Any, _: Any) -> None:
            server["app"] = app  # the agent (for "대화 삭제") is app.ctx.agent once loaded

        @socketio_webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @sio.on("connect", namespace=self.namespace)
        async def connect(sid: str, environ: dict, auth: dict | None) -> bool:
            logger.debug(f"User {sid} connected to the socket.io endpoint.")
            return True

        @sio.on("disconnect", namespace=self.namespace)
        async def disconnect(sid: str) -> None:
            confirmed.pop(sid, None)
            logger.debug(f"User {sid} disconnected from the socket.io endpoint.")

        @sio.on("session_request", namespace=self.namespace)
        async def session_request(sid: str, data: dict | None) -> None:
            data = data if isinstance(data, dict) else {}
            # Only an id this server signed is confirmed (a reloaded page); anything else, or
            # none, gets a fresh one: a client can never pick someone else's conversation.
            requested = data.get("session_id")
            session_id = requested if sessions.is_signed(requested) else sessions.issue()
            confirmed[sid] = session_id
            if self.session_persistence:
                await _maybe_await(sio.enter_room(sid, session_id))
            await sio.emit("session_confirm", session_id, room=sid)

        @sio.on(self.user_message_evt, namespace=self.namespace)
        async def handle_message(sid: str, data: dict) -> None:
            output_channel = CoachSocketIOOutput(sio, self.bot_message_evt)
            if not isinstance(data, dict):
                await sio.emit("error", {"reason": "a message must be an object"}, room=sid)
                return
            if self.session_persistence:
                if not data.get("session_id") or data["session_id"] != confirmed.get(sid):
                    await sio.emit(
                        "error",
                        {"reason": "speak only for the session_id confirmed to this socket"},
                        room=sid,
                    )
                    return
                sender_id = data["session_id"]
            else:
                sender_id = sid
            metadata = data.get(self.metadata_key) or {}
            if isinstance(metadata, str):
                try:
                    metadata = json.loads(metadata)
                except json.JSONDecodeError:
                    metadata = {}
            text = data.get("message", "")
            if not isinstance(text, str):
                await sio.emit("error", {"reason": "`message` must be a string"}, room=sid)
                return
            await take_turn(
                text,
                sender_id,
                output_channel,
                on_new_message,
                input_channel=self.name(),
                replies_sent=lambda: output_channel.sent,
                agent=server["app"].ctx.agent if "app" in server else None,
                metadata=metadata,
            )

        return socketio_webhook
