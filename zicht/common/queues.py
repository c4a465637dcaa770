"""Home-page work queues: each app declares a function that counts what waits for a user.

Every item is a count and the link to the list it equals: the app counts with the same
visibility-filtered selector and the same named filter (``?queue=<key>``) that its list applies.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.utils.module_loading import import_string


@dataclass(frozen=True)
class QueueItem:
    key: str
    label: str
    count: int
    url: str
    note: str = ""
    order: int = 50
    label_one: str = ""  # the label when the count is 1 ("new concern"); the plural label otherwise

    @property
    def card_label(self) -> str:
        return self.label_one if self.count == 1 and self.label_one else self.label


def home_queues_for(user: Any) -> list[QueueItem]:
    """The queue items of every app (``AppConfig.home_queues``: dotted paths of ``f(*, user)``)."""
    items: list[QueueItem] = []
    for config in apps.get_app_configs():
        for path in getattr(config, "home_queues", ()):
            items.extend(import_string(path)(user=user))
    return sorted(items, key=lambda item: item.order)


def queue_url(base: str, key: str) -> str:
    return f"{base}?queue={key}"
