"""Seeded synthetic young people on several registries, with known truth. Never real data.

Variation as it occurs between Dutch registrations, at rates set per registry
(``RegistryProfile``): tussenvoegsels separate, merged into the surname ("Vanderberg") or dropped
("Berg"); given names in full, as initials or as a nickname/spelling variant; one-letter typos;
dates of birth missing, known by year only, with one mistyped digit or with day and month swapped;
missing BSNs and BSNs with a mistyped digit (failing the eleven test); the same person registered
twice on one registry; surnames with a skewed (Zipf-like) frequency as in a real municipality; and
twins (same surname and date of birth, different given names, sometimes the same initial) who must
NOT be linked.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from itertools import accumulate
from typing import Any

GIVEN_NAMES = (
    "Sanne",
    "Daan",
    "Emma",
    "Noah",
    "Julia",
    "Sem",
    "Tess",
    "Lucas",
    "Sophie",
    "Finn",
    "Mila",
    "Levi",
    "Zoë",
    "Milan",
    "Eva",
    "Jesse",
    "Lotte",
    "Thijs",
    "Anna",
    "Luuk",
    "Fleur",
    "Bram",
    "Lisa",
    "Ruben",
    "Noor",
    "Mohamed",
    "Fatima",
    "Yasmine",
    "Ayoub",
    "Nora",
    "Rayan",
    "Amira",
    "Bilal",
    "Salma",
    "Kevin",
    "Chantal",
    "Dewi",
    "Priya",
    "Rohan",
    "Jayden",
    "Naomi",
    "Joël",
    "Ilse",
    "Gijs",
    "Femke",
    "Stijn",
    "Roos",
    "Wouter",
    "Iris",
    "Timo",
    "Sara",
    "Omar",
    "Lars",
    "Sven",
    "Tim",
    "Jasper",
    "Niels",
    "Koen",
    "Rick",
    "Tom",
    "Max",
    "Thomas",
    "Jelle",
    "Sander",
    "Bas",
    "Mike",
    "Dylan",
    "Damian",
    "Mees",
    "Hugo",
    "Olivier",
    "Boaz",
    "Siem",
    "Tygo",
    "Owen",
    "Liam",
    "Vince",
    "Jens",
    "Joep",
    "Teun",
    "Stefan",
    "Dennis",
    "Robin",
    "Nick",
    "Ricardo",
    "Giovanni",
    "Mehmet",
    "Emre",
    "Yusuf",
    "Hamza",
    "Ibrahim",
    "Youssef",
    "Anouk",
    "Lieke",
    "Esmee",
    "Britt",
    "Demi",
    "Isa",
    "Jill",
    "Kim",
    "Lina",
    "Maud",
    "Nina",
    "Puck",
    "Romy",
    "Sarah",
    "Vera",
    "Yara",
    "Elif",
    "Zeynep",
    "Ilham",
    "Hajar",
    "Soufiane",
    "Samira",
    "Nadia",
    "Shanti",
    "Kiona",
    "Jamila",
    "Luna",
    "Saar",
    "Evi",
    "Fenna",
    "Liv",
    "Nova",
    "Feline",
    "Merel",
    "Floor",
    "Jade",
    "Amber",
    "Elin",
    "Ella",
    "Hanna",
    "Mats",
    "Ties",
    "Gerrit",
    "Pieter",
    "Joris",
    "Casper",
    "Quinten",
    "Xander",
    "Ravi",
    "Anil",
    "Sharon",
    "Melissa",
)
SURNAMES = (
    ("", "Jansen"),
    ("de", "Vries"),
    ("van den", "Berg"),
    ("van", "Dijk"),
    ("", "Bakker"),
    ("", "Janssen"),
    ("", "Visser"),
    ("", "Smit"),
    ("", "Meijer"),
    ("de", "Boer"),
    ("", "Mulder"),
    ("de", "Groot"),
    ("", "Bos"),
    ("", "Vos"),
    ("", "Peters"),
    ("", "Hendriks"),
    ("van", "Leeuwen"),
    ("", "Dekker"),
    ("", "Brouwer"),
    ("de", "Wit"),
    ("", "Dijkstra"),
    ("", "Smits"),
    ("de", "Graaf"),
    ("van der", "Meer"),
    ("van der", "Linden"),
    ("", "Kok"),
    ("", "Jacobs"),
    ("de", "Haan"),
    ("", "Vermeulen"),
    ("van den", "Heuvel"),
    ("van der", "Veen"),
    ("van den", "Broek"),
    ("de", "Bruijn"),
    ("de", "Jong"),
    ("", "Schouten"),
    ("van", "Beek"),
    ("", "Willems"),
    ("van", "Vliet"),
    ("", "Hoekstra"),
    ("", "Maas"),
    ("", "Verhoeven"),
    ("", "Koster"),
    ("van", "Dam"),
    ("van der", "Wal"),
    ("", "Prins"),
    ("", "Blom"),
    ("", "Huisman"),
    ("", "Yilmaz"),
    ("", "El Amrani"),
    ("", "Bouzid"),
    ("", "Öztürk"),
    ("", "Kaya"),
    ("", "Ramdin"),
    ("", "Sitaram"),
    ("", "Martina"),
    ("", "Nguyen"),
    ("", "Kramer"),
    ("", "Postma"),
    ("ter", "Horst"),
    ("", "Timmermans"),
    ("", "Groen"),
    ("", "Gerritsen"),
    ("", "Claassen"),
)
# More surname stems, combined with common Dutch endings, so that surname + date of birth is about as
# distinctive as in a real municipality (thousands of surnames, not dozens).
_STEMS = (
    "Berg",
    "Brink",
    "Veld",
    "Hout",
    "Kamp",
    "Bosch",
    "Dam",
    "Hof",
    "Wijk",
    "Zand",
    "Molen",
    "Beek",
    "Horst",
    "Laar",
    "Kuip",
    "Vliet",
    "Steen",
    "Dijk",
    "Haag",
    "Brug",
    "Kerk",
    "Water",
    "Akker",
    "Weide",
    "Hoek",
    "Ven",
    "Rijn",
    "Wal",
    "Gast",
    "Smit",
    "Koop",
    "Hendrik",
    "Geert",
    "Wouter",
    "Klaas",
    "Jan",
    "Pieter",
    "Dirk",
    "Willem",
    "Harm",
)
_ENDINGS = ("", "s", "sen", "man", "sma", "stra", "inga", "ink", "huis", "mans", "er", "hof", "kamp", "veld")
_PREFIXES = ("", "", "", "", "", "van", "van der", "van den", "de", "ter", "van de")
EXTRA_SURNAMES = tuple(
    (prefix, stem + ending)
    for i, (stem, ending) in enumerate((s, e) for s in _STEMS for e in _ENDINGS)
    for prefix in (_PREFIXES[i % len(_PREFIXES)],)
)
ALL_SURNAMES = SURNAMES + EXTRA_SURNAMES
FORMS = ("criminal", "criminal", "criminal", "sexual", "sexual", "labour", "other")


def make_bsn(rng: random.Random) -> str:
    """A random nine-digit number that passes the eleven test (synthetic, not issued)."""
    while True:
        digits = [rng.randrange(10) for _ in range(8)]
        total = sum(d * w for d, w in zip(digits, (9, 8, 7, 6, 5, 4, 3, 2), strict=True))
        check = total % 11
        if check < 10 and digits[0] != 0:
            return "".join(map(str, digits)) + str(check)


@dataclass(frozen=True)
class Person:
    person_id: int
    bsn: str
    given_names: str
    prefix: str
    family_name: str
    date_of_birth: dt.date
    forms: tuple[str, ...]


@dataclass
class SyntheticData:
    people: list[Person]
    records: list[dict[str, Any]] = field(default_factory=list)
    registries: tuple[str, ...] = ()

    def true_pairs(self) -> set[tuple[int, int]]:
        """Pairs of record indices that belong to the same person."""
        by_person: dict[int, list[int]] = {}
        for index, record in enumerate(self.records):
            by_person.setdefault(record["person_id"], []).append(index)
        return {(a, b) for members in by_person.values() for i, a in enumerate(members) for b in members[i + 1 :]}


def _typo(rng: random.Random, text: str) -> str:
    if len(text) < 4:
        return text
    i = rng.randrange(1, len(text) - 1)
    choice = rng.random()
    if choice < 0.4:
        return text[:i] + text[i + 1] + text[i] + text[i + 2 :]  # transposition
    if choice < 0.7:
        return text[:i] + text[i + 1 :]  # deletion
    return text[:i] + rng.choice("aeiourstnl") + text[i + 1 :]  # substitution


# Rarer given names, built from syllables: in Dutch birth cohorts a large share of children bear a
# name outside the few hundred common ones, which is what makes full given names distinctive.
_ONSETS = (
    "",
    "B",
    "D",
    "F",
    "G",
    "H",
    "J",
    "K",
    "L",
    "M",
    "N",
    "R",
    "S",
    "T",
    "V",
    "W",
    "Z",
    "Br",
    "Ch",
    "Fl",
    "Gr",
    "St",
    "Tr",
)
_MIDDLES = ("a", "e", "i", "o", "u", "ae", "ie", "oe", "ay", "y")
_ENDS = ("n", "ra", "lia", "nno", "ssa", "ric", "mir", "lan", "ven", "ndra", "rik", "nas", "lin", "bel", "tje", "ro")
RARE_GIVEN_NAMES = tuple(
    sorted({(o + m + e).capitalize() for o in _ONSETS for m in _MIDDLES for e in _ENDS} - set(GIVEN_NAMES))
)
# Given names are drawn with weight 1 / rank ** GIVEN_NAME_SKEW from the common names (the
# commonest about 1.2 % of people) or, with probability RARE_GIVEN_NAME_SHARE, from the rare ones.
GIVEN_NAME_SKEW = 0.3
RARE_GIVEN_NAME_SHARE = 0.4
# Nicknames and spelling variants of given names, as one clerk writes what another spelled out.
GIVEN_VARIANTS: dict[str, tuple[str, ...]] = {
    "Mohamed": ("Mohammed", "Muhammed", "Mo"),
    "Sophie": ("Sofie",),
    "Lucas": ("Lukas",),
    "Zoë": ("Zoe",),
    "Joël": ("Joel",),
    "Yasmine": ("Jasmine", "Yasmina"),
    "Fatima": ("Fatma",),
    "Sara": ("Sarah",),
    "Levi": ("Levy",),
    "Jayden": ("Jaydon", "Jaiden"),
    "Thijs": ("Tijs",),
    "Bram": ("Abraham",),
    "Daan": ("Daniel",),
    "Noor": ("Nour",),
    "Rayan": ("Rayyan",),
    "Kevin": ("Kevyn",),
    "Finn": ("Fin",),
    "Timo": ("Timothy",),
    "Eva": ("Eefje",),
    "Omar": ("Omer",),
}


def make_people(
    n: int, *, rng: random.Random, twin_rate: float = 0.02, year: int = 2025, surname_skew: float = 0.65
) -> list[Person]:
    """``n`` people; surnames drawn with weight ``1 / rank ** surname_skew`` (0 = uniform).

    At the default skew the commonest surname is borne by about 4 % of the people, as the commonest
    names are in a Dutch municipality with a few very frequent family names. A twin has a different
    given name, which may still share the first initial.
    """
    weights = list(accumulate(1 / (rank**surname_skew) for rank in range(1, len(ALL_SURNAMES) + 1)))
    given_weights = list(accumulate(1 / (rank**GIVEN_NAME_SKEW) for rank in range(1, len(GIVEN_NAMES) + 1)))
    people: list[Person] = []
    while len(people) < n:
        prefix, family = rng.choices(ALL_SURNAMES, cum_weights=weights)[0]
        first, second = (
            rng.choice(RARE_GIVEN_NAMES)
            if rng.random() < RARE_GIVEN_NAME_SHARE
            else rng.choices(GIVEN_NAMES, cum_weights=given_weights)[0]
            for _ in range(2)
        )
        given = first + (" " + second if rng.random() < 0.4 and second != first else "")
        dob = dt.date(year - rng.randint(12, 24), 1, 1) + dt.timedelta(days=rng.randrange(365))
        forms = tuple(sorted({rng.choice(FORMS) for _ in range(1 + (rng.random() < 0.15))}))
        people.append(Person(len(people), make_bsn(rng), given, prefix, family, dob, forms))
        if rng.random() < twin_rate and len(people) < n:
            twin_given = rng.choice([g for g in GIVEN_NAMES if g != given.split()[0]])
            people.append(Person(len(people), make_bsn(rng), twin_given, prefix, family, dob, forms))
    return people


@dataclass(frozen=True)
class RegistryProfile:
    """How one registry records people; every rate is a probability per record."""

    name: str
    capture: float  # probability a person is on this registry
    bsn_rate: float = 0.5  # probability the registry knows the BSN
    noise: float = 0.15  # tussenvoegsel variants, name typos and day-month swaps
    initials_only: float | None = None  # given names written as initials (default: ``noise``)
    given_variant: float = 0.0  # a nickname or spelling variant of the first given name
    dob_missing: float = 0.0  # no date of birth
    dob_year_only: float = 0.0  # only the year of birth
    dob_typo: float = 0.0  # one digit of the date mistyped (still a valid date)
    bsn_invalid: float = 0.0  # a known BSN typed with one wrong digit (fails the eleven test)
    duplicate: float = 0.0  # probability that a person on the registry is registered twice


# Rates as measured on real registrations (care organisation, police, youth and family centre).
DEFAULT_REGISTRIES = (
    RegistryProfile(
        "support",
        0.45,
        bsn_rate=0.9,
        noise=0.08,
        initials_only=0.05,
        given_variant=0.03,
        dob_missing=0.02,
        dob_year_only=0.02,
        dob_typo=0.01,
        bsn_invalid=0.007,
        duplicate=0.03,
    ),
    RegistryProfile(
        "police",
        0.35,
        bsn_rate=0.6,
        noise=0.15,
        initials_only=0.35,
        given_variant=0.05,
        dob_missing=0.05,
        dob_year_only=0.05,
        dob_typo=0.03,
        bsn_invalid=0.01,
        duplicate=0.05,
    ),
    RegistryProfile(
        "cjg",
        0.30,
        bsn_rate=0.1,
        noise=0.2,
        initials_only=0.1,
        given_variant=0.05,
        dob_missing=0.10,
        dob_year_only=0.05,
        dob_typo=0.02,
        bsn_invalid=0.01,
        duplicate=0.03,
    ),
)
# The earlier, optimistic profiles: no partial or mistyped dates, no invalid BSNs, no duplicates.
CLEAN_REGISTRIES = (
    RegistryProfile("support", 0.45, bsn_rate=0.9, noise=0.08),
    RegistryProfile("police", 0.35, bsn_rate=0.6, noise=0.15),
    RegistryProfile("cjg", 0.30, bsn_rate=0.4, noise=0.2),
)


def _date_typo(rng: random.Random, dob: dt.date) -> dt.date:
    """The date with one digit of day, month or the last two of the year changed (a valid date)."""
    text = dob.isoformat()
    positions = (2, 3, 5, 6, 8, 9)
    for _ in range(50):
        i = rng.choice(positions)
        candidate = text[:i] + rng.choice([d for d in "0123456789" if d != text[i]]) + text[i + 1 :]
        try:
            return dt.date.fromisoformat(candidate)
        except ValueError:
            continue
    return dob


def _bsn_typo(rng: random.Random, bsn: str) -> str:
    """One digit changed: always fails the eleven test (every weight is a unit modulo 11)."""
    i = rng.randrange(len(bsn))
    return bsn[:i] + rng.choice([d for d in "0123456789" if d != bsn[i]]) + bsn[i + 1 :]


def observe(person: Person, profile: RegistryProfile, *, rng: random.Random, year: int) -> dict[str, Any]:
    """One registry's record of a person, with realistic variation.

    ``date_of_birth`` is a ``date`` or None; ``birth_year`` is the year when only that is known.
    """
    p = profile.noise
    prefix, family, given = person.prefix, person.family_name, person.given_names
    if prefix:
        roll = rng.random()
        if roll < p:
            prefix, family = "", (prefix + family).replace(" ", "").capitalize()  # Vanderberg
        elif roll < 2 * p:
            prefix = ""  # dropped
        elif roll < 3 * p:
            prefix, family = "", f"{prefix} {family}"  # typed into the surname field
    if rng.random() < p * 0.5:
        family = _typo(rng, family)
    initials = p if profile.initials_only is None else profile.initials_only
    if rng.random() < initials:
        given = ". ".join(part[0] for part in given.split()) + "."  # initials only
    elif rng.random() < profile.given_variant and given.split()[0] in GIVEN_VARIANTS:
        given = rng.choice(GIVEN_VARIANTS[given.split()[0]])
    elif rng.random() < p * 0.5:
        given = _typo(rng, given.split()[0])
    born = person.date_of_birth
    dob: dt.date | None = born
    birth_year: int | None = None
    roll = rng.random()
    if roll < profile.dob_missing:
        dob = None
    elif roll < profile.dob_missing + profile.dob_year_only:
        dob, birth_year = None, born.year
    elif roll < profile.dob_missing + profile.dob_year_only + profile.dob_typo:
        dob = _date_typo(rng, born)
    elif born.day <= 12 and born.day != born.month and rng.random() < p * 0.5:
        dob = dt.date(born.year, born.day, born.month)
    bsn = person.bsn if rng.random() < profile.bsn_rate else ""
    if bsn and rng.random() < profile.bsn_invalid:
        bsn = _bsn_typo(rng, bsn)
    return {
        "person_id": person.person_id,
        "registry": profile.name,
        "bsn": bsn,
        "given_names": given,
        "prefix": prefix,
        "family_name": family,
        "date_of_birth": dob,
        "birth_year": birth_year,
        "year": year,
        "exploitation_forms": ";".join(person.forms),
    }


def date_of_birth_text(record: dict[str, Any]) -> str:
    """``YYYY-MM-DD``, ``YYYY`` (year only) or empty, as in the labelled-sample CSV."""
    if record.get("date_of_birth"):
        return record["date_of_birth"].isoformat()
    return str(record["birth_year"]) if record.get("birth_year") else ""


def generate(
    n_people: int,
    *,
    seed: int = 1,
    registries: tuple[RegistryProfile, ...] = DEFAULT_REGISTRIES,
    year: int = 2025,
    twin_rate: float = 0.02,
    surname_skew: float = 0.65,
) -> SyntheticData:
    """People and their records on each registry (a person may be on none: the hidden number)."""
    if not 2 <= len(registries) <= 10:
        raise ValueError(f"use 2 to 10 registries, got {len(registries)}")
    rng = random.Random(seed)
    people = make_people(n_people, rng=rng, twin_rate=twin_rate, year=year, surname_skew=surname_skew)
    data = SyntheticData(people=people, registries=tuple(r.name for r in registries))
    for person in people:
        for profile in registries:
            if rng.random() < profile.capture:
                data.records.append(observe(person, profile, rng=rng, year=year))
                if rng.random() < profile.duplicate:
                    data.records.append(observe(person, profile, rng=rng, year=year))
    return data


def labelled_rows(data: SyntheticData) -> list[dict[str, str]]:
    """The records in the labelled-sample format of ``zicht.sources.linkage_eval``."""
    return [
        {
            "record_id": str(index),
            "source": r["registry"],
            "given_names": r["given_names"],
            "prefix": r["prefix"],
            "family_name": r["family_name"],
            "date_of_birth": date_of_birth_text(r),
            "bsn": r["bsn"],
            "person_id": str(r["person_id"]),
        }
        for index, r in enumerate(data.records)
    ]
