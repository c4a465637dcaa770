"""Seeded synthetic young people on several registries, with known truth. Never real data.

Name variation as it occurs between Dutch registrations: tussenvoegsels separate, merged into the
surname ("Vanderberg") or dropped ("Berg"); given names in full or as initials; one-letter typos;
day and month of birth swapped; missing BSN; and twins (same surname and date of birth, different
given names) who must NOT be linked.
"""
from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from typing import Any

GIVEN_NAMES = (
    "Sanne", "Daan", "Emma", "Noah", "Julia", "Sem", "Tess", "Lucas", "Sophie", "Finn", "Mila", "Levi", "Zoë", "Milan",
    "Eva", "Jesse", "Lotte", "Thijs", "Anna", "Luuk", "Fleur", "Bram", "Lisa", "Ruben", "Noor", "Mohamed", "Fatima",
    "Yasmine", "Ayoub", "Nora", "Rayan", "Amira", "Bilal", "Salma", "Kevin", "Chantal", "Dewi", "Priya", "Rohan",
    "Jayden", "Naomi", "Joël", "Ilse", "Gijs", "Femke", "Stijn", "Roos", "Wouter", "Iris", "Timo", "Sara", "Omar",
)
SURNAMES = (
    ("", "Jansen"), ("de", "Vries"), ("van den", "Berg"), ("van", "Dijk"), ("", "Bakker"), ("", "Janssen"), ("", "Visser"),
    ("", "Smit"), ("", "Meijer"), ("de", "Boer"), ("", "Mulder"), ("de", "Groot"), ("", "Bos"), ("", "Vos"), ("", "Peters"),
    ("", "Hendriks"), ("van", "Leeuwen"), ("", "Dekker"), ("", "Brouwer"), ("de", "Wit"), ("", "Dijkstra"), ("", "Smits"),
    ("de", "Graaf"), ("van der", "Meer"), ("van der", "Linden"), ("", "Kok"), ("", "Jacobs"), ("de", "Haan"), ("", "Vermeulen"),
    ("van den", "Heuvel"), ("van der", "Veen"), ("van den", "Broek"), ("de", "Bruijn"), ("de", "Jong"), ("", "Schouten"),
    ("van", "Beek"), ("", "Willems"), ("van", "Vliet"), ("", "Hoekstra"), ("", "Maas"), ("", "Verhoeven"), ("", "Koster"),
    ("van", "Dam"), ("van der", "Wal"), ("", "Prins"), ("", "Blom"), ("", "Huisman"), ("", "Yilmaz"), ("", "El Amrani"),
    ("", "Bouzid"), ("", "Öztürk"), ("", "Kaya"), ("", "Ramdin"), ("", "Sitaram"), ("", "Martina"), ("", "Nguyen"),
    ("", "Kramer"), ("", "Postma"), ("ter", "Horst"), ("", "Timmermans"), ("", "Groen"), ("", "Gerritsen"), ("", "Claassen"),
)
# More surname stems, combined with common Dutch endings, so that surname + date of birth is about as
# distinctive as in a real municipality (thousands of surnames, not dozens).
_STEMS = (
    "Berg", "Brink", "Veld", "Hout", "Kamp", "Bosch", "Dam", "Hof", "Wijk", "Zand", "Molen", "Beek", "Horst", "Laar",
    "Kuip", "Vliet", "Steen", "Dijk", "Haag", "Brug", "Kerk", "Water", "Akker", "Weide", "Hoek", "Ven", "Rijn", "Wal",
    "Gast", "Smit", "Koop", "Hendrik", "Geert", "Wouter", "Klaas", "Jan", "Pieter", "Dirk", "Willem", "Harm",
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
        return {(a, b) for members in by_person.values() for i, a in enumerate(members) for b in members[i + 1:]}


def _typo(rng: random.Random, text: str) -> str:
    if len(text) < 4:
        return text
    i = rng.randrange(1, len(text) - 1)
    choice = rng.random()
    if choice < 0.4:
        return text[:i] + text[i + 1] + text[i] + text[i + 2:]  # transposition
    if choice < 0.7:
        return text[:i] + text[i + 1:]  # deletion
    return text[:i] + rng.choice("aeiourstnl") + text[i + 1:]  # substitution


def make_people(n: int, *, rng: random.Random, twin_rate: float = 0.02, year: int = 2025) -> list[Person]:
    people: list[Person] = []
    while len(people) < n:
        prefix, family = rng.choice(ALL_SURNAMES)
        given = rng.choice(GIVEN_NAMES) + (" " + rng.choice(GIVEN_NAMES) if rng.random() < 0.4 else "")
        dob = dt.date(year - rng.randint(12, 24), 1, 1) + dt.timedelta(days=rng.randrange(365))
        forms = tuple(sorted({rng.choice(FORMS) for _ in range(1 + (rng.random() < 0.15))}))
        people.append(Person(len(people), make_bsn(rng), given, prefix, family, dob, forms))
        if rng.random() < twin_rate and len(people) < n:
            twin_given = rng.choice([g for g in GIVEN_NAMES if g[0] != given[0]])
            people.append(Person(len(people), make_bsn(rng), twin_given, prefix, family, dob, forms))
    return people


@dataclass(frozen=True)
class RegistryProfile:
    name: str
    capture: float  # probability a person is on this registry
    bsn_rate: float = 0.5  # probability the registry knows the BSN
    noise: float = 0.15  # probability of each kind of variation


DEFAULT_REGISTRIES = (
    RegistryProfile("support", 0.45, bsn_rate=0.9, noise=0.08),
    RegistryProfile("police", 0.35, bsn_rate=0.6, noise=0.15),
    RegistryProfile("cjg", 0.30, bsn_rate=0.4, noise=0.2),
)


def observe(person: Person, profile: RegistryProfile, *, rng: random.Random, year: int) -> dict[str, Any]:
    """One registry's record of a person, with realistic variation."""
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
    if rng.random() < p:
        given = ". ".join(part[0] for part in given.split()) + "."  # initials only
    elif rng.random() < p * 0.5:
        given = _typo(rng, given.split()[0])
    dob: dt.date | None = person.date_of_birth
    if dob.day <= 12 and dob.day != dob.month and rng.random() < p * 0.5:
        dob = dt.date(dob.year, dob.day, dob.month)
    bsn = person.bsn if rng.random() < profile.bsn_rate else ""
    if bsn and rng.random() < p * 0.2:
        dob = None  # an unknown date of birth only where the BSN is known (else the record is unusable)
    return {
        "person_id": person.person_id,
        "registry": profile.name,
        "bsn": bsn,
        "given_names": given,
        "prefix": prefix,
        "family_name": family,
        "date_of_birth": dob,
        "year": year,
        "exploitation_forms": ";".join(person.forms),
    }


def generate(
    n_people: int, *, seed: int = 1, registries: tuple[RegistryProfile, ...] = DEFAULT_REGISTRIES, year: int = 2025, twin_rate: float = 0.02
) -> SyntheticData:
    """People and their records on each registry (a person may be on none: the hidden number)."""
    if not 2 <= len(registries) <= 10:
        raise ValueError(f"use 2 to 10 registries, got {len(registries)}")
    rng = random.Random(seed)
    people = make_people(n_people, rng=rng, twin_rate=twin_rate, year=year)
    data = SyntheticData(people=people, registries=tuple(r.name for r in registries))
    for person in people:
        for profile in registries:
            if rng.random() < profile.capture:
                data.records.append(observe(person, profile, rng=rng, year=year))
    return data
