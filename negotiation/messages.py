"""What the coach says from its actions, from data/messages.yml, with the figures filled in."""

from __future__ import annotations

from typing import Any

from negotiation.data import load


def say(key: str, **values: Any) -> dict[str, Any]:
    """The message ``key`` as ``{"text": ..., "buttons": [...]}`` with ``values`` filled in.

    A missing value is a bug in the caller, so it raises rather than showing "{amount}" to a
    person.
    """
    entry = load("messages")["messages"][key][0]
    message: dict[str, Any] = {"text": entry["text"].format(**values)}
    buttons: list[dict[str, str]] = entry.get("buttons") or []
    if buttons:
        message["buttons"] = [dict(button) for button in buttons]
    return message


def keys() -> list[str]:
    return list(load("messages")["messages"])


def has_message(key: str) -> bool:
    return key in load("messages")["messages"]
