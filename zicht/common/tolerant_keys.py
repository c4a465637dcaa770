"""Match keys that need no full date of birth or survive one typing error (partner lists only).

The keys of ``pseudonyms.match_keys`` need the full date and the exact surname core, so two records
of one person share none when a date is missing, year-only or mistyped, or when the surname has a
typo that changes its sound. These kinds fill that gap. Each alone is weak (a name without a date
fits several people); ``zicht.sources.learnt_linkage`` weighs their combinations by what the pairs
whose BSNs decide show. They are never used by the involvement index, whose rule stays "two kinds
of the exact keys".

Tolerance is by neighbourhoods: a surname core also yields each spelling with one letter left out,
so two spellings one substitution, insertion, deletion or adjacent swap apart share a key; a date
also yields each spelling with one digit of the year's last two, month or day unknown. More keys
per record make records easier to link, which is their purpose; like every key they are HMACs
under the list key and reveal nothing without it.
"""

from __future__ import annotations

import datetime as dt

from zicht.common.pseudonyms import (
    PartialDate,
    dutch_phonetic,
    given_name_parts,
    keyed_hash,
    surname_core,
)


class TolerantKind:
    GIVEN_YEAR = "given_year"  # all given names + surname core + year of birth
    INITIAL_SOUND_YEAR = "initial_sound_year"  # first initial + surname sound + year of birth
    GIVEN_DATE = "given_date"  # all given names + date of birth (the surname may differ)
    NEAR_SURNAME = "near_surname"  # surname core with at most one letter left out + initial + date
    NEAR_DATE = "near_date"  # surname core + initial + date with one digit unknown
    GIVEN_SURNAME = "given_surname"  # all given names + surname core (no date)

    ALL: tuple[str, ...] = (GIVEN_YEAR, INITIAL_SOUND_YEAR, GIVEN_DATE, NEAR_SURNAME, NEAR_DATE, GIVEN_SURNAME)


# Tolerant keys are HMAC-SHA256 cut to 128 bits: a record carries a dozen or more of them, and 128
# bits keep chance collisions out of reach (about 2**-64 for a billion keys).
TOLERANT_KEY_HEX = 32

# Longer surname cores get no one-letter-left-out keys (a row must stay within the upload's line limit).
MAX_NEAR_SURNAME_LETTERS = 40

# Positions of the digits in YYYYMMDD that may be unknown: the last two of the year, month, day.
_MASKABLE_DIGITS = range(2, 8)


def one_letter_left_out(text: str) -> set[str]:
    """``text`` and every spelling of it with one letter left out."""
    return {text} | {text[:i] + text[i + 1 :] for i in range(len(text))}


def one_digit_unknown(day: dt.date) -> set[str]:
    """The date as YYYYMMDD with, in turn, each maskable digit replaced by ``?``."""
    digits = day.strftime("%Y%m%d")
    return {digits[:i] + "?" + digits[i + 1 :] for i in _MASKABLE_DIGITS}


def tolerant_keys(
    *,
    given_names: str = "",
    prefix: str = "",
    family_name: str = "",
    date_of_birth: PartialDate | None = None,
    key: str | bytes | None = None,
) -> dict[str, list[str]]:
    """The tolerant keys that can be made from the identifiers given, as ``{kind: sorted hex keys}``.

    A kind is absent when its parts are missing (e.g. no date keys for a year-only date, no
    given-name keys for initials only). ``key`` is the HMAC secret (default: the server key).
    """
    core = surname_core(prefix, family_name)
    if not core:
        return {}
    sound = dutch_phonetic(core)
    given = given_name_parts(given_names)
    initial = given.initials[:1]
    day = date_of_birth.date() if date_of_birth else None
    year = str(date_of_birth.year) if date_of_birth else ""
    values: dict[str, set[tuple[str, ...]]] = {}
    if given.full:
        values[TolerantKind.GIVEN_SURNAME] = {(given.full, core)}
        if year:
            values[TolerantKind.GIVEN_YEAR] = {(given.full, core, year)}
        if day:
            values[TolerantKind.GIVEN_DATE] = {(given.full, day.isoformat())}
    if initial and year:
        values[TolerantKind.INITIAL_SOUND_YEAR] = {(initial, sound, year)}
    if initial and day:
        if len(core) <= MAX_NEAR_SURNAME_LETTERS:
            near = one_letter_left_out(core)
            values[TolerantKind.NEAR_SURNAME] = {(spelling, initial, day.isoformat()) for spelling in near}
        values[TolerantKind.NEAR_DATE] = {(core, initial, masked) for masked in one_digit_unknown(day)}
    return {
        kind: sorted(keyed_hash("|".join(parts), purpose=kind, key=key)[:TOLERANT_KEY_HEX] for parts in found)
        for kind, found in values.items()
    }
