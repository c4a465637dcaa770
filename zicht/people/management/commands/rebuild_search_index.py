"""Recompute the blind search tokens of every young person (after a new ZICHT_SEARCH_KEY)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from zicht.people.services import young_person_search_index_rebuild


class Command(BaseCommand):
    help = "Recompute the blind search index of every young person (run after changing ZICHT_SEARCH_KEY)."

    def handle(self, *args: Any, **options: Any) -> None:
        changed = young_person_search_index_rebuild()
        self.stdout.write(f"search index: {changed} young people updated")
