"""The KakaoTalk channel's own decisions (channels/kakao.py), in one process with a stand-in for
the coach: who may call, what a SkillPayload must hold, the reply budget, what waits for the next
message, and Open Builder's callback. tests/e2e/test_kakao.py runs the same against the real
servers."""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any

import pytest
from aiohttp import web

from channels import kakao_format
from channels.kakao import KakaoInput, WaitingRoom, read_payload
from tests.kakao_schema import check_response, console_payload, new_user_key, skill_payload

SECRET = "s3cret-for-tests"
CONTINUE = kakao_format.words("kakao_continue")


class Headers(dict):
    pass


class FakeRequest:
    def __init__(self, headers: dict[str, str]) -> None:
        self.headers = Headers(headers)


def coach(delay: float = 0.0, said: list[str] | None = None):
    """A stand-in for Rasa: answers every message after ``delay`` seconds."""
    heard = said if said is not None else []

    async def on_new_message(message) -> None:
        heard.append(message.text)
        await asyncio.sleep(delay)
        await message.output_channel.send_text_message(
            message.sender_id, f"「{message.text}」에 대한 답이에요. 다음 질문이에요?"
        )

    return on_new_message


def texts(response: dict[str, Any]) -> str:
    return "\n".join(
        output["simpleText"]["text"]
        for output in response["template"]["outputs"]
        if "simpleText" in output
    )


def labels(response: dict[str, Any]) -> list[str]:
    return [reply["label"] for reply in response["template"].get("quickReplies", [])]


# --- Who may call ------------------------------------------------------------------------------


def test_without_a_configured_secret_every_call_is_refused_and_logged(caplog):
    channel = KakaoInput(secret=None)
    with caplog.at_level(logging.ERROR, logger="channels.kakao"):
        refused = channel.refusal(FakeRequest({"X-Kakao-Skill-Secret": "anything"}))
    assert refused is not None and refused.status == 503
    assert b"KAKAO_SKILL_SECRET" in refused.body
    assert "KAKAO_SKILL_SECRET" in caplog.text


def test_a_call_without_the_secret_header_or_with_a_wrong_one_is_refused():
    channel = KakaoInput(secret=SECRET)
    missing = channel.refusal(FakeRequest({}))
    assert missing is not None and missing.status == 401
    wrong = channel.refusal(FakeRequest({"X-Kakao-Skill-Secret": SECRET + "x"}))
    assert wrong is not None and wrong.status == 403
    assert channel.refusal(FakeRequest({"X-Kakao-Skill-Secret": SECRET})) is None


def test_the_secret_comes_from_the_environment_variable_named_in_credentials(monkeypatch):
    monkeypatch.setenv("MY_KAKAO_SECRET", "from-env")
    monkeypatch.setenv("KAKAO_REPLY_BUDGET_SECONDS", "1.5")
    channel = KakaoInput.from_credentials(
        {"secret_env": "MY_KAKAO_SECRET", "secret_header": "X-Skill-Key"}
    )
    assert channel.secret == "from-env" and channel.header == "X-Skill-Key"
    assert channel.budget == 1.5
    assert channel.refusal(FakeRequest({"X-Skill-Key": "from-env"})) is None


@pytest.mark.parametrize(
    "url, allowed",
    [
        ("https://bot-api.kakao.com/v1/callback/abc", True),
        ("http://bot-api.kakao.com/v1/callback/abc", False),
        ("https://kakao.com.evil.example/callback", False),
        ("https://evil.example/callback", False),
        ("http://127.0.0.1:9/callback", False),  # not listed
        ("not a url", False),
    ],
)
def test_only_open_builders_callback_addresses_are_called(url, allowed):
    assert KakaoInput(secret=SECRET).callback_allowed(url) is allowed


def test_a_local_callback_is_allowed_only_when_listed():
    channel = KakaoInput(secret=SECRET, callback_hosts=["127.0.0.1"])
    assert channel.callback_allowed("http://127.0.0.1:8080/callback")


# --- What a SkillPayload must hold -------------------------------------------------------------


def test_the_documented_and_the_test_console_payloads_are_read():
    key = new_user_key()
    assert read_payload(skill_payload("KT요", key)) == ("KT요", key, None)
    assert read_payload(skill_payload("KT요", key, "https://x.kakao.com/cb")) == (
        "KT요",
        key,
        "https://x.kakao.com/cb",
    )
    assert read_payload(console_payload()) == ("발화 내용", "687813", None)


@pytest.mark.parametrize(
    "body, reason",
    [
        (["안녕하세요"], "JSON object"),
        ({}, "userRequest"),
        ({"userRequest": "안녕하세요"}, "userRequest"),
        ({"userRequest": {"user": {"id": "a"}}}, "utterance"),
        ({"userRequest": {"utterance": 3, "user": {"id": "a"}}}, "utterance"),
        ({"userRequest": {"utterance": "안녕"}}, "userRequest.user"),
        ({"userRequest": {"utterance": "안녕", "user": {"id": ""}}}, "user.id"),
        ({"userRequest": {"utterance": "안녕", "user": {"id": "x" * 300}}}, "user.id"),
        (
            {"userRequest": {"utterance": "안녕", "user": {"id": "a"}, "callbackUrl": 5}},
            "callbackUrl",
        ),
        ({"bot": "me", "userRequest": {"utterance": "안녕", "user": {"id": "a"}}}, "bot"),
    ],
)
def test_a_malformed_payload_gets_a_reason(body, reason):
    result = read_payload(body)
    assert isinstance(result, str) and reason in result


# --- The reply budget and what waits -------------------------------------------------------------


def test_a_fast_answer_comes_at_once():
    async def scenario():
        channel = KakaoInput(secret=SECRET, budget=1.0)
        reply = await channel.answer("kakao-a", "안녕하세요", None, None, coach())
        check_response(reply)
        assert "「안녕하세요」에 대한 답이에요" in texts(reply)
        assert channel.waiting.peek("kakao-a") is None

    asyncio.run(scenario())


def test_a_slow_answer_waits_for_the_next_message_which_does_not_reach_the_coach():
    async def scenario():
        heard: list[str] = []
        channel = KakaoInput(secret=SECRET, budget=0.3)
        started = time.monotonic()
        first = await channel.answer("kakao-b", "35만원이요", None, None, coach(1.0, heard))
        assert time.monotonic() - started < 0.6
        check_response(first)
        assert "잠시만요, 계산하고 있어요" in texts(first)
        assert labels(first) == [CONTINUE]
        # Still running: the person asks again and is told to wait again.
        second = await channel.answer("kakao-b", "네", None, None, coach(0, heard))
        assert "잠시만요" in texts(second)
        await asyncio.sleep(1.0)
        # Ready now: shown on the next message, which is not taken as an answer.
        third = await channel.answer("kakao-b", "네", None, None, coach(0, heard))
        check_response(third)
        assert "「35만원이요」에 대한 답이에요" in texts(third)
        assert "방금 보내신 말씀에 답이 필요하면" in texts(third)
        assert heard == ["35만원이요"]
        # Nothing waits any more: the next message is the coach's again.
        fourth = await channel.answer("kakao-b", CONTINUE, None, None, coach(0, heard))
        assert heard == ["35만원이요"] and "이어서 말씀해 주세요" in texts(fourth)
        fifth = await channel.answer("kakao-b", "두 달이요", None, None, coach(0, heard))
        assert "「두 달이요」에 대한 답이에요" in texts(fifth)
        assert heard == ["35만원이요", "두 달이요"]

    asyncio.run(scenario())


def test_tapping_continue_shows_the_rest_without_a_note():
    async def scenario():
        channel = KakaoInput(secret=SECRET, budget=0.2)
        await channel.answer("kakao-c", "안녕", None, None, coach(0.5))
        await asyncio.sleep(0.6)
        reply = await channel.answer("kakao-c", CONTINUE, None, None, coach())
        assert "「안녕」에 대한 답이에요" in texts(reply)
        assert "방금 보내신 말씀" not in texts(reply)

    asyncio.run(scenario())


def test_what_does_not_fit_is_shown_on_the_next_message():
    async def long_coach(message) -> None:
        for number in range(1, 6):
            await message.output_channel.send_custom_json(
                message.sender_id,
                {"type": "script", "stage": number, "lines": [f"{number}단계에서 할 말이에요."]},
            )
        await message.output_channel.send_text_with_buttons(
            message.sender_id,
            "어느 쪽으로 할까요?",
            [{"title": "이걸로", "payload": "이걸로 할게요"}],
        )

    async def scenario():
        channel = KakaoInput(secret=SECRET, budget=1.0)
        first = await channel.answer("kakao-d", "안녕", None, None, long_coach)
        assert len(first["template"]["outputs"]) == 3 and labels(first) == [CONTINUE]
        second = await channel.answer("kakao-d", CONTINUE, None, None, long_coach)
        check_response(second)
        assert "어느 쪽으로 할까요?" in texts(second)
        assert labels(second) == ["이걸로"]

    asyncio.run(scenario())


def test_what_waits_expires_and_is_bounded():
    room = WaitingRoom(seconds=0.05, limit=2)
    for sender in ("a", "b", "c"):
        room.put(sender, kakao_format.Reply())
    assert room.peek("a") is None and room.peek("b") is not None
    time.sleep(0.1)
    assert room.peek("b") is None and room.peek("c") is None


# --- Open Builder's callback --------------------------------------------------------------------


def test_a_callback_block_gets_the_answer_at_its_callback_url():
    async def scenario():
        received: list[dict[str, Any]] = []
        arrived = asyncio.Event()

        async def callback(request: web.Request) -> web.Response:
            received.append(await request.json())
            arrived.set()
            return web.json_response({"taskId": "t-1", "status": "SUCCESS", "message": "ok"})

        app = web.Application()
        app.router.add_post("/callback/{token}", callback)
        runner = web.AppRunner(app)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]
        try:
            channel = KakaoInput(secret=SECRET, budget=0.2, callback_hosts=["127.0.0.1"])
            url = f"http://127.0.0.1:{port}/callback/once"
            reply = await channel.answer("kakao-e", "15만원", url, None, coach(0.6))
            check_response(reply)
            assert reply["useCallback"] is True and "잠시만요" in reply["data"]["text"]
            await asyncio.wait_for(arrived.wait(), 5)
            [body] = received
            check_response(body)
            assert "「15만원」에 대한 답이에요" in texts(body)
            assert channel.waiting.peek("kakao-e") is None  # delivered: nothing waits
            # A fast answer on a callback block comes at once, without the callback.
            fast = await channel.answer("kakao-e", "없어요", url, None, coach(0))
            assert "template" in fast and "「없어요」" in texts(fast)
        finally:
            await runner.cleanup()

    asyncio.run(scenario())


def test_a_failed_callback_keeps_the_answer_for_the_next_message():
    async def scenario():
        channel = KakaoInput(secret=SECRET, budget=0.1, callback_hosts=["127.0.0.1"])
        url = "http://127.0.0.1:9/callback/closed"  # nothing listens there
        reply = await channel.answer("kakao-f", "안녕", url, None, coach(0.3))
        assert reply["useCallback"] is True
        await asyncio.sleep(1.0)
        later = await channel.answer("kakao-f", CONTINUE, None, None, coach())
        assert "「안녕」에 대한 답이에요" in texts(later)

    asyncio.run(scenario())
