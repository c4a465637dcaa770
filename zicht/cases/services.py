"""Writes of the cases app: young people and cases. Every service is atomic, audited and,
for a case, appends to its timeline. Referrals, consent and support actions are in
``referral_services`` (re-exported here)."""
from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zicht.accounts.constants import OrganizationKind
from zicht.audit.constants import AccessAction, Purpose
from zicht.audit.services import access_log_record
from zicht.cases.constants import (
    MAX_AGE,
    CaseEventKind,
    CaseStatus,
    CloseReason,
    CriminalSubtype,
    District,
    ExploitationType,
    Gender,
    ReferralStatus,
    VictimStatus,
)
from zicht.cases.models import Case, CaseEvent, CaseExploitation, YoungPerson
from zicht.cases.permissions import role_coordinates_cases, role_works_on_cases, user_works_on_case
from zicht.cases.workflow import (
    active_support_blocked_for_minor,
    age_for_rule,
    age_on,
    case_transition_allowed,
    transition_step_due,
)
from zicht.common.pseudonyms import normalise_bsn
from zicht.common.validators import validate_bsn

__all__ = ["age_on"]

NOTE_MAX_LENGTH = 5000
NAME_MAX_LENGTH = 200

MSG_DOB_FUTURE = _("The date of birth cannot be in the future.")
MSG_DOB_TOO_OLD = _("The date of birth makes this person older than %(max)s; Zicht registers young people up to %(max)s.")
MSG_UNKNOWN_CODE = _("Choose one of the listed options.")
MSG_NO_EXPLOITATION = _("Choose at least one form of exploitation.")
MSG_SUBTYPE_ONLY_CRIMINAL = _("A sub-type can only be given for criminal exploitation.")
MSG_TRANSITION_NOT_ALLOWED = _("This status change is not allowed.")
MSG_CLOSE_WITH_REASON = _("Close a case with the close form, giving a reason.")
MSG_MINOR_NEEDS_CJG = _(
    "This young person is a minor: active support can only start after a referral to the CJG, "
    "or with a recorded reason why there is no CJG referral."
)
MSG_CASE_CLOSED = _("This case is closed and cannot be changed.")
MSG_NOTE_EMPTY = _("Write a note.")
MSG_NOTE_TOO_LONG = _("The note is too long (at most %(max)s characters).")
MSG_AGE_AT_START = _("The age at the start of the exploitation must be between 0 and the age at registration.")
MSG_LEAD_WORKER = _("The lead support worker must be a support worker or coordinator of this organisation.")
MSG_CONCERN_ELSEWHERE = _("A concern handled by another organisation cannot be linked to this case.")
MSG_TRANSITION_STEP_NOT_DUE = _("There is no transition step at 18 to record for this case.")
MSG_OPENED_FUTURE = _("The opening date cannot be in the future.")


# --- helpers ---------------------------------------------------------------------------------

def field_error(field: str, message, code: str, params: dict | None = None) -> ValidationError:  # noqa: ANN001
    """A ValidationError naming the field, with its code kept for tests and callers."""
    return ValidationError({field: ValidationError(message, code=code, params=params)})


def _require_case_worker(user, organization_id: int) -> None:  # noqa: ANN001
    membership = getattr(user, "membership", None)
    if membership is None or not user_works_on_case(role=membership.role, user_org_id=membership.organization_id, case_org_id=organization_id):
        raise PermissionDenied


def _require_coordinator(user, organization_id: int) -> None:  # noqa: ANN001
    _require_case_worker(user, organization_id)
    if not role_coordinates_cases(user.membership.role):
        raise PermissionDenied


def _require_open(case: Case) -> None:
    if case.status == CaseStatus.CLOSED:
        raise ValidationError(MSG_CASE_CLOSED, code="case_closed")


def _local_day(moment: datetime.datetime) -> datetime.date:
    return timezone.localtime(moment).date()


def event_append(*, case: Case, kind: str, user, at: datetime.datetime | None = None, text: str = "", data: dict | None = None) -> CaseEvent:  # noqa: ANN001
    """Append one timeline entry (the only way entries are written)."""
    return CaseEvent.objects.create(case=case, kind=kind, by=user, at=at or timezone.now(), text=text, data=data or {})


def _clean_note(text: str, *, required: bool, field: str = "text") -> str:
    text = (text or "").strip()
    if required and not text:
        raise field_error(field, MSG_NOTE_EMPTY, "required")
    if len(text) > NOTE_MAX_LENGTH:
        raise field_error(field, MSG_NOTE_TOO_LONG, "max_length", {"max": NOTE_MAX_LENGTH})
    return text


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


# --- young people ----------------------------------------------------------------------------

def young_person_validate(
    *, given_names: str, family_name_prefix: str, family_name: str, date_of_birth: datetime.date | None,
    bsn: str, gender: str, district: str, today: datetime.date,
) -> str:
    """Check identity input; returns the normalised BSN. Raises one ValidationError naming every bad field."""
    errors: dict[str, list] = {}
    for field, value, limit in (("given_names", given_names, NAME_MAX_LENGTH), ("family_name_prefix", family_name_prefix, 30), ("family_name", family_name, NAME_MAX_LENGTH)):
        if len(value or "") > limit:
            errors.setdefault(field, []).append(ValidationError(_("At most %(max)s characters."), code="max_length", params={"max": limit}))
    if date_of_birth is not None:
        if date_of_birth > today:
            errors.setdefault("date_of_birth", []).append(ValidationError(MSG_DOB_FUTURE, code="dob_future"))
        elif age_on(date_of_birth, today) > MAX_AGE:
            errors.setdefault("date_of_birth", []).append(ValidationError(MSG_DOB_TOO_OLD, code="dob_too_old", params={"max": MAX_AGE}))
    normalised = ""
    if bsn:
        try:
            validate_bsn(bsn)
            normalised = normalise_bsn(bsn)
        except ValidationError as error:
            errors.setdefault("bsn", []).extend(error.error_list)
    if gender not in Gender.values:
        errors.setdefault("gender", []).append(ValidationError(MSG_UNKNOWN_CODE, code="invalid_choice"))
    if district not in District.values:
        errors.setdefault("district", []).append(ValidationError(MSG_UNKNOWN_CODE, code="invalid_choice"))
    if errors:
        raise ValidationError(errors)
    return normalised


@transaction.atomic
def young_person_create(
    *, organization, user, given_names: str = "", family_name_prefix: str = "", family_name: str = "",  # noqa: ANN001
    date_of_birth: datetime.date | None = None, bsn: str = "", gender: str = Gender.UNKNOWN, district: str = District.UNKNOWN,
) -> YoungPerson:
    _require_case_worker(user, organization.pk)
    given_names, family_name_prefix, family_name = (given_names or "").strip(), (family_name_prefix or "").strip(), (family_name or "").strip()
    normalised_bsn = young_person_validate(
        given_names=given_names, family_name_prefix=family_name_prefix, family_name=family_name, date_of_birth=date_of_birth,
        bsn=(bsn or "").strip(), gender=gender, district=district, today=timezone.localdate(),
    )
    person = YoungPerson.objects.create(
        organization=organization, given_names=given_names, family_name_prefix=family_name_prefix, family_name=family_name,
        date_of_birth=date_of_birth, bsn=normalised_bsn, gender=gender, district=district,
    )
    access_log_record(user=user, action=AccessAction.CREATE, purpose=Purpose.SUPPORT, obj=person)
    return person


# --- cases -----------------------------------------------------------------------------------

def _check_lead_worker(lead_worker, organization_id: int) -> None:  # noqa: ANN001
    membership = getattr(lead_worker, "membership", None)
    if membership is None or membership.organization_id != organization_id or not role_works_on_cases(membership.role):
        raise field_error("lead_worker", MSG_LEAD_WORKER, "invalid_lead_worker")


@transaction.atomic
def case_open(
    *, user, young_person: YoungPerson, concerns: Iterable = (), exploitation: Iterable[Sequence[str]] = (),  # noqa: ANN001
    victim_status: str = VictimStatus.POSSIBLE, opened_at: datetime.datetime | None = None,
    age_at_exploitation_start: int | None = None, victim_also_suspect: bool = False, lead_worker=None, note: str = "",  # noqa: ANN001
) -> Case:
    """Open a case for a young person of the user's organisation, directly or from concerns."""
    organization_id = young_person.organization_id
    _require_case_worker(user, organization_id)
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
    note = _clean_note(note, required=False, field="note")

    case = Case.objects.create(
        organization_id=organization_id, young_person=young_person, opened_at=opened_at,
        registration_year=timezone.localtime(opened_at).year, age_at_registration=age_at_registration,
        status=CaseStatus.INTAKE, victim_status=victim_status, victim_status_decided_by=user, victim_status_decided_at=opened_at,
        age_at_exploitation_start=age_at_exploitation_start, victim_also_suspect=victim_also_suspect, lead_worker=lead_worker,
    )
    CaseExploitation.objects.bulk_create(CaseExploitation(case=case, type=k, criminal_subtype=s) for k, s in pairs)
    event_append(case=case, kind=CaseEventKind.STATUS_CHANGE, user=user, at=opened_at,
                 data={"from": "", "to": CaseStatus.INTAKE, "concerns": [c.pk for c in concerns]})
    event_append(case=case, kind=CaseEventKind.EXPLOITATION, user=user, at=opened_at, data=_exploitation_data(pairs))
    event_append(case=case, kind=CaseEventKind.VICTIM_STATUS, user=user, at=opened_at, data={"victim_status": victim_status})
    if lead_worker is not None:
        event_append(case=case, kind=CaseEventKind.ASSIGNMENT, user=user, at=opened_at, data={"lead_worker": lead_worker.pk, "name": lead_worker.get_full_name()})
    if note:
        event_append(case=case, kind=CaseEventKind.NOTE, user=user, at=opened_at, text=note)
    if concerns:
        from zicht.concerns.services import concern_mark_case_opened

        case.concerns.add(*concerns)
        for concern in concerns:
            concern_mark_case_opened(concern=concern, user=user, at=opened_at)
    access_log_record(user=user, action=AccessAction.CREATE, purpose=Purpose.SUPPORT, obj=case)
    # The support organisation's cases feed the involvement index (only keys, never content).
    from zicht.matching.services import involvement_register_for_case

    involvement_register_for_case(case=case, user=user)
    return case


@transaction.atomic
def case_open_with_new_person(*, user, organization, identity: dict, **case_kwargs) -> Case:  # noqa: ANN001, ANN003
    """Register the young person and open the case in one step: both are saved, or neither."""
    person = young_person_create(organization=organization, user=user, **identity)
    return case_open(user=user, young_person=person, **case_kwargs)


def case_has_cjg_referral(case: Case) -> bool:
    return case.referrals.filter(to_organization__kind=OrganizationKind.CJG).exclude(status=ReferralStatus.REJECTED).exists()


def case_age_on(case: Case, day: datetime.date) -> int | None:
    return age_for_rule(date_of_birth=case.young_person.date_of_birth, age_at_registration=case.age_at_registration, day=day)


def case_active_support_blocked(case: Case, *, day: datetime.date | None = None, cjg_exemption_reason: str = "") -> bool:
    """Whether the minor/CJG rule stops this case from moving to active support on ``day``."""
    day = day or timezone.localdate()
    return active_support_blocked_for_minor(
        age=case_age_on(case, day), has_cjg_referral=case_has_cjg_referral(case),
        cjg_exemption_reason=cjg_exemption_reason or case.cjg_exemption_reason,
    )


@transaction.atomic
def case_transition(*, case: Case, user, to_status: str, cjg_exemption_reason: str = "", at: datetime.datetime | None = None) -> Case:  # noqa: ANN001
    """Move a case along the workflow (closing goes through ``case_close``)."""
    _require_case_worker(user, case.organization_id)
    case = Case.objects.select_for_update().get(pk=case.pk)
    if to_status not in CaseStatus.values:
        raise field_error("to_status", MSG_UNKNOWN_CODE, "invalid_choice")
    if to_status == CaseStatus.CLOSED:
        raise field_error("to_status", MSG_CLOSE_WITH_REASON, "close_with_reason")
    if not case_transition_allowed(case.status, to_status):
        raise field_error("to_status", MSG_TRANSITION_NOT_ALLOWED, "transition_not_allowed")
    at = at or timezone.now()
    reason = _clean_note(cjg_exemption_reason, required=False, field="cjg_exemption_reason")
    if to_status == CaseStatus.ACTIVE_SUPPORT and case_active_support_blocked(case, day=_local_day(at), cjg_exemption_reason=reason):
        raise field_error("to_status", MSG_MINOR_NEEDS_CJG, "minor_needs_cjg")
    previous = case.status
    case.status = to_status
    fields = ["status", "updated_at"]
    if reason and not case.cjg_exemption_reason:
        case.cjg_exemption_reason = reason
        fields.append("cjg_exemption_reason")
    case.save(update_fields=fields)
    event_append(case=case, kind=CaseEventKind.STATUS_CHANGE, user=user, at=at, text=reason, data={"from": previous, "to": to_status})
    access_log_record(user=user, action=AccessAction.UPDATE, purpose=Purpose.SUPPORT, obj=case)
    return case


@transaction.atomic
def case_assign_lead(*, case: Case, user, lead_worker, at: datetime.datetime | None = None) -> Case:  # noqa: ANN001
    _require_coordinator(user, case.organization_id)
    _require_open(case)
    _check_lead_worker(lead_worker, case.organization_id)
    case.lead_worker = lead_worker
    case.save(update_fields=["lead_worker", "updated_at"])
    event_append(case=case, kind=CaseEventKind.ASSIGNMENT, user=user, at=at, data={"lead_worker": lead_worker.pk, "name": lead_worker.get_full_name()})
    access_log_record(user=user, action=AccessAction.UPDATE, purpose=Purpose.SUPPORT, obj=case)
    return case


@transaction.atomic
def case_set_victim_status(*, case: Case, user, victim_status: str, note: str = "", at: datetime.datetime | None = None) -> Case:  # noqa: ANN001
    _require_case_worker(user, case.organization_id)
    _require_open(case)
    if victim_status not in VictimStatus.values:
        raise field_error("victim_status", MSG_UNKNOWN_CODE, "invalid_choice")
    note = _clean_note(note, required=False, field="note")
    at = at or timezone.now()
    case.victim_status, case.victim_status_decided_by, case.victim_status_decided_at = victim_status, user, at
    case.save(update_fields=["victim_status", "victim_status_decided_by", "victim_status_decided_at", "updated_at"])
    event_append(case=case, kind=CaseEventKind.VICTIM_STATUS, user=user, at=at, text=note, data={"victim_status": victim_status})
    access_log_record(user=user, action=AccessAction.UPDATE, purpose=Purpose.SUPPORT, obj=case)
    return case


@transaction.atomic
def case_set_exploitation(*, case: Case, user, exploitation: Iterable[Sequence[str]]) -> Case:  # noqa: ANN001
    _require_case_worker(user, case.organization_id)
    _require_open(case)
    pairs = clean_exploitation(exploitation)
    case.exploitations.all().delete()
    CaseExploitation.objects.bulk_create(CaseExploitation(case=case, type=k, criminal_subtype=s) for k, s in pairs)
    event_append(case=case, kind=CaseEventKind.EXPLOITATION, user=user, data=_exploitation_data(pairs))
    access_log_record(user=user, action=AccessAction.UPDATE, purpose=Purpose.SUPPORT, obj=case)
    return case


@transaction.atomic
def case_add_note(*, case: Case, user, text: str, at: datetime.datetime | None = None) -> CaseEvent:  # noqa: ANN001
    """A plain-text note on the timeline (stored as typed, rendered escaped)."""
    _require_case_worker(user, case.organization_id)
    text = _clean_note(text, required=True)
    event = event_append(case=case, kind=CaseEventKind.NOTE, user=user, at=at, text=text)
    access_log_record(user=user, action=AccessAction.UPDATE, purpose=Purpose.SUPPORT, obj=case)
    return event


@transaction.atomic
def case_record_transition_step(*, case: Case, user, note: str = "", at: datetime.datetime | None = None) -> Case:  # noqa: ANN001
    """Record the transition step for a young person who turned 18 during the case."""
    _require_case_worker(user, case.organization_id)
    at = at or timezone.now()
    due = transition_step_due(
        date_of_birth=case.young_person.date_of_birth, opened_on=_local_day(case.opened_at), today=_local_day(at),
        closed_on=None if case.closed_at is None else _local_day(case.closed_at), recorded=case.transition_step_recorded_at is not None,
    )
    if not due:
        raise ValidationError(MSG_TRANSITION_STEP_NOT_DUE, code="not_due")
    note = _clean_note(note, required=False, field="note")
    case.transition_step_recorded_at = at
    case.save(update_fields=["transition_step_recorded_at", "updated_at"])
    event_append(case=case, kind=CaseEventKind.TRANSITION_STEP, user=user, at=at, text=note)
    access_log_record(user=user, action=AccessAction.UPDATE, purpose=Purpose.SUPPORT, obj=case)
    return case


@transaction.atomic
def case_close(*, case: Case, user, reason: str, note: str = "", at: datetime.datetime | None = None) -> Case:  # noqa: ANN001
    _require_coordinator(user, case.organization_id)
    case = Case.objects.select_for_update().get(pk=case.pk)
    if reason not in CloseReason.values:
        raise field_error("reason", MSG_UNKNOWN_CODE, "invalid_choice")
    if not case_transition_allowed(case.status, CaseStatus.CLOSED):
        raise ValidationError(MSG_TRANSITION_NOT_ALLOWED, code="transition_not_allowed")
    note = _clean_note(note, required=False, field="note")
    at = at or timezone.now()
    previous = case.status
    case.status, case.closed_at, case.close_reason = CaseStatus.CLOSED, at, reason
    case.save(update_fields=["status", "closed_at", "close_reason", "updated_at"])
    event_append(case=case, kind=CaseEventKind.CLOSED, user=user, at=at, text=note, data={"from": previous, "reason": reason})
    access_log_record(user=user, action=AccessAction.UPDATE, purpose=Purpose.SUPPORT, obj=case)
    return case


from zicht.cases.referral_services import (  # noqa: E402  (re-exported: one import path for callers)
    consent_record,
    consent_withdraw,
    referral_create,
    referral_mark_done,
    referral_respond,
    support_action_add,
)

__all__ += [
    "consent_record", "consent_withdraw", "referral_create", "referral_mark_done", "referral_respond", "support_action_add",
]
