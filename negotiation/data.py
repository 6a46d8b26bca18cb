"""Loading the YAML files that hold the coach's facts, catalogue, wording and settings.

They live beside the code so that a fact or a sentence can be corrected without touching Python;
each file is read once per process.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

DATA_DIR = Path(__file__).resolve().parent / "data"


@cache
def load(name: str) -> dict[str, Any]:
    """The parsed contents of ``data/<name>.yml``."""
    with open(DATA_DIR / f"{name}.yml", encoding="utf-8") as handle:
        # libyaml's loader where it is built (it reads the role examples ten times faster).
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        contents: dict[str, Any] = yaml.load(handle, Loader=loader)
        return contents


def settings() -> dict[str, Any]:
    return load("settings")


def max_months() -> int:
    return int(settings()["planning"]["max_months"])
