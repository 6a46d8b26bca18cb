"""Personal numbers people type by mistake, found and masked before anything stores them.

The coach never asks for a resident registration number (주민등록번호), a card or account number
or a phone number, yet an anxious person may type one ("제 주민번호는 …"). The channels mask
them here before Rasa logs or stores the message, and the coach says what it removed and why.

Every pattern is linear in the text's length; amounts ("350,000원", "35만 5천원") and dates are
left alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

MASK = "(지운 번호)"

# Checked in this order; each match is replaced before the next pattern runs.
PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    # YYMMDD-NNNNNNN, with or without the dash (the 7th digit is 1-8).
    (
        "resident_number",
        re.compile(
            r"(?<![\d,.])\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\s?[-–]?\s?[1-8]\d{6}(?![\d,])"
        ),
    ),
    # 16 (or 15) digits, in groups of four or run together.
    (
        "card_number",
        re.compile(
            r"(?<![\d,.])\d{4}[\s-]\d{4}[\s-]\d{4}[\s-]\d{3,4}(?![\d,])|(?<![\d,.])\d{15,16}(?![\d,])"
        ),
    ),
    # Mobile (010-1234-5678) and landline (02-123-4567) numbers.
    (
        "phone_number",
        re.compile(r"(?<![\d,.])0(?:1[016789]|[2-6]\d?|70)[\s-]?\d{3,4}[\s-]?\d{4}(?![\d,])"),
    ),
    # Bank account numbers: dashed groups (not a date), or a long run of digits.
    (
        "account_number",
        re.compile(
            r"(?<![\d,.])(?!(?:19|20)\d{2}-\d{1,2}-\d{1,2}(?!\d))\d{2,6}-\d{2,6}-\d{2,8}(?:-\d{1,4})?(?![\d,])"
            r"|(?<![\d,.])\d{10,14}(?![\d,])"
        ),
    ),
)


@dataclass
class Masked:
    text: str
    kinds: list[str] = field(default_factory=list)  # what was removed, in the order found


def mask_personal_numbers(text: str) -> Masked:
    """The text with every personal number replaced by ``MASK``, and which kinds were found."""
    masked = Masked(text)
    for kind, pattern in PATTERNS:
        replaced, count = pattern.subn(MASK, masked.text)
        if count:
            masked.text = replaced
            masked.kinds.append(kind)
    return masked
