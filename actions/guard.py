"""Every action answers the person, even when it fails.

An exception inside an action would lose that turn's reply (Rasa logs it and the person hears
nothing). Each actions module ends with ``guard_actions(globals())``, which wraps the ``run`` of
every action class it defines: an exception is logged with the action's name and the traceback's
frames, never the message's text or the exception's own message (either may quote what the person
typed), and the person gets a short Korean apology.
"""

from __future__ import annotations

import functools
import logging
import traceback
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from rasa_sdk import Action

from negotiation.messages import say

logger = logging.getLogger(__name__)

Run = Callable[..., Awaitable[list[dict[str, Any]]]]


def _guarded(run: Run) -> Run:
    @functools.wraps(run)
    async def guarded(self: Action, dispatcher: Any, tracker: Any, domain: Any) -> Any:
        try:
            return await run(self, dispatcher, tracker, domain)
        except Exception as error:
            frames = "".join(traceback.format_tb(error.__traceback__))
            logger.error("action %s failed with %s\n%s", self.name(), type(error).__name__, frames)
            dispatcher.utter_message(text=say("action_failed_apology")["text"])
            return []

    guarded.__wrapped_by_guard__ = True  # type: ignore[attr-defined]
    return guarded


def guard_actions(namespace: MutableMapping[str, Any]) -> None:
    """Wrap ``run`` of every Action subclass defined in ``namespace`` (a module's globals)."""
    for value in list(namespace.values()):
        if (
            isinstance(value, type)
            and issubclass(value, Action)
            and value.__module__ == namespace.get("__name__")  # its own classes, not imported ones
            and "run" in value.__dict__
            and not getattr(value.__dict__["run"], "__wrapped_by_guard__", False)
        ):
            value.run = _guarded(value.__dict__["run"])  # type: ignore[method-assign]
