"""The coach's replies as KakaoTalk speech bubbles: one Open Builder SkillResponse (version 2.0).

Pure: no web server, no network, so that it can be tested on any list of messages. ``render``
turns what Rasa collected in one turn (texts, buttons, the contract's custom messages) into Kakao
output components, in order; ``pack`` fits them into one response within the published limits
and returns what did not fit, which the channel shows on the person's next message (the
quick reply "이어서 보기" asks for it).

- Texts are merged into ``simpleText`` bubbles of at most 1,000 characters, cut only between
  paragraphs, lines or sentences (a single sentence longer than a bubble, which the coach never
  writes, is cut between words).
- Buttons become quick replies (at most 10); a title longer than a quick reply's label is
  shortened sensibly, and ``messageText`` still sends the button's payload.
- ``figures`` and ``script`` become ``textCard``s, ``installment_plan`` a ``listCard`` (or a
  ``textCard`` when a plan's payments do not fit a list's short lines), ``alternatives`` a
  ``listCard`` (a ``textCard`` beyond five), ``agreement`` its checklist as text; a ``stage``
  message is a line above the stage's first text. The lines a card shows are taken out of the
  coach's text, where it also wrote them, so that nothing is said twice.
- At most 3 outputs: the rest is kept for the next message, never cut.

The limits come from Kakao's documentation; tests/kakao_schema.py quotes them with their sources.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from negotiation import scripts
from negotiation.confirmation import FIGURE_ORDER, display, label
from negotiation.messages import say
from negotiation.money import format_won

logger = logging.getLogger(__name__)

MAX_OUTPUTS = 3
MAX_QUICK_REPLIES = 10
SIMPLE_TEXT_CHARS = 1000
TEXT_CARD_TITLE_CHARS = 50
TEXT_CARD_CHARS = 400  # a single text card shows title and description together up to 400
QUICK_REPLY_LABEL_CHARS = 14
LIST_ITEMS = 5
# Not published: a list card shows an item's title and description on one line each, so the
# coach uses one only when every line is short enough to be read whole on a phone.
LIST_LINE_CHARS = 25

Component = dict[str, Any]
QuickReply = dict[str, Any]


def words(key: str, **values: Any) -> str:
    return str(say(key, **values)["text"])


@dataclass
class Reply:
    """What the coach says in one turn, as Kakao components, before it is fitted in a response."""

    outputs: list[Component] = field(default_factory=list)
    quick_replies: list[QuickReply] = field(default_factory=list)

    def then(self, other: Reply) -> Reply:
        """This reply followed by ``other``; the quick replies are the last ones offered."""
        return Reply(self.outputs + other.outputs, other.quick_replies or list(self.quick_replies))


# --- Text ----------------------------------------------------------------------------------

# Where a text may be cut, from the best place to the last resort.
_CUTS = (
    (re.compile(r"\n\s*\n"), "\n\n"),  # between paragraphs
    (re.compile(r"\n"), "\n"),  # between lines
    (re.compile(r"(?<=[.!?？！。…])\s+"), " "),  # between sentences
    (re.compile(r"\s+"), " "),  # between words (only a sentence longer than the limit)
)


def split_text(text: str, limit: int, level: int = 0) -> list[str]:
    """``text`` in pieces of at most ``limit`` characters, cut at the best boundary available,
    each piece as full as it can be."""
    text = text.strip()
    if not text:
        return []
    if len(text) <= limit:
        return [text]
    if level == len(_CUTS):  # one word longer than the limit: nothing else to do
        return [text[start : start + limit] for start in range(0, len(text), limit)]
    pattern, joiner = _CUTS[level]
    parts = [part.strip() for part in pattern.split(text) if part.strip()]
    if len(parts) <= 1:
        return split_text(text, limit, level + 1)
    pieces: list[str] = []
    current = ""
    for part in parts:
        for piece in split_text(part, limit, level + 1):
            joined = f"{current}{joiner}{piece}" if current else piece
            if len(joined) <= limit:
                current = joined
            else:
                pieces.append(current)
                current = piece
    if current:
        pieces.append(current)
    return pieces


def simple_texts(text: str) -> list[Component]:
    return [{"simpleText": {"text": piece}} for piece in split_text(text, SIMPLE_TEXT_CHARS)]


def text_cards(title: str, lines: list[str], more_title: str | None = None) -> list[Component]:
    """Text cards titled ``title`` showing ``lines`` ("• " before each), as many cards as the
    lines need (the later ones titled ``more_title``); a line is cut only when it alone is longer
    than a card, and then between sentences."""
    first, more = _fit_title(title), _fit_title(more_title or title)
    cards: list[Component] = []
    body: list[str] = []

    def heading() -> str:
        return more if cards else first

    def close() -> None:
        if body:
            cards.append({"textCard": {"title": heading(), "description": "\n".join(body)}})
            body.clear()

    room = TEXT_CARD_CHARS - max(len(first), len(more)) - 1
    for line in lines:
        for piece in split_text(f"• {line}", room):
            if body and len(heading()) + len("\n".join([*body, piece])) > TEXT_CARD_CHARS:
                close()
            body.append(piece)
    close()
    return cards


def _fit_title(title: str) -> str:
    if len(title) <= TEXT_CARD_TITLE_CHARS:
        return title
    return title[: TEXT_CARD_TITLE_CHARS - 1].rstrip() + "…"


# --- Quick replies ---------------------------------------------------------------------------


def short_label(title: str, limit: int = QUICK_REPLY_LABEL_CHARS) -> str:
    """A button title as a quick reply's label: "아니요, 아직 쓸 수 있어요" -> "아직 쓸 수 있어요",
    "서비스 유지(정지 유예)도 함께요" -> "서비스 유지도 함께요", else cut between words with "…"."""
    title = " ".join(title.split())
    if len(title) <= limit:
        return title
    without_aside = " ".join(re.sub(r"\s*[(\[（][^)\]）]*[)\]）]", "", title).split()) or title
    if len(without_aside) <= limit:
        return without_aside
    tail = without_aside.rsplit(",", 1)[-1].strip() if "," in without_aside else ""
    if 2 <= len(tail) <= limit:
        return tail
    cut = without_aside[: limit - 1]
    if " " in cut.strip():
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,.·") + "…"


def quick_reply(title: str, payload: str | None = None) -> QuickReply:
    """A message quick reply; what it sends is the button's payload (the coach's buttons carry
    the words they stand for), or its title when the payload is an intent ("/affirm")."""
    text = payload if payload and payload.strip() and not payload.startswith("/") else title
    return {"label": short_label(title), "action": "message", "messageText": text}


def quick_replies(buttons: list[tuple[str, str | None]]) -> list[QuickReply]:
    """The buttons as at most 10 quick replies, each with its own label: two titles that
    shorten alike ("최대한 빨리 갚기 (4개월)", "… (6개월)") keep what tells them apart."""
    replies: list[QuickReply] = []
    for title, payload in buttons:
        if not title.strip():
            continue
        reply = quick_reply(title, payload)
        if any(known["messageText"] == reply["messageText"] for known in replies):
            continue  # the same answer offered twice
        taken = {known["label"] for known in replies}
        squeezed = "".join(title.split())
        for name in (
            reply["label"],
            squeezed if len(squeezed) <= QUICK_REPLY_LABEL_CHARS else "",
            *(f"{short_label(title, QUICK_REPLY_LABEL_CHARS - 3)} {n}" for n in range(2, 12)),
        ):
            if name and name not in taken:
                replies.append({**reply, "label": name})
                break
    return replies[:MAX_QUICK_REPLIES]


def continue_reply() -> QuickReply:
    return quick_reply(words("kakao_continue"))


# --- The contract's custom messages ------------------------------------------------------------


@dataclass
class Card:
    """A component made from a custom message, and the lines of the coach's text it repeats."""

    components: list[Component]
    covers: Callable[[str], bool] = lambda _line: False


def _plain(line: str) -> str:
    """A line without its bullet, as the coach's texts and the cards both write it."""
    return line.strip().lstrip("•·-*☐ ").strip()


def _lines_of(lines: Iterable[str]) -> Callable[[str], bool]:
    known = {_plain(line) for line in lines}
    return lambda line: _plain(line) in known


def _won(value: Any) -> str:
    return format_won(int(value))


def _option_label(kind: str, payments: list[int], step_up_sooner: bool = False) -> str:
    """The option's name; a ``step_up`` whose later payments are smaller is named for that, and
    a ``fastest`` one that a ``step_up`` finishes before ("지금 예산으로 최대한 빨리")."""
    step_down = False
    if kind == "step_up":
        change = next(
            (i for i, payment in enumerate(payments) if payment != payments[0]), len(payments)
        )
        step_down = change < len(payments) - 1 and payments[change] < payments[0]
    try:
        return scripts.option_label(kind, step_down, step_up_sooner)
    except KeyError:
        return kind


def _stage_title(stage: int) -> str:
    return str(scripts.wording()["stages"][int(stage)]["title"])


def figures_card(message: dict[str, Any]) -> Card:
    lines = [
        f"{label(slot)}: {display(slot, message.get(slot))}"
        for slot in FIGURE_ORDER
        if not (slot == "recovery_budget" and message.get("recovery_months") is None)
    ]
    return Card(text_cards(words("kakao_figures_title"), lines), _lines_of(lines))


def plan_card(message: dict[str, Any]) -> Card:
    remaining = int(message["arrears_amount"]) - int(message.get("lump_sum") or 0)
    bill = int(message.get("monthly_bill") or 0)
    options = [
        (str(option["kind"]), [int(payment) for payment in option["payments"]])
        for option in message["options"]
    ]
    sooner = scripts.step_up_finishes_sooner({kind: len(payments) for kind, payments in options})
    labels = {_option_label(kind, payments, sooner) for kind, payments in options} | {
        scripts.option_label(kind, step_down, step_up_sooner)
        for kind, _ in options
        for step_down in (False, True)
        for step_up_sooner in (False, True)
        if kind in scripts.wording()["option_labels"]
    }

    def covers(line: str) -> bool:  # the coach's own line per option: "최대한 빨리 갚기: 4개월 …"
        return any(_plain(line).startswith(f"{name}:") for name in labels)

    if not message.get("feasible", True):
        max_months = int(message["max_months"])
        _, payments = options[0]
        body = words(
            "kakao_plan_unworkable",
            max_months=max_months,
            shortfall=_won(message["shortfall"]),
            schedule=scripts.describe_payments(payments),
        )
        title = words("kakao_plan_unworkable_title", max_months=max_months)
        card = {"textCard": {"title": _fit_title(title), "description": body}}
        if len(title) + len(body) > TEXT_CARD_CHARS:
            return Card(simple_texts(f"{title}\n{body}"), covers)
        return Card([card], covers)

    title = words("kakao_plan_title", remaining=_won(remaining))
    items = [
        (
            words(
                "kakao_plan_option",
                label=_option_label(kind, payments, sooner),
                duration=scripts.describe_duration(len(payments)),
            ),
            scripts.describe_payments(payments),
            max(payments) + bill,
        )
        for kind, payments in options
    ]
    lump_sum = int(message.get("lump_sum") or 0)
    fits_a_list = (
        len(items) <= LIST_ITEMS
        and not lump_sum
        and len(title) <= LIST_LINE_CHARS
        and all(
            len(name) <= LIST_LINE_CHARS and len(how) <= LIST_LINE_CHARS for name, how, _ in items
        )
    )
    if fits_a_list:
        card = {
            "listCard": {
                "header": {"title": title},
                "items": [{"title": name, "description": how} for name, how, _ in items],
            }
        }
        return Card([card], covers)
    lines = [words("kakao_plan_lump_sum", lump_sum=_won(lump_sum))] if lump_sum else []
    for name, how, most in items:
        lines.append(f"{name}\n  {how}\n  {words('kakao_plan_with_bill', most=_won(most))}")
    return Card(text_cards(title, lines), covers)


def alternatives_card(message: dict[str, Any]) -> Card:
    items = [
        (
            str(item["title"]),
            words("kakao_alternative_saving", saving=_won(item["monthly_saving"]))
            if item.get("monthly_saving")
            else "",
        )
        for item in message["items"]
    ]
    title = words("kakao_alternatives_title")
    if 0 < len(items) <= LIST_ITEMS and all(
        len(name) <= LIST_LINE_CHARS and len(saving) <= LIST_LINE_CHARS for name, saving in items
    ):
        entries = [
            {"title": name, **({"description": saving} if saving else {})} for name, saving in items
        ]
        return Card([{"listCard": {"header": {"title": title}, "items": entries}}])
    lines = [f"{name} — {saving}" if saving else name for name, saving in items]
    return Card(text_cards(title, lines))


def script_card(message: dict[str, Any]) -> Card:
    lines = [str(line) for line in message["lines"] if str(line).strip()]
    stage_title = _stage_title(message["stage"])
    cards = text_cards(
        words("kakao_script_title", title=stage_title),
        lines,
        words("kakao_script_title_more", title=stage_title),
    )
    return Card(cards, _lines_of(lines))


def agreement_text(message: dict[str, Any]) -> Card:
    """The stage-6 summary and its checklist, as text the person can keep."""
    option = message.get("option")
    arrears = _won(message["arrears_amount"])
    if isinstance(option, dict):
        payments = [int(payment) for payment in option["payments"]]
        summary = words(
            "kakao_agreement_option",
            arrears=arrears,
            label=_option_label(str(option["kind"]), payments),
            duration=scripts.describe_duration(len(payments)),
        )
    else:
        summary = words("kakao_agreement_no_option", arrears=arrears)
    checklist = [str(line) for line in message["checklist"]]
    lines = [
        words("kakao_agreement_title"),
        summary,
        *(words("kakao_check_item", line=line) for line in checklist),
    ]
    return Card(simple_texts("\n".join(lines)), _lines_of(checklist))


CARDS: dict[str, Callable[[dict[str, Any]], Card]] = {
    "figures": figures_card,
    "installment_plan": plan_card,
    "alternatives": alternatives_card,
    "script": script_card,
    "agreement": agreement_text,
}


# --- One turn -------------------------------------------------------------------------------


@dataclass
class _Text:
    text: str


@dataclass
class _Placed:
    """Components shown here: a card moved to where the coach's text repeated its lines."""

    components: list[Component]


@dataclass
class _Slot:
    """Where a custom message was sent: its card is shown here unless a text repeats it."""

    card: Card | None


def render(messages: Iterable[dict[str, Any]]) -> Reply:
    """Every message of one turn as Kakao components, in the order the coach said them."""
    items: list[_Text | _Placed | _Slot] = []
    buttons: list[tuple[str, str | None]] = []
    for message in messages:
        if not isinstance(message, dict):
            continue
        text = message.get("text")
        if isinstance(text, str) and text.strip():
            items.append(_Text(text.strip()))
        for button in message.get("buttons") or []:
            if isinstance(button, dict) and isinstance(button.get("title"), str):
                payload = button.get("payload")
                buttons.append((button["title"], payload if isinstance(payload, str) else None))
        custom = message.get("custom")
        if isinstance(custom, dict):
            item = _custom(custom)
            if item is not None:
                items.append(item)
    for slot in [item for item in items if isinstance(item, _Slot)]:
        if slot.card is not None and _lift(items, slot.card):
            slot.card = None
    outputs: list[Component] = []
    texts: list[str] = []
    for item in items:
        if isinstance(item, _Text):
            texts.append(item.text)
            continue
        components = item.components if isinstance(item, _Placed) else []
        if isinstance(item, _Slot) and item.card is not None:
            components = item.card.components
        if components:
            outputs.extend(simple_texts("\n\n".join(texts)))
            texts.clear()
            outputs.extend(components)
    outputs.extend(simple_texts("\n\n".join(texts)))
    return Reply(_merge_texts(outputs), quick_replies(buttons))


def _custom(custom: dict[str, Any]) -> _Text | _Slot | None:
    kind = custom.get("type")
    try:
        if kind == "stage":
            return _Text(words("kakao_stage", stage=int(custom["stage"]), title=custom["title"]))
        if isinstance(kind, str) and kind in CARDS:
            return _Slot(CARDS[kind](custom))
    except (KeyError, TypeError, ValueError, AttributeError, IndexError):
        # Never expected from the coach (tests/contract.py); the person still reads the text.
        logger.warning("a malformed %s message was not shown on KakaoTalk", kind)
    return None


def _lift(items: list[_Text | _Placed | _Slot], card: Card) -> bool:
    """Show ``card`` where the coach's text first repeats its lines, taking those lines out of
    every text; false when no text repeats them."""
    placed = False
    index = 0
    while index < len(items):
        item = items[index]
        if not isinstance(item, _Text):
            index += 1
            continue
        lines = item.text.split("\n")
        hits = [number for number, line in enumerate(lines) if card.covers(line)]
        if not hits:
            index += 1
            continue
        before = "\n".join(lines[: hits[0]]).strip()
        after = "\n".join(
            line for number, line in enumerate(lines) if number > hits[0] and number not in hits
        ).strip()
        replacement: list[_Text | _Placed | _Slot] = []
        if before:
            replacement.append(_Text(before))
        if not placed:
            replacement.append(_Placed(card.components))
            placed = True
        if after:
            replacement.append(_Text(after))
        items[index : index + 1] = replacement
        index += len(replacement)
    return placed


def _merge_texts(outputs: list[Component]) -> list[Component]:
    """Neighbouring simple texts in as few bubbles as the limit allows."""
    merged: list[Component] = []
    for output in outputs:
        if "simpleText" in output and merged and "simpleText" in merged[-1]:
            joined = f"{merged[-1]['simpleText']['text']}\n\n{output['simpleText']['text']}"
            if len(joined) <= SIMPLE_TEXT_CHARS:
                merged[-1] = {"simpleText": {"text": joined}}
                continue
        merged.append(output)
    return merged


# --- One response ------------------------------------------------------------------------------


def skill_response(outputs: list[Component], quick_replies: list[QuickReply]) -> dict[str, Any]:
    template: dict[str, Any] = {"outputs": outputs}
    if quick_replies:
        template["quickReplies"] = quick_replies[:MAX_QUICK_REPLIES]
    return {"version": "2.0", "template": template}


def pack(reply: Reply) -> tuple[dict[str, Any], Reply | None]:
    """The response for ``reply``, and what it could not show (``None`` when it showed all).

    When the reply needs more than three bubbles, this one shows the first three and offers
    only "이어서 보기"; the reply's own quick replies come with its last part.
    """
    outputs = reply.outputs or simple_texts(words("kakao_nothing_to_show"))
    if len(outputs) <= MAX_OUTPUTS:
        return skill_response(outputs, reply.quick_replies), None
    shown, rest = outputs[:MAX_OUTPUTS], outputs[MAX_OUTPUTS:]
    return skill_response(shown, [continue_reply()]), Reply(rest, reply.quick_replies)


def waiting_response() -> dict[str, Any]:
    """What Open Builder gets when the answer is not ready within the time it allows."""
    return skill_response(simple_texts(words("kakao_wait")), [continue_reply()])


def callback_acknowledgement() -> dict[str, Any]:
    """The answer to a callback-enabled block when the real answer will follow at its
    callbackUrl; ``data.text`` can be shown by the block's own waiting message."""
    return {"version": "2.0", "useCallback": True, "data": {"text": words("kakao_wait")}}


def note(text: str) -> Reply:
    return Reply(simple_texts(text))
