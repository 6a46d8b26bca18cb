"""Conversations are not kept forever: a conversation untouched for `retention.days`
(settings.yml) is deleted from a SQL tracker store, checked every hour while the server runs.

Rasa's `session_config` only starts a new session after a pause; the old events stay. People
tell this coach what they owe, so what is no longer needed is removed. (The in-memory store
forgets everything on a restart anyway; a Redis tracker store takes `record_exp` instead.)
"""

from __future__ import annotations

import asyncio
import logging
import os
import time
from typing import Any

from rasa.core.tracker_store import SQLTrackerStore
from sqlalchemy import func

from negotiation.data import settings

logger = logging.getLogger(__name__)


def retention_seconds() -> float:
    override = os.environ.get("COACH_RETENTION_SECONDS")  # for tests and operators
    if override:
        return float(override)
    return float(settings()["retention"]["days"]) * 86_400


def purge_interval_seconds() -> float:
    return float(os.environ.get("COACH_PURGE_INTERVAL_SECONDS") or 3600)


def purge_stale_conversations(store: Any, older_than: float) -> int:
    """Delete every conversation whose latest event is older than ``older_than`` seconds;
    returns how many were deleted. Whole conversations only, never part of one."""
    store = getattr(store, "_tracker_store", store)
    if not isinstance(store, SQLTrackerStore):
        return 0
    cutoff = time.time() - older_than
    event = store.SQLEvent
    with store.session_scope() as session:
        stale = [
            sender
            for (sender,) in session.query(event.sender_id)
            .group_by(event.sender_id)
            .having(func.max(event.timestamp) < cutoff)
            .all()
        ]
        for sender in stale:
            session.query(event).filter(event.sender_id == sender).delete(synchronize_session=False)
        session.commit()
    if stale:
        logger.info("deleted %d conversations untouched for the retention period", len(stale))
    return len(stale)


async def keep_purging(app: Any) -> None:
    """Runs for the life of the server."""
    while True:
        await asyncio.sleep(purge_interval_seconds())
        agent = getattr(app.ctx, "agent", None)
        if agent is None or agent.tracker_store is None:
            continue
        try:
            purge_stale_conversations(agent.tracker_store, retention_seconds())
        except Exception:  # a failed purge must never stop the server; it is tried again
            logger.exception("purging old conversations failed")
