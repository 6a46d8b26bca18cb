"""The learned second opinion on an amount's role, and what the coach does when it disagrees."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import yaml

from negotiation.understanding import read_message
from negotiation.understanding.second_opinion import (
    OTHER,
    ROLES,
    examples,
    features,
    opinion,
    train,
)

ROOT = Path(__file__).resolve().parents[2]


def _builder():
    spec = importlib.util.spec_from_file_location(
        "build_role_examples", ROOT / "scripts" / "build_role_examples.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_stored_examples_are_those_the_corpora_give_today():
    builder = _builder()
    excluded = {(ROOT / path).resolve() for path in builder.NOT_YET_LEARNED}
    rows = []
    for folder in sorted((ROOT / "tests").glob("conversations*")):
        if folder.is_dir() and folder.resolve() not in excluded:
            rows += builder.examples_of(folder)
    stored = yaml.safe_load(builder.OUT.read_text(encoding="utf-8"))["examples"]
    assert rows == stored, "run scripts/build_role_examples.py"


def test_labels_come_from_the_persons_truth():
    builder = _builder()
    truth = {"arrears_amount": 350_000, "monthly_bill": 55_000, "monthly_budget": 105_000}
    assert builder.label(350_000, truth, None) == "arrears_amount"
    assert builder.label(50_000, truth, "monthly_budget") == "monthly_budget"  # beyond the bill
    assert builder.label(80_000, truth, None) == OTHER


def test_a_writer_never_seen_is_mostly_read_right():
    everything = examples()
    held_out = "conversations_heldout7"
    model = train(item for item in everything if item.writer != held_out)
    tested = [item for item in everything if item.writer == held_out]
    right = sum(
        opinion(item.text, item.start, item.end, item.question, using=model)[0] == item.role
        for item in tested
    )
    assert len(tested) > 300 and right / len(tested) >= 0.9


def test_the_model_knows_the_roles_and_sees_the_question():
    assert set(ROLES) >= {"arrears_amount", "monthly_bill", "monthly_budget", OTHER}
    assert features("5만원이요", 0, 3, "lump_sum")["q=lump_sum"] == 1


def test_where_the_two_agree_the_figure_is_stored():
    reading = read_message("SKT인데 35만원 밀렸고 매달 5만5천원 나와요")
    assert reading.values["arrears_amount"] == 350_000
    assert reading.values["monthly_bill"] == 55_000
    assert not reading.ambiguous


def test_where_they_disagree_the_coach_asks_and_stores_nothing(monkeypatch):
    # Asked for the bill, "15만원 정도 가능해요" reads as a budget by its words. Whatever the
    # trained model of the day says, a confident disagreement must end in a question.
    from negotiation.understanding import amounts

    alone = read_message("한달에 15만원 정도 가능해요", "monthly_bill", check=False)
    assert alone.values == {"monthly_budget": 150_000}
    monkeypatch.setattr(amounts, "doubt", lambda *args: "monthly_bill")
    checked = read_message("한달에 15만원 정도 가능해요", "monthly_bill")
    assert "monthly_budget" not in checked.values and "monthly_bill" not in checked.values
    (ambiguity,) = checked.ambiguous
    assert ambiguity.value == 150_000
    assert ambiguity.candidates == ("monthly_budget", "monthly_bill")


def test_the_model_abstains_below_its_confidence_and_agrees_with_itself():
    from negotiation.understanding.second_opinion import doubt

    text = "skt인데 35만원 밀렸고 매달 5만5천원 나와요"
    assert doubt(text, 6, 10, None, "arrears_amount") is None
