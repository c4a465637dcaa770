"""Blind index: find young people by name or date of birth without decrypting anyone.

Each young person carries keyed HMAC-SHA256 tokens of the normalised first given name, family
name (without tussenvoegsels), the family name's Dutch sound code and the date of birth, made
with ``SEARCH_INDEX_KEY`` (a key of its own, from the environment). A search hashes the typed
words the same way and compares tokens in SQL on indexed columns, so only the rows that are
shown are ever decrypted. Normalisation is the pseudonym module's, so "van der Berg",
"Vanderberg" and "Berg" find the same person, and "Janssen" also finds "Jansen" (by sound).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q

from zicht.common.pseudonyms import (
    PREFIX_WORDS,
    dutch_phonetic,
    given_name_parts,
    keyed_hash,
    normalise_text,
    parse_date_of_birth,
    surname_core,
)

# Column name -> HMAC purpose (separate purposes: a token of one kind never equals another kind's).
GIVEN = "search_given_name"
FAMILY = "search_family_name"
SOUND = "search_family_sound"
DOB = "search_date_of_birth"
PURPOSES = {GIVEN: "search-given", FAMILY: "search-family", SOUND: "search-sound", DOB: "search-dob"}
COLUMNS = tuple(PURPOSES)
TOKEN_LENGTH = 64
# A search of more words than this is cut (a name is rarely longer; it bounds the query).
MAX_WORDS = 6


def _token(column: str, value: str) -> str:
    return keyed_hash(value, purpose=PURPOSES[column], key=settings.SEARCH_INDEX_KEY)


def search_tokens(
    *, given_names: str, family_name_prefix: str, family_name: str, date_of_birth: datetime.date | None
) -> dict[str, str | None]:
    """The blind-index columns of one identity (None where the part is unknown)."""
    first = given_name_parts(given_names).first
    core = surname_core(family_name_prefix, family_name)
    return {
        GIVEN: _token(GIVEN, first) if first else None,
        FAMILY: _token(FAMILY, core) if core else None,
        SOUND: _token(SOUND, dutch_phonetic(core)) if core else None,
        DOB: _token(DOB, date_of_birth.isoformat()) if date_of_birth else None,
    }


EMPTY_TOKENS: dict[str, str | None] = dict.fromkeys(COLUMNS)


@dataclass(frozen=True)
class ParsedSearch:
    """What a typed search holds: name words (normalised) and dates of birth."""

    names: tuple[str, ...]
    dates: tuple[datetime.date, ...]
    # The name words as typed (in order), for family names of several words.
    typed: tuple[str, ...] = ()

    @property
    def is_empty(self) -> bool:
        return not self.names and not self.dates


def parse_search(text: str) -> ParsedSearch:
    """Words that read as a date (14-03-2009, 2009-03-14, 14/3/2009) are dates of birth; the rest
    are name words, tussenvoegsels left out (unless the name is nothing else)."""
    words = [w for w in re.split(r"[\s,;]+", text or "") if w][:MAX_WORDS]
    dates: list[datetime.date] = []
    names: list[str] = []
    for word in words:
        try:
            dates.append(parse_date_of_birth(word))
            continue
        except ValueError:
            pass
        names.append(word)
    cores = [normalise_text(w) for w in names]
    kept = [c for c in cores if c and c not in PREFIX_WORDS] or [c for c in cores if c]
    return ParsedSearch(names=tuple(dict.fromkeys(kept)), dates=tuple(dict.fromkeys(dates)), typed=tuple(names))


# One group: the young people for whom ANY column holds its token (an OR over indexed columns).
Group = dict[str, str]


def search_alternatives(parsed: ParsedSearch) -> list[list[Group]]:
    """What a search asks, as alternatives (any may hold), each a list of groups (all must hold).

    Every name word is the first given name, the family name or sounds like it; every date is the
    date of birth. For a family name of several words ("Silva Santos") the whole text, or the text
    after the first given name, is also tried as a family name. [] when there is nothing to find.
    Kept as simple groups so that each is one indexed lookup (no row is scanned).
    """
    if parsed.is_empty:
        return []

    def family(text: str) -> Group:
        core = surname_core("", text)
        return {FAMILY: _token(FAMILY, core), SOUND: _token(SOUND, dutch_phonetic(core))}

    dates = [{DOB: _token(DOB, date.isoformat())} for date in parsed.dates]
    if not parsed.names:
        return [dates]
    alternatives = [[{GIVEN: _token(GIVEN, word), **family(word)} for word in parsed.names]]
    if len(parsed.typed) > 1:
        first = given_name_parts(parsed.typed[0]).first
        alternatives.append([family(" ".join(parsed.typed))])
        alternatives.append([{GIVEN: _token(GIVEN, first)}, family(" ".join(parsed.typed[1:]))])
    return [[*groups, *dates] for groups in alternatives]


def group_condition(group: Group) -> Q:
    condition = Q()
    for column, token in group.items():
        condition |= Q(**{column: token})
    return condition
