"""What every channel does with a message before Rasa sees it, and after.

Before: a message over the length limit (``settings.yml`` ``limits.message_chars``) is refused
politely without any parsing; personal numbers (resident, card, account, phone) are masked so
that Rasa never stores or logs them, and the person is told why. After: a turn that produced no
reply at all (the action server down or failing) gets a Korean apology rather than silence.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from negotiation.data import settings
from negotiation.messages import say
from negotiation.privacy import mask_personal_numbers

logger = logging.getLogger(__name__)

KIND_NAMES = {
    "resident_number": "주민등록번호",
    "card_number": "카드번호",
    "phone_number": "전화번호",
    "account_number": "계좌번호",
}


def message_limit() -> int:
    return int(settings()["limits"]["message_chars"])


@dataclass
class Guarded:
    """A message made safe to hand to Rasa, or refused."""

    text: str
    refusal: str | None = None  # Korean, for the person; the message was not processed
    notes: list[str] = field(default_factory=list)  # Korean, said before the coach's reply
    reason: str | None = None  # English, for a program (the 4xx body)


def guard(text: str) -> Guarded:
    limit = message_limit()
    if len(text) > limit:
        return Guarded(
            text="",
            refusal=say("message_too_long", length=len(text), limit=limit)["text"],
            reason=f"message is {len(text)} characters long; the limit is {limit}",
        )
    masked = mask_personal_numbers(text)
    guarded = Guarded(masked.text)
    if masked.kinds:
        kinds = "·".join(KIND_NAMES[kind] for kind in masked.kinds)
        guarded.notes.append(say("masked_personal_numbers", kinds=kinds)["text"])
        # Logged without the text: only which kinds were removed.
        logger.info("masked personal numbers in a message: %s", ", ".join(masked.kinds))
    return guarded


def no_reply_apology() -> str:
    return str(say("no_reply_apology")["text"])
