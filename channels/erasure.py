"""Deleting a conversation when the person asks ("대화 삭제"), from the tracker store itself.

Rasa 3.6 has no API for this, so the channel does it: under the conversation's lock (so no turn
is being handled meanwhile), the stored events are removed from whichever store the server uses.
The next message then starts a new conversation.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from rasa.core.tracker_store import InMemoryTrackerStore, RedisTrackerStore, SQLTrackerStore

from negotiation.messages import say

logger = logging.getLogger(__name__)

# "대화 삭제", "대화 기록 지워 주세요", "내 정보 삭제해 주세요" — the whole message is the request.
ERASE = re.compile(
    r"^\s*(이\s?)?(대화|채팅|기록|내\s?정보|제\s?정보|개인\s?정보)(\s?(내용|기록|전부|모두|다))*\s?"
    r"(을|를|도)?\s?(삭제|지워|지우|없애)[가-힣\s]{0,10}[.!?]*\s*$"
)


# A question about deleting ("대화 삭제하면 어떻게 돼요?") is not a request to delete.
QUESTION = re.compile(r"[?？]|하면|되나|될까|나요|까요|는지|돼요|되요")


def asks_to_erase(text: str) -> bool:
    return bool(ERASE.match(text)) and not QUESTION.search(text)


def erased_text() -> str:
    return str(say("conversation_erased")["text"])


def _store_of(agent: Any) -> Any:
    store = agent.tracker_store
    return getattr(store, "_tracker_store", store)  # Rasa wraps it in a FailSafeTrackerStore


async def erase_conversation(agent: Any, sender_id: str) -> None:
    """Remove every stored event of ``sender_id``."""
    store = _store_of(agent)
    async with agent.lock_store.lock(sender_id):
        if isinstance(store, InMemoryTrackerStore):
            store.store.pop(sender_id, None)
        elif isinstance(store, SQLTrackerStore):
            with store.session_scope() as session:
                session.query(store.SQLEvent).filter(store.SQLEvent.sender_id == sender_id).delete(
                    synchronize_session=False
                )
                session.commit()
        elif isinstance(store, RedisTrackerStore):
            store.red.delete(store.key_prefix + sender_id)
        else:
            raise NotImplementedError(f"cannot delete from {type(store).__name__}")
    logger.info("a conversation was deleted at the person's request")
