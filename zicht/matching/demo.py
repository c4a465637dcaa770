"""Demo data for the involvement index: registrations by several organisations, some matching.

Synthetic people only; the BSNs are random numbers that pass the eleven test.
"""

from __future__ import annotations

import datetime as dt
import random

from zicht.common.demo_context import DemoContext
from zicht.common.pseudonyms import bsn_is_valid
from zicht.matching.services import Identity, involvement_register

_GIVEN = ("Sanne", "Daan", "Noor", "Ayoub", "Lotte", "Milan", "Yasmine", "Jesse", "Fleur", "Rayan")
_FAMILY = (
    ("van der", "Berg"),
    ("", "Jansen"),
    ("de", "Vries"),
    ("", "Yilmaz"),
    ("van", "Dijk"),
    ("", "Bakker"),
    ("", "El Amrani"),
    ("", "Visser"),
)


def _bsn(rng: random.Random) -> str:
    while True:
        candidate = f"{rng.randrange(10**8, 10**9)}"
        if bsn_is_valid(candidate):
            return candidate


def populate(context: DemoContext) -> None:
    rng = context.rng
    users = context.users
    support, partner, police = users["support_worker"], users["partner"], users.get("police_partner", users["partner"])
    people = []
    for _ in range(12):
        prefix, family = rng.choice(_FAMILY)
        dob = dt.date(2026 - rng.randint(13, 21), rng.randint(1, 12), rng.randint(1, 28))
        people.append(
            Identity(
                bsn=_bsn(rng), given_names=rng.choice(_GIVEN), prefix=prefix, family_name=family, date_of_birth=dob
            )
        )
    for person in people[:8]:
        involvement_register(organization=support.organization, contact=support, identity=person, actor=support)
    # The police know two of them by BSN: a match on BSN, notices to both sides.
    for person in people[:2]:
        involvement_register(
            organization=police.organization, contact=police, identity=Identity(bsn=person.bsn), actor=police
        )
    # The CJG knows one without BSN, with the tussenvoegsel merged and only an initial: a probable match.
    p = people[2]
    variant = Identity(
        given_names=p.given_names[0] + ".",
        family_name=(p.prefix + p.family_name).replace(" ", ""),
        date_of_birth=p.date_of_birth,
    )
    involvement_register(organization=partner.organization, contact=partner, identity=variant, actor=partner)
    # Registrations nobody else made: no notice.
    for person in people[8:]:
        involvement_register(organization=partner.organization, contact=partner, identity=person, actor=partner)
    context.log("matching: 13 involvement registrations, 3 matches")
