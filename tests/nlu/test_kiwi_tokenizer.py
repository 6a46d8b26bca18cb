"""The Kiwi tokenizer for spaCy: every token is the exact slice of the text at its offset."""

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

from korean_nlp.tokenizer import REGISTERED_NAME


@pytest.fixture(scope="module")
def nlp():
    return spacy.blank("ko", config={"nlp": {"tokenizer": {"@tokenizers": REGISTERED_NAME}}})


def check_offsets(doc, text):
    assert doc.text == text
    for token in doc:
        assert text[token.idx : token.idx + len(token.text)] == token.text


@pytest.mark.parametrize(
    "text",
    [
        "SKT인데 35만원 밀렸고 매달 5만5천원 나와요",
        "했어요  ㅠㅠ",
        "  앞에 공백",
        "줄\n바꿈",
        "분할납부 하고싶어요!!",
        "🙏 제발요",
        "ㅇㅇ",
        "",
        "   ",
        "LG U+ 써요",
        "12만 3천 5백원",
    ],
)
def test_offsets_match_the_text(nlp, text):
    check_offsets(nlp(text), text)


def test_morphemes_give_lemmas_and_tags(nlp):
    doc = nlp("밀렸어요")
    assert [token.lemma_ for token in doc] == ["밀리+었", "어요"]
    assert [token.tag_ for token in doc] == ["VV+EP", "EF"]


@settings(max_examples=3 * settings.default.max_examples // 2, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("가나다밀렸어요원만천 \n35ㅠㅋ.,!?abcSKT+~")), max_size=40
    )
)
def test_offsets_hold_for_any_text(nlp, text):
    check_offsets(nlp(text), text)
