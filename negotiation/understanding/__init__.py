"""Reading the person's figures and choices out of what they type, deterministically.

The reader is a small pipeline, one module a step (README, "How figures are read"):

- ``normalise``: one place where typed forms become what was said (width, typos, money owed to
  the person);
- ``money`` (the engine's parser, outside this package) finds amounts and month counts as spans;
- ``months``: which month count is the arrears' and which the recovery's;
- ``roles``: the one place that decides which figure an amount is, from the words of its clause
  (word classes in ``data/lexicon.yml``, read as Kiwi lemmas) and the question asked;
- ``corrections``: which amounts stand: ranges, bounds, parts of a total, figures taken back;
- ``amounts``: walks a message's amounts through ``corrections`` and ``roles``;
- ``answers``: choices (goals, welfare, suspension, recovery, the bill check);
- ``carriers``, ``options``, ``talk``: the carrier, the plan option chosen, and what a message
  does in the conversation (asks, commits, takes leave);
- ``message.read_message``: all of it for one message, as a ``Reading``.
"""

from negotiation.text import normalise
from negotiation.understanding.answers import find_goals, find_suspension, find_welfare
from negotiation.understanding.carriers import find_carrier
from negotiation.understanding.message import read_message
from negotiation.understanding.options import find_option, find_option_position
from negotiation.understanding.reading import (
    AMOUNT_SLOTS,
    MONTH_SLOTS,
    Ambiguity,
    Reading,
    Refusal,
    check_limits,
    limits,
)
from negotiation.understanding.talk import (
    asks_something,
    commits_to_it,
    commits_to_lowering_the_bill,
    final_answer,
    internet_only,
    says_goodbye,
    says_not_known,
    says_start_over,
    side_question,
    sounds_discouraged,
    speaks_for_family,
    wants_to_skip,
)

__all__ = [
    "AMOUNT_SLOTS",
    "MONTH_SLOTS",
    "Ambiguity",
    "Reading",
    "Refusal",
    "asks_something",
    "check_limits",
    "commits_to_it",
    "commits_to_lowering_the_bill",
    "final_answer",
    "find_carrier",
    "find_goals",
    "find_option",
    "find_option_position",
    "find_suspension",
    "find_welfare",
    "internet_only",
    "limits",
    "normalise",
    "read_message",
    "says_goodbye",
    "says_not_known",
    "says_start_over",
    "side_question",
    "sounds_discouraged",
    "speaks_for_family",
    "wants_to_skip",
]
