"""The lexicon's word classes, read as Kiwi lemmas (negotiation/data/lexicon.yml)."""

from __future__ import annotations

import pytest

from negotiation.data import load
from negotiation.text import normalise
from negotiation.understanding import read_message
from negotiation.understanding.corrections import marks_a_sum
from negotiation.understanding.lexicon import classes_in, lexicon, mask

CLASSES = load("lexicon")["classes"]


@pytest.mark.parametrize(
    "name, example",
    [(name, example) for name, entry in CLASSES.items() for example in entry["examples"]],
)
def test_every_example_shows_its_class(name, example):
    assert name in classes_in(normalise(example))


def test_every_class_says_what_it_means_and_has_examples():
    for name, entry in CLASSES.items():
        assert entry["meaning"].strip(), name
        assert entry["lemmas"] and entry["examples"], name
    assert load("lexicon")["checked"]


def test_a_lemma_belongs_where_the_file_puts_it():
    table = lexicon()
    assert "billed" in table["청구되다"] and "owing" in table["밀리다"]


@pytest.mark.parametrize("said", ["청구돼요", "청구됩니다", "청구되는데", "청구되고 있어요"])
def test_every_inflection_of_a_verb_is_one_entry(said):
    assert "billed" in classes_in(f"매달 6만원 {said}")


@pytest.mark.parametrize(
    "text",
    ["매달 5만원 정도 청구됩니다", "한 달에 6만 8천원 정도 청구됩니다", "월 7만원 정도 부과돼요"],
)
def test_a_bill_told_with_a_verb_of_billing_is_the_bill_not_the_budget(text):
    # The 됩/돼 of a billing verb is not "that much is possible".
    reading = read_message(text, "monthly_bill")
    assert set(reading.values) == {"monthly_bill"}


def test_masking_blanks_only_the_classified_words():
    text = "매달 5만원 청구됩니다"
    masked = mask(text, frozenset({"billed"}))
    assert len(masked) == len(text) and "청구" not in masked and "5만원" in masked


def test_a_sum_is_a_word_of_its_own_not_a_part_of_another():
    text = "요금 포함해서 10만원"
    assert not marks_a_sum(text, 0, text.index("10"))
    for total in ("4만에 1만 해서 5만", "4만원에 1만원 더해서 5만원", "3만 다 합쳐서 7만"):
        assert marks_a_sum(total, 0, len(total) - 2), total


def test_including_the_bill_does_not_drop_the_figures_told_before_it():
    reading = read_message("매달 5만원 나오는데 요금 포함해서 한 달에 10만원 낼 수 있어요")
    assert reading.values == {"monthly_bill": 50_000, "monthly_budget": 100_000}
    reading = read_message("KT고 35만원 밀렸어요 요금 포함해서 한달에 12만원까지 돼요")
    assert reading.values["arrears_amount"] == 350_000
    assert reading.values["monthly_budget"] == 120_000
