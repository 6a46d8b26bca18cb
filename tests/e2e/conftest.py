"""Start the real action server and Rasa server on free ports, once for all end-to-end tests.

The model is the one `make train` builds (models/coach.tar.gz); the Makefile trains it before
this suite runs. The Rasa HTTP API is enabled with a token so that the tests can read the
stored slots, exactly as an integration would.
"""

from collections.abc import Iterator
from typing import Any

import pytest

from tests.servers import KAKAO_SECRET, Conversation, running_coach


@pytest.fixture(scope="session")
def servers(tmp_path_factory) -> Iterator[dict[str, Any]]:
    # The KakaoTalk channel answers only calls that carry its secret (tests/e2e/test_kakao.py).
    # Its reply budget is lowered from 4 s to 3 s so that a busy CI machine still answers within
    # Open Builder's 5 s, which the Kakao tests check on every call.
    with running_coach(
        tmp_path_factory.mktemp("servers"),
        extra_env={"KAKAO_SKILL_SECRET": KAKAO_SECRET, "KAKAO_REPLY_BUDGET_SECONDS": "3"},
    ) as running:
        yield running


@pytest.fixture
def conversation(servers) -> Conversation:
    return Conversation(servers)
