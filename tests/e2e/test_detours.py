"""Bad input, corrections after the plan, and the socket.io channel the web chat uses."""

import asyncio

import requests
import socketio


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
    for message in ["안녕하세요", "KT요", "35만원", "두 달", "아니요", "분할 납부요", "5만 5천원",
                    "15만원", "없어요", "해당 없어요", "없어요"]:
        conversation.say(message)
    first = conversation.custom("installment_plan")[-1]
    replies = conversation.say("아 잘못 말했어요, 미납액은 30만원이에요")
    assert "미납액을 35만원에서 30만원으로 바꿨어요." in conversation.texts(replies)
    updated = conversation.custom("installment_plan", replies)
    assert updated and updated[0]["arrears_amount"] == 300000 != first["arrears_amount"]
    assert sum(updated[0]["options"][0]["payments"]) == 300000
    assert conversation.slots()["arrears_amount"] == 300000


def test_a_malformed_request_gets_a_4xx_with_a_reason(servers):
    response = requests.post(f"{servers['url']}/webhooks/rest/webhook", data="{not json",
                             headers={"Content-Type": "application/json"}, timeout=30)
    assert 400 <= response.status_code < 500
    assert response.text


def test_the_tracker_needs_the_token(servers, conversation):
    conversation.say("안녕하세요")
    response = requests.get(f"{servers['url']}/conversations/{conversation.sender}/tracker",
                            timeout=30)
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
            got_reply.set()

        session = asyncio.Event()

        @client.on("session_confirm")
        async def on_session_confirm(_):
            session.set()

        await client.connect(servers["url"], socketio_path="/socket.io",
                             transports=["websocket"])
        await client.emit("session_request", {"session_id": "e2e-socket"})
        await asyncio.wait_for(session.wait(), 20)
        await client.emit("user_uttered", {"message": "안녕하세요", "session_id": "e2e-socket"})
        await asyncio.wait_for(got_reply.wait(), 60)
        await asyncio.sleep(2)  # let the rest of the turn arrive
        await client.disconnect()
        return replies

    replies = asyncio.run(talk())
    assert any(reply.get("type") == "stage" for reply in replies)
    assert any("text" in reply for reply in replies)
