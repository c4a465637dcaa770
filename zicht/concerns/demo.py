"""Synthetic concerns 2020–2026 for the local demo (never real people)."""

from __future__ import annotations

import datetime
import random
from collections.abc import Sequence
from typing import TypeVar

from django.utils import timezone

from zicht.common.demo_context import DemoContext
from zicht.concerns.constants import (
    ConcernChannel,
    ConcernKind,
    ConcernStatus,
    RecruitmentPlace,
    ReporterSector,
    Urgency,
)
from zicht.concerns.models import Concern, Indicator
from zicht.concerns.services import (
    advice_request_submit,
    concern_record_first_contact,
    concern_record_safety_check,
    concern_submit,
    concern_submit_anonymous,
    concern_transition,
)
from zicht.people.constants import Gender

CONCERNS_PER_YEAR = {2020: 26, 2021: 32, 2022: 40, 2023: 44, 2024: 50, 2025: 56, 2026: 52}
# Concerns per year left in triage (with an identity) for the cases demo to open cases from.
FOR_CASES_PER_YEAR = 12
GIVEN_NAMES = [
    "Daan",
    "Sem",
    "Noah",
    "Mohammed",
    "Liam",
    "Yusuf",
    "Jayden",
    "Milan",
    "Amir",
    "Dewi",
    "Sara",
    "Noor",
    "Lina",
    "Emma",
    "Julia",
    "Aya",
    "Priya",
    "Kevin",
    "Rayan",
    "Jesse",
    "Ilias",
    "Fenna",
    "Zoë",
    "Soufiane",
]
FAMILY_NAMES = [
    ("", "Demo"),
    ("de", "Proef"),
    ("van", "Voorbeeld"),
    ("", "Testers"),
    ("van der", "Fictief"),
    ("", "Synthetica"),
    ("el", "Demonstratie"),
    ("", "Oefenaar"),
    ("van den", "Schijnhof"),
    ("", "Verzinsel"),
]
PLATFORMS = ["Snapchat", "Instagram", "TikTok", "Telegram", "WhatsApp"]
SCHOOL_TYPES = ["vmbo", "mbo", "praktijkonderwijs", "havo"]
STREET_DETAILS = ["hangplek bij winkelcentrum", "speeltuin in de wijk", "", "bij de snackbar", ""]
DESCRIPTIONS = {
    "cannabis_cultivation": "Jongere vertelt over 'klusjes' op een zolder waar planten staan; is vaak moe en verzuimt.",
    "drug_trafficking": (
        "Jongere wordt 's avonds opgehaald door oudere jongens op een scooter en heeft ineens veel geld."
    ),
    "property_crime": "Jongere is betrokken geraakt bij inbraken en zegt dat hij 'een schuld moet afbetalen'.",
    "money_mule": "Jongere is gevraagd zijn bankpas uit te lenen voor 'snel geld' via een Telegram-groep.",
    "explosives": "Jongere kreeg via een chatgroep een aanbod om een pakketje bij een woning neer te leggen.",
    "other": "Zorgen over nieuwe vriendengroep en geheimzinnig gedrag; meerdere telefoons gezien.",
}
SEXUAL_DESCRIPTION = (
    "Meisje heeft een veel oudere 'vriend', krijgt dure cadeaus en gaat naar feestjes op onbekende adressen."
)
ADVICE_QUESTIONS = [
    "Hoe herken ik of een leerling wordt geronseld via social media?",
    "Een leerling heeft ineens dure kleding; wanneer moet ik dit melden?",
    "Mijn zoon wordt steeds opgehaald door oudere jongens; wat kan ik doen?",
    "Welke signalen van criminele uitbuiting zijn er bij jongeren in de jeugdhulp?",
]
PROFESSIONAL_SECTORS = [
    (ReporterSector.TEACHER, 22),
    (ReporterSector.YOUTH_WORKER, 14),
    (ReporterSector.SCHOOL_SOCIAL_WORKER, 10),
    (ReporterSector.COUNSELLOR, 6),
    (ReporterSector.CARE_WORKER, 12),
    (ReporterSector.ATTENDANCE_OFFICER, 8),
    (ReporterSector.POLICE, 12),
    (ReporterSector.OTHER, 4),
]
CRIMINAL_INDICATORS = [
    "truancy",
    "declining_results",
    "several_phones",
    "expensive_goods",
    "cash",
    "secretive_new_friends",
    "missing_running_away",
    "drug_use",
    "nervous_fearful",
    "tired",
    "picked_up_scooter_car",
    "older_contacts",
    "new_friend_group",
    "known_criminal_contacts",
    "online_job_offers",
    "online_groups",
    "debts",
    "bank_account_lent",
]
SEXUAL_INDICATORS = [
    "loverboy",
    "gifts",
    "hotel_party_visits",
    "sexualised_social_media",
    "sexting_sextortion",
    "sti_pregnancy",
]


def _sector_of(rng: random.Random, reporter, users: dict) -> str:
    """A sector that fits the reporter's organisation (the school's care team, or youth work)."""
    if reporter == users["youth_worker"]:
        return ReporterSector.YOUTH_WORKER
    return _weighted(
        rng,
        [
            (ReporterSector.TEACHER, 50),
            (ReporterSector.SCHOOL_SOCIAL_WORKER, 20),
            (ReporterSector.COUNSELLOR, 15),
            (ReporterSector.ATTENDANCE_OFFICER, 15),
        ],
    )


_T = TypeVar("_T")


def _weighted(rng: random.Random, pairs: Sequence[tuple[_T, int]]) -> _T:
    return rng.choices([p[0] for p in pairs], weights=[p[1] for p in pairs])[0]


def synthetic_bsn(rng: random.Random) -> str:
    """A random number that passes the eleven test (synthetic, not issued to anyone we know of)."""
    while True:
        digits = [rng.randint(1, 9)] + [rng.randint(0, 9) for _ in range(7)]
        last = sum(d * w for d, w in zip(digits, range(9, 1, -1), strict=False)) % 11
        if last < 10:
            return "".join(map(str, digits + [last]))


def _received_at(rng: random.Random, year: int, now: datetime.datetime) -> datetime.datetime:
    if year == now.year and rng.random() < 0.15:  # a recent intake queue
        recent = now - datetime.timedelta(days=rng.uniform(0.5, 14))
        return recent.replace(second=0, microsecond=0)
    start = timezone.make_aware(datetime.datetime(year, 1, 1, 8))
    end = min(timezone.make_aware(datetime.datetime(year, 12, 31, 18)), now - datetime.timedelta(days=2))
    moment = start + datetime.timedelta(seconds=rng.randint(0, int((end - start).total_seconds())))
    return moment.replace(hour=rng.randint(8, 20), minute=rng.randint(0, 59), second=0, microsecond=0)


def _later(rng: random.Random, moment: datetime.datetime, now: datetime.datetime, max_days: float) -> datetime.datetime:
    """A moment after ``moment`` within office hours (9–17 local time), never in the future."""
    later = timezone.localtime(moment + datetime.timedelta(hours=rng.uniform(1, max_days * 24)))
    if not 9 <= later.hour < 17:
        later = later.replace(hour=rng.randint(9, 16), minute=rng.randint(0, 59))
        if later <= moment:
            later += datetime.timedelta(days=1)
    return min(later, now - datetime.timedelta(minutes=5))


def _recruitment(rng: random.Random) -> tuple[str, str]:
    place = _weighted(
        rng,
        [
            (RecruitmentPlace.STREET, 30),
            (RecruitmentPlace.ONLINE, 32),
            (RecruitmentPlace.SCHOOL, 14),
            (RecruitmentPlace.CARE_INSTITUTION, 5),
            (RecruitmentPlace.OTHER, 4),
            (RecruitmentPlace.UNKNOWN, 15),
        ],
    )
    detail = {
        RecruitmentPlace.ONLINE: rng.choice(PLATFORMS),
        RecruitmentPlace.SCHOOL: rng.choice(SCHOOL_TYPES),
        RecruitmentPlace.STREET: rng.choice(STREET_DETAILS),
    }.get(place, "")
    return place, detail


def _identity(rng: random.Random, received: datetime.datetime) -> dict:
    age = rng.choices(range(12, 23), weights=[3, 5, 8, 10, 11, 11, 9, 7, 5, 4, 3])[0]
    dob = received.date() - datetime.timedelta(days=age * 365 + rng.randint(0, 364))
    prefix, family = rng.choice(FAMILY_NAMES)
    return {
        "given_names": rng.choice(GIVEN_NAMES),
        "family_name_prefix": prefix,
        "family_name": family,
        "date_of_birth": dob,
        "bsn": synthetic_bsn(rng) if rng.random() < 0.6 else "",
    }


def _safety_check(concern: Concern, worker, now: datetime.datetime) -> None:
    """Most triaged concerns get the framework's safety check (its own generator: the demo's sequence stays)."""
    rng = random.Random(concern.pk)
    if concern.triage_route_id is None or rng.random() < 0.2:
        return
    answers = {
        "acute_unsafety": _weighted(rng, [("no", 85), ("yes", 10), ("unknown", 5)]),
        "structural_unsafety": _weighted(rng, [("no", 50), ("yes", 35), ("unknown", 15)]),
    }
    concern_record_safety_check(
        concern=concern, user=worker, answers=answers, at=_later(rng, concern.received_at, now, 6)
    )


def _follow_up(rng: random.Random, concern: Concern, worker, now: datetime.datetime, *, keep_in_triage: bool) -> None:
    """Walk the concern through the workflow with plausible moments."""
    age_days = (now - concern.received_at).days
    if age_days < 14 and rng.random() < 0.6 and not keep_in_triage:
        return  # still new
    at = _later(rng, concern.received_at, now, 3)
    concern_transition(concern=concern, user=worker, to_status=ConcernStatus.IN_TRIAGE, at=at)
    if concern.kind == ConcernKind.CONCERN and rng.random() < 0.85:
        concern_record_first_contact(concern=concern, user=worker, at=_later(rng, at, now, 7))
        _safety_check(concern, worker, now)
    if keep_in_triage or (age_days < 30 and rng.random() < 0.6):
        return
    at = _later(rng, at, now, 21)
    if concern.kind == ConcernKind.ADVICE_REQUEST:
        concern_transition(
            concern=concern,
            user=worker,
            to_status=ConcernStatus.ADVICE_GIVEN,
            at=at,
            advice_text="Signalen besproken en handelingsadvies gegeven; melder kan opnieuw contact opnemen.",
        )
        if rng.random() < 0.7:
            concern_transition(
                concern=concern, user=worker, to_status=ConcernStatus.CLOSED, at=_later(rng, at, now, 14)
            )
        return
    outcome = _weighted(
        rng, [(ConcernStatus.FORWARDED, 35), (ConcernStatus.ADVICE_GIVEN, 25), (ConcernStatus.CLOSED, 40)]
    )
    concern_transition(
        concern=concern,
        user=worker,
        to_status=outcome,
        at=at,
        note={
            ConcernStatus.FORWARDED: "Doorgezet naar het CJG.",
            ConcernStatus.CLOSED: "Geen aanwijzingen voor uitbuiting.",
        }.get(outcome, ""),
        advice_text="Advies aan de melder over het gesprek met de jongere en de ouders."
        if outcome == ConcernStatus.ADVICE_GIVEN
        else "",
    )
    if outcome != ConcernStatus.CLOSED and rng.random() < 0.8:
        concern_transition(concern=concern, user=worker, to_status=ConcernStatus.CLOSED, at=_later(rng, at, now, 30))


def populate(context: DemoContext) -> None:
    rng, orgs, users = context.rng, context.organizations, context.users
    now = timezone.now()
    known_indicators = set(Indicator.objects.filter(is_active=True).values_list("code", flat=True))
    reporters = [users["reporter"], users["youth_worker"]]
    created: list[int] = []
    for_cases: list[dict] = []
    for year, total in CONCERNS_PER_YEAR.items():
        in_triage_left = FOR_CASES_PER_YEAR
        for _n in range(total):
            received = _received_at(rng, year, now)
            sexual = rng.random() < 0.25
            handling = orgs["fier"] if sexual and rng.random() < 0.3 else orgs["shop"]
            worker = (
                users["fier_worker"]
                if handling == orgs["fier"]
                else rng.choice([users["support_worker"], users["coordinator"]])
            )
            domains = rng.sample(list(DESCRIPTIONS), k=rng.choice([1, 1, 1, 2]))
            place, detail = _recruitment(rng)
            roll = rng.random()
            if roll < 0.14:
                asker = rng.choice(reporters + [None])
                concern = advice_request_submit(
                    reporter=asker,
                    handling_organization=handling,
                    reporter_sector=_sector_of(rng, asker, users)
                    if asker
                    else _weighted(rng, PROFESSIONAL_SECTORS + [(ReporterSector.PARENT, 10)]),
                    description=rng.choice(ADVICE_QUESTIONS),
                    received_at=received,
                    channel=rng.choice(
                        [ConcernChannel.PHONE, ConcernChannel.EMAIL, ConcernChannel.WALK_IN, ConcernChannel.FORM]
                    ),
                )
            elif roll < 0.26:
                concern = concern_submit_anonymous(
                    handling_organization=handling,
                    reporter_sector=rng.choice(
                        [ReporterSector.PARENT, ReporterSector.YOUNG_PERSON, ReporterSector.OTHER]
                    ),
                    description=SEXUAL_DESCRIPTION if sexual else DESCRIPTIONS[domains[0]],
                    crime_domains=[] if sexual else domains,
                    recruitment_place=place,
                    recruitment_detail=detail,
                    age_estimate=rng.randint(13, 20),
                    received_at=received,
                    gender=rng.choice([Gender.FEMALE, Gender.MALE, Gender.UNKNOWN]),
                    contact_phone=f"06 0000 {rng.randint(1000, 9999)}" if rng.random() < 0.5 else "",
                )
            else:
                by_intake = rng.random() < 0.3
                reporter = worker if by_intake else rng.choice(reporters)
                with_identity = in_triage_left > 0 and handling == orgs["shop"] or rng.random() < 0.4
                codes = rng.sample(SEXUAL_INDICATORS if sexual else CRIMINAL_INDICATORS, k=rng.randint(2, 5))
                concern = concern_submit(
                    reporter=reporter,
                    handling_organization=handling,
                    received_at=received,
                    reporter_sector=_weighted(rng, PROFESSIONAL_SECTORS)
                    if by_intake
                    else _sector_of(rng, reporter, users),
                    channel=rng.choice([ConcernChannel.PHONE, ConcernChannel.WALK_IN, ConcernChannel.EMAIL])
                    if by_intake
                    else ConcernChannel.FORM,
                    indicator_codes=[c for c in codes if c in known_indicators],
                    crime_domains=[] if sexual and rng.random() < 0.5 else domains,
                    recruitment_place=place,
                    recruitment_detail=detail,
                    description=SEXUAL_DESCRIPTION if sexual else DESCRIPTIONS[domains[0]],
                    urgency=_weighted(
                        rng, [(Urgency.LOW, 10), (Urgency.NORMAL, 60), (Urgency.HIGH, 25), (Urgency.ACUTE, 5)]
                    ),
                    gender=Gender.FEMALE
                    if sexual and rng.random() < 0.8
                    else rng.choice([Gender.MALE, Gender.MALE, Gender.FEMALE]),
                    age_estimate=None if with_identity else rng.randint(12, 21),
                    **(_identity(rng, received) if with_identity else {}),
                )
            keep = (
                concern.kind == ConcernKind.CONCERN
                and concern.young_person_id is not None
                and handling == orgs["shop"]
                and in_triage_left > 0
            )
            _follow_up(rng, concern, worker, now, keep_in_triage=keep)
            if keep:
                in_triage_left -= 1
                for_cases.append({"id": concern.pk, "year": year, "young_person_id": concern.young_person_id})
            created.append(concern.pk)
    context.extra["concerns"] = created
    context.extra["concerns_for_cases"] = for_cases
    context.log(f"  {len(created)} concerns, {len(for_cases)} left in triage for cases")
