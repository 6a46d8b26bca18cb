"""Bad input, corrections after the plan, and the socket.io channel the web chat uses."""

import asyncio

import pytest
import requests
import socketio

# One answer at a time up to the plan: KT, 35만원, two months, not suspended, instalments,
# 5만 5천원 a month, a 15만원 budget, no lump sum, no welfare, no recovery, figures confirmed.
TO_THE_PLAN = [
    "안녕하세요",
    "KT요",
    "35만원",
    "두 달",
    "아니요",
    "분할 납부요",
    "확인했어요",
    "5만 5천원",
    "15만원",
    "없어요",
    "해당 없어요",
    "없어요",
    "네 맞아요",
]


def test_an_unreadable_amount_is_asked_again_and_nothing_is_stored(conversation):
    conversation.say("안녕하세요")
    conversation.say("KT요")
    replies = conversation.say("음 꽤 많이 밀렸어요")
    texts = conversation.texts(replies)
    assert any("정확히 읽지 못했어요" in text for text in texts)
    assert any("밀린 금액" in text for text in texts)  # the question again
    slots = conversation.slots()
    assert slots["arrears_amount"] is None and slots["requested_slot"] == "arrears_amount"


def test_an_absurd_amount_is_refused_with_a_reason(conversation):
    conversation.say("안녕하세요")
    conversation.say("SKT요")
    replies = conversation.say("3억원이요")
    assert any("너무 커 보여요" in text for text in conversation.texts(replies))
    assert conversation.slots()["arrears_amount"] is None


def test_the_coach_never_asks_again_for_what_it_was_told(conversation):
    replies = conversation.say("SKT 쓰는데 미납액 35만원이고 두 달 밀렸어요")
    asked = " ".join(conversation.texts(replies))
    assert "통신사를" not in asked and "밀린 금액은" not in asked and "몇 달째" not in asked
    assert "정지된 상태인가요" in asked
    assert conversation.slots()["requested_slot"] == "service_suspended"


def test_a_correction_after_the_plan_brings_a_new_plan(conversation):
    for message in TO_THE_PLAN:
        conversation.say(message)
    first = conversation.custom("installment_plan")[-1]
    replies = conversation.say("아 잘못 말했어요, 미납액은 30만원이에요")
    assert "미납액을 35만원에서 30만원으로 바꿨어요." in conversation.texts(replies)
    updated = conversation.custom("installment_plan", replies)
    assert updated and updated[0]["arrears_amount"] == 300000 != first["arrears_amount"]
    assert sum(updated[0]["options"][0]["payments"]) == 300000
    assert conversation.slots()["arrears_amount"] == 300000


@pytest.mark.parametrize("first_message", ["몰라", "ㅇㅇ", "도와주세요"])
def test_any_first_yes_no_or_help_opens_stage_1(conversation, first_message):
    """A first message that is neither a greeting nor a figure still gets the coaching going."""
    replies = conversation.say(first_message)
    assert [stage["stage"] for stage in conversation.custom("stage", replies)] == [1, 2]
    assert any("어느 통신사" in text for text in conversation.texts(replies))


def test_a_yes_or_no_after_the_agreement_is_never_left_unanswered(conversation):
    for message in [*TO_THE_PLAN, "네"]:
        conversation.say(message)
    assert conversation.custom("agreement")
    said_before = None
    for message in ["ㅇㅇ", "몰라", "아니"]:
        replies = conversation.say(message)
        [first] = [reply for reply in replies if "text" in reply][:1]
        # Every reply says how to go on (starting over among the ways, in words or as a
        # button), and never in the same words as the reply just before.
        offers = first["text"] + " ".join(button["title"] for button in first.get("buttons", []))
        assert "처음부터 다시" in offers, (message, replies)
        assert first["text"] != said_before, (message, replies)
        said_before = first["text"]
    assert len(conversation.custom("agreement")) == 1  # no second agreement by accident


def test_not_knowing_the_amount_gets_where_to_find_it(conversation):
    conversation.say("안녕하세요")
    conversation.say("SKT요")
    replies = conversation.texts(conversation.say("얼마인지 정확히 모르겠어요"))
    assert any("통신사 앱" in text for text in replies), replies
    assert conversation.slots()["requested_slot"] == "arrears_amount"


def test_an_unclear_message_inside_a_form_gets_one_explanation_not_two(conversation):
    conversation.say("안녕하세요")
    conversation.say("KT요")
    conversation.say("35만원")
    replies = conversation.texts(conversation.say("??"))
    assert sum("읽지 못했어요" in text or "무슨 뜻인지" in text for text in replies) == 1, replies
    assert any("몇 달째" in text for text in replies)  # the question again


def test_a_figure_for_a_later_question_is_kept_and_the_question_asked_again(conversation):
    for message in ["안녕하세요", "KT인데 두 달 밀려서 35만원이에요", "아니요"]:
        conversation.say(message)
    assert conversation.slots()["requested_slot"] == "goals"
    replies = conversation.texts(conversation.say("장애인이에요"))
    assert any("원하시는 것을 골라" in text for text in replies), replies
    slots = conversation.slots()
    assert slots["welfare_status"] == "disabled" and slots["requested_slot"] == "goals"
    # ...and it is not asked for again later.
    asked = " ".join(
        conversation.texts(conversation.say("분할 납부요"))
        + conversation.texts(conversation.say("봤어요"))
        + conversation.texts(conversation.say("5만원"))
        + conversation.texts(conversation.say("15만원"))
        + conversation.texts(conversation.say("없어요"))
    )
    assert "해당하시나요" not in asked and "형편이 나아질" in asked


def test_a_malformed_request_gets_a_4xx_with_a_reason(servers):
    response = requests.post(
        f"{servers['url']}/webhooks/rest/webhook",
        data="{not json",
        headers={"Content-Type": "application/json"},
        timeout=30,
    )
    assert 400 <= response.status_code < 500
    assert response.text


def test_the_tracker_needs_the_token(servers, conversation):
    conversation.say("안녕하세요")
    response = requests.get(
        f"{servers['url']}/conversations/{conversation.sender}/tracker", timeout=30
    )
    assert response.status_code == 401


def test_socketio_replies_arrive_with_session_persistence(servers):
    """The web chat's channel: with session_persistence on, replies must still come back
    (the enter_room trap of RasaHQ/rasa#13027, avoided by pinning python-socketio 5.9)."""

    async def talk():
        client = socketio.AsyncClient()
        replies = []
        got_reply = asyncio.Event()

        @client.on("bot_uttered")
        async def on_bot_uttered(message):
            replies.append(message)
            # The turn has arrived as far as checked below: its stage and a text.
            if any(reply.get("type") == "stage" for reply in replies) and any(
                "text" in reply for reply in replies
            ):
                got_reply.set()

        session = asyncio.Event()

        issued = []

        @client.on("session_confirm")
        async def on_session_confirm(session_id):
            issued.append(session_id)
            session.set()

        await client.connect(servers["url"], socketio_path="/socket.io", transports=["websocket"])
        await client.emit("session_request", {"session_id": "e2e-socket"})
        await asyncio.wait_for(session.wait(), 20)
        await client.emit("user_uttered", {"message": "안녕하세요", "session_id": issued[0]})
        await asyncio.wait_for(got_reply.wait(), 60)
        await client.disconnect()
        return replies

    replies = asyncio.run(talk())
    assert any(reply.get("type") == "stage" for reply in replies)
    assert any("text" in reply for reply in replies)
