"""KakaoTalk (카카오 i 오픈빌더): the coach as an Open Builder skill at /webhooks/kakao/webhook.

Open Builder POSTs a SkillPayload for every message the person sends in the KakaoTalk channel
and waits at most 5 seconds for one SkillResponse. This channel:

- refuses every call that does not carry the shared secret (the header configured with the skill
  in Open Builder, ``X-Kakao-Skill-Secret`` by default; 401 without it, 403 when wrong), and every
  call at all, with a log line saying why, while no secret is configured (503);
- refuses a payload that is not a SkillPayload (400, with the reason);
- talks to the coach as ``kakao-<HMAC of the Kakao user key>`` (channels/sessions.py), so the
  key itself is never stored or logged; the turn is the same as on every channel
  (channels/guard.py: length limit, masked numbers, "대화 삭제", an apology instead of silence);
- answers within the budget (``KAKAO_REPLY_BUDGET_SECONDS``, 4 by default). When the coach is
  slower, it answers "잠시만요…" and keeps working: on a block with Open Builder's callback
  enabled (the payload has ``userRequest.callbackUrl``) the answer is POSTed there when ready,
  else it is shown on the person's next message;
- shows at most three speech bubbles at a time (channels/kakao_format.py); the rest waits for
  the person's next message ("이어서 보기").

While something is waiting to be shown, the person's next message is not passed to the coach:
they have not read the coach's last question yet, so a "네" could confirm figures they never
saw. It shows what was waiting instead (with a word that they may send their message again),
except "대화 삭제", which always erases. What is waiting is kept in this process's memory only,
for ``KAKAO_PENDING_SECONDS`` (10 minutes by default) and for at most 10,000 people; it is lost
on a restart and not shared between servers (behind a load balancer, pin a person to a server).
"""

from __future__ import annotations

import asyncio
import fnmatch
import hmac
import logging
import os
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import aiohttp
from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from channels import kakao_format as kakao
from channels import sessions
from channels.erasure import asks_to_erase
from channels.guard import collect_turn, guard, no_reply_apology

logger = logging.getLogger(__name__)

DEFAULT_HEADER = "X-Kakao-Skill-Secret"
DEFAULT_BUDGET_SECONDS = 4.0
DEFAULT_PENDING_SECONDS = 600.0
MAX_WAITING = 10_000
# Open Builder's callbackUrl is valid for one minute after the request and can be used once.
CALLBACK_VALID_SECONDS = 55.0
USER_ID_CHARS = 256  # Kakao's user keys are at most 70 characters; anything far longer is not one


def _bad_request(reason: str, status: int = 400) -> HTTPResponse:
    return response.json({"reason": reason}, status=status)


def _float_setting(env: str, configured: Any, default: float) -> float:
    for value in (os.environ.get(env), configured):
        if value not in (None, ""):
            try:
                return float(value)
            except (TypeError, ValueError):
                logger.error("%s must be seconds, not %r; using %s", env, value, default)
    return default


def _messages(task: asyncio.Task[list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """What a finished turn said; an apology if it failed outside the coach (never expected:
    the turn itself catches the coach's failures)."""
    try:
        return task.result()
    except Exception:
        logger.exception("a KakaoTalk turn failed")
        return [{"text": no_reply_apology()}]


def read_payload(body: Any) -> tuple[str, str, str | None] | str:
    """(utterance, Kakao user key, callbackUrl or None) from a SkillPayload, or why it is not
    one (a reason for the 400)."""
    if not isinstance(body, dict):
        return "the body must be a JSON object: a Kakao SkillPayload"
    for part in ("bot", "intent", "action"):
        if part in body and body[part] is not None and not isinstance(body[part], dict):
            return f"`{part}` must be an object"
    request = body.get("userRequest")
    if not isinstance(request, dict):
        return "`userRequest` must be an object"
    utterance = request.get("utterance")
    if not isinstance(utterance, str):
        return "`userRequest.utterance` must be a string"
    user = request.get("user")
    if not isinstance(user, dict):
        return "`userRequest.user` must be an object"
    user_id = user.get("id")
    if not isinstance(user_id, str) or not user_id.strip() or len(user_id) > USER_ID_CHARS:
        return f"`userRequest.user.id` must be a string of 1-{USER_ID_CHARS} characters"
    callback = request.get("callbackUrl")
    if callback is not None and not isinstance(callback, str):
        return "`userRequest.callbackUrl` must be a string"
    return utterance, user_id, callback or None


@dataclass
class Waiting:
    """What a person has not seen yet: a reply that did not fit, or a turn still running."""

    pending: kakao.Reply | asyncio.Task[list[dict[str, Any]]]
    until: float


class WaitingRoom:
    """What waits for each person, in memory, bounded and expiring."""

    def __init__(self, seconds: float, limit: int = MAX_WAITING) -> None:
        self.seconds = seconds
        self.limit = limit
        self.entries: OrderedDict[str, Waiting] = OrderedDict()

    def put(self, sender: str, pending: kakao.Reply | asyncio.Task) -> Waiting:
        waiting = Waiting(pending, time.monotonic() + self.seconds)
        self.entries[sender] = waiting
        self.entries.move_to_end(sender)
        while len(self.entries) > self.limit:
            self.entries.popitem(last=False)
        return waiting

    def peek(self, sender: str) -> Waiting | None:
        waiting = self.entries.get(sender)
        if waiting is not None and waiting.until < time.monotonic():
            del self.entries[sender]
            return None
        return waiting

    def take(self, sender: str) -> Waiting | None:
        waiting = self.peek(sender)
        if waiting is not None:
            del self.entries[sender]
        return waiting


class KakaoInput(InputChannel):
    """An Open Builder skill server (SkillPayload in, SkillResponse 2.0 out)."""

    @classmethod
    def name(cls) -> str:
        return "kakao"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        credentials = credentials or {}
        secret_env = str(credentials.get("secret_env") or "KAKAO_SKILL_SECRET")
        return cls(
            secret=os.environ.get(secret_env) or None,
            secret_env=secret_env,
            header=str(credentials.get("secret_header") or DEFAULT_HEADER),
            budget=_float_setting(
                "KAKAO_REPLY_BUDGET_SECONDS",
                credentials.get("reply_budget_seconds"),
                DEFAULT_BUDGET_SECONDS,
            ),
            pending_seconds=_float_setting(
                "KAKAO_PENDING_SECONDS", credentials.get("pending_seconds"), DEFAULT_PENDING_SECONDS
            ),
            callback_hosts=list(credentials.get("callback_hosts") or ["*.kakao.com"]),
        )

    def __init__(
        self,
        secret: str | None = None,
        secret_env: str = "KAKAO_SKILL_SECRET",
        header: str = DEFAULT_HEADER,
        budget: float = DEFAULT_BUDGET_SECONDS,
        pending_seconds: float = DEFAULT_PENDING_SECONDS,
        callback_hosts: list[str] | None = None,
    ) -> None:
        self.secret = secret
        self.secret_env = secret_env
        self.header = header
        self.budget = budget
        self.callback_hosts = callback_hosts if callback_hosts is not None else ["*.kakao.com"]
        self.waiting = WaitingRoom(pending_seconds)
        self.callbacks: set[asyncio.Task] = set()  # kept referenced until they are done

    # --- Who may call ---------------------------------------------------------------------

    def refusal(self, request: Request) -> HTTPResponse | None:
        """Why this call is refused, or None when it carries the shared secret."""
        if not self.secret:
            logger.error(
                "KakaoTalk call refused: no secret configured; set %s and the same value in "
                "the %s header of the skill in Open Builder",
                self.secret_env,
                self.header,
            )
            return _bad_request(f"the kakao channel has no secret: set {self.secret_env}", 503)
        given = request.headers.get(self.header)
        if not given:
            return _bad_request(f"the {self.header} header is missing", 401)
        if not hmac.compare_digest(given.encode(), self.secret.encode()):
            logger.warning("KakaoTalk call refused: wrong %s header", self.header)
            return _bad_request(f"the {self.header} header is wrong", 403)
        return None

    def callback_allowed(self, url: str) -> bool:
        """Only Open Builder's own callback addresses (``callback_hosts`` in credentials.yml)
        are called: https, or http to this machine for a local test."""
        try:
            parts = urlsplit(url)
        except ValueError:
            return False
        host = (parts.hostname or "").lower()
        local = host in ("127.0.0.1", "localhost", "::1")
        if parts.scheme != "https" and not (parts.scheme == "http" and local):
            return False
        return any(fnmatch.fnmatch(host, pattern.lower()) for pattern in self.callback_hosts)

    # --- The blueprint --------------------------------------------------------------------

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint("coach_kakao_webhook", __name__)
        if not self.secret:
            logger.error(
                "The KakaoTalk channel refuses every call until %s is set (see README, KakaoTalk)",
                self.secret_env,
            )

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok" if self.secret else "no secret configured"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            refused = self.refusal(request)
            if refused is not None:
                return refused
            try:
                body = request.json
            except Exception:  # Sanic raises on a body that is not JSON
                return _bad_request("the body must be JSON: a Kakao SkillPayload")
            payload = read_payload(body)
            if isinstance(payload, str):
                return _bad_request(payload)
            utterance, user_id, callback_url = payload
            sender = sessions.keyed("kakao", user_id)
            if callback_url and not self.callback_allowed(callback_url):
                logger.warning("ignored a callbackUrl outside %s", self.callback_hosts)
                callback_url = None
            agent = getattr(request.app.ctx, "agent", None)
            reply = await self.answer(sender, utterance, callback_url, agent, on_new_message)
            return response.json(reply, ensure_ascii=False)

        return webhook

    # --- One call -------------------------------------------------------------------------

    async def turn(
        self,
        sender: str,
        text: str,
        agent: Any,
        on_new_message: Callable[[UserMessage], Awaitable[Any]],
    ) -> list[dict[str, Any]]:
        """The coach's whole answer to ``text``, as Rasa's collector gathers it."""
        _, replies = await collect_turn(
            text, sender, on_new_message, input_channel=self.name(), agent=agent
        )
        return replies

    async def answer(
        self,
        sender: str,
        text: str,
        callback_url: str | None,
        agent: Any,
        on_new_message: Callable[[UserMessage], Awaitable[Any]],
    ) -> dict[str, Any]:
        """The SkillResponse for one call, within the budget."""
        started = time.monotonic()
        waiting = self.waiting.take(sender)
        asks_for_the_rest = text.strip() == kakao.continue_reply()["messageText"]
        before = kakao.Reply()
        if waiting is None:
            if asks_for_the_rest:  # nothing left to show (it expired): not a message for the coach
                return self.show(sender, kakao.Reply())
            task = asyncio.ensure_future(self.turn(sender, text, agent, on_new_message))
        else:
            if agent is not None and asks_to_erase(guard(text).text):
                # Always honoured: what was waiting is dropped with the conversation.
                task = asyncio.ensure_future(self.turn(sender, text, agent, on_new_message))
            else:
                if not asks_for_the_rest:
                    before = kakao.note(kakao.words("kakao_resend_note"))
                if isinstance(waiting.pending, kakao.Reply):
                    return self.show(sender, before.then(waiting.pending))
                task = waiting.pending
        left = self.budget - (time.monotonic() - started)
        try:
            done, _ = await asyncio.wait({task}, timeout=max(left, 0))
        except asyncio.CancelledError:  # the caller gave up: the answer waits for the next call
            self.waiting.put(sender, task)
            raise
        if done:
            return self.show(sender, before.then(kakao.render(_messages(task))))
        # Not ready in time: the turn goes on, and its answer is shown later.
        entry = self.waiting.put(sender, task)
        if callback_url:
            callback = asyncio.ensure_future(self.call_back(sender, entry, callback_url, started))
            self.callbacks.add(callback)
            callback.add_done_callback(self.callbacks.discard)
            return kakao.callback_acknowledgement()
        return kakao.waiting_response()

    def show(self, sender: str, reply: kakao.Reply) -> dict[str, Any]:
        """One response for ``reply``, keeping for the next message what it cannot show."""
        shown, rest = kakao.pack(reply)
        if rest is not None:
            self.waiting.put(sender, rest)
        return shown

    async def call_back(self, sender: str, entry: Waiting, url: str, started: float) -> None:
        """POST the answer to Open Builder's callbackUrl once it is ready, if the URL is still
        valid and the person has not asked for it meanwhile; else it waits for their next
        message."""
        task = entry.pending
        assert isinstance(task, asyncio.Task)
        left = CALLBACK_VALID_SECONDS - (time.monotonic() - started)
        done, _ = await asyncio.wait({task}, timeout=max(left, 0))
        if not done or self.waiting.peek(sender) is not entry:
            return
        self.waiting.take(sender)
        reply = kakao.render(_messages(task))
        body = self.show(sender, reply)
        try:
            async with (
                aiohttp.ClientSession() as session,
                session.post(url, json=body, timeout=aiohttp.ClientTimeout(total=10)) as answered,
            ):
                result = await answered.json(content_type=None)
            if answered.status >= 400 or (
                isinstance(result, dict) and result.get("status") not in (None, "SUCCESS")
            ):
                raise RuntimeError(f"callback answered {answered.status}: {result}")
        except Exception as error:  # the person then gets it on their next message
            logger.warning("the KakaoTalk callback failed (%s); kept for the next message", error)
            self.waiting.put(sender, reply)
