"""Starting the real action server and Rasa server on free ports, and talking to them over REST.

Shared by the end-to-end tests (tests/e2e/conftest.py) and the conversation evaluation
(scripts/eval_conversations.py), so that both run the coach exactly as `make run` does.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import requests

ROOT = Path(__file__).resolve().parents[1]
MODEL = ROOT / "models" / "coach.tar.gz"
TOKEN = "e2e-" + uuid.uuid4().hex
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_up(url: str, process: subprocess.Popen, log: Path, seconds: int = 240) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited early:\n{log.read_text()[-3000:]}")
        try:
            if requests.get(url, timeout=2).status_code < 500:
                return
        except requests.RequestException:
            pass
        time.sleep(1)
    raise RuntimeError(f"server did not start in {seconds}s:\n{log.read_text()[-3000:]}")


ACTION_TOKEN = "actions-" + uuid.uuid4().hex
# The shared secret the KakaoTalk channel requires (channels/kakao.py), as Open Builder sends it.
KAKAO_SECRET = "kakao-" + uuid.uuid4().hex


def start_action_server(workdir: Path, port: int) -> subprocess.Popen:
    """The action server as `make run` starts it (scripts/action_server.py, token required)."""
    environment = {**os.environ, "ACTION_SERVER_TOKEN": ACTION_TOKEN}
    return subprocess.Popen(
        [str(BIN / "python"), str(ROOT / "scripts" / "action_server.py"), "--port", str(port)],
        cwd=ROOT,
        env=environment,
        stdout=open(workdir / "actions.log", "a"),  # written until the server stops
        stderr=subprocess.STDOUT,
    )


def start_rasa_server(
    workdir: Path,
    port: int,
    action_port: int,
    tracker_store: str = "",
    extra_env: dict[str, str] | None = None,
    credentials: Path | None = None,
) -> subprocess.Popen:
    """The Rasa server as `make run` starts it, on 127.0.0.1; ``tracker_store`` is YAML for
    endpoints.yml (empty: Rasa's in-memory store)."""
    endpoints = workdir / "endpoints.yml"
    endpoints.write_text(
        "action_endpoint:\n"
        f'  url: "http://127.0.0.1:{action_port}/webhook"\n'
        f'  token: "{ACTION_TOKEN}"\n' + tracker_store
    )
    environment = {
        **os.environ,
        "RASA_TELEMETRY_ENABLED": "false",
        "TF_CPP_MIN_LOG_LEVEL": "2",
        "SANIC_REQUEST_MAX_SIZE": "1000000",
        **(extra_env or {}),
    }
    return subprocess.Popen(
        [
            str(BIN / "rasa"),
            "run",
            "--model",
            str(MODEL),
            "--endpoints",
            str(endpoints),
            "--credentials",
            str(credentials or ROOT / "credentials.yml"),
            "--interface",
            "127.0.0.1",
            "--port",
            str(port),
            "--enable-api",
            "--auth-token",
            TOKEN,
        ],
        cwd=ROOT,
        env=environment,
        stdout=open(workdir / "rasa.log", "a"),  # written until the server stops
        stderr=subprocess.STDOUT,
    )


def stop(processes: list[subprocess.Popen]) -> None:
    for process in processes:
        process.terminate()
    for process in processes:
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


@contextmanager
def running_coach(
    workdir: Path, with_actions: bool = True, extra_env: dict[str, str] | None = None
) -> Iterator[dict[str, Any]]:
    """Both servers, up and answering, for the duration of the ``with`` block (without the
    action server when ``with_actions`` is false, as after it has crashed); ``extra_env`` is
    given to the Rasa server."""
    assert MODEL.exists(), "no trained model: run `make train` first"
    action_port, rasa_port = free_port(), free_port()
    action_log, rasa_log = workdir / "actions.log", workdir / "rasa.log"
    processes = [start_action_server(workdir, action_port)] if with_actions else []
    processes.append(start_rasa_server(workdir, rasa_port, action_port, extra_env=extra_env))
    try:
        if with_actions:
            wait_until_up(f"http://127.0.0.1:{action_port}/health", processes[0], action_log)
        wait_until_up(f"http://127.0.0.1:{rasa_port}/status?token={TOKEN}", processes[-1], rasa_log)
        yield {
            "url": f"http://127.0.0.1:{rasa_port}",
            "token": TOKEN,
            "rasa_log": rasa_log,
            "action_log": action_log,
            "action_url": f"http://127.0.0.1:{action_port}",
            "action_token": ACTION_TOKEN,
        }
    finally:
        stop(processes)


class Conversation:
    """One person talking to the coach over the REST channel."""

    def __init__(self, servers: dict[str, Any]):
        self.url = servers["url"]
        self.token = servers["token"]
        self.sender = "e2e-" + uuid.uuid4().hex[:12]
        self.replies: list[dict[str, Any]] = []

    def say(self, text: str) -> list[dict[str, Any]]:
        response = requests.post(
            f"{self.url}/webhooks/rest/webhook",
            json={"sender": self.sender, "message": text},
            timeout=60,
        )
        response.raise_for_status()
        replies = response.json()
        self.replies.extend(replies)
        return replies

    def slots(self) -> dict[str, Any]:
        response = requests.get(
            f"{self.url}/conversations/{self.sender}/tracker",
            params={"token": self.token},
            timeout=30,
        )
        response.raise_for_status()
        return response.json()["slots"]

    def custom(self, kind: str, replies=None) -> list[dict[str, Any]]:
        source = self.replies if replies is None else replies
        return [
            reply["custom"]
            for reply in source
            if isinstance(reply.get("custom"), dict) and reply["custom"].get("type") == kind
        ]

    def texts(self, replies=None) -> list[str]:
        source = self.replies if replies is None else replies
        return [reply["text"] for reply in source if "text" in reply]
