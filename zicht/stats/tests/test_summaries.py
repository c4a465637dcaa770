"""The statistics tallies against a full recount, over random sequences of writes through the services.

Two oracles: the stored tallies must equal the tallies recomputed from scratch
(``rebuild_stats_summaries --check``), and every figure summed from the tallies must equal the
same figure counted straight from the case, concern, training, walk-in and route tables by the
former SQL builders (``recount_cases``, ``recount_activity``, ``recount_framework``). The writes
include status changes, closing, referrals (with consent recorded on the way), referral answers,
first contacts, routes through the action framework (a professional's route that becomes a
concern, triage steps), and retention (cases anonymised, concerns purged).
"""

from __future__ import annotations

import datetime
import io
import random
from collections import Counter
from collections.abc import Callable

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command
from django.utils import timezone

from zicht.accounts.tests.factories import UserFactory
from zicht.cases import referral_services, services
from zicht.cases.constants import CloseReason, LegalBasis, ReferralPurpose, SupportActionKind, VictimStatus
from zicht.cases.models import Case, Referral
from zicht.cases.tests.factories import make_person
from zicht.common.exploitation import ExploitationType
from zicht.common.models import Tally
from zicht.common.roles import Role
from zicht.concerns import services as concern_services
from zicht.concerns.constants import (
    ConcernChannel,
    ConcernKind,
    ConcernStatus,
    CrimeDomain,
    RecruitmentPlace,
    ReporterSector,
)
from zicht.concerns.models import Concern
from zicht.framework.models import RouteStep
from zicht.framework.selectors import route_files_concern
from zicht.framework.services import route_start, route_step_save
from zicht.framework.tests.factories import PROFESSIONAL_STEPS, REPORT_TO_SUPPORT
from zicht.outreach.constants import AudienceSector, TrainingKind
from zicht.outreach.services import training_create
from zicht.people.constants import District
from zicht.retention.cases import cases_anonymise
from zicht.retention.concerns import concerns_purge
from zicht.stats.figures import FIGURES
from zicht.stats.summaries import summaries_drift
from zicht.stats.tests import recount_activity, recount_cases, recount_framework
from zicht.walk_ins.constants import VisitorType, VisitTopic
from zicht.walk_ins.services import walk_in_counts_record
from zicht.walk_ins.tests.factories import session_make

pytestmark = pytest.mark.django_db

FIRST_DAY = datetime.date(2019, 1, 1)
SPAN_DAYS = 7 * 365
FORMS = [
    (ExploitationType.CRIMINAL, "drugs"),
    (ExploitationType.CRIMINAL, "theft"),
    (ExploitationType.SEXUAL, ""),
    (ExploitationType.LABOUR, ""),
]


def _recount(key: str) -> Callable:
    name = FIGURES[key].build.__name__
    return next(getattr(m, name) for m in (recount_cases, recount_activity, recount_framework) if hasattr(m, name))


class World:
    """Random writes through the services; each op picks its targets with ``rng``."""

    def __init__(self, rng: random.Random, personas, orgs, cjg_org) -> None:
        self.rng, self.orgs, self.cjg = rng, orgs, cjg_org
        self.coordinators = [personas[Role.COORDINATOR], UserFactory(organization=orgs[1], role=Role.COORDINATOR)]
        self.partner, self.reporter = personas[Role.PARTNER], personas[Role.REPORTER]
        self.done: Counter[str] = Counter()
        self.refused: Counter[str] = Counter()

    def moment(self) -> datetime.datetime:
        day = FIRST_DAY + datetime.timedelta(days=self.rng.randrange(SPAN_DAYS))
        # hours 0-23: some moments fall on the other side of midnight in UTC
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time(self.rng.randrange(24))))

    def pick(self, queryset):
        ids = list(queryset.values_list("pk", flat=True))
        return queryset.model.objects.get(pk=self.rng.choice(ids)) if ids else None

    def coordinator_of(self, case: Case):
        return next(u for u in self.coordinators if u.organization.pk == case.organization_id)

    def forms(self) -> list[tuple[str, str]]:
        return self.rng.sample(FORMS, self.rng.randint(1, 3))

    # --- the operations ------------------------------------------------------------------------

    def case_open(self) -> None:
        user = self.rng.choice(self.coordinators)
        age = self.rng.choice([None, 12, 16, 17, 18, 19, 20, 21])  # at most 30 today
        opened_at = self.moment()
        birth = None if age is None else opened_at.date().replace(day=1) - datetime.timedelta(days=365 * age + 40)
        person = make_person(user=user, date_of_birth=birth, district=self.rng.choice(District.values))
        services.case_open(
            user=user,
            young_person=person,
            exploitation=self.forms(),
            victim_status=self.rng.choice(VictimStatus.values),
            opened_at=opened_at,
        )

    def case_victim_status(self) -> None:
        case = self.pick(Case.objects.all())
        services.case_set_victim_status(
            case=case, user=self.coordinator_of(case), victim_status=self.rng.choice(VictimStatus.values)
        )

    def case_exploitation(self) -> None:
        case = self.pick(Case.objects.all())
        services.case_set_exploitation(case=case, user=self.coordinator_of(case), exploitation=self.forms())

    def case_close(self) -> None:
        case = self.pick(Case.objects.filter(closed_at__isnull=True))
        at = min(case.opened_at + datetime.timedelta(hours=self.rng.randrange(1, 24 * 400)), timezone.now())
        services.case_close(
            case=case, user=self.coordinator_of(case), reason=self.rng.choice(CloseReason.values), at=at
        )

    def support_add(self) -> None:
        case = self.pick(Case.objects.order_by("pk")[:4])  # few cases: each gets support more than once
        started_on = case.opened_at.date() + datetime.timedelta(days=self.rng.randrange(0, 200))
        referral_services.support_action_add(
            case=case,
            user=self.coordinator_of(case),
            kind=self.rng.choice(SupportActionKind.values[:2]),  # few kinds: a case gets one kind twice
            started_on=min(started_on, timezone.localdate()),
            at=case.opened_at,
        )

    def referral_create(self) -> None:
        case = self.pick(Case.objects.all())
        # with consent, half the time: the consent is recorded by the same service, in its transaction
        consent = self.rng.random() < 0.5
        referral_services.referral_create(
            case=case,
            user=self.coordinator_of(case),
            to_organization=self.cjg,
            purpose=ReferralPurpose.YOUTH_CARE_COORDINATION,
            legal_basis=LegalBasis.CONSENT if consent else LegalBasis.LEGAL_OBLIGATION,
            consent_given_by="de moeder" if consent else "",
            question="Kunnen jullie de jeugdhulp coördineren?",
            at=min(case.opened_at + datetime.timedelta(days=self.rng.randrange(0, 60)), timezone.now()),
        )

    def referral_answer(self) -> None:
        referral = self.pick(Referral.objects.all())
        if self.rng.random() < 0.7:
            referral_services.referral_respond(referral=referral, user=self.partner, accept=self.rng.random() < 0.6)
        else:
            referral_services.referral_mark_done(referral=referral, user=self.partner)

    def route_walk(self) -> None:
        """A professional's route: some steps completed (the last maybe with its decision), at times
        around the norms; a route that ends in a report becomes a concern (its organisation changes)."""
        started_at = self.moment()
        route = route_start(user=self.reporter, at=started_at)
        at = started_at
        for code in PROFESSIONAL_STEPS[: self.rng.randint(0, len(PROFESSIONAL_STEPS))]:
            at = min(at + datetime.timedelta(hours=self.rng.choice([1, 24, 95, 96, 200, 400])), timezone.now())
            decisions = list(RouteStep.objects.get(route=route, step__code=code).step.decisions.all())
            decision = self.rng.choice(decisions).code if decisions else ""
            if code == "decide" and self.rng.random() < 0.6:
                decision = REPORT_TO_SUPPORT
            route_step_save(
                route=route, user=self.reporter, step_code=code, decision_code=decision, complete=True, at=at
            )
        route.refresh_from_db()
        if route_files_concern(route=route, user=self.reporter):
            self.concern_submit(framework_route=route)

    def triage_safety_check(self) -> None:
        concern = self.pick(Concern.objects.filter(triage_route__isnull=False))
        user = next(u for u in self.coordinators if u.organization.pk == concern.handling_organization_id)
        at = min(concern.received_at + datetime.timedelta(hours=self.rng.choice([2, 30, 200])), timezone.now())
        concern_services.concern_record_safety_check(concern=concern, user=user, answers={}, at=at)

    def concern_submit(self, framework_route=None) -> None:
        concern_services.concern_submit(
            framework_route=framework_route,
            reporter=self.reporter,
            handling_organization=self.rng.choice(self.orgs),
            reporter_sector=self.rng.choice(ReporterSector.values),
            kind=ConcernKind.CONCERN if framework_route else self.rng.choice(ConcernKind.values),
            channel=self.rng.choice(ConcernChannel.values),
            received_at=self.moment() if framework_route is None else min(framework_route.finished_at, timezone.now()),
            crime_domains=self.rng.sample(CrimeDomain.values, self.rng.randint(0, 2)),
            recruitment_place=self.rng.choice(RecruitmentPlace.values),
            description="Zorgen over een jongere",
        )

    def concern_first_contact(self) -> None:
        concern = self.pick(Concern.objects.filter(first_contact_at__isnull=True))
        user = next(u for u in self.coordinators if u.organization.pk == concern.handling_organization_id)
        # whole hours, so waits of exactly 1, 4, 8 and 15 days (the band edges) occur
        at = min(
            concern.received_at + datetime.timedelta(hours=self.rng.choice([1, 23, 24, 95, 96, 192, 360, 400])),
            timezone.now(),
        )
        concern_services.concern_record_first_contact(concern=concern, user=user, at=at)

    def concern_close(self) -> None:
        concern = self.pick(Concern.objects.filter(status__in=[ConcernStatus.NEW, ConcernStatus.IN_TRIAGE]))
        user = next(u for u in self.coordinators if u.organization.pk == concern.handling_organization_id)
        at = concern.received_at + datetime.timedelta(days=1)
        if concern.status == ConcernStatus.NEW:
            concern = concern_services.concern_transition(
                concern=concern, user=user, to_status=ConcernStatus.IN_TRIAGE, at=at
            )
        concern_services.concern_transition(concern=concern, user=user, to_status=ConcernStatus.CLOSED, at=at)

    def training(self) -> None:
        user = self.rng.choice(self.coordinators)
        criminal = self.rng.random() < 0.7
        training_create(
            user=user,
            date=self.moment().date(),
            organiser=user.organization,
            title="Training",
            kind=self.rng.choice(TrainingKind.values),
            participants=self.rng.randrange(1, 60),
            audiences=self.rng.sample(AudienceSector.values, self.rng.randint(1, 3)),
            topic_criminal=criminal,
            topic_sexual=not criminal or self.rng.random() < 0.5,
        )

    def walk_in(self) -> None:
        user = self.rng.choice(self.coordinators)
        session = session_make(organization=user.organization, date=self.moment().date())
        for _ in range(self.rng.choice([1, 2])):  # recorded, then maybe corrected
            counts = {
                (self.rng.choice(VisitorType.values), self.rng.choice(VisitTopic.values)): self.rng.randrange(0, 6)
                for _ in range(3)
            }
            walk_in_counts_record(session=session, user=user, counts=counts)

    def retention(self) -> None:
        cases_anonymise(today=timezone.localdate())
        concerns_purge(today=timezone.localdate())

    OPS = (
        (case_open, 6),
        (case_victim_status, 2),
        (case_exploitation, 2),
        (case_close, 2),
        (support_add, 3),
        (referral_create, 2),
        (referral_answer, 2),
        (concern_submit, 4),
        (concern_first_contact, 2),
        (concern_close, 3),
        (training, 1),
        (walk_in, 1),
        (route_walk, 3),
        (triage_safety_check, 1),
        (retention, 1),
    )

    def step(self) -> None:
        op = self.rng.choices([op for op, _w in self.OPS], weights=[w for _o, w in self.OPS])[0]
        try:
            op(self)
        except (ValidationError, PermissionDenied, AttributeError, StopIteration, IndexError) as error:
            # refused (or nothing to pick): the service changed nothing, the tallies neither
            self.refused[f"{op.__name__}: {type(error).__name__}"] += 1
            return
        self.done[op.__name__] += 1


def _assert_figures_equal_recount(rng: random.Random, orgs) -> None:
    start = FIRST_DAY + datetime.timedelta(days=rng.randrange(0, 700))
    end = start + datetime.timedelta(days=rng.randrange(30, SPAN_DAYS))
    periods = [(FIRST_DAY, FIRST_DAY + datetime.timedelta(days=SPAN_DAYS)), (start, end)]
    for key, spec in FIGURES.items():
        if key == "hidden_number":
            continue  # model output, not a count
        for period_start, period_end in periods:
            for organization in (None, *orgs):
                kwargs = {"start": period_start, "end": period_end, "organization": organization}
                assert spec.build(**kwargs) == _recount(key)(**kwargs), (key, kwargs)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_tallies_equal_a_full_recount_after_random_writes(
    seed, personas, support_org, other_support_org, cjg_org, settings
) -> None:
    settings.ZICHT_CLOSED_CASE_RETENTION_DAYS = 400
    settings.ZICHT_CONCERN_RETENTION_DAYS = 400
    rng = random.Random(seed)
    orgs = [support_org, other_support_org]
    world = World(rng, personas, orgs, cjg_org)
    for step in range(70):
        world.step()
        if step % 35 == 34:
            assert summaries_drift() == {}, f"after {step + 1} steps"
    _assert_figures_equal_recount(rng, orgs)
    assert sum(world.done.values()) > 40, world.done


def test_every_kind_of_write_is_exercised(personas, support_org, other_support_org, cjg_org, settings) -> None:
    """The random sequences above are only worth their name if every operation succeeds at times."""
    settings.ZICHT_CLOSED_CASE_RETENTION_DAYS = 400
    settings.ZICHT_CONCERN_RETENTION_DAYS = 400
    world = World(random.Random(7), personas, [support_org, other_support_org], cjg_org)
    for _ in range(120):
        world.step()
    assert summaries_drift() == {}
    assert {op.__name__ for op, _w in World.OPS} - set(world.done) == set(), (world.done, world.refused)
    assert Concern.objects.count() < world.done["concern_submit"], "retention purged no concern"


def test_the_check_reports_drift_and_the_rebuild_repairs_it(personas, support_org, other_support_org, cjg_org) -> None:
    world = World(random.Random(3), personas, [support_org, other_support_org], cjg_org)
    for _ in range(3):
        world.case_open()
    call_command("rebuild_stats_summaries", "--check", stdout=io.StringIO())
    row = Tally.objects.filter(topic="case.status").first()
    Tally.objects.filter(pk=row.pk).update(n=row.n + 5)  # a direct change behind the services' back
    with pytest.raises(CommandError, match="drifted at 1 keys"):
        call_command("rebuild_stats_summaries", "--check", stdout=io.StringIO())
    call_command("rebuild_stats_summaries", stdout=io.StringIO())
    call_command("rebuild_stats_summaries", "--check", stdout=io.StringIO())
    assert Tally.objects.filter(topic="case.status").exclude(n=0).count() >= 1
