"""Safe with people's debts (issue 11), against the real servers: bounded input on every
channel, personal numbers never stored, requests that name no conversation refused, the action
server private, a Korean apology when it is down, and every conversation kept across a restart.
"""

import asyncio
import json
import time
import uuid
from contextlib import contextmanager

import pytest
import requests
import socketio

from tests.servers import (
    TOKEN,
    Conversation,
    free_port,
    running_coach,
    start_action_server,
    start_rasa_server,
    stop,
    wait_until_up,
)


def webhook(servers, body, **kwargs):
    return requests.post(f"{servers['url']}/webhooks/rest/webhook", timeout=60, **kwargs, json=body)


def stored_events(servers, sender) -> str:
    response = requests.get(
        f"{servers['url']}/conversations/{sender}/tracker",
        params={"token": servers["token"]},
        timeout=30,
    )
    response.raise_for_status()
    return json.dumps(response.json()["events"], ensure_ascii=False)


def test_a_message_over_the_limit_is_refused_before_any_parsing(servers):
    sender = "safety-" + uuid.uuid4().hex[:8]
    started = time.monotonic()
    response = webhook(servers, {"sender": sender, "message": "1" * 100_000})
    assert time.monotonic() - started < 10
    assert response.status_code == 413
    body = response.json()
    assert "limit is 1000" in body["reason"]
    assert "메시지가 너무 길어요" in body["text"]
    # Nothing of it reached the conversation.
    assert "1111111111" not in stored_events(servers, sender)


def test_personal_numbers_are_masked_before_they_are_stored(servers):
    conversation = Conversation(servers)
    conversation.say("안녕하세요")
    replies = conversation.say("제 주민번호는 900101-1234567이고 폰은 010-9876-5432예요")
    texts = [reply.get("text", "") for reply in replies]
    assert any(
        "주민등록번호·전화번호로 보이는 번호는 저장하지 않고 지웠어요" in text for text in texts
    )
    events = stored_events(servers, conversation.sender)
    for secret in ("900101", "1234567", "9876", "5432"):
        assert secret not in events
    assert "(지운 번호)" in events
    # No number was taken for a figure.
    slots = conversation.slots()
    assert slots["arrears_amount"] is None and slots["monthly_bill"] is None


@pytest.mark.parametrize(
    "body, reason",
    [
        ({"message": "안녕하세요"}, "sender"),
        ({"sender": "", "message": "안녕하세요"}, "sender"),
        ({"sender": "a b", "message": "안녕하세요"}, "sender"),
        ({"sender": "x" * 200, "message": "안녕하세요"}, "sender"),
        ({"sender": "someone-1", "message": 35}, "message"),
        ({"sender": "someone-1", "message": "안녕", "metadata": "x"}, "metadata"),
        (["안녕하세요"], "object"),
    ],
)
def test_a_request_that_names_no_conversation_is_refused_with_a_reason(servers, body, reason):
    response = webhook(servers, body)
    assert response.status_code == 400
    assert reason in response.json()["reason"]


def test_the_client_cannot_pose_as_the_web_chat(servers):
    sender = "safety-" + uuid.uuid4().hex[:8]
    webhook(servers, {"sender": sender, "message": "안녕하세요", "input_channel": "socketio"})
    events = json.loads(stored_events(servers, sender))
    channels = {event.get("input_channel") for event in events if event["event"] == "user"}
    assert channels == {"rest"}


def test_the_socket_refuses_a_message_over_the_limit_in_korean(servers):
    async def talk():
        client = socketio.AsyncClient()
        received = []
        arrived = asyncio.Event()
        confirmed = asyncio.Event()

        @client.on("bot_uttered")
        async def on_bot_uttered(message):
            received.append(message)
            arrived.set()

        issued = []

        @client.on("session_confirm")
        async def on_session_confirm(session_id):
            issued.append(session_id)
            confirmed.set()

        await client.connect(servers["url"], socketio_path="/socket.io", transports=["websocket"])
        await client.emit("session_request", {})
        await asyncio.wait_for(confirmed.wait(), 20)
        await client.emit("user_uttered", {"message": "가" * 5000, "session_id": issued[0]})
        await asyncio.wait_for(arrived.wait(), 30)
        await asyncio.sleep(1)
        await client.disconnect()
        return received

    received = asyncio.run(talk())
    assert len(received) == 1 and "메시지가 너무 길어요" in received[0]["text"]


def test_the_action_server_takes_calls_only_with_the_token(servers):
    action = servers["action_url"]
    assert requests.get(f"{action}/health", timeout=10).status_code == 200
    call = {"next_action": "action_begin", "tracker": {}, "domain": {}, "version": "3.6.2"}
    assert requests.post(f"{action}/webhook", json=call, timeout=10).status_code == 401
    wrong = requests.post(f"{action}/webhook", params={"token": "nope"}, json=call, timeout=10)
    assert wrong.status_code == 401
    deflated = requests.post(
        f"{action}/webhook",
        params={"token": servers["action_token"]},
        data=b"x\x9c\x03\x00\x00\x00\x00\x01",
        headers={"Content-Encoding": "deflate", "Content-Type": "application/json"},
        timeout=10,
    )
    assert deflated.status_code == 415


def test_with_the_action_server_down_the_person_gets_an_apology(tmp_path):
    with running_coach(tmp_path, with_actions=False) as servers:
        conversation = Conversation(servers)
        replies = conversation.say("안녕하세요, 요금이 밀렸어요")
        texts = [reply.get("text", "") for reply in replies]
        assert any("잠시 문제가 생겨서" in text for text in texts), replies


def test_the_chat_pages_carry_security_headers(servers):
    for path in ("/chat", "/chat/widget.js", "/chat/labels.json"):
        response = requests.get(f"{servers['url']}{path}", timeout=30)
        assert response.status_code == 200, path
        policy = response.headers["Content-Security-Policy"]
        assert "script-src 'self'" in policy and "'unsafe-inline'" not in policy
        assert "frame-ancestors 'self'" in policy
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Referrer-Policy"] == "no-referrer"


def test_a_socket_from_a_foreign_origin_is_refused(servers):
    async def connect(origin):
        client = socketio.AsyncClient(reconnection=False)
        try:
            await client.connect(
                servers["url"],
                socketio_path="/socket.io",
                transports=["polling"],
                headers={"Origin": origin},
                wait_timeout=10,
            )
        except socketio.exceptions.ConnectionError:
            return False
        await client.disconnect()
        return True

    assert asyncio.run(connect(servers["url"])) is True  # the page's own origin
    assert asyncio.run(connect("https://evil.example")) is False


def test_deleting_the_conversation_removes_it_from_the_store(servers):
    conversation = Conversation(servers)
    for message in ["안녕하세요", "KT요", "35만원 밀렸어요"]:
        conversation.say(message)
    assert "35만원" in stored_events(servers, conversation.sender)
    replies = conversation.say("대화 삭제해 주세요")
    assert any("모두 지웠어요" in reply.get("text", "") for reply in replies)
    events = stored_events(servers, conversation.sender)
    assert "35만원" not in events and "KT요" not in events
    slots = conversation.slots()
    assert slots["carrier"] is None and slots["arrears_amount"] is None
    # A question about deleting is answered, not acted on.
    other = Conversation(servers)
    other.say("KT인데 35만원 밀렸어요")
    other.say("대화 삭제하면 어떻게 돼요?")
    assert other.slots()["arrears_amount"] == 350000


def test_a_socket_cannot_pick_or_take_over_a_conversation(servers):
    """The server issues signed ids: a client naming its own id gets a fresh one, and a second
    socket may not speak for an id confirmed to another; a reloaded page (the same signed id)
    is confirmed again."""

    async def scenario():
        first, second = socketio.AsyncClient(), socketio.AsyncClient()
        confirmations = {"first": [], "second": []}
        errors = []
        refused = asyncio.Event()
        got = {"first": asyncio.Event(), "second": asyncio.Event()}

        def on_error(data):
            errors.append(data)
            refused.set()

        for name, client in (("first", first), ("second", second)):

            def on_confirm(session_id, name=name):
                confirmations[name].append(session_id)
                got[name].set()

            client.on("session_confirm", on_confirm)
            client.on("error", on_error)
            await client.connect(
                servers["url"], socketio_path="/socket.io", transports=["websocket"]
            )

        await first.emit("session_request", {"session_id": "my-own-pick"})
        await asyncio.wait_for(got["first"].wait(), 20)
        issued = confirmations["first"][0]
        # A second socket speaking for the first one's conversation without it being confirmed.
        await second.emit("session_request", {"session_id": "someone-else"})
        await asyncio.wait_for(got["second"].wait(), 20)
        await second.emit("user_uttered", {"message": "35만원이요", "session_id": issued})
        await asyncio.wait_for(refused.wait(), 20)  # refused before anything reaches Rasa
        # A forged id (right shape, wrong signature) is not confirmed either.
        got["second"].clear()
        forged = issued.split(".")[0] + "." + "0" * 32
        await second.emit("session_request", {"session_id": forged})
        await asyncio.wait_for(got["second"].wait(), 20)
        # The page reloaded: the signed id is confirmed again.
        got["first"].clear()
        await first.emit("session_request", {"session_id": issued})
        await asyncio.wait_for(got["first"].wait(), 20)
        await first.disconnect()
        await second.disconnect()
        return issued, confirmations, errors

    issued, confirmations, errors = asyncio.run(scenario())
    assert issued != "my-own-pick" and "." in issued
    assert any("confirmed to this socket" in error["reason"] for error in errors)
    assert confirmations["second"][1] not in (issued, issued.split(".")[0] + "." + "0" * 32)
    assert confirmations["first"][1] == issued
    slots = requests.get(
        f"{servers['url']}/conversations/{issued}/tracker",
        params={"token": servers["token"]},
        timeout=30,
    ).json()["slots"]
    assert slots["arrears_amount"] is None  # the second socket's figure never reached it


class SqliteCoach:
    """An action server, and a Rasa server on a SQLite tracker store in ``tmp_path`` that the
    test starts (and restarts) itself."""

    def __init__(self, tmp_path, extra_env=None):
        self.tmp_path = tmp_path
        self.extra_env = extra_env
        self.store = tmp_path / "trackers.sqlite"
        self.action_port, self.rasa_port = free_port(), free_port()
        self.servers = {"url": f"http://127.0.0.1:{self.rasa_port}", "token": TOKEN}
        self.rasa = None

    def start_rasa(self):
        tracker_store = f"tracker_store:\n  type: SQL\n  dialect: sqlite\n  db: {self.store}\n"
        self.rasa = start_rasa_server(
            self.tmp_path, self.rasa_port, self.action_port, tracker_store, self.extra_env
        )
        wait_until_up(
            f"{self.servers['url']}/status?token={TOKEN}", self.rasa, self.tmp_path / "rasa.log"
        )

    def stop_rasa(self):
        stop([self.rasa])
        self.rasa = None


@contextmanager
def sqlite_coach(tmp_path, extra_env=None):
    coach = SqliteCoach(tmp_path, extra_env)
    actions = start_action_server(tmp_path, coach.action_port)
    try:
        wait_until_up(
            f"http://127.0.0.1:{coach.action_port}/health", actions, tmp_path / "actions.log"
        )
        coach.start_rasa()
        yield coach
    finally:
        stop([process for process in (coach.rasa, actions) if process is not None])


def test_a_restart_continues_every_conversation(tmp_path):
    """The default tracker store is a SQLite file: stopping and starting the Rasa server keeps
    what the person said, and the conversation goes on from the same question."""
    with sqlite_coach(tmp_path) as coach:
        conversation = Conversation(coach.servers)
        for message in ["안녕하세요", "KT요", "35만원 밀렸어요"]:
            conversation.say(message)
        before = conversation.slots()
        assert before["arrears_amount"] == 350000
        assert before["requested_slot"] == "months_overdue"
        coach.stop_rasa()
        coach.start_rasa()
        after = conversation.slots()
        assert after["carrier"] == "KT" and after["arrears_amount"] == 350000
        replies = conversation.say("두 달이요")
        assert conversation.slots()["months_overdue"] == 2
        assert any("정지된 상태" in reply.get("text", "") for reply in replies)


def test_deleting_works_on_the_sqlite_store_too(tmp_path):
    with sqlite_coach(tmp_path) as coach:
        conversation = Conversation(coach.servers)
        conversation.say("KT인데 35만원 밀렸어요")
        assert "35만원" in stored_events(coach.servers, conversation.sender)
        assert coach.store.exists()
        conversation.say("대화 삭제")
        assert "35만원" not in stored_events(coach.servers, conversation.sender)


def test_conversations_untouched_past_the_retention_period_are_deleted(tmp_path):
    # Retention shortened to 3 s and checked every second, for the test.
    short = {"COACH_RETENTION_SECONDS": "3", "COACH_PURGE_INTERVAL_SECONDS": "1"}
    with sqlite_coach(tmp_path, short) as coach:
        conversation = Conversation(coach.servers)
        conversation.say("KT인데 35만원 밀렸어요")
        assert conversation.slots()["arrears_amount"] == 350000
        deadline = time.monotonic() + 30
        while conversation.slots()["arrears_amount"] is not None and time.monotonic() < deadline:
            time.sleep(1)
        assert conversation.slots()["arrears_amount"] is None
