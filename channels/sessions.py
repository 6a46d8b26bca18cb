"""Conversation ids for the web chat, issued and signed by the server.

A conversation id is the key to a person's debts: whoever holds it reads and changes the figures.
So the socket.io channel never lets a client pick one: ``session_request`` returns a fresh random
id with an HMAC signature, or confirms an id the server signed earlier (a reloaded page), and a
socket may then speak only for the id confirmed to it.

The key is COACH_SESSION_SECRET, or a random one kept in var/session_secret (created on first
use, readable by the owner only) so that ids stay valid across restarts; servers behind one load
balancer must share it.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from functools import cache
from pathlib import Path

SECRET_FILE = Path(__file__).resolve().parent.parent / "var" / "session_secret"


@cache
def _secret() -> bytes:
    configured = os.environ.get("COACH_SESSION_SECRET")
    if configured:
        return configured.encode()
    SECRET_FILE.parent.mkdir(parents=True, exist_ok=True)
    if not SECRET_FILE.exists():
        descriptor = os.open(SECRET_FILE, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as handle:
            handle.write(secrets.token_hex(32))
    return SECRET_FILE.read_text().strip().encode()


def _signature(raw: str) -> str:
    return hmac.new(_secret(), raw.encode(), hashlib.sha256).hexdigest()[:32]


def issue() -> str:
    """A new conversation id: 128 random bits and their signature."""
    raw = secrets.token_hex(16)
    return f"{raw}.{_signature(raw)}"


def is_signed(session_id: object) -> bool:
    """Whether the server issued this id (and nobody altered it)."""
    if not isinstance(session_id, str) or session_id.count(".") != 1 or len(session_id) > 100:
        return False
    raw, signature = session_id.split(".")
    return len(raw) == 32 and hmac.compare_digest(signature, _signature(raw))


def keyed(namespace: str, raw: str) -> str:
    """A conversation id for someone another service names (``raw``, e.g. a KakaoTalk user key):
    an HMAC of it under the same key, so that the same person always finds their conversation
    while the id itself is never stored, logged or guessable from the other service's key."""
    digest = hmac.new(_secret(), f"{namespace}\x00{raw}".encode(), hashlib.sha256).hexdigest()
    return f"{namespace}-{digest[:40]}"
