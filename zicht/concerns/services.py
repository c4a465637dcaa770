"""Writes of concerns: submission, triage transitions, first contact. All atomic and audited."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zicht.accounts.constants import OrganizationKind
from zicht.accounts.models import Organization
from zicht.audit.constants import AccessAction, Purpose
from zicht.audit.services import access_log_record
from zicht.common.validation import ErrorCollector
from zicht.concerns.constants import (
    NOTE_MAX_LENGTH,
    PUBLIC_REPORTER_SECTORS,
    RECRUITMENT_DETAIL_MAX_LENGTH,
    ConcernChannel,
    ConcernKind,
    ConcernStatus,
    CrimeDomain,
    RecruitmentPlace,
    ReporterSector,
    Urgency,
)
from zicht.concerns.models import Concern, ConcernCrimeDomain, ConcernStatusChange, Indicator
from zicht.concerns.permissions import user_handles_concern
from zicht.concerns.tallies import keeps_concern_tallies
from zicht.concerns.validation import validate_age_estimate, validate_code, validate_codes, validate_free_text
from zicht.concerns.workflow import transition_check
from zicht.framework.constants import TriageStepCode
from zicht.framework.models import Route
from zicht.framework.selectors import route_files_concern
from zicht.framework.services import triage_route_start, triage_step_record
from zicht.framework.tallies import created_route, keeps_route_tallies
from zicht.people.ages import age_on
from zicht.people.constants import District, Gender
from zicht.people.identity import identity_clean
from zicht.people.services import young_person_create


def _local_today() -> datetime.date:
    return timezone.localdate()


def _validate_common(
    *,
    errors: ErrorCollector,
    kind: str,
    channel: str,
    reporter_sector: str,
    handling_organization: Organization | None,
    indicator_codes: Sequence[str],
    crime_domains: Sequence[str],
    recruitment_place: str,
    recruitment_detail: str,
    description: str,
    urgency: str,
    age_estimate: int | None,
    gender: str,
    received_at: datetime.datetime,
    contact_email: str,
) -> list[Indicator]:
    errors.check("kind", validate_code, kind, ConcernKind.values)
    errors.check("channel", validate_code, channel, ConcernChannel.values)
    errors.check("reporter_sector", validate_code, reporter_sector, ReporterSector.values)
    errors.check("crime_domains", validate_codes, crime_domains, CrimeDomain.values)
    errors.check("recruitment_place", validate_code, recruitment_place, RecruitmentPlace.values)
    errors.check("recruitment_detail", validate_free_text, recruitment_detail, max_length=RECRUITMENT_DETAIL_MAX_LENGTH)
    errors.check("description", validate_free_text, description)
    errors.check("urgency", validate_code, urgency, Urgency.values)
    errors.check("gender", validate_code, gender, Gender.values)
    errors.check("age_estimate", validate_age_estimate, age_estimate)
    if contact_email:
        errors.check("contact_email", validate_email, contact_email)
    if received_at > timezone.now():
        errors.add("received_at", _("The date received cannot be in the future."), code="received_in_future")
    if (
        handling_organization is None
        or handling_organization.kind != OrganizationKind.SUPPORT
        or not handling_organization.is_active
    ):
        errors.add(
            "handling_organization",
            _("Choose the support organisation that handles this concern."),
            code="no_support_organisation",
        )
    indicators = list(Indicator.objects.filter(code__in=set(indicator_codes), is_active=True))
    errors.check("indicators", validate_codes, indicator_codes, [i.code for i in indicators])
    if kind == ConcernKind.ADVICE_REQUEST and not description.strip():
        errors.add("description", _("Describe your question so that we can give advice."), code="required")
    if kind == ConcernKind.CONCERN and not description.strip() and not indicator_codes:
        errors.add("description", _("Describe what worries you, or tick at least one signal."), code="empty_concern")
    return indicators


@transaction.atomic
@keeps_concern_tallies(created=lambda concern: [concern.pk])
# the reporter's route is counted for the concern's handling organisation from here on
@keeps_route_tallies(touched=lambda kwargs: created_route(kwargs.get("framework_route")))
def concern_submit(
    *,
    reporter,
    handling_organization: Organization | None,
    reporter_sector: str,
    kind: str = ConcernKind.CONCERN,
    channel: str = ConcernChannel.FORM,
    received_at: datetime.datetime | None = None,
    indicator_codes: Iterable[str] = (),
    crime_domains: Iterable[str] = (),
    recruitment_place: str = RecruitmentPlace.UNKNOWN,
    recruitment_detail: str = "",
    description: str = "",
    urgency: str = Urgency.NORMAL,
    age_estimate: int | None = None,
    gender: str = Gender.UNKNOWN,
    district: str = District.UNKNOWN,
    given_names: str = "",
    family_name_prefix: str = "",
    family_name: str = "",
    date_of_birth: datetime.date | None = None,
    bsn: str = "",
    contact_name: str = "",
    contact_phone: str = "",
    contact_email: str = "",
    framework_route: Route | None = None,
) -> Concern:
    """Register a concern (or advice request). Raises ValidationError (by field) and saves nothing on bad input.

    ``framework_route``: the reporter's finished route through the action framework that ends in a
    report to the support organisation; the concern records it (version, steps and decisions)."""
    received_at = received_at or timezone.now()
    indicator_codes, crime_domains = list(dict.fromkeys(indicator_codes)), list(dict.fromkeys(crime_domains))
    errors = ErrorCollector()
    identity = identity_clean(
        given_names=given_names,
        family_name_prefix=family_name_prefix,
        family_name=family_name,
        date_of_birth=date_of_birth,
        bsn=bsn,
        today=_local_today(),
        errors=errors,
    )
    has_identity = not identity.is_empty or bool((bsn or "").strip())
    indicators = _validate_common(
        errors=errors,
        kind=kind,
        channel=channel,
        reporter_sector=reporter_sector,
        handling_organization=handling_organization,
        indicator_codes=indicator_codes,
        crime_domains=crime_domains,
        recruitment_place=recruitment_place,
        recruitment_detail=recruitment_detail,
        description=description,
        urgency=urgency,
        age_estimate=age_estimate,
        gender=gender,
        received_at=received_at,
        contact_email=contact_email,
    )
    for field, value, limit in (
        ("contact_name", contact_name, 200),
        ("contact_phone", contact_phone, 30),
        ("contact_email", contact_email, 254),
    ):
        errors.check(field, validate_free_text, value, max_length=limit)
    if kind == ConcernKind.ADVICE_REQUEST and has_identity:
        errors.add(
            "__all__",
            _("An advice request is anonymous: leave the young person's identity empty."),
            code="advice_with_identity",
        )
    if reporter is None and has_identity:
        errors.add(
            "__all__", _("An anonymous concern cannot register a young person's identity."), code="anonymous_identity"
        )
    attachable = framework_route is None or (
        kind == ConcernKind.CONCERN and route_files_concern(route=framework_route, user=reporter)
    )
    if not attachable:
        errors.add(
            "__all__",
            _("This route through the action framework cannot be attached to a concern."),
            code="route_not_attachable",
        )
    errors.raise_if_any()
    assert handling_organization is not None  # _validate_common reported a missing one

    age_at_report = age_on(date_of_birth, timezone.localtime(received_at).date()) if date_of_birth else age_estimate
    membership = reporter.membership if reporter is not None else None
    concern = Concern.objects.create(
        kind=kind,
        received_at=received_at,
        channel=channel,
        reporter_sector=reporter_sector,
        reporter=reporter,
        reporter_organization=membership.organization if membership else None,
        handling_organization=handling_organization,
        age_estimate=age_estimate,
        age_at_report=age_at_report,
        gender=gender,
        recruitment_place=recruitment_place,
        recruitment_detail=recruitment_detail.strip(),
        description=description,
        urgency=urgency,
        status=ConcernStatus.NEW,
        contact_name=contact_name.strip(),
        contact_phone=contact_phone.strip(),
        contact_email=contact_email.strip(),
        framework_route=framework_route,
        triage_route=(
            triage_route_start(organization=handling_organization, at=received_at)
            if kind == ConcernKind.CONCERN
            else None
        ),
    )
    if indicators:
        concern.indicators.set(indicators)
    ConcernCrimeDomain.objects.bulk_create([ConcernCrimeDomain(concern=concern, domain=d) for d in crime_domains])
    ConcernStatusChange.objects.create(
        concern=concern, from_status="", to_status=ConcernStatus.NEW, by=reporter, at=received_at
    )
    actor = reporter or AnonymousUser()
    access_log_record(user=actor, action=AccessAction.CREATE, purpose=Purpose.TRIAGE, obj=concern)
    if has_identity:
        concern.young_person = young_person_create(
            organization=handling_organization,
            user=reporter,
            given_names=identity.given_names,
            family_name_prefix=identity.family_name_prefix,
            family_name=identity.family_name,
            date_of_birth=identity.date_of_birth,
            bsn=identity.bsn,
            gender=gender,
            district=district,
            intake=True,
        )
        concern.save(update_fields=["young_person", "updated_at"])
    return concern


def concern_submit_anonymous(
    *,
    handling_organization: Organization | None,
    reporter_sector: str,
    kind: str = ConcernKind.CONCERN,
    description: str = "",
    crime_domains: Iterable[str] = (),
    recruitment_place: str = RecruitmentPlace.UNKNOWN,
    recruitment_detail: str = "",
    urgency: str = Urgency.NORMAL,
    age_estimate: int | None = None,
    gender: str = Gender.UNKNOWN,
    contact_name: str = "",
    contact_phone: str = "",
    contact_email: str = "",
    received_at: datetime.datetime | None = None,
) -> Concern:
    """A concern or advice request through the public form: no account and no identity of the young person."""
    if reporter_sector not in PUBLIC_REPORTER_SECTORS:
        raise ValidationError(
            {
                "reporter_sector": [
                    ValidationError(
                        _("Unknown code: %(codes)s. Choose from the list."),
                        code="unknown_code",
                        params={"codes": reporter_sector},
                    )
                ]
            }
        )
    return concern_submit(
        reporter=None,
        handling_organization=handling_organization,
        reporter_sector=reporter_sector,
        kind=kind,
        channel=ConcernChannel.FORM,
        received_at=received_at,
        crime_domains=crime_domains,
        recruitment_place=recruitment_place,
        recruitment_detail=recruitment_detail,
        description=description,
        urgency=urgency,
        age_estimate=age_estimate,
        gender=gender,
        contact_name=contact_name,
        contact_phone=contact_phone,
        contact_email=contact_email,
    )


def advice_request_submit(
    *,
    reporter,
    handling_organization: Organization | None,
    reporter_sector: str,
    description: str,
    channel: str = ConcernChannel.FORM,
    crime_domains: Iterable[str] = (),
    received_at: datetime.datetime | None = None,
    contact_name: str = "",
    contact_phone: str = "",
    contact_email: str = "",
) -> Concern:
    """A consultation: a question without the young person's identity."""
    return concern_submit(
        reporter=reporter,
        handling_organization=handling_organization,
        reporter_sector=reporter_sector,
        kind=ConcernKind.ADVICE_REQUEST,
        channel=channel,
        received_at=received_at,
        crime_domains=crime_domains,
        description=description,
        contact_name=contact_name,
        contact_phone=contact_phone,
        contact_email=contact_email,
    )


def _check_moment(at: datetime.datetime, concern: Concern, field: str) -> None:
    if at > timezone.now():
        raise ValidationError({field: [ValidationError(_("This moment cannot be in the future."), code="in_future")]})
    if at < concern.received_at:
        raise ValidationError(
            {
                field: [
                    ValidationError(_("This moment cannot be before the concern was received."), code="before_received")
                ]
            }
        )


@transaction.atomic
def concern_transition(
    *,
    concern: Concern,
    user,
    to_status: str,
    note: str = "",
    advice_text: str = "",
    at: datetime.datetime | None = None,
) -> Concern:
    """Move a concern along the workflow; a disallowed move raises and changes nothing."""
    locked = Concern.objects.select_for_update().get(pk=concern.pk)
    if not user_handles_concern(user, locked):
        raise PermissionDenied
    at = at or timezone.now()
    transition_check(locked.status, to_status)
    errors = ErrorCollector()
    errors.check("note", validate_free_text, note, max_length=NOTE_MAX_LENGTH)
    errors.check("advice_text", validate_free_text, advice_text)
    if to_status == ConcernStatus.ADVICE_GIVEN and not advice_text.strip():
        errors.add("advice_text", _("Write down the advice that was given."), code="required")
    errors.raise_if_any()
    _check_moment(at, locked, "at")
    previous = locked.status_changes.order_by("-at", "-pk").values_list("at", flat=True).first()
    if previous is not None and at < previous:
        raise ValidationError(
            {
                "at": [
                    ValidationError(
                        _("This moment cannot be before the previous status change."), code="before_previous_change"
                    )
                ]
            }
        )

    from_status = locked.status
    locked.status = to_status
    fields = ["status", "updated_at"]
    if to_status == ConcernStatus.ADVICE_GIVEN:
        locked.advice_text = advice_text
        fields.append("advice_text")
    if to_status == ConcernStatus.CLOSED:
        locked.closed_at = at
        fields.append("closed_at")
    locked.save(update_fields=fields)
    ConcernStatusChange.objects.create(
        concern=locked, from_status=from_status, to_status=to_status, by=user, at=at, note=note
    )
    if from_status == ConcernStatus.IN_TRIAGE:  # leaving triage is the triage route's decision
        triage_step_record(
            route=locked.triage_route, user=user, code=TriageStepCode.DECISION, at=at, decision_code=to_status
        )
    access_log_record(user=user, action=AccessAction.UPDATE, purpose=Purpose.TRIAGE, obj=locked)
    return locked


@transaction.atomic
def concern_mark_case_opened(*, concern: Concern, user, at: datetime.datetime | None = None) -> Concern:
    """Called by the cases app when a case is opened from this concern (a new concern passes triage first)."""
    if concern.status == ConcernStatus.CASE_OPENED:
        return concern
    if at is not None:
        # The case may be dated before the concern's last status change (e.g. triage recorded later):
        # the concern's own history stays in order.
        previous = concern.status_changes.order_by("-at", "-pk").values_list("at", flat=True).first()
        at = max(at, previous) if previous is not None else at
    if concern.status == ConcernStatus.NEW:
        concern = concern_transition(concern=concern, user=user, to_status=ConcernStatus.IN_TRIAGE, at=at)
    return concern_transition(concern=concern, user=user, to_status=ConcernStatus.CASE_OPENED, at=at)


@transaction.atomic
@keeps_concern_tallies(touched=lambda kwargs: [kwargs["concern"].pk])
def concern_record_first_contact(*, concern: Concern, user, at: datetime.datetime | None = None) -> Concern:
    """Record when the support organisation first made contact (once; used for response-time statistics)."""
    locked = Concern.objects.select_for_update().get(pk=concern.pk)
    if not user_handles_concern(user, locked):
        raise PermissionDenied
    if locked.first_contact_at is not None:
        raise ValidationError(
            {"at": [ValidationError(_("The first contact was already recorded."), code="already_recorded")]}
        )
    at = at or timezone.now()
    _check_moment(at, locked, "at")
    locked.first_contact_at = at
    locked.save(update_fields=["first_contact_at", "updated_at"])
    triage_step_record(route=locked.triage_route, user=user, code=TriageStepCode.FIRST_CONTACT, at=at)
    access_log_record(user=user, action=AccessAction.UPDATE, purpose=Purpose.TRIAGE, obj=locked)
    return locked


@transaction.atomic
def concern_record_safety_check(
    *, concern: Concern, user, answers: dict[str, str], at: datetime.datetime | None = None
) -> Concern:
    """Record the triage route's safety check (answers to its questions; no free text)."""
    locked = Concern.objects.select_for_update().get(pk=concern.pk)
    if not user_handles_concern(user, locked):
        raise PermissionDenied
    if locked.triage_route_id is None:
        raise ValidationError(_("This concern has no triage route."), code="no_triage_route")
    at = at or timezone.now()
    _check_moment(at, locked, "at")
    triage_step_record(route=locked.triage_route, user=user, code=TriageStepCode.SAFETY_CHECK, at=at, answers=answers)
    access_log_record(user=user, action=AccessAction.UPDATE, purpose=Purpose.TRIAGE, obj=locked)
    return locked
