"""Shared context for ``create_demo_data``: each app may add a ``demo.py`` module with ``populate(context)``."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass
class DemoContext:
    organizations: dict[str, Any]
    users: dict[str, Any]
    rng: random.Random
    log: Callable[[str], None]
    extra: dict[str, Any] = field(default_factory=dict)
