"""Two Rasa servers behind one address, as a load balancer would use them: the conversations live
in PostgreSQL (Rasa's SQL tracker store) and Redis locks each one while a server handles a turn
(Rasa's Redis lock store). Fifty conversations at once, each turn sent to the other server than
the last: no turn may be lost, reordered or crossed into another conversation.

Uses the machine's PostgreSQL (127.0.0.1:5432, database `test`) and Redis (127.0.0.1:6379), as
CI has them; where either is absent the test is skipped with a message saying so.
"""

import socket
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

from tests.servers import (
    TOKEN,
    free_port,
    start_action_server,
    start_rasa_server,
    stop,
    wait_until_up,
)

CONVERSATIONS = 50
TURNS = ["안녕하세요", "KT요", "35만원 밀렸어요", "두 달이요"]


def reachable(port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(2)
        return probe.connect_ex(("127.0.0.1", port)) == 0


def test_two_servers_share_every_conversation_without_losing_a_turn(tmp_path):
    if not (reachable(5432) and reachable(6379)):
        pytest.skip("PostgreSQL (127.0.0.1:5432) or Redis (127.0.0.1:6379) is not running here")
    prefix = "scale-" + uuid.uuid4().hex[:10]
    stores = (
        "tracker_store:\n"
        "  type: SQL\n"
        "  dialect: postgresql\n"
        "  url: postgresql://postgres@127.0.0.1:5432/test\n"
        "lock_store:\n"
        "  type: redis\n"
        "  url: 127.0.0.1\n"
        "  port: 6379\n"
        "  db: 2\n"
        f"  key_prefix: {prefix}\n"
    )
    action_port = free_port()
    processes = [start_action_server(tmp_path, action_port)]
    try:
        wait_until_up(
            f"http://127.0.0.1:{action_port}/health", processes[0], tmp_path / "actions.log"
        )
        urls = []
        for name in ("a", "b"):  # one after the other: the first creates the tables
            workdir = tmp_path / name
            workdir.mkdir()
            port = free_port()
            processes.append(start_rasa_server(workdir, port, action_port, stores))
            url = f"http://127.0.0.1:{port}"
            wait_until_up(f"{url}/status?token={TOKEN}", processes[-1], workdir / "rasa.log")
            urls.append(url)

        def converse(number: int) -> tuple[str, list[int]]:
            sender = f"{prefix}-{number}"
            replies_per_turn = []
            for turn, text in enumerate(TURNS):
                url = urls[(number + turn) % 2]  # every turn on the other server
                response = requests.post(
                    f"{url}/webhooks/rest/webhook",
                    json={"sender": sender, "message": text},
                    timeout=120,
                )
                response.raise_for_status()
                replies_per_turn.append(len(response.json()))
            return sender, replies_per_turn

        started = time.monotonic()
        with ThreadPoolExecutor(max_workers=CONVERSATIONS) as pool:
            results = list(pool.map(converse, range(CONVERSATIONS)))
        elapsed = time.monotonic() - started
        print(f"{CONVERSATIONS} conversations x {len(TURNS)} turns on two servers: {elapsed:.1f}s")

        for sender, replies_per_turn in results:
            assert all(count > 0 for count in replies_per_turn), (sender, replies_per_turn)
            # Read back from either server: the same conversation, every turn in order.
            for url in urls:
                tracker = requests.get(
                    f"{url}/conversations/{sender}/tracker", params={"token": TOKEN}, timeout=30
                ).json()
                said = [event["text"] for event in tracker["events"] if event["event"] == "user"]
                assert said == TURNS, (sender, said)
                slots = tracker["slots"]
                assert slots["carrier"] == "KT" and slots["arrears_amount"] == 350000
                assert slots["months_overdue"] == 2, (sender, slots)
                assert slots["requested_slot"] == "service_suspended", (sender, slots)
    finally:
        stop(processes)
