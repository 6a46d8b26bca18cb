"""A second opinion on which figure an amount is, learned from every conversation we have.

The reader (``roles``) decides an amount's role from the lexicon and named rules; this model
checks it. It is a softmax regression (``negotiation.choices.LogisticRegression``) over the words
around the amount: Kiwi lemmas of its clause on each side, the lexicon's classes, the characters
right before and after, and the question the coach asked. It is trained at first use from
``data/role_examples.yml``, the (message, amount, role) examples that
``scripts/build_role_examples.py`` draws from the written conversation corpora.

Where the two disagree, the coach asks the person which figure it is (``message.read_message``
turns the amount into an ``Ambiguity``) rather than storing either. ``make eval-understanding``
measures the model writer by writer (trained on every other writer) and how often the two agree.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from negotiation.clauses import clause_at, morphemes, split_clauses
from negotiation.data import DATA_DIR, load
from negotiation.learning import LogisticRegression
from negotiation.money import find_amounts
from negotiation.understanding.lexicon import words

OTHER = "other"  # money that is no figure of the plan: another debt, a rough figure, a part
ROLES = ("arrears_amount", "monthly_bill", "monthly_budget", "lump_sum", "recovery_budget", OTHER)
# Below this, the model has no opinion: the reader's role stands.
CONFIDENT = 0.75
_WINDOW = 8  # characters on each side taken as n-grams
# Stronger L2 than the choice reader's: with a few thousand examples, single words ("폰", "지금")
# otherwise outweigh the lexicon's classes (measured by leaving each writer out).
SHRINKAGE = 0.01
_SKIPPED_TAGS = ("SN", "SP", "SF")  # digits and punctuation say nothing of the role

Features = dict[str, int]


@dataclass(frozen=True)
class RoleExample:
    """One amount of one message, with the role its writer meant."""

    text: str  # normalised, as the reader sees it
    start: int
    end: int
    question: str | None  # the slot the coach asked for, None for an opener
    role: str
    writer: str


def features(text: str, start: int, end: int, question: str | None) -> Features:
    """What the model sees of an amount at ``text[start:end]``: the question asked; every word of
    the message by side (and the three nearest by distance), other amounts left out; the
    lexicon's classes by side, and
    again, weighted, for those of the amount's own clause; the characters right beside it.
    (Measured: the whole message as context reads a writer it never saw better than the clause
    alone, since openers tell several figures across clauses.)"""
    found: Features = {f"q={question}": 1}

    def add(name: str, weight: int = 1) -> None:
        found[name] = found.get(name, 0) + weight

    # The words of other amounts are left out too: that another amount follows says little of
    # this one's role, and learned from rough-then-exact figures it made every first one "other".
    spans = [(amount.start, amount.end) for amount in find_amounts(text)]
    tokens = [
        token
        for token in morphemes(text)
        if token.tag not in _SKIPPED_TAGS
        and not any(low <= token.start < high for low, high in spans)
    ]
    left = [token for token in tokens if token.end <= start]
    right = [token for token in tokens if token.start >= end]
    for side, side_tokens in (("L", left), ("R", right)):
        for token in side_tokens:
            add(f"{side}:{token.form}/{token.tag[:2]}")
    for distance, token in enumerate(reversed(left[-3:])):
        add(f"L{distance}:{token.form}")
    for distance, token in enumerate(right[:3]):
        add(f"R{distance}:{token.form}")
    clause = clause_at(split_clauses(text), start)
    low, high = (clause.start, clause.end) if clause else (0, len(text))
    for word in words(text):
        if start <= word.start < end:
            continue
        side = "L" if word.start < start else "R"
        for name in word.classes:
            add(f"{side}:class={name}")
            add(f"q={question}&{side}:class={name}")
            if low <= word.start < high:
                add(f"C:class={name}", 2)
    before = text[max(low, start - _WINDOW) : start].replace(" ", "_")
    after = text[end : min(high, end + _WINDOW)].replace(" ", "_")
    for size in (2, 3):
        for index in range(len(before) - size + 1):
            add(f"L{size}:{before[index : index + size]}")
        for index in range(len(after) - size + 1):
            add(f"R{size}:{after[index : index + size]}")
    if not after.strip("_"):
        add("R:end")
    return found


def train(examples: Iterable[RoleExample]) -> LogisticRegression:
    documents = [
        (example.role, features(example.text, example.start, example.end, example.question))
        for example in examples
    ]
    return LogisticRegression(ROLES, documents, l2=SHRINKAGE)


def examples(writers: Sequence[str] | None = None) -> list[RoleExample]:
    """The stored examples, of these writers only when given."""
    stored = load("role_examples")["examples"]
    chosen = [
        RoleExample(
            text=str(item["text"]),
            start=int(item["start"]),
            end=int(item["end"]),
            question=item.get("question"),
            role=str(item["role"]),
            writer=str(item["writer"]),
        )
        for item in stored
    ]
    return [item for item in chosen if writers is None or item.writer in writers]


_model: LogisticRegression | None = None
_lock = threading.Lock()
# Training takes seconds (Kiwi reads every example), so the trained model is kept in the ignored
# models/ folder, under a name that changes whenever the examples, the lexicon or the code that
# makes the features changes.
CACHE_DIR = Path(__file__).resolve().parents[2] / "models" / "role_model"
_TRAINED_FROM = (
    DATA_DIR / "role_examples.yml",
    DATA_DIR / "lexicon.yml",
    Path(__file__),
    Path(__file__).with_name("lexicon.py"),
    Path(__file__).resolve().parents[1] / "choices.py",
    Path(__file__).resolve().parents[1] / "clauses.py",
)


def _cache_path() -> Path:
    digest = hashlib.sha256()
    for path in _TRAINED_FROM:
        digest.update(path.read_bytes())
    return CACHE_DIR / f"{digest.hexdigest()[:16]}.json"


def _load_or_train() -> LogisticRegression:
    path = _cache_path()
    try:
        return LogisticRegression.from_dict(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError):
        pass
    trained = train(examples())
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(
            "w", dir=path.parent, suffix=".tmp", delete=False, encoding="utf-8"
        ) as handle:
            json.dump(trained.to_dict(), handle)
        os.replace(handle.name, path)  # whole or not at all, whoever else trains at once
    except OSError:
        pass  # a read-only checkout trains at every start: slower, never wrong
    return trained


def model() -> LogisticRegression:
    """The model trained on every stored example: loaded from the cache, or trained once per
    process."""
    global _model
    if _model is None:
        with _lock:
            if _model is None:
                _model = _load_or_train()
    return _model


def opinion(
    text: str, start: int, end: int, question: str | None, using: LogisticRegression | None = None
) -> tuple[str, float]:
    """The role the model finds likeliest for ``text[start:end]``, and its probability."""
    return (using or model()).best(features(text, start, end, question))


def doubt(
    text: str,
    start: int,
    end: int,
    question: str | None,
    role: str,
    taken: frozenset[str] = frozenset(),
) -> str | None:
    """The figure the model would rather the amount be, when it confidently disagrees with the
    reader's ``role``; None when it agrees or has no firm opinion. The figures ``taken`` by the
    message's other amounts are out of the running (one message does not tell the same figure
    twice; the model weighs each amount alone). Where it takes the amount for no figure at all,
    its likeliest figure is offered beside the reader's (a bare "아니요" to the question then
    drops the amount)."""
    posterior = model().posterior(features(text, start, end, question))
    open_roles = [
        (name, probability)
        for name, probability in zip(ROLES, posterior, strict=True)
        if name not in taken or name == role
    ]
    total = sum(probability for _, probability in open_roles) or 1.0
    ranked = sorted(
        ((name, probability / total) for name, probability in open_roles),
        key=lambda pair: -pair[1],
    )
    best, probability = ranked[0]
    if best == role or probability < CONFIDENT:
        return None
    if best == OTHER:
        best = next(name for name, _ in ranked if name not in (OTHER, role))
    return best


def warm_up() -> None:
    """Train now (servers call this at start so that no person waits for it)."""
    model()
