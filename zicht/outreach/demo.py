"""Synthetic trainings, AVIM/OM presentations, prevention lessons and campaigns 2020–2026."""

from __future__ import annotations

import datetime

from django.utils import timezone

from zicht.common.actors import SYSTEM_ACTOR
from zicht.common.demo_context import DemoContext
from zicht.outreach.services import campaign_create, prevention_lesson_create, training_create

# SHOP trained these audiences (answer to question 8 of the council questions).
SHOP_TRAININGS = [
    ("Signaleren van criminele uitbuiting", ["teacher"]),
    ("Criminele en seksuele uitbuiting herkennen", ["youth_worker"]),
    ("Uitbuiting in de jeugdhulp", ["care_worker", "counsellor"]),
    ("Signalen van ronselen op school", ["school_social_worker", "teacher"]),
    ("Verzuim als signaal van uitbuiting", ["attendance_officer"]),
    ("Mensenhandel en minderjarigen", ["counsellor", "care_worker", "youth_worker"]),
]
SCHOOLS = [
    "Mavo De Brug",
    "Vmbo Zuidwest",
    "Praktijkschool Het Anker",
    "Mbo College Centrum",
    "Lyceum Noord",
    "Vmbo Laak",
]


def _date(rng, year: int, today: datetime.date) -> datetime.date:
    last = min(datetime.date(year, 12, 15), today - datetime.timedelta(days=1))
    first = datetime.date(year, 1, 10)
    return first + datetime.timedelta(days=rng.randint(0, max((last - first).days, 0)))


def populate(context: DemoContext) -> None:
    rng, orgs, users = context.rng, context.organizations, context.users
    shop_user = users["coordinator"]
    today = timezone.localdate()
    trainings = lessons = 0
    for year in range(2020, today.year + 1):
        for _n in range(rng.randint(6, 10)):
            title, audiences = rng.choice(SHOP_TRAININGS)
            training_create(
                user=shop_user,
                date=_date(rng, year, today),
                organiser=orgs["shop"],
                title=title,
                kind=rng.choice(["training", "training", "information_session"]),
                participants=rng.randint(8, 40),
                audiences=audiences,
                topic_criminal=True,
                topic_sexual=rng.random() < 0.6,
            )
            trainings += 1
        # AVIM (police) and the Public Prosecution Service present to first-line police officers.
        for _n in range(rng.randint(2, 4)):
            training_create(
                user=SYSTEM_ACTOR,
                date=_date(rng, year, today),
                organiser=orgs["police"],
                co_organiser="Openbaar Ministerie",
                title="Criminele uitbuiting voor eerstelijns politiemedewerkers",
                kind="presentation",
                participants=rng.randint(15, 60),
                audiences=["police"],
                topic_criminal=True,
            )
            trainings += 1
        if year >= 2022:
            for _n in range(rng.randint(4, 9)):
                prevention_lesson_create(
                    user=shop_user,
                    date=_date(rng, year, today),
                    organiser=orgs["shop"],
                    school_name=rng.choice(SCHOOLS),
                    pupils=rng.randint(18, 32),
                    topic_criminal=True,
                    topic_sexual=rng.random() < 0.5,
                )
                lessons += 1
    campaign_create(
        user=SYSTEM_ACTOR,
        name="Online campagne: 'Snel geld bestaat niet'",
        organiser=orgs["municipality"],
        starts_on=datetime.date(2023, 3, 1),
        ends_on=datetime.date(2023, 6, 30),
        channel="social",
        partner="FIER",
    )
    campaign_create(
        user=SYSTEM_ACTOR,
        name="Posters 'Wie haalt jou op?'",
        organiser=orgs["shop"],
        starts_on=datetime.date(2024, 9, 1),
        ends_on=datetime.date(2024, 11, 30),
        channel="poster",
    )
    context.log(f"  {trainings} trainings, {lessons} prevention lessons, 2 campaigns")
