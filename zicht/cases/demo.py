"""Synthetic demo cases 2020-2026 (never real people).

At the support organisation "SHOP Jeugd" the cases reproduce the figures of the source document
(young = under 21 at registration; (suspected) victims of criminal exploitation): 2020 six, of
whom four combined criminal and sexual exploitation; 2021 four, all combined; 2022 up to 15 July
two, both combined. Every other case is built so that it does not change those counts.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils import timezone

from zicht.cases import referral_services, services
from zicht.cases.constants import (
    CaseStatus,
    CloseReason,
    CriminalSubtype,
    LegalBasis,
    ReferralPurpose,
    SupportActionKind,
    VictimStatus,
)
from zicht.cases.models import Case
from zicht.cases.workflow import eighteenth_birthday
from zicht.common.demo_context import DemoContext
from zicht.common.exploitation import ExploitationType
from zicht.concerns.models import Concern
from zicht.people import services as people_services
from zicht.people.ages import age_on
from zicht.people.constants import District, Gender
from zicht.people.models import YoungPerson

TOTAL_CASES = 150
FIGURES_2022_UNTIL = datetime.date(2022, 7, 15)
# Figure slots per window: "combined" = criminal and sexual, "criminal" = criminal only.
FIGURE_SLOTS: dict[str, list[str]] = {
    "2020": ["combined"] * 4 + ["criminal"] * 2,
    "2021": ["combined"] * 4,
    "2022a": ["combined"] * 2,
}
YEAR_WEIGHTS = {2020: 14, 2021: 16, 2022: 18, 2023: 20, 2024: 22, 2025: 24, 2026: 22}

GIVEN_FEMALE = [
    "Sanne",
    "Noa",
    "Lotte",
    "Yasmina",
    "Aylin",
    "Fleur",
    "Jasmijn",
    "Naomi",
    "Sara",
    "Imane",
    "Chelsey",
    "Demi",
    "Kiki",
    "Zoë",
]
GIVEN_MALE = [
    "Daan",
    "Milan",
    "Mohamed",
    "Jayden",
    "Rayan",
    "Luuk",
    "Sem",
    "Bilal",
    "Kevin",
    "Stefano",
    "Thijs",
    "Ilias",
    "Dylan",
    "Youssef",
]
PREFIXES = ["", "", "", "", "van", "de", "van der", "van den", "el"]
FAMILY = [
    "Jansen",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "Bos",
    "Mulder",
    "Yilmaz",
    "Amrani",
    "Pinas",
    "Kartodikromo",
    "Hoekstra",
    "Dijkstra",
    "Kaya",
    "Brouwer",
    "Martina",
    "Vos",
    "Peters",
    "Bouzid",
    "Hendriks",
]
NOTES = [
    "Kennismakingsgesprek gevoerd; jongere staat open voor hulp.",
    "Jongere vertelt over schulden bij een oudere jongen uit de buurt.",
    "Afstemming met mentor van school over verzuim.",
    "Gesprek met moeder; zij maakt zich zorgen over dure kleding en nieuwe telefoon.",
    "Veiligheidssituatie besproken; voorlopig geen acute dreiging.",
    "Jongere heeft afspraak gemist; nieuwe afspraak gepland.",
    "Samen met jongere een plan gemaakt voor dagbesteding.",
]
# What the support organisation asks of the CJG on a referral.
CJG_QUESTIONS = [
    "Kunt u de jeugdhulp rond dit gezin afstemmen en een vast aanspreekpunt noemen?",
    "Graag ondersteuning van de ouders bij het stellen van grenzen; wie kan dat oppakken?",
    "Kunt u nagaan welke hulp er al loopt en aansluiten bij ons overleg?",
]
EXEMPTION_REASONS = [
    "Jeugdbescherming is al betrokken en voert de regie.",
    "Ouders weigeren contact met het CJG; afstemming loopt via de gezinsvoogd.",
]


@dataclass
class Spec:
    org_key: str
    opened_at: datetime.datetime
    age: int | None
    exploitation: list[tuple[str, str]]
    victim_status: str
    concern: object | None = None
    minor_turning_18: bool = False
    counted: bool = False
    extra: dict = field(default_factory=dict)


def _window(day: datetime.date) -> str | None:
    if day.year in (2020, 2021):
        return str(day.year)
    if day.year == 2022 and day <= FIGURES_2022_UNTIL:
        return "2022a"
    return None


def _moment(rng: random.Random, day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(
        datetime.datetime.combine(day, datetime.time(rng.randint(9, 16), rng.choice([0, 15, 30, 45])))
    )


def _day_between(rng: random.Random, start: datetime.date, end: datetime.date) -> datetime.date:
    return start + datetime.timedelta(days=rng.randint(0, max(0, (end - start).days)))


def _criminal(rng: random.Random) -> list[tuple[str, str]]:
    subtypes = rng.sample(
        [CriminalSubtype.DRUGS] * 3
        + [
            CriminalSubtype.MONEY_MULE,
            CriminalSubtype.FRONT_PERSON,
            CriminalSubtype.THEFT,
            CriminalSubtype.EXPLOSIVES,
            CriminalSubtype.RECRUITING_FOR_PROSTITUTION,
        ],
        rng.choice([1, 1, 2]),
    )
    return sorted({(ExploitationType.CRIMINAL, s) for s in subtypes})


def _max_age(day: datetime.date) -> int:
    """Oldest age at registration that still keeps the person within 30 today."""
    return 30 - (timezone.localdate().year - day.year) - 1


def _counted(rng: random.Random, slot: str, age: int | None, day: datetime.date) -> tuple[int, list, str]:
    """A case that counts in the source document's figures (young, (suspected) victim, criminal)."""
    forms = _criminal(rng) + ([(ExploitationType.SEXUAL, "")] if slot == "combined" else [])
    if age is None:
        age = rng.randint(14, max(14, min(20, _max_age(day))))
    return age, forms, rng.choice([VictimStatus.SUSPECTED] * 3 + [VictimStatus.CONFIRMED])


def _neutral(rng: random.Random, day: datetime.date, age: int | None, age_fixed: bool) -> tuple[int | None, list, str]:
    """A case in a figure window that does not count: not criminal, or 21+, or not a (suspected) victim."""
    choice = rng.choice(["sexual", "sexual", "labour", "older", "possible"])
    if choice == "older" and (age_fixed and (age is None or age < 21)):
        choice = "possible"
    if choice == "older":
        age = age if age_fixed else rng.randint(21, max(21, min(24, _max_age(day))))
        return age, _criminal(rng), rng.choice([VictimStatus.SUSPECTED, VictimStatus.CONFIRMED])
    if not age_fixed:
        age = rng.choice([None, *list(range(13, 21)) * 2])
    if choice == "sexual":
        return age, [(ExploitationType.SEXUAL, "")], rng.choice(list(VictimStatus.values))
    if choice == "labour":
        return age, [(ExploitationType.LABOUR, "")], rng.choice(list(VictimStatus.values))
    return age, _criminal(rng), rng.choice([VictimStatus.POSSIBLE, VictimStatus.NOT_VICTIM])


def _free(rng: random.Random, day: datetime.date, age: int | None, age_fixed: bool) -> tuple[int | None, list, str]:
    if not age_fixed:
        age = rng.choice([None] + list(range(13, 21)) * 3 + list(range(21, max(22, min(26, _max_age(day))))))
    kind = rng.choices(["criminal", "combined", "sexual", "labour", "other", "organ"], weights=[40, 20, 25, 8, 5, 2])[0]
    by_kind: dict[str, list[tuple[str, str]]] = {
        "criminal": _criminal(rng),
        "combined": _criminal(rng) + [(ExploitationType.SEXUAL, "")],
        "sexual": [(ExploitationType.SEXUAL, "")],
        "labour": [(ExploitationType.LABOUR, "")],
        "other": [(ExploitationType.OTHER, "")],
        "organ": [(ExploitationType.ORGAN_REMOVAL, "")],
    }
    forms = by_kind[kind]
    status = rng.choices(list(VictimStatus.values), weights=[25, 45, 20, 10])[0]
    return age, forms, status


def _plan(context: DemoContext, concerns: list) -> list[Spec]:
    rng = context.rng
    now = timezone.now()
    today = timezone.localdate()
    slots = {window: list(kinds) for window, kinds in FIGURE_SLOTS.items()}
    specs: list[Spec] = []

    def take(
        org_key: str, day: datetime.date, *, age: int | None, age_fixed: bool
    ) -> tuple[int | None, list, str, bool]:
        window = _window(day) if org_key == "shop" else None
        if window is None:
            return (*_free(rng, day, age, age_fixed), False)
        young = age is not None and age < 21 if age_fixed else True
        if slots[window] and young:
            return (*_counted(rng, slots[window].pop(0), age, day), True)
        return (*_neutral(rng, day, age, age_fixed), False)

    for concern in concerns:  # cases opened from the concerns' demo
        org_key = next(
            (k for k in ("shop", "fier") if context.organizations[k].pk == concern.handling_organization_id), None
        )
        if org_key is None:
            continue
        received = timezone.localtime(concern.received_at)
        day = min(received.date() + datetime.timedelta(days=rng.randint(1, 14)), today)
        opened_at = min(
            max(_moment(rng, day), concern.received_at + datetime.timedelta(hours=1)),
            now - datetime.timedelta(minutes=5),
        )
        day = timezone.localtime(opened_at).date()
        person = (
            concern.young_person
            if concern.young_person and concern.young_person.organization_id == concern.handling_organization_id
            else None
        )
        fixed = person is not None
        known_age = age_on(person.date_of_birth, day) if person is not None and person.date_of_birth else None
        age, forms, status, counted = take(org_key, day, age=known_age, age_fixed=fixed)
        specs.append(Spec(org_key, opened_at, age, forms, status, concern=concern, counted=counted))

    windows = {
        "2020": (datetime.date(2020, 1, 6), datetime.date(2020, 12, 18)),
        "2021": (datetime.date(2021, 1, 6), datetime.date(2021, 12, 17)),
        "2022a": (datetime.date(2022, 1, 5), datetime.date(2022, 7, 8)),
    }
    for window, kinds in slots.items():  # the figures not yet reached through concerns
        for slot in kinds:
            day = _day_between(rng, *windows[window])
            specs.append(Spec("shop", _moment(rng, day), *_counted(rng, slot, None, day), counted=True))
        kinds.clear()
    for slot in ("combined", "criminal", "combined"):  # "more may follow" after mid July 2022
        day = _day_between(rng, datetime.date(2022, 8, 1), datetime.date(2022, 12, 16))
        specs.append(Spec("shop", _moment(rng, day), *_counted(rng, slot, None, day)))
    for days_ago in (400, 250, 150):  # minors who turn 18 during the case
        day = today - datetime.timedelta(days=days_ago)
        specs.append(
            Spec(
                "shop",
                _moment(rng, day),
                17,
                _criminal(rng),
                VictimStatus.SUSPECTED,
                minor_turning_18=True,
                extra={"birthday_in": rng.randint(20, min(330, days_ago - 30))},
            )
        )

    years, weights = zip(*YEAR_WEIGHTS.items(), strict=True)
    while len(specs) < TOTAL_CASES:
        year = rng.choices(years, weights=weights)[0]
        end = min(datetime.date(year, 12, 20), today - datetime.timedelta(days=1))
        day = _day_between(rng, datetime.date(year, 1, 3), end)
        org_key = "fier" if rng.random() < 0.2 else "shop"
        age, forms, status, _counted_flag = take(org_key, day, age=None, age_fixed=False)
        specs.append(Spec(org_key, _moment(rng, day), age, forms, status))
    specs.sort(key=lambda s: s.opened_at)
    return specs


def _date_of_birth(rng: random.Random, spec: Spec) -> datetime.date | None:
    if spec.age is None:
        return None
    opened_on = timezone.localtime(spec.opened_at).date()
    if spec.minor_turning_18:
        birthday = opened_on + datetime.timedelta(days=spec.extra["birthday_in"])  # the 18th birthday
        born = (
            birthday.replace(year=birthday.year - 18)
            if not (birthday.month == 2 and birthday.day == 29)
            else datetime.date(birthday.year - 18, 2, 28)
        )
    else:
        anniversary = (
            opened_on.replace(year=opened_on.year - spec.age)
            if not (opened_on.month == 2 and opened_on.day == 29)
            else datetime.date(opened_on.year - spec.age, 2, 28)
        )
        born = anniversary - datetime.timedelta(days=rng.randint(1, 330))
    assert age_on(born, opened_on) == spec.age, (born, opened_on, spec.age)
    return born


def _person(context: DemoContext, spec: Spec, worker) -> YoungPerson:
    rng = context.rng
    concern_person = getattr(spec.concern, "young_person", None) if spec.concern is not None else None
    if concern_person is not None and concern_person.organization_id == worker.organization.pk:
        return concern_person
    sexual = any(kind == ExploitationType.SEXUAL for kind, _ in spec.exploitation)
    gender = rng.choices(
        [Gender.FEMALE, Gender.MALE, Gender.OTHER, Gender.UNKNOWN], weights=[70, 25, 3, 2] if sexual else [20, 75, 3, 2]
    )[0]
    given = rng.choice(GIVEN_FEMALE if gender == Gender.FEMALE else GIVEN_MALE)
    return people_services.young_person_create(
        organization=worker.organization,
        user=worker,
        given_names=given,
        family_name_prefix=rng.choice(PREFIXES),
        family_name=rng.choice(FAMILY),
        date_of_birth=_date_of_birth(rng, spec),
        gender=gender,
        district=rng.choice([d for d in District.values if d != District.UNKNOWN] + [District.UNKNOWN]),
    )


class _Clock:
    """Moments after the opening, never in the future."""

    def __init__(self, start: datetime.datetime) -> None:
        self.moment = start
        self.limit = timezone.now() - datetime.timedelta(minutes=1)

    def advance(self, rng: random.Random, low: int, high: int) -> datetime.datetime | None:
        day = timezone.localtime(self.moment).date() + datetime.timedelta(days=rng.randint(max(low, 1), max(high, 1)))
        candidate = _moment(rng, day)  # office hours
        if candidate > self.limit:
            return None
        self.moment = candidate
        return candidate


def _life(context: DemoContext, case: Case, spec: Spec, worker, coordinator) -> None:
    """Referrals, support, notes, the transition at 18 and closing, in time order."""
    rng, orgs, users = context.rng, context.organizations, context.users
    clock = _Clock(case.opened_at)
    person = case.young_person
    if (at := clock.advance(rng, 1, 7)) is not None:
        services.case_add_note(case=case, user=worker, text=rng.choice(NOTES), at=at)
    day = timezone.localtime(clock.moment).date()
    minor = (age_on(person.date_of_birth, day) if person.date_of_birth else case.age_at_registration or 99) < 18
    if minor and (at := clock.advance(rng, 1, 5)) is not None:
        consent = None
        if rng.random() < 0.5:
            consent = referral_services.consent_record(
                case=case,
                user=worker,
                recipient=orgs["cjg"],
                purpose=ReferralPurpose.YOUTH_CARE_COORDINATION,
                given_by_text=rng.choice(["jongere", "ouder/voogd"]),
                given_at=at,
            )
        referral = referral_services.referral_create(
            case=case,
            user=worker,
            to_organization=orgs["cjg"],
            purpose=ReferralPurpose.YOUTH_CARE_COORDINATION,
            legal_basis=LegalBasis.CONSENT if consent else LegalBasis.LEGAL_OBLIGATION,
            question=CJG_QUESTIONS[case.pk % len(CJG_QUESTIONS)],  # not from rng: the demo stays as it was
            consent=consent,
            at=at,
        )
        if (at := clock.advance(rng, 1, 6)) is not None:
            accept = rng.random() < 0.8
            referral_services.referral_respond(
                referral=referral,
                user=users["partner"],
                accept=accept,
                at=at,
                note="" if accept else "Gezin is al bekend bij het wijkteam; afstemming daar.",
            )
            if accept and (done_at := clock.advance(rng, 20, 90)) is not None and rng.random() < 0.5:
                referral_services.referral_mark_done(referral=referral, user=users["partner"], at=done_at)
    if (
        (at := clock.advance(rng, 1, 10)) is not None
        and (spec.victim_status != VictimStatus.NOT_VICTIM)
        and rng.random() < 0.9
    ):
        reason = ""
        if services.case_active_support_blocked(case, day=timezone.localtime(at).date()):
            reason = rng.choice(EXEMPTION_REASONS) if rng.random() < 0.6 else ""
        if reason or not services.case_active_support_blocked(case, day=timezone.localtime(at).date()):
            services.case_transition(
                case=case, user=worker, to_status=CaseStatus.ACTIVE_SUPPORT, cjg_exemption_reason=reason, at=at
            )
            for kind in rng.sample(list(SupportActionKind.values), rng.randint(1, 3)):
                if (at := clock.advance(rng, 0, 20)) is None:
                    break
                started = timezone.localtime(at).date()
                referral_services.support_action_add(
                    case=case,
                    user=worker,
                    kind=kind,
                    started_on=started,
                    at=at,
                    ended_on=started + datetime.timedelta(days=rng.randint(30, 200)) if rng.random() < 0.5 else None,
                )
            if rng.random() < 0.2 and (at := clock.advance(rng, 1, 30)) is not None:
                referral_services.referral_create(
                    case=case,
                    user=worker,
                    to_organization=orgs["police"],
                    purpose=ReferralPurpose.SAFETY,
                    legal_basis=LegalBasis.PUBLIC_TASK,
                    question="Graag afstemming over de veiligheid van de jongere en een contactpersoon bij de politie.",
                    at=at,
                )
    # Suspected -> confirmed keeps a case in the source document's counts.
    if (
        spec.victim_status == VictimStatus.SUSPECTED
        and rng.random() < 0.3
        and (at := clock.advance(rng, 10, 60)) is not None
    ):
        services.case_set_victim_status(
            case=case,
            user=worker,
            victim_status=VictimStatus.CONFIRMED,
            at=at,
            note="Bevestigd na gesprek met politie (AVIM).",
        )
    if person.date_of_birth:
        birthday = timezone.make_aware(
            datetime.datetime.combine(eighteenth_birthday(person.date_of_birth), datetime.time(10))
        )
        turns_18_soon = case.opened_at < birthday < clock.moment + datetime.timedelta(days=365)
        record = spec.extra.get("record_step", True) if spec.minor_turning_18 else turns_18_soon
        if turns_18_soon and record:
            clock.moment = max(clock.moment, birthday)
            if (at := clock.advance(rng, 3, 14)) is not None:
                services.case_record_transition_step(
                    case=case, user=worker, note="Overdracht naar volwassenenzorg besproken.", at=at
                )
    if coordinator is None or spec.minor_turning_18:
        return
    if rng.random() < 0.35 and (at := clock.advance(rng, 1, 20)) is not None:
        services.case_assign_lead(case=case, user=coordinator, lead_worker=coordinator, at=at)
    if (at := clock.advance(rng, 90, 600)) is not None and rng.random() < 0.9:
        if spec.victim_status == VictimStatus.NOT_VICTIM:
            reason = CloseReason.NO_EXPLOITATION
        else:
            reason = rng.choices(
                [
                    CloseReason.GOALS_REACHED,
                    CloseReason.MOVED,
                    CloseReason.REFUSED_SUPPORT,
                    CloseReason.TRANSFERRED,
                    CloseReason.OTHER,
                ],
                weights=[50, 10, 15, 20, 5],
            )[0]
        services.case_close(case=case, user=coordinator, reason=reason, at=at)


def populate(context: DemoContext) -> None:
    concerns = []
    # Concern ids, or dicts with an "id" key, left in triage by the concerns' demo.
    concern_ids = [
        item["id"] if isinstance(item, dict) else item for item in context.extra.get("concerns_for_cases", [])
    ]
    if concern_ids:
        by_id = Concern.objects.select_related("young_person").in_bulk(concern_ids)
        concerns = [by_id[pk] for pk in concern_ids if pk in by_id]
    workers = {"shop": context.users["support_worker"], "fier": context.users["fier_worker"]}
    coordinators = {"shop": context.users["coordinator"], "fier": None}
    case_ids: list[int] = []
    turning = 0
    for spec in _plan(context, concerns):
        worker = workers[spec.org_key]
        if spec.minor_turning_18:
            spec.extra["record_step"] = turning == 0  # one recorded, the others still ask for it
            turning += 1
        person = _person(context, spec, worker)
        try:
            case = services.case_open(
                user=worker,
                young_person=person,
                concerns=[spec.concern] if spec.concern is not None else [],
                exploitation=spec.exploitation,
                victim_status=spec.victim_status,
                opened_at=spec.opened_at,
                victim_also_suspect=context.rng.random() < 0.15,
                lead_worker=worker,
                age_at_exploitation_start=max(10, spec.age - context.rng.randint(0, 2)) if spec.age else None,
            )
        except ValidationError as error:  # a concern in a status that cannot lead to a case
            context.log(f"  skipped a case: {'; '.join(error.messages)}")
            continue
        _life(context, case, spec, worker, coordinators[spec.org_key])
        case_ids.append(case.pk)
    context.extra["cases"] = case_ids
    context.log(f"  {len(case_ids)} cases")
