"""KakaoTalk through Kakao i Open Builder (issue 13), against the real servers: SkillPayloads as
Open Builder sends them posted to /webhooks/kakao/webhook, every answer checked against the
published limits (tests/kakao_schema.py) and the 5 seconds Open Builder waits; a whole six-stage
conversation with the plan, the alternatives and the agreement in Kakao components; the shared
secret; malformed payloads; and, with a deliberately slowed action server, the answer that is not
ready in time (shown on the next message, or POSTed to a callback-enabled block's callbackUrl).
"""

from __future__ import annotations

import json
import threading
import time
import uuid
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import pytest
import requests

from channels import sessions
from tests.e2e.test_conversations import SCENARIOS
from tests.kakao_schema import check_response, console_payload, new_user_key, skill_payload
from tests.servers import (
    KAKAO_SECRET,
    TOKEN,
    free_port,
    start_rasa_server,
    stop,
    wait_until_up,
)

HEADER = "X-Kakao-Skill-Secret"
OPEN_BUILDER_WAITS = 5.0  # seconds: the skill timeout of Kakao's callback guide
CONTINUE = "이어서 보기"

# The REST suite's first whole conversation, said through KakaoTalk instead.
KT_CONVERSATION = SCENARIOS[0].messages


class KakaoTalk:
    """One person writing to the coach's KakaoTalk channel, through Open Builder."""

    def __init__(self, url: str, user_key: str | None = None) -> None:
        self.url = f"{url}/webhooks/kakao/webhook"
        self.user_key = user_key or new_user_key()
        self.responses: list[dict[str, Any]] = []

    def post(self, body: Any, headers: dict[str, str] | None = None, **kwargs) -> requests.Response:
        return requests.post(
            self.url,
            json=body,
            headers={HEADER: KAKAO_SECRET} if headers is None else headers,
            timeout=60,
            **kwargs,
        )

    def send(self, text: str, button: bool = False, callback_url: str | None = None) -> dict:
        started = time.monotonic()
        answer = self.post(skill_payload(text, self.user_key, callback_url, button=button))
        elapsed = time.monotonic() - started
        assert answer.status_code == 200, answer.text
        body = answer.json()
        check_response(body)
        assert elapsed < OPEN_BUILDER_WAITS, f"{text!r} took {elapsed:.1f}s"
        self.responses.append(body)
        return body

    def say(self, text: str) -> list[dict[str, Any]]:
        """``text``, then "이어서 보기" for as long as the coach has more to show."""
        replies = [self.send(text, button=self.offered(text))]
        for _ in range(20):
            if CONTINUE not in labels(replies[-1]):
                return replies
            replies.append(self.send(CONTINUE, button=True))
        raise AssertionError("the coach never finished answering")

    def offered(self, text: str) -> bool:
        """Whether the last answer offered ``text`` as a quick reply (a tap, not typing)."""
        if not self.responses:
            return False
        replies = self.responses[-1].get("template", {}).get("quickReplies", [])
        return any(reply["messageText"] == text for reply in replies)

    @property
    def sender(self) -> str:
        return sessions.keyed("kakao", self.user_key)


def labels(response: dict[str, Any]) -> list[str]:
    return [reply["label"] for reply in response.get("template", {}).get("quickReplies", [])]


def outputs(responses: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [output for r in responses for output in r.get("template", {}).get("outputs", [])]


def texts(responses: list[dict[str, Any]]) -> list[str]:
    return [o["simpleText"]["text"] for o in outputs(responses) if "simpleText" in o]


def cards(responses: list[dict[str, Any]], words: str) -> list[dict[str, Any]]:
    return [
        output
        for output in outputs(responses)
        if "simpleText" not in output and words in json.dumps(output, ensure_ascii=False)
    ]


def tracker(url: str, sender: str) -> dict[str, Any]:
    response = requests.get(
        f"{url}/conversations/{sender}/tracker", params={"token": TOKEN}, timeout=30
    )
    response.raise_for_status()
    return response.json()


def user_texts(url: str, sender: str) -> list[str]:
    return [e["text"] for e in tracker(url, sender)["events"] if e["event"] == "user"]


# --- A whole conversation ------------------------------------------------------------------------


def test_a_whole_six_stage_conversation_through_kakao(servers):
    talk = KakaoTalk(servers["url"])
    for message in KT_CONVERSATION:
        talk.say(message)
    said = "\n".join(texts(talk.responses))
    # The six stages, in order.
    positions = [said.index(f"[{stage}/6단계]") for stage in range(1, 7)]
    assert positions == sorted(positions)
    # The figures, the plan, the alternatives and each stage's script as cards.
    [figures] = cards(talk.responses, "계획에 쓸 숫자")
    assert "• 미납액: 35만원" in figures["textCard"]["description"]
    [plan] = cards(talk.responses, "납부 계획")
    assert next(iter(plan)) in ("listCard", "textCard")
    assert "매달 고르게 나눠 갚기 · 4개월" in json.dumps(plan, ensure_ascii=False)
    [alternatives] = cards(talk.responses, "함께 알아볼 방법")
    assert "복지 할인 신청" in json.dumps(alternatives, ensure_ascii=False)
    scripts = [card["textCard"]["title"] for card in cards(talk.responses, "단계에서 할 말")]
    for title in ("상담 시작", "상황 설명", "목표 정하기", "정보 공유", "제안과 대안", "최종 합의"):
        assert f"{title} 단계에서 할 말" in scripts
    # The agreement's checklist as text, one box per line.
    [checklist] = [text for text in texts(talk.responses) if "최종 합의 체크리스트" in text]
    assert "밀린 돈 35만원 · 매달 고르게 나눠 갚기 · 4개월" in checklist
    assert checklist.count("☐") >= 5
    # The coach heard every message (and no "이어서 보기"), under a keyed id, never the Kakao key.
    assert user_texts(servers["url"], talk.sender) == KT_CONVERSATION
    stored = tracker(servers["url"], talk.sender)
    assert talk.user_key not in json.dumps(stored)
    assert stored["slots"]["carrier"] == "KT" and stored["slots"]["arrears_amount"] == 350000
    assert {e.get("input_channel") for e in stored["events"] if e["event"] == "user"} == {"kakao"}


def test_the_test_console_payload_gets_a_valid_answer(servers):
    talk = KakaoTalk(servers["url"])
    started = time.monotonic()
    answer = talk.post(console_payload(user_key=str(uuid.uuid4().int)[:6]))
    assert time.monotonic() - started < OPEN_BUILDER_WAITS
    assert answer.status_code == 200
    check_response(answer.json())


def test_numbers_are_masked_and_the_conversation_can_be_erased(servers):
    talk = KakaoTalk(servers["url"])
    talk.say("KT인데 35만원 밀렸어요")
    masked = talk.say("제 폰은 010-9876-5432예요")
    assert any("전화번호로 보이는 번호는 저장하지 않고 지웠어요" in t for t in texts(masked))
    assert "9876" not in json.dumps(tracker(servers["url"], talk.sender)["events"])
    erased = talk.say("대화 삭제해 주세요")
    assert any("모두 지웠어요" in text for text in texts(erased))
    assert user_texts(servers["url"], talk.sender) == []


# --- Who may call, and what ----------------------------------------------------------------------


def test_a_call_without_the_secret_is_refused_and_never_reaches_the_coach(servers):
    talk = KakaoTalk(servers["url"])
    payload = skill_payload("KT인데 35만원 밀렸어요", talk.user_key)
    missing = talk.post(payload, headers={})
    assert missing.status_code == 401 and HEADER in missing.json()["reason"]
    wrong = talk.post(payload, headers={HEADER: KAKAO_SECRET + "x"})
    assert wrong.status_code == 403 and "wrong" in wrong.json()["reason"]
    assert user_texts(servers["url"], talk.sender) == []


@pytest.mark.parametrize(
    "body, reason",
    [
        ("this is not json", "JSON"),
        (["안녕하세요"], "JSON object"),
        ({"bot": {"id": "b", "name": "n"}}, "userRequest"),
        ({"userRequest": {"utterance": 35, "user": {"id": "abc"}}}, "utterance"),
        ({"userRequest": {"utterance": "안녕하세요", "user": {}}}, "user.id"),
    ],
)
def test_a_malformed_payload_gets_a_400_with_its_reason(servers, body, reason):
    talk = KakaoTalk(servers["url"])
    if isinstance(body, str):
        answer = requests.post(
            talk.url,
            data=body.encode(),
            headers={HEADER: KAKAO_SECRET, "Content-Type": "application/json"},
            timeout=30,
        )
    else:
        answer = talk.post(body)
    assert answer.status_code == 400
    assert reason in answer.json()["reason"]


# --- A slow coach --------------------------------------------------------------------------------


class _Slowly(BaseHTTPRequestHandler):
    """Forwards the Rasa server's calls to the real action server, late by ``delay`` seconds."""

    target: ClassVar[str] = ""
    delay: ClassVar[dict[str, float]] = {"seconds": 0.0}

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        time.sleep(self.delay["seconds"])
        answer = requests.post(
            self.target + self.path,
            data=body,
            headers={"Content-Type": "application/json"},
            timeout=120,
        )
        self.send_response(answer.status_code)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(answer.content)

    def log_message(self, *args: Any) -> None:
        pass


class _Callbacks(BaseHTTPRequestHandler):
    """Open Builder's callback endpoint: records what it is sent, answers as Kakao does."""

    received: ClassVar[list[dict[str, Any]]] = []

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.received.append(json.loads(body))
        answer = json.dumps({"taskId": uuid.uuid4().hex, "status": "SUCCESS", "message": "OK"})
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(answer.encode())

    def log_message(self, *args: Any) -> None:
        pass


def _serve(handler: type[BaseHTTPRequestHandler]) -> tuple[ThreadingHTTPServer, int]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, server.server_address[1]


@pytest.fixture(scope="module")
def slow(servers, tmp_path_factory) -> Iterator[dict[str, Any]]:
    """A second Rasa server whose action calls go through a delaying proxy to the real action
    server, answering KakaoTalk within a 1.5-second budget, with callbacks allowed to this
    machine."""
    workdir = tmp_path_factory.mktemp("kakao-slow")
    _Slowly.target = servers["action_url"]
    proxy, proxy_port = _serve(_Slowly)
    receiver, receiver_port = _serve(_Callbacks)
    credentials = workdir / "credentials.yml"
    credentials.write_text(
        "channels.rest.CoachRestInput:\n"
        "channels.kakao.KakaoInput:\n"
        "  secret_env: KAKAO_SKILL_SECRET\n"
        '  callback_hosts: ["127.0.0.1"]\n'
    )
    port = free_port()
    rasa = start_rasa_server(
        workdir,
        port,
        proxy_port,
        extra_env={"KAKAO_SKILL_SECRET": KAKAO_SECRET, "KAKAO_REPLY_BUDGET_SECONDS": "1.5"},
        credentials=credentials,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(f"{url}/status?token={TOKEN}", rasa, workdir / "rasa.log")
        yield {
            "url": url,
            "delay": _Slowly.delay,
            "callback_url": f"http://127.0.0.1:{receiver_port}/v1/callback/once",
            "received": _Callbacks.received,
            "log": Path(workdir / "rasa.log"),
        }
    finally:
        stop([rasa])
        proxy.shutdown()
        receiver.shutdown()


def test_a_slow_answer_comes_on_the_next_message_within_the_limit(slow):
    talk = KakaoTalk(slow["url"])
    slow["delay"]["seconds"] = 3.0
    try:
        first = talk.send("안녕하세요")
        assert texts([first]) == [
            "잠시만요, 계산하고 있어요. 아무 말이나 보내 주시면 이어서 알려 드릴게요."
        ]
        assert labels(first) == [CONTINUE]
        shown = first
        deadline = time.monotonic() + 90
        while "잠시만요" in "".join(texts([shown])) and time.monotonic() < deadline:
            time.sleep(1)
            shown = talk.send("네")  # "아무 말이나": not taken as an answer
    finally:
        slow["delay"]["seconds"] = 0.0
    said = "\n".join(texts([shown]))
    assert "[1/6단계] 상담 시작" in said
    assert "방금 보내신 말씀에 답이 필요하면" in said
    # Only the first message reached the coach.
    assert user_texts(slow["url"], talk.sender) == ["안녕하세요"]
    # Back to normal speed, the next message is answered at once.
    for _ in range(10):
        if CONTINUE not in labels(talk.responses[-1]):
            break
        talk.send(CONTINUE, button=True)
    answer = talk.say("KT요")
    assert any("밀린 금액" in text for text in texts(answer))
    assert user_texts(slow["url"], talk.sender) == ["안녕하세요", "KT요"]


def test_a_callback_block_gets_the_slow_answer_at_its_callback_url(slow):
    talk = KakaoTalk(slow["url"])
    slow["received"].clear()
    slow["delay"]["seconds"] = 3.0
    try:
        acknowledgement = talk.send("안녕하세요", callback_url=slow["callback_url"])
        assert acknowledgement == {
            "version": "2.0",
            "useCallback": True,
            "data": {
                "text": "잠시만요, 계산하고 있어요. 아무 말이나 보내 주시면 이어서 알려 드릴게요."
            },
        }
        deadline = time.monotonic() + 60
        while not slow["received"] and time.monotonic() < deadline:
            time.sleep(0.5)
    finally:
        slow["delay"]["seconds"] = 0.0
    [delivered] = slow["received"]
    check_response(delivered)
    assert any("[1/6단계] 상담 시작" in text for text in texts([delivered]))
    # Delivered: the next message is the coach's again (asked for the carrier, it answers "KT").
    while CONTINUE in labels(delivered):
        delivered = talk.send(CONTINUE, button=True)
    answer = talk.say("KT요")
    assert any("밀린 금액" in text for text in texts(answer))
    assert user_texts(slow["url"], talk.sender) == ["안녕하세요", "KT요"]
