"""What every channel does with a message before Rasa sees it, and after.

Before: a message over the length limit (``settings.yml`` ``limits.message_chars``) is refused
politely without any parsing; personal numbers (resident, card, account, phone) are masked so
that Rasa never stores or logs them, and the person is told why; "대화 삭제" erases the
conversation (channels/erasure.py). After: a turn that produced no reply at all (the action server
down or failing) gets a Korean apology rather than silence.

``take_turn`` is that whole turn, shared by the REST, socket.io and KakaoTalk channels; each
channel only reads its own request format and writes its own reply format.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, OutputChannel, UserMessage

# Installed here because every channel of the coach runs its turn through this module, in the
# Rasa server (channels/speedups.py: one validator for every action-server answer).
from channels import speedups  # noqa: F401
from channels.erasure import asks_to_erase, erase_conversation, erased_text
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


async def collect_turn(
    text: str,
    sender_id: str,
    on_new_message: Callable[[UserMessage], Awaitable[Any]],
    *,
    input_channel: str,
    agent: Any = None,
    metadata: dict[str, Any] | None = None,
    say_refusal: bool = True,
) -> tuple[Guarded, list[dict[str, Any]]]:
    """``take_turn`` for a channel that answers each request with the whole turn at once (REST,
    KakaoTalk): the guarded message and every reply, as Rasa's collector gathers them."""
    collector = CollectingOutputChannel()
    guarded = await take_turn(
        text,
        sender_id,
        collector,
        on_new_message,
        input_channel=input_channel,
        replies_sent=lambda: len(collector.messages),
        agent=agent,
        metadata=metadata,
        say_refusal=say_refusal,
    )
    return guarded, collector.messages


async def take_turn(
    text: str,
    sender_id: str,
    output: OutputChannel,
    on_new_message: Callable[[UserMessage], Awaitable[Any]],
    *,
    input_channel: str,
    replies_sent: Callable[[], int],
    agent: Any = None,
    metadata: dict[str, Any] | None = None,
    say_refusal: bool = True,
) -> Guarded:
    """One message from a person, start to finish, with every reply sent through ``output``.

    A message refused for its length is never parsed; its Korean refusal is said through
    ``output`` unless ``say_refusal`` is false (the REST channel answers it with a 413 instead).
    "대화 삭제" erases the conversation when the channel can reach the ``agent``. Otherwise the
    notes (masked numbers) come first, then the coach's answer, and an apology when the turn
    produced nothing (``replies_sent`` counts what ``output`` has sent so far). Returns the
    guarded message, so that a channel can tell a refusal from an answer.
    """
    guarded = guard(text)
    if guarded.refusal is not None:
        if say_refusal:
            await output.send_text_message(sender_id, guarded.refusal)
        return guarded
    if agent is not None and asks_to_erase(guarded.text):
        await erase_conversation(agent, sender_id)
        await output.send_text_message(sender_id, erased_text())
        return guarded
    for note in guarded.notes:
        await output.send_text_message(sender_id, note)
    said_before = replies_sent()
    try:
        await on_new_message(
            UserMessage(
                guarded.text,
                output,
                sender_id,
                input_channel=input_channel,
                metadata=metadata,
            )
        )
    except Exception:  # logged without the person's text; they still get a reply
        logger.exception("a message on the %s channel could not be handled", input_channel)
    if replies_sent() == said_before:
        await output.send_text_message(sender_id, no_reply_apology())
    return guarded
