"""The same conversation on REST and on the web chat's socket.io channel decides the same: whether
the plan fits, what is proposed, and the warning, which the web chat must show in words too."""

import asyncio
import uuid

import pytest
import socketio

from tests.servers import Conversation

UP_TO_THE_BUDGET = [
    "안녕하세요",
    "LG U+요",
    "80만원이요",
    "3개월째예요",
    "아니요 아직 쓸 수 있어요",
    "분할 납부요",
    "확인했어요",
    "월 요금 6만원이요",
]
REST_OF_THE_WAY = ["없어요", "해당 없어요", "없어요", "네 맞아요", "네 이걸로 할게요"]
SITUATIONS = {
    "feasible": [*UP_TO_THE_BUDGET, "요금까지 한 달에 30만원이요", *REST_OF_THE_WAY],
    "infeasible": [*UP_TO_THE_BUDGET, "요금까지 한 달에 9만원이요", *REST_OF_THE_WAY],
    "nothing left": [*UP_TO_THE_BUDGET, "요금까지 6만원이 전부예요", *REST_OF_THE_WAY],
}


def socketio_conversation(url: str, messages: list[str]) -> list[dict]:
    """Every message the web chat receives, one turn at a time (a turn ends after a quiet
    second and a half)."""

    async def talk() -> list[dict]:
        client = socketio.AsyncClient()
        received: list[dict] = []
        arrived = asyncio.Event()
        session = asyncio.Event()
        issued: list[str] = []

        @client.on("bot_uttered")
        async def on_bot_uttered(message):
            received.append(message)
            arrived.set()

        @client.on("session_confirm")
        async def on_session_confirm(session_id):
            issued.append(session_id)  # the server's signed id, the only one it accepts
            session.set()

        await client.connect(url, socketio_path="/socket.io", transports=["websocket"])
        await client.emit("session_request", {"session_id": "parity-" + uuid.uuid4().hex[:12]})
        await asyncio.wait_for(session.wait(), 20)
        session_id = issued[0]
        for message in messages:
            arrived.clear()
            await client.emit("user_uttered", {"message": message, "session_id": session_id})
            await asyncio.wait_for(arrived.wait(), 60)
            while True:  # the rest of the turn
                arrived.clear()
                try:
                    await asyncio.wait_for(arrived.wait(), 1.5)
                except asyncio.TimeoutError:
                    break
        await client.disconnect()
        return received

    return asyncio.run(talk())


def decisions(texts: list[str], customs: list[dict]) -> dict:
    plans = [message for message in customs if message.get("type") == "installment_plan"]
    [agreement] = [message for message in customs if message.get("type") == "agreement"]
    said = " ".join(texts)
    warnings = [line for line in agreement["checklist"] if "약속하지" in line]
    return {
        "feasible": plans[-1]["feasible"] if plans else None,
        "called_unworkable": "다 갚기 어려워요" in said,
        "option": agreement["option"],
        "warnings": warnings,
        "warnings_said_in_words": all(warning in said for warning in warnings),
    }


@pytest.mark.parametrize("situation", list(SITUATIONS))
def test_rest_and_the_web_chat_decide_the_same(servers, situation):
    messages = SITUATIONS[situation]
    rest = Conversation(servers)
    for message in messages:
        rest.say(message)
    rest_texts = [reply["text"] for reply in rest.replies if reply.get("text")]
    rest_customs = [
        reply["custom"] for reply in rest.replies if isinstance(reply.get("custom"), dict)
    ]

    web = socketio_conversation(servers["url"], messages)
    web_texts = [message["text"] for message in web if message.get("text")]
    web_customs = [message for message in web if "type" in message and "text" not in message]

    on_rest = decisions(rest_texts, rest_customs)
    assert on_rest == decisions(web_texts, web_customs)
    if situation == "feasible":
        assert on_rest["feasible"] and not on_rest["called_unworkable"]
        assert on_rest["option"]["kind"] in ("fastest", "even") and not on_rest["warnings"]
    elif situation == "infeasible":
        assert on_rest["feasible"] is False and on_rest["called_unworkable"]
        assert on_rest["option"]["kind"] == "within_budget"
        assert max(on_rest["option"]["payments"]) <= 30000  # 9만원 less the 6만원 bill
        assert on_rest["warnings"] and on_rest["warnings_said_in_words"]
    else:
        assert on_rest["option"] is None
        assert on_rest["warnings"] and on_rest["warnings_said_in_words"]
