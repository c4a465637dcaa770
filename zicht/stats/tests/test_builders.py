"""Selectors against hand-built populations; expected counts come from the generating lists, not the database."""

from __future__ import annotations

import datetime
import random
from collections import Counter

import pytest

from zicht.cases.constants import CloseReason, ReferralStatus, VictimStatus
from zicht.cases.models import Referral, SupportAction
from zicht.common.exploitation import ExploitationType
from zicht.concerns.constants import ConcernChannel, ConcernKind, RecruitmentPlace, ReporterSector
from zicht.concerns.models import ConcernCrimeDomain
from zicht.concerns.tests.factories import concern_make
from zicht.outreach.constants import AudienceSector
from zicht.outreach.models import Training, TrainingAudience
from zicht.people.constants import District
from zicht.stats import builders
from zicht.stats.figures import FIGURES
from zicht.stats.summaries import summaries_rebuild
from zicht.stats.tests.factories import aware, case_make
from zicht.walk_ins.models import WalkInVisitCount
from zicht.walk_ins.tests.factories import session_make

pytestmark = pytest.mark.django_db

START, END = datetime.date(2020, 1, 1), datetime.date(2022, 7, 15)
FORMS = [
    (("criminal", "drugs"),),
    (("criminal", "money_mule"), ("sexual", "")),
    (("sexual", ""),),
    (("labour", ""),),
    (("criminal", "theft"), ("criminal", "drugs")),  # two sub-types, one form: not combined
    (("criminal", "drugs"), ("sexual", ""), ("labour", "")),
]


@pytest.fixture
def population(support_org, other_support_org):
    rng = random.Random(4)
    specs = []
    for _ in range(60):
        spec = {
            "organization": rng.choice([support_org, support_org, other_support_org]),
            "opened_on": START + datetime.timedelta(days=rng.randint(-60, (END - START).days + 60)),
            "age": rng.choice([None, 12, 15, 17, 18, 19, 20, 21, 22, 23, 25]),
            "forms": rng.choice(FORMS),
            "victim_status": rng.choice(VictimStatus.values),
            "district": rng.choice([District.ESCAMP, District.LAAK, District.CENTRUM]),
        }
        if rng.random() < 0.3:
            spec["close_reason"] = rng.choice([CloseReason.GOALS_REACHED, CloseReason.MOVED])
            spec["closed_on"] = spec["opened_on"] + datetime.timedelta(days=rng.randint(0, 90))
        spec["case"] = case_make(**spec)
        specs.append(spec)
    return specs


def _in_period(day: datetime.date) -> bool:
    return START <= day <= END


def test_known_young_victims_per_year(population, support_org) -> None:
    expected: Counter = Counter()
    for s in population:
        types = {t for t, _sub in s["forms"]}
        if (
            s["organization"] == support_org
            and _in_period(s["opened_on"])
            and s["age"] is not None
            and s["age"] < 21
            and s["victim_status"] in ("suspected", "confirmed")
            and "criminal" in types
        ):
            expected[(str(s["opened_on"].year), "victims")] += 1
            if "sexual" in types:
                expected[(str(s["opened_on"].year), "combined")] += 1
    table = builders.known_young_victims_per_year(start=START, end=END, organization=support_org)
    # the period ends on 15 July 2022: that year is labelled as partial
    assert table.rows[:2] == ("2020", "2021") and table.rows[2].startswith("2022 (") and "15" in table.rows[2]
    for i, label in enumerate(table.rows):
        year = label[:4]
        assert table.cells[i] == (expected[(year, "victims")], expected[(year, "combined")])
    assert sum(expected.values()) > 0
    everyone = builders.known_young_victims_per_year(start=START, end=END)
    assert everyone.column_sums()[0] >= table.column_sums()[0]


def test_cases_by_form_counts_combined_as_more_than_one_distinct_form(population) -> None:
    expected: Counter = Counter()
    for s in population:
        if not _in_period(s["opened_on"]):
            continue
        types = {t for t, _sub in s["forms"]}
        for t in types:
            expected[(t, str(s["opened_on"].year))] += 1
        if len(types) > 1:
            expected[("combined", str(s["opened_on"].year))] += 1
    table = builders.cases_by_form(start=START, end=END)
    codes = [*ExploitationType.values, "combined"]
    for i, code in enumerate(codes):
        for j, label in enumerate(table.columns):
            assert table.cells[i][j] == expected[(code, label[:4])], (code, label)


def test_age_bands_overlap(population) -> None:
    bands = {
        "under_18": lambda a: a is not None and a < 18,
        "18_20": lambda a: a is not None and 18 <= a <= 20,
        "under_21": lambda a: a is not None and a < 21,
        "18_22": lambda a: a is not None and 18 <= a <= 22,
        "23_plus": lambda a: a is not None and a >= 23,
        "unknown": lambda a: a is None,
    }
    table = builders.cases_by_age_band(start=START, end=END)
    for i, label in enumerate(table.rows):
        for j, (_code, test) in enumerate(bands.items()):
            want = sum(
                1
                for s in population
                if _in_period(s["opened_on"]) and str(s["opened_on"].year) == label[:4] and test(s["age"])
            )
            assert table.cells[i][j] == want


def test_cases_by_year_district_and_outcome(population) -> None:
    in_period = [s for s in population if _in_period(s["opened_on"])]
    by_year = builders.cases_by_year(start=START, end=END)
    assert by_year.total() == len(in_period)
    for i, label in enumerate(by_year.rows):
        for j, status in enumerate(VictimStatus.values):
            assert by_year.cells[i][j] == sum(
                1 for s in in_period if str(s["opened_on"].year) == label[:4] and s["victim_status"] == status
            )
    district = builders.cases_by_district(start=START, end=END)
    assert district.value(str(District.LAAK.label), district.columns[0]) == sum(
        1 for s in in_period if s["district"] == District.LAAK
    )
    closed = [s for s in population if s.get("closed_on") and _in_period(s["closed_on"])]
    outcome = builders.cases_by_outcome(start=START, end=END)
    assert outcome.total() == len(closed)
    assert outcome.value(str(CloseReason.MOVED.label), outcome.columns[0]) == sum(
        1 for s in closed if s["close_reason"] == CloseReason.MOVED
    )


def test_referrals_and_support(population, cjg_org, personas) -> None:
    cases = [s["case"] for s in population]
    user = personas["coordinator"]
    statuses = [ReferralStatus.ACCEPTED, ReferralStatus.REJECTED, ReferralStatus.ACCEPTED, ReferralStatus.DONE]
    for case, status in zip(cases, statuses, strict=False):
        Referral.objects.create(
            case=case,
            to_organization=cjg_org,
            purpose="youth_care_coordination",
            legal_basis="legal_obligation",
            status=status,
            created_by=user,
            created_at=aware(datetime.date(2021, 3, 1)),
        )
    Referral.objects.create(
        case=cases[5],
        to_organization=cjg_org,
        purpose="shelter",
        legal_basis="legal_obligation",
        status="accepted",
        created_by=user,
        created_at=aware(datetime.date(2023, 3, 1)),
    )
    summaries_rebuild()  # rows written directly, not through the services
    table = builders.referrals_by_partner(start=START, end=END)
    assert table.rows == (cjg_org.name,)
    assert table.cells[0] == (0, 2, 1, 1)
    SupportAction.objects.create(case=cases[0], kind="shelter", started_on=datetime.date(2021, 1, 1))
    SupportAction.objects.create(case=cases[0], kind="shelter", started_on=datetime.date(2021, 2, 1))
    SupportAction.objects.create(case=cases[1], kind="shelter", started_on=datetime.date(2021, 2, 1))
    SupportAction.objects.create(case=cases[1], kind="legal", started_on=datetime.date(2019, 2, 1))
    summaries_rebuild()  # rows written directly, not through the services
    support = builders.support_actions(start=START, end=END)
    assert support.value(support.rows[0], support.columns[0]) == 2  # two cases with shelter
    assert support.total() == 2


def test_concern_figures(support_org, other_support_org) -> None:
    day = datetime.date(2021, 5, 3)
    made = [
        (
            ReporterSector.TEACHER,
            ConcernChannel.FORM,
            ConcernKind.CONCERN,
            RecruitmentPlace.ONLINE,
            0.5,
            ["drug_trafficking"],
        ),
        (
            ReporterSector.TEACHER,
            ConcernChannel.PHONE,
            ConcernKind.CONCERN,
            RecruitmentPlace.SCHOOL,
            2,
            ["drug_trafficking", "money_mule"],
        ),
        (ReporterSector.POLICE, ConcernChannel.PHONE, ConcernKind.ADVICE_REQUEST, RecruitmentPlace.UNKNOWN, None, []),
        (ReporterSector.PARENT, ConcernChannel.EMAIL, ConcernKind.CONCERN, RecruitmentPlace.ONLINE, 20, ["money_mule"]),
    ]
    for sector, channel, kind, place, wait_days, domains in made:
        received = aware(day)
        concern = concern_make(
            handling_organization=support_org,
            reporter_sector=sector,
            kind=kind,
            received_at=received,
            recruitment_place=place,
            first_contact_at=received + datetime.timedelta(days=wait_days) if wait_days is not None else None,
        )
        concern.channel = channel
        concern.save(update_fields=["channel"])
        ConcernCrimeDomain.objects.bulk_create(ConcernCrimeDomain(concern=concern, domain=d) for d in domains)
    concern_make(handling_organization=other_support_org, received_at=aware(day))
    summaries_rebuild()  # rows written directly, not through the services
    sector = builders.concerns_by_sector(start=START, end=END, organization=support_org)
    assert sector.value(str(ReporterSector.TEACHER.label), str(ConcernKind.CONCERN.label)) == 2
    assert sector.value(str(ReporterSector.POLICE.label), str(ConcernKind.ADVICE_REQUEST.label)) == 1
    assert builders.concerns_by_sector(start=START, end=END).total() == 5
    channel = builders.concerns_by_channel(start=START, end=END, organization=support_org)
    assert channel.value(str(ConcernChannel.PHONE.label), str(ConcernKind.CONCERN.label)) == 1
    domain = builders.concerns_by_crime_domain(start=START, end=END, organization=support_org)
    assert domain.column_sums() == (4,) and domain.cells[1] == (2,)
    places = builders.recruitment_places(start=START, end=END, organization=support_org)
    assert (
        places.value(str(RecruitmentPlace.ONLINE.label), "2021") == 2 and places.total() == 3
    )  # advice request excluded
    waits = builders.first_contact_time(start=START, end=END, organization=support_org)
    assert [row[0] for row in waits.cells] == [1, 1, 0, 0, 1, 1]


def test_outreach_figures(support_org) -> None:
    t1 = Training.objects.create(
        date=datetime.date(2021, 3, 1),
        organiser=support_org,
        title="A",
        participants=20,
        topic_criminal=True,
        topic_sexual=True,
    )
    t2 = Training.objects.create(
        date=datetime.date(2021, 4, 1), organiser=support_org, title="B", participants=12, topic_criminal=True
    )
    t3 = Training.objects.create(date=datetime.date(2023, 4, 1), organiser=support_org, title="C", participants=50)
    for training, sectors in ((t1, ["teacher", "youth_worker"]), (t2, ["teacher"]), (t3, ["teacher"])):
        TrainingAudience.objects.bulk_create(TrainingAudience(training=training, sector=s) for s in sectors)
    summaries_rebuild()  # rows written directly, not through the services
    table = builders.trainings_by_audience(start=START, end=END)
    assert table.value(str(AudienceSector.TEACHER.label), table.columns[0]) == 2
    assert table.cells[AudienceSector.values.index("teacher")] == (2, 2, 1)
    assert table.cells[AudienceSector.values.index("youth_worker")] == (1, 1, 1)
    participants = builders.trainings_participants(start=START, end=END)
    assert participants.column_sums() == (2, 32)
    session = session_make(organization=support_org, date=datetime.date(2021, 6, 1))
    WalkInVisitCount.objects.create(session=session, visitor_type="parent", topic="criminal", count=3)
    WalkInVisitCount.objects.create(session=session, visitor_type="young_person", topic="criminal", count=4)
    summaries_rebuild()  # rows written directly, not through the services
    visits = builders.walk_in_visits(start=START, end=END)
    assert visits.total() == 7


def test_every_figure_builds_on_an_empty_database() -> None:
    for key, spec in FIGURES.items():
        table = spec.build(start=START, end=END)
        assert table.key == key
        assert table.total() == 0


def test_builders_use_the_key_and_title_of_the_registry() -> None:
    from zicht.stats.figures import FIGURES

    for key, spec in FIGURES.items():
        table = spec.build(start=START, end=END)
        assert (table.key, table.title) == (key, str(spec.label)), key
