"""Pseudonymised partner lists for tests: key records of numbered people, stored as lists."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence

from zicht.accounts.tests.factories import OrganizationFactory
from zicht.sources.models import SourceList, SourceRecord


def _key(*parts: object) -> str:
    return hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()


def person_keys(person: int, list_name: str = "", *, bsn: bool = True, variant: bool = False) -> dict[str, str]:
    """Keys of one person: a BSN key (optional) and two name keys, spelled differently when ``variant``."""
    spelling = f"{person}-{list_name}" if variant else person
    return {
        "bsn_key": _key("bsn", person) if bsn else "",
        "name_dob": _key("name", spelling),
        "phonetic_dob": _key("phonetic", spelling),
    }


def lists_store(lists: Mapping[str, Sequence[dict[str, str]]], *, year: int) -> None:
    """One organisation (named as the list) with one list of ``year`` per entry."""
    for name, records in lists.items():
        source_list = SourceList.objects.create(
            organization=OrganizationFactory(name=name), name=name, year=year, row_count=len(records), key_id="0" * 16
        )
        SourceRecord.objects.bulk_create(SourceRecord(source_list=source_list, year=year, **r) for r in records)


def lists_from_patterns(
    names: Sequence[str], counts: Mapping[tuple[int, ...], int], *, year: int, variant_every: int = 0
) -> int:
    """Lists holding ``counts[pattern]`` people per capture pattern; every ``variant_every``-th person
    is spelled differently on the second list (a link the name keys miss). Returns the people made."""
    lists: dict[str, list[dict[str, str]]] = {name: [] for name in names}
    person = 0
    for pattern, count in counts.items():
        for _ in range(count):
            for position, name in enumerate(names):
                if pattern[position]:
                    variant = position == 1 and bool(variant_every) and person % variant_every == 0
                    lists[name].append(person_keys(person, name, variant=variant))
            person += 1
    lists_store(lists, year=year)
    return person
