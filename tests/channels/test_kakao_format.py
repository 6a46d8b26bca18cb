"""The coach's replies as KakaoTalk skill responses (channels/kakao_format.py), checked against
the published limits (tests/kakao_schema.py): real turns of a whole conversation, the custom
messages of the contract, and any list of messages at all."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from channels import kakao_format as kakao
from tests.kakao_schema import check_response

TURNS = json.loads((Path(__file__).parent / "coach_turns.json").read_text(encoding="utf-8"))
CONTINUE = kakao.words("kakao_continue")


def parts(messages: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every response needed to show ``messages``, as the person taps "이어서 보기"."""
    shown = []
    reply: kakao.Reply | None = kakao.render(messages)
    while reply is not None:
        response, reply = kakao.pack(reply)
        check_response(response)
        shown.append(response)
        assert len(shown) < 20
    return shown


def outputs(responses: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [output for response in responses for output in response["template"]["outputs"]]


def shown_text(responses: list[dict[str, Any]]) -> str:
    """Everything the person can read, in order."""
    texts = []
    for output in outputs(responses):
        ((kind, body),) = output.items()
        if kind == "simpleText":
            texts.append(body["text"])
        elif kind == "textCard":
            texts.extend([body.get("title", ""), body.get("description", "")])
        elif kind == "listCard":
            texts.append(body["header"]["title"])
            for item in body["items"]:
                texts.extend([item["title"], item.get("description", "")])
    return "\n".join(texts)


def cards(responses: list[dict[str, Any]], words: str) -> list[dict[str, Any]]:
    """The cards (not texts) that show ``words``."""
    return [
        output
        for output in outputs(responses)
        if "simpleText" not in output and words in json.dumps(output, ensure_ascii=False)
    ]


def turn(user: str) -> list[dict[str, Any]]:
    [found] = [entry["replies"] for entry in TURNS if entry["user"] == user]
    return found


@pytest.mark.parametrize("user", [entry["user"] for entry in TURNS])
def test_every_turn_of_a_whole_conversation_fits_the_limits(user):
    responses = parts(turn(user))
    # Only the last part offers the coach's buttons; the others offer the rest.
    for response in responses[:-1]:
        assert response["template"]["quickReplies"] == [
            {"label": CONTINUE, "action": "message", "messageText": CONTINUE}
        ]
    titles = [button["payload"] for message in turn(user) for button in message.get("buttons", [])]
    last = responses[-1]["template"].get("quickReplies", [])
    assert [reply["messageText"] for reply in last] == titles


def test_the_first_turn_shows_the_stage_and_the_script_as_a_card():
    [response] = parts(turn("안녕하세요"))
    first, card, question = response["template"]["outputs"]
    assert first["simpleText"]["text"].startswith("[1/6단계] 상담 시작")
    assert card["textCard"]["title"] == "상담 시작 단계에서 할 말"
    assert "[2/6단계] 상황 설명" in question["simpleText"]["text"]
    # The script lines are in the card, not said twice.
    script = next(
        m["custom"] for m in turn("안녕하세요") if m.get("custom", {}).get("type") == "script"
    )
    for line in script["lines"]:
        assert line in card["textCard"]["description"]
        assert line not in first["simpleText"]["text"]
    labels = [reply["label"] for reply in response["template"]["quickReplies"]]
    assert labels == ["SKT", "KT", "LG U+", "알뜰폰"]


def test_the_figures_are_a_card_between_the_question_and_its_answers():
    [response] = parts(turn("아니요 없어요"))
    kinds = [next(iter(output)) for output in response["template"]["outputs"]]
    assert kinds == ["simpleText", "textCard", "simpleText"]
    card = response["template"]["outputs"][1]["textCard"]
    assert card["title"] == "계획에 쓸 숫자"
    assert "• 미납액: 35만원" in card["description"]
    assert "미납액: 35만원" not in response["template"]["outputs"][0]["simpleText"]["text"]
    assert [reply["label"] for reply in response["template"]["quickReplies"]] == [
        "맞아요",
        "고칠게요",
    ]


def test_the_proposal_turn_shows_plan_alternatives_and_script_in_parts_never_losing_a_line():
    messages = turn("네 맞아요")
    responses = parts(messages)
    assert len(responses) > 1
    text = shown_text(responses)
    plan_cards = cards(responses, "납부 계획")
    assert plan_cards and next(iter(plan_cards[0])) in ("listCard", "textCard")
    assert "처음 2개월은 8만 8천원씩, 마지막 2개월은 8만 7천원씩" in text
    alternatives = cards(responses, "함께 알아볼 방법")
    assert alternatives and next(iter(alternatives[0])) in ("listCard", "textCard")
    # Every sentence the coach wrote is shown somewhere, whole (the plan's own lines, "최대한
    # 빨리 갚기: 4개월 동안 …", are what the plan card shows in its own words).
    for message in messages:
        for line in message.get("text", "").split("\n"):
            if re.match(r"(최대한 빨리 갚기|매달 고르게 나눠 갚기): ", line):
                continue
            for sentence in re.split(r"(?<=[.!?])\s+", line.lstrip("• ").strip()):
                assert sentence in text, sentence
    # The plan's own lines are not repeated as text above the card.
    assert "최대한 빨리 갚기: 4개월" not in text


def test_the_agreement_checklist_is_text_with_a_box_per_line():
    messages = turn("매달 고르게 나눠 갚기로 할게요")
    responses = parts(messages)
    agreement = next(
        m["custom"] for m in messages if m.get("custom", {}).get("type") == "agreement"
    )
    texts = [o["simpleText"]["text"] for o in outputs(responses) if "simpleText" in o]
    [checklist] = [text for text in texts if "최종 합의 체크리스트" in text]
    assert "밀린 돈 35만원 · 매달 고르게 나눠 갚기 · 4개월" in checklist
    for line in agreement["checklist"]:
        assert f"☐ {line}" in checklist
        assert f"• {line}" not in shown_text(responses)


def plan(feasible=True, payments=((95000, 95000, 95000, 65000), (88000, 88000, 87000, 87000))):
    kinds = ["fastest", "even", "step_up"]
    return {
        "type": "installment_plan",
        "arrears_amount": 350000,
        "monthly_bill": 55000,
        "monthly_budget": 150000 if feasible else 90000,
        "lump_sum": 0,
        "max_months": 6,
        "feasible": feasible,
        "shortfall": 0 if feasible else 24000,
        "options": [
            {"kind": kinds[i], "months": len(p), "payments": list(p)}
            for i, p in enumerate(payments)
        ],
    }


def test_a_plan_with_short_lines_is_a_list_card():
    message = plan(payments=((70000,) * 5, (70000,) * 5))
    [response] = parts([{"custom": message}])
    [card] = response["template"]["outputs"]
    assert card["listCard"]["header"]["title"] == "납부 계획 · 밀린 돈 35만원"
    assert card["listCard"]["items"][0] == {
        "title": "최대한 빨리 갚기 · 5개월",
        "description": "매달 7만원씩",
    }


def test_a_plan_with_long_lines_is_a_text_card_with_the_bill_included():
    [response] = parts([{"custom": plan()}])
    [card] = response["template"]["outputs"]
    description = card["textCard"]["description"]
    assert "처음 3개월은 9만 5천원씩, 마지막 달은 6만 5천원" in description
    assert "요금까지 합치면 매달 최대 15만원" in description


def test_a_plan_that_does_not_fit_says_what_it_would_take():
    [response] = parts([{"custom": plan(False, ((59000, 59000, 58000, 58000, 58000, 58000),))}])
    [card] = response["template"]["outputs"]
    assert card["textCard"]["title"] == "6개월 안에 갚기는 어려워요"
    assert "매달 2만 4천원이 더 필요해요" in card["textCard"]["description"]


def alternatives(count: int) -> dict[str, Any]:
    ids = ["welfare_discount", "selective_contract", "plan_downgrade", "micropayment_block"]
    ids += ["billing_date_change", "debt_adjustment", "dispute_mediation"]
    return {
        "type": "alternatives",
        "items": [
            {
                "id": ids[i],
                "title": f"방법 {i + 1}",
                "monthly_saving": 33500 if i == 0 else None,
                "source": None,
            }
            for i in range(count)
        ],
    }


def test_up_to_five_alternatives_are_a_list_card_and_more_a_text_card():
    [few] = parts([{"custom": alternatives(5)}])
    [card] = few["template"]["outputs"]
    assert card["listCard"]["items"][0] == {
        "title": "방법 1",
        "description": "매달 최대 3만 3,500원 절약",
    }
    assert len(card["listCard"]["items"]) == 5
    [many] = parts([{"custom": alternatives(7)}])
    [card] = many["template"]["outputs"]
    assert card["textCard"]["description"].count("•") == 7


def test_a_long_script_is_continued_in_another_card_never_cut_inside_a_line():
    lines = [f"{n}번째로 드릴 말씀은 이것이에요. " * 4 + "감사합니다." for n in range(1, 9)]
    [response] = parts([{"custom": {"type": "script", "stage": 5, "lines": lines}}])
    cards = [output["textCard"] for output in response["template"]["outputs"]]
    assert len(cards) >= 2
    assert cards[0]["title"] == "제안과 대안 단계에서 할 말"
    assert cards[1]["title"] == "제안과 대안 단계에서 할 말 (이어서)"
    shown = "\n".join(card["description"] for card in cards)
    for line in lines:
        assert f"• {line}" in shown


def test_a_long_text_is_cut_between_sentences():
    sentence = "요금이 밀리면 정지될 수 있으니 미리 상담원과 이야기해 보세요."
    text = " ".join([sentence] * 60)  # about 2,000 characters, one paragraph
    responses = parts([{"text": text}])
    pieces = [o["simpleText"]["text"] for o in outputs(responses)]
    assert len(pieces) >= 3
    for piece in pieces:
        assert len(piece) <= 1000
        assert piece.startswith("요금이") and piece.endswith("보세요.")


def test_more_than_three_bubbles_wait_for_the_next_message():
    messages = [
        {"custom": {"type": "script", "stage": n, "lines": [f"{n}단계의 말이에요."]}}
        for n in (1, 2, 3, 4)
    ]
    messages.append(
        {"text": "어떻게 할까요?", "buttons": [{"title": "좋아요", "payload": "좋아요"}]}
    )
    first, second = parts(messages)
    assert len(first["template"]["outputs"]) == 3
    assert first["template"]["quickReplies"][0]["label"] == CONTINUE
    assert second["template"]["quickReplies"] == [
        {"label": "좋아요", "action": "message", "messageText": "좋아요"}
    ]


@pytest.mark.parametrize(
    "title, label",
    [
        ("KT", "KT"),
        ("아니요, 아직 쓸 수 있어요", "아직 쓸 수 있어요"),
        ("서비스 유지(정지 유예)도 함께요", "서비스 유지도 함께요"),
        ("모르겠어요(건너뛰기)", "모르겠어요(건너뛰기)"),
        ("매달 고르게 나눠 갚기 (4개월)", "매달 고르게 나눠 갚기"),
        ("처음엔 적게, 나중에 늘려 갚기 (7개월)", "나중에 늘려 갚기"),
        ("가나다라마바사아자차카타파하가나다", "가나다라마바사아자차카타파…"),
    ],
)
def test_a_long_button_title_becomes_a_short_label_that_still_sends_the_payload(title, label):
    reply = kakao.quick_reply(title, "보낼 말")
    assert reply == {"label": label, "action": "message", "messageText": "보낼 말"}
    assert len(reply["label"]) <= 14


def test_an_intent_payload_sends_the_title_instead():
    assert kakao.quick_reply("네", "/affirm")["messageText"] == "네"


def test_the_waiting_and_callback_answers_are_valid():
    check_response(kakao.waiting_response())
    assert (
        "잠시만요, 계산하고 있어요"
        in kakao.waiting_response()["template"]["outputs"][0]["simpleText"]["text"]
    )
    check_response(kakao.callback_acknowledgement())
    check_response(kakao.pack(kakao.Reply())[0])  # nothing to say is still one bubble


# --- Any list of messages ----------------------------------------------------------------------

sentences = st.text(
    alphabet=st.sampled_from(list("가나다라마바사아자차 .!?,\n0123456789원만요ab")), max_size=200
)
amounts = st.integers(min_value=0, max_value=10**9)
buttons = st.lists(
    st.fixed_dictionaries(
        {
            "title": st.text(min_size=0, max_size=40),
            "payload": st.one_of(st.none(), st.text(max_size=40)),
        }
    ),
    max_size=14,
)
customs = st.one_of(
    st.fixed_dictionaries(
        {"type": st.just("stage"), "stage": st.integers(1, 6), "title": st.text(max_size=20)}
    ),
    st.fixed_dictionaries(
        {
            "type": st.just("script"),
            "stage": st.integers(1, 6),
            "lines": st.lists(sentences, max_size=12),
        }
    ),
    st.fixed_dictionaries(
        {
            "type": st.just("agreement"),
            "carrier": st.sampled_from(["KT", "SKT", "LGU+", "MVNO"]),
            "arrears_amount": amounts,
            "option": st.one_of(
                st.none(),
                st.fixed_dictionaries(
                    {
                        "kind": st.sampled_from(["fastest", "even", "step_up", "within_budget"]),
                        "payments": st.lists(amounts, min_size=1, max_size=30),
                    }
                ),
            ),
            "checklist": st.lists(sentences, max_size=15),
        }
    ),
    st.fixed_dictionaries(
        {
            "type": st.just("installment_plan"),
            "arrears_amount": amounts,
            "monthly_bill": amounts,
            "lump_sum": amounts,
            "max_months": st.integers(1, 24),
            "feasible": st.booleans(),
            "shortfall": amounts,
            "options": st.lists(
                st.fixed_dictionaries(
                    {
                        "kind": st.sampled_from(["fastest", "even", "step_up"]),
                        "payments": st.lists(amounts, min_size=1, max_size=24),
                    }
                ),
                min_size=1,
                max_size=3,
            ),
        }
    ),
    st.fixed_dictionaries(
        {
            "type": st.just("alternatives"),
            "items": st.lists(
                st.fixed_dictionaries(
                    {
                        "title": st.text(min_size=1, max_size=40),
                        "monthly_saving": st.one_of(st.none(), amounts),
                    }
                ),
                max_size=8,
            ),
        }
    ),
    st.fixed_dictionaries({"type": st.sampled_from(["figures", "unknown", None])}),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=3),
)
messages = st.lists(
    st.one_of(
        st.fixed_dictionaries({"text": sentences}),
        st.fixed_dictionaries({"text": sentences, "buttons": buttons}),
        st.fixed_dictionaries({"custom": customs}),
        st.fixed_dictionaries({"image": st.text(max_size=10)}),
    ),
    max_size=25,
)


@settings(max_examples=3 * settings.default.max_examples, deadline=None)
@given(messages)
def test_any_messages_make_valid_responses_that_lose_no_text(turn_messages):
    responses = parts(turn_messages)
    shown = shown_text(responses)
    for message in turn_messages:
        for word in message.get("text", "").split():
            assert word in shown


def test_titles_that_shorten_alike_keep_apart_and_the_same_answer_is_offered_once():
    replies = kakao.quick_replies(
        [
            ("최대한 빨리 갚기 (4개월)", "최대한 빨리 4개월"),
            ("최대한 빨리 갚기 (6개월)", "최대한 빨리 6개월"),
            ("최대한 빨리 갚기 (8개월)", "최대한 빨리 8개월"),
            ("네", "네"),
            ("네, 좋아요", "네"),
            ("   ", "아무것도"),
        ]
    )
    assert [reply["label"] for reply in replies] == [
        "최대한 빨리 갚기",
        "최대한빨리갚기(6개월)",
        "최대한빨리갚기(8개월)",
        "네",
    ]
    assert [reply["messageText"] for reply in replies][:3] == [
        "최대한 빨리 4개월",
        "최대한 빨리 6개월",
        "최대한 빨리 8개월",
    ]
    many = kakao.quick_replies([(f"답 {n}", f"답 {n}") for n in range(15)])
    assert len(many) == 10
