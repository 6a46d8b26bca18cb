"""Two fixes to Rasa 3.6.21's repeated work, installed when the coach's channels load.

**The check of each action-server answer.**

Rasa checks every answer of the action server against a JSON schema with
``jsonschema.validate``, which first checks the schema itself and builds a new validator each
time: 19.6 ms per call in the profile of docs/benchmarks.md, about 62% of the Rasa server's time
under load, at 3.7 action calls per turn. The same check with a validator built once takes
0.3 ms. The answers are checked exactly as before (same schema, same draft, the same
``ValidationError`` with Rasa's own explanation added); only the repeated work is gone.

**Finding an event's class.** Every stored event read back from the tracker store, and every
event of every action-server answer, goes through ``Event.resolve_by_type``, which walks all
``Event`` subclasses, recursively, to find the one with that ``type_name``: about 12% of the
Rasa server's time in the late turns of a long conversation (docs/benchmarks.md). The same
answer (the first subclass in that walk with the name) comes from a table built once, rebuilt
when a name is not in it (an event class defined later); unknown names are left to Rasa.

Imported by ``channels/guard.py``, through which every channel of the coach runs its turns, so it
is in place in every Rasa server that loads the coach's channels (credentials.yml).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from jsonschema import ValidationError, validators
from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL
from rasa.shared.core.events import Event
from rasa.shared.utils.common import all_subclasses

RASA_RESOLVE_BY_TYPE = Event.resolve_by_type
_event_classes: dict[str, type[Event]] = {}


@lru_cache(maxsize=1)
def action_result_validator() -> Any:
    """Rasa's schema for an action server's answer, checked once, as a reusable validator."""
    schema = RemoteAction.action_response_format_spec()
    validator_class = validators.validator_for(schema)
    validator_class.check_schema(schema)
    return validator_class(schema)


def validate_action_result(self: RemoteAction, result: dict[str, Any]) -> bool:
    """``RemoteAction._validate_action_result`` with the validator built once."""
    try:
        action_result_validator().validate(result)
        return True
    except ValidationError as error:
        error.message += (
            ". Failed to validate Action server response from API, "
            "make sure your response from the Action endpoint is valid. "
            f"For more information about the format visit {DOCS_BASE_URL}/custom-actions"
        )
        raise error


def resolve_event_type(type_name: str, default: type[Event] | None = None) -> type[Event] | None:
    """``Event.resolve_by_type`` from a table of the event classes, built once."""
    event_class = _event_classes.get(type_name)
    if event_class is None:
        _event_classes.clear()
        for candidate in all_subclasses(Event):
            _event_classes.setdefault(candidate.type_name, candidate)  # the first, as Rasa's walk
        event_class = _event_classes.get(type_name)
    if event_class is None:
        return RASA_RESOLVE_BY_TYPE(type_name, default)  # Rasa's own answer: default, or error
    return event_class


def install() -> None:
    RemoteAction._validate_action_result = validate_action_result  # type: ignore[method-assign]
    Event.resolve_by_type = staticmethod(resolve_event_type)  # type: ignore[method-assign,assignment]


install()
