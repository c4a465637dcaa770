"""Writes of cases: open, transition, assign, victim status, forms of exploitation, notes, close.
Every service is atomic, audited and appends to the case's timeline. Referrals, consent and
support actions are in ``referral_services``; young people are created by ``zicht.people``."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zicht.accounts.constants import OrganizationKind
from zicht.audit.constants import AccessAction, Purpose
from zicht.audit.services import access_log_record
from zicht.cases.case_guards import (
    MSG_UNKNOWN_CODE,
    case_coordinator_require,
    case_require_open,
    case_worker_require,
    event_append,
    note_clean,
)
from zicht.cases.constants import CaseEventKind, CaseStatus, CloseReason, CriminalSubtype, ReferralStatus, VictimStatus
from zicht.cases.index_feed import case_involvement_register
from zicht.cases.models import Case, CaseEvent, CaseExploitation
from zicht.cases.permissions import role_works_on_cases
from zicht.cases.tallies import keeps_case_tallies, touched_case
from zicht.cases.workflow import (
    active_support_blocked_for_minor,
    age_for_rule,
    case_transition_allowed,
    transition_step_due,
)
from zicht.common.exploitation import ExploitationType
from zicht.common.validation import field_error
from zicht.concerns.permissions import concern_can_open_case
from zicht.concerns.services import concern_mark_case_opened
from zicht.people.ages import MAX_AGE, age_on
from zicht.people.models import YoungPerson
from zicht.people.services import young_person_create

MSG_NO_EXPLOITATION = _("Choose at least one form of exploitation.")
MSG_SUBTYPE_ONLY_CRIMINAL = _("A sub-type can only be given for criminal exploitation.")
MSG_TRANSITION_NOT_ALLOWED = _("This status change is not allowed.")
MSG_CLOSE_WITH_REASON = _("Close a case with the close form, giving a reason.")
MSG_MINOR_NEEDS_CJG = _(
    "This young person is a minor: active support can only start after a referral to the CJG, "
    "or with a recorded reason why there is no CJG referral."
)
MSG_AGE_AT_START = _("The age at the start of the exploitation must be between 0 and the age at registration.")
MSG_LEAD_WORKER = _("The lead support worker must be a support worker or coordinator of this organisation.")
MSG_CONCERN_ELSEWHERE = _("A concern handled by another organisation cannot be linked to this case.")
MSG_CONCERN_NOT_OPENABLE = _(
    "A case can only be opened from a concern that has not passed triage yet; an advice request never opens a case."
)
MSG_TRANSITION_STEP_NOT_DUE = _("There is no transition step at 18 to record for this case.")
MSG_OPENED_FUTURE = _("The opening date cannot be in the future.")


# --- helpers ---------------------------------------------------------------------------------


def _local_day(moment: datetime.datetime) -> datetime.date:
    return timezone.localtime(moment).date()


def clean_exploitation(exploitation: Iterable[Sequence[str]]) -> list[tuple[str, str]]:
    """Validate ``[(type, subtype), ...]`` and drop duplicates; raises ValidationError."""
    cleaned: list[tuple[str, str]] = []
    for item in exploitation:
        kind, subtype = (item[0], item[1] if len(item) > 1 else "")
        subtype = subtype or ""
        if kind not in ExploitationType.values:
            raise field_error("exploitation", MSG_UNKNOWN_CODE, "invalid_choice")
        if subtype and subtype not in CriminalSubtype.values:
            raise field_error("exploitation", MSG_UNKNOWN_CODE, "invalid_choice")
        if subtype and kind != ExploitationType.CRIMINAL:
            raise field_error("exploitation", MSG_SUBTYPE_ONLY_CRIMINAL, "subtype_only_criminal")
        if (kind, subtype) not in cleaned:
            cleaned.append((kind, subtype))
    if not cleaned:
        raise field_error("exploitation", MSG_NO_EXPLOITATION, "required")
    return cleaned


def _exploitation_data(pairs: list[tuple[str, str]]) -> dict:
    return {"exploitation": [[kind, subtype] for kind, subtype in pairs]}


# --- cases -----------------------------------------------------------------------------------


def _check_lead_worker(lead_worker, organization_id: int) -> None:
    membership = getattr(lead_worker, "membership", None)
    if membership is None or membership.organization_id != organization_id or not role_works_on_cases(membership.role):
        raise field_error("lead_worker", MSG_LEAD_WORKER, "invalid_lead_worker")


@transaction.atomic
@keeps_case_tallies(created=lambda case: [case.pk])
def case_open(
    *,
    user,
    young_person: YoungPerson,
    concerns: Iterable = (),
    exploitation: Iterable[Sequence[str]] = (),
    victim_status: str = VictimStatus.POSSIBLE,
    opened_at: datetime.datetime | None = None,
    age_at_exploitation_start: int | None = None,
    victim_also_suspect: bool = False,
    lead_worker=None,
    note: str = "",
) -> Case:
    """Open a case for a young person of the user's organisation, directly or from concerns."""
    organization_id = young_person.organization_id
    case_worker_require(user, organization_id)
    now = timezone.now()
    opened_at = opened_at or now
    if opened_at > now:
        raise field_error("opened_at", MSG_OPENED_FUTURE, "future")
    pairs = clean_exploitation(exploitation)
    if victim_status not in VictimStatus.values:
        raise field_error("victim_status", MSG_UNKNOWN_CODE, "invalid_choice")
    opened_on = _local_day(opened_at)
    dob = young_person.date_of_birth
    age_at_registration = age_on(dob, opened_on) if dob else None
    if age_at_exploitation_start is not None:
        upper = age_at_registration if age_at_registration is not None else MAX_AGE
        if not 0 <= age_at_exploitation_start <= upper:
            raise field_error("age_at_exploitation_start", MSG_AGE_AT_START, "invalid_age")
    if lead_worker is not None:
        _check_lead_worker(lead_worker, organization_id)
    concerns = list(concerns)
    for concern in concerns:
        if concern.handling_organization_id != organization_id:
            raise field_error("concerns", MSG_CONCERN_ELSEWHERE, "concern_elsewhere")
        if not concern_can_open_case(concern):
            raise field_error("concerns", MSG_CONCERN_NOT_OPENABLE, "concern_not_openable")
    note = note_clean(note, required=False, field="note")

    case = Case.objects.create(
        organization_id=organization_id,
        young_person=young_person,
        opened_at=opened_at,
        registration_year=timezone.localtime(opened_at).year,
        age_at_registration=age_at_registration,
        status=CaseStatus.INTAKE,
        victim_status=victim_status,
        victim_status_decided_by=user,
        victim_status_decided_at=opened_at,
        age_at_exploitation_start=age_at_exploitation_start,
        victim_also_suspect=victim_also_suspect,
        lead_worker=lead_worker,
    )
    CaseExploitation.objects.bulk_create(CaseExploitation(case=case, type=k, criminal_subtype=s) for k, s in pairs)
    event_append(
        case=case,
        kind=CaseEventKind.STATUS_CHANGE,
        user=user,
        at=opened_at,
        data={"from": "", "to": CaseStatus.INTAKE, "concerns": [c.pk for c in concerns]},
    )
    event_append(case=case, kind=CaseEventKind.EXPLOITATION, user=user, at=opened_at, data=_exploitation_data(pairs))
    event_append(
        case=case, kind=CaseEventKind.VICTIM_STATUS, user=user, at=opened_at, data={"victim_status": victim_status}
    )
    if lead_worker is not None:
        event_append(
            case=case,
            kind=CaseEventKind.ASSIGNMENT,
            user=user,
            at=opened_at,
            data={"lead_worker": lead_worker.pk, "name": lead_worker.get_full_name()},
        )
    if note:
        event_append(case=case, kind=CaseEventKind.NOTE, user=user, at=opened_at, text=note)
    if concerns:
        case.concerns.add(*concerns)
        for concern in concerns:
            concern_mark_case_opened(concern=concern, user=user, at=opened_at)
    access_log_record(user=user, action=AccessAction.CREATE, purpose=Purpose.SUPPORT, obj=case)
    # The support organisation's cases feed the involvement index (only keys, never content).
    case_involvement_register(case=case, user=user)
    return case


@transaction.atomic
def case_open_with_new_person(*, user, organization, identity: dict, **case_kwargs) -> Case:
    """Register the young person and open the case in one step: both are saved, or neither."""
    person = young_person_create(organization=organization, user=user, **identity)
    return case_open(user=user, young_person=person, **case_kwargs)


def case_has_cjg_referral(case: Case) -> bool:
    return (
        case.referrals.filter(to_organization__kind=OrganizationKind.CJG)
        .exclude(status=ReferralStatus.REJECTED)
        .exists()
    )


def case_age_on(case: Case, day: datetime.date) -> int | None:
    return age_for_rule(
        date_of_birth=case.young_person.date_of_birth, age_at_registration=case.age_at_registration, day=day
    )


def case_active_support_blocked(
    case: Case, *, day: datetime.date | None = None, cjg_exemption_reason: str = ""
) -> bool:
    """Whether the minor/CJG rule stops this case from moving to active support on ``day``."""
    day = day or timezone.localdate()
    return active_support_blocked_for_minor(
        age=case_age_on(case, day),
        has_cjg_referral=case_has_cjg_referral(case),
        cjg_exemption_reason=cjg_exemption_reason or case.cjg_exemption_reason,
    )


@transaction.atomic
def case_transition(
    *, case: Case, user, to_status: str, cjg_exemption_reason: str = "", at: datetime.datetime | None = None
) -> Case:
    """Move a case along the workflow (closing goes through ``case_close``)."""
    case_worker_require(user, case.organization_id)
    case = Case.objects.select_for_update().get(pk=case.pk)
    if to_status not in CaseStatus.values:
        raise field_error("to_status", MSG_UNKNOWN_CODE, "invalid_choice")
    if to_status == CaseStatus.CLOSED:
        raise field_error("to_status", MSG_CLOSE_WITH_REASON, "close_with_reason")
    if not case_transition_allowed(case.status, to_status):
        raise field_error("to_status", MSG_TRANSITION_NOT_ALLOWED, "transition_not_allowed")
    at = at or timezone.now()
    reason = note_clean(cjg_exemption_reason, required=False, field="cjg_exemption_reason")
    if to_status == CaseStatus.ACTIVE_SUPPORT and case_active_support_blocked(
        case, day=_local_day(at), cjg_exemption_reason=reason
    ):
        raise field_error("to_status", MSG_MINOR_NEEDS_CJG, "minor_needs_cjg")
    previous = case.status
    case.status = to_status
    fields = ["status", "updated_at"]
    if reason and not case.cjg_exemption_reason:
        case.cjg_exemption_reason = reason
        fields.append("cjg_exemption_reason")
    case.save(update_fields=fields)
    event_append(
        case=case,
        kind=CaseEventKind.STATUS_CHANGE,
        user=user,
        at=at,
        text=reason,
        data={"from": previous, "to": to_status},
    )
    access_log_record(user=user, action=AccessAction.UPDATE, purpose=Purpose.SUPPORT, obj=case)
    return case


@transaction.atomic
def case_assign_lead(*, case: Case, user, lead_worker, at: datetime.datetime | None = None) -> Case:
    case_coordinator_require(user, case.organization_id)
    case_require_open(case)
    _check_lead_worker(lead_worker, case.organization_id)
    case.lead_worker = lead_worker
    case.save(update_fields=["lead_worker", "updated_at"])
    event_append(
        case=case,
        kind=CaseEventKind.ASSIGNMENT,
        user=user,
        at=at,
        data={"lead_worker": lead_worker.pk, "name": lead_worker.get_full_name()},
    )
    access_log_record(user=user, action=AccessAction.UPDATE, purpose=Purpose.SUPPORT, obj=case)
    return case


@transaction.atomic
@keeps_case_tallies(touched=touched_case)
def case_set_victim_status(
    *, case: Case, user, victim_status: str, note: str = "", at: datetime.datetime | None = None
) -> Case:
    case_worker_require(user, case.organization_id)
    case_require_open(case)
    if victim_status not in VictimStatus.values:
        raise field_error("victim_status", MSG_UNKNOWN_CODE, "invalid_choice")
    note = note_clean(note, required=False, field="note")
    at = at or timezone.now()
    case.victim_status, case.victim_status_decided_by, case.victim_status_decided_at = victim_status, user, at
    case.save(update_fields=["victim_status", "victim_status_decided_by", "victim_status_decided_at", "updated_at"])
    event_append(
        case=case, kind=CaseEventKind.VICTIM_STATUS, user=user, at=at, text=note, data={"victim_status": victim_status}
    )
    access_log_record(user=user, action=AccessAction.UPDATE, purpose=Purpose.SUPPORT, obj=case)
    return case


@transaction.atomic
@keeps_case_tallies(touched=touched_case)
def case_set_exploitation(*, case: Case, user, exploitation: Iterable[Sequence[str]]) -> Case:
    case_worker_require(user, case.organization_id)
    case_require_open(case)
    pairs = clean_exploitation(exploitation)
    case.exploitations.all().delete()
    CaseExploitation.objects.bulk_create(CaseExploitation(case=case, type=k, criminal_subtype=s) for k, s in pairs)
    event_append(case=case, kind=CaseEventKind.EXPLOITATION, user=user, data=_exploitation_data(pairs))
    access_log_record(user=user, action=AccessAction.UPDATE, purpose=Purpose.SUPPORT, obj=case)
    return case


@transaction.atomic
def case_add_note(*, case: Case, user, text: str, at: datetime.datetime | None = None) -> CaseEvent:
    """A plain-text note on the timeline (stored as typed, rendered escaped)."""
    case_worker_require(user, case.organization_id)
    text = note_clean(text, required=True)
    event = event_append(case=case, kind=CaseEventKind.NOTE, user=user, at=at, text=text)
    access_log_record(user=user, action=AccessAction.UPDATE, purpose=Purpose.SUPPORT, obj=case)
    return event


@transaction.atomic
def case_record_transition_step(*, case: Case, user, note: str = "", at: datetime.datetime | None = None) -> Case:
    """Record the transition step for a young person who turned 18 during the case."""
    case_worker_require(user, case.organization_id)
    at = at or timezone.now()
    due = transition_step_due(
        date_of_birth=case.young_person.date_of_birth,
        opened_on=_local_day(case.opened_at),
        today=_local_day(at),
        closed_on=None if case.closed_at is None else _local_day(case.closed_at),
        recorded=case.transition_step_recorded_at is not None,
    )
    if not due:
        raise ValidationError(MSG_TRANSITION_STEP_NOT_DUE, code="not_due")
    note = note_clean(note, required=False, field="note")
    case.transition_step_recorded_at = at
    case.save(update_fields=["transition_step_recorded_at", "updated_at"])
    event_append(case=case, kind=CaseEventKind.TRANSITION_STEP, user=user, at=at, text=note)
    access_log_record(user=user, action=AccessAction.UPDATE, purpose=Purpose.SUPPORT, obj=case)
    return case


@transaction.atomic
@keeps_case_tallies(touched=touched_case)
def case_close(*, case: Case, user, reason: str, note: str = "", at: datetime.datetime | None = None) -> Case:
    case_coordinator_require(user, case.organization_id)
    case = Case.objects.select_for_update().get(pk=case.pk)
    if reason not in CloseReason.values:
        raise field_error("reason", MSG_UNKNOWN_CODE, "invalid_choice")
    if not case_transition_allowed(case.status, CaseStatus.CLOSED):
        raise ValidationError(MSG_TRANSITION_NOT_ALLOWED, code="transition_not_allowed")
    note = note_clean(note, required=False, field="note")
    at = at or timezone.now()
    previous = case.status
    case.status, case.closed_at, case.close_reason = CaseStatus.CLOSED, at, reason
    case.save(update_fields=["status", "closed_at", "close_reason", "updated_at"])
    event_append(
        case=case, kind=CaseEventKind.CLOSED, user=user, at=at, text=note, data={"from": previous, "reason": reason}
    )
    access_log_record(user=user, action=AccessAction.UPDATE, purpose=Purpose.SUPPORT, obj=case)
    return case
