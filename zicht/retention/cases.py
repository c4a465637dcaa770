"""Retention of closed cases: anonymised after ``ZICHT_CLOSED_CASE_RETENTION_DAYS`` from ``closed_at``.

Anonymising blanks the free texts that may hold personal data (timeline text and details, support
notes, referral response notes, the CJG exemption reason, the texts of case meetings and their
agreed actions, and the texts of the case's concerns that no case in retention holds on to) and
keeps every field statistics count, so published
figures stay reproducible. The young person's identity is blanked once none of their cases or
concerns is still within retention, which may be a later run than the case's own. The deletion
log is the "anonymised" marker: a case or young person already logged is skipped.
"""

from __future__ import annotations

import datetime
import uuid

from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet

from zicht.audit.models import DeletionAction
from zicht.audit.retention import RetentionResult, already_logged, retention_record
from zicht.cases.constants import CaseStatus
from zicht.cases.models import Case, CaseEvent, Consent, Referral, SupportAction
from zicht.cases.tallies import cases_kept
from zicht.concerns.models import Concern, ConcernStatusChange
from zicht.meetings.models import CaseMeeting, MeetingAction, MeetingActionStatusChange
from zicht.people.models import YoungPerson
from zicht.people.services import young_person_identity_anonymise
from zicht.retention.policy import case_in_retention_q, case_retention_cutoff, concern_in_retention_q

JOB = "cases.anonymise"
CASE_TYPE = "cases.case"
PERSON_TYPE = "people.youngperson"
# Young people were logged under this type before they moved to the people app.
HISTORIC_PERSON_TYPE = "cases.youngperson"
KEPT_PERSON = "identity kept: a case or concern is still within retention"


def cases_due(*, today: datetime.date) -> QuerySet[Case]:
    """Closed cases past their period that were not anonymised before."""
    cutoff = case_retention_cutoff(today=today)
    due = Case.objects.filter(status=CaseStatus.CLOSED, closed_at__lt=cutoff)
    return due.exclude(already_logged(job=JOB, object_type=CASE_TYPE)).order_by("pk")


def people_due(*, today: datetime.date) -> tuple[list[int], list[int]]:
    """(young people whose identity is due for blanking, young people kept for now).

    Candidates have at least one case past its period and were not anonymised before.
    """
    cutoff = case_retention_cutoff(today=today)
    past = Case.objects.filter(status=CaseStatus.CLOSED, closed_at__lt=cutoff)
    candidates = (
        YoungPerson.objects.filter(Exists(past.filter(young_person=OuterRef("pk"))))
        .exclude(already_logged(job=JOB, object_type=PERSON_TYPE))
        .exclude(already_logged(job=JOB, object_type=HISTORIC_PERSON_TYPE))
    )
    live_case = Case.objects.filter(young_person=OuterRef("pk")).filter(case_in_retention_q(cutoff=cutoff))
    live_concern = Concern.objects.filter(young_person=OuterRef("pk")).filter(concern_in_retention_q(today=today))
    kept = candidates.filter(Q(Exists(live_case)) | Q(Exists(live_concern)))
    kept_ids = set(kept.values_list("pk", flat=True))
    candidate_ids = set(candidates.values_list("pk", flat=True))
    return sorted(candidate_ids - kept_ids), sorted(kept_ids)


def _case_concerns_free(case: Case, *, today: datetime.date) -> list[int]:
    """The case's concerns that no case still within retention is linked to."""
    return list(case.concerns.exclude(concern_in_retention_q(today=today)).values_list("pk", flat=True))


def _case_anonymise(case: Case, *, today: datetime.date) -> None:
    # A queryset update: CaseEvent.save refuses every change; the database allows only this redaction.
    CaseEvent.objects.filter(case=case).update(text="", data={})
    SupportAction.objects.filter(case=case).update(note="")
    Referral.objects.filter(case=case).update(response_note="")
    Case.objects.filter(pk=case.pk).update(cjg_exemption_reason="")
    concern_ids = _case_concerns_free(case, today=today)
    Concern.objects.filter(pk__in=concern_ids).update(
        description="", advice_text="", recruitment_detail="", contact_name="", contact_phone="", contact_email=""
    )
    ConcernStatusChange.objects.filter(concern_id__in=concern_ids).update(note="")
    # Case meetings: what was said and agreed may name people; dates, organisations and statuses stay.
    CaseMeeting.objects.filter(case=case).update(place="", agenda="", summary="")
    MeetingAction.objects.filter(meeting__case=case).update(owner_person="", description="", outcome="")
    MeetingActionStatusChange.objects.filter(action__meeting__case=case).update(outcome="")


def _person_anonymise(person_id: int) -> None:
    young_person_identity_anonymise(person_id=person_id)
    # Who gave consent ("mother, ...") may identify; the consent itself (recipient, purpose, dates) stays.
    Consent.objects.filter(young_person_id=person_id).update(given_by_text="")


def cases_anonymise(*, today: datetime.date, dry_run: bool = False, run_id: uuid.UUID | None = None) -> RetentionResult:
    """Anonymise the closed cases past retention and free identities (atomic: the whole job or nothing)."""
    result = RetentionResult(job=JOB, action=DeletionAction.ANONYMISED, dry_run=dry_run)
    run_id = run_id or uuid.uuid4()
    with transaction.atomic():
        cases = list(cases_due(today=today))
        person_ids, kept_ids = people_due(today=today)
        for person_id in kept_ids:
            result.keep(PERSON_TYPE, KEPT_PERSON, person_id)
        for case in cases:
            if not dry_run:
                with cases_kept([case.pk]):  # anonymising keeps every counted field; the tallies check it
                    _case_anonymise(case, today=today)
                retention_record(
                    run_id=run_id, job=JOB, object_type=CASE_TYPE, object_id=case.pk, action=DeletionAction.ANONYMISED
                )
            result.add(CASE_TYPE, case.pk)
        for person_id in person_ids:
            if not dry_run:
                _person_anonymise(person_id)
                retention_record(
                    run_id=run_id,
                    job=JOB,
                    object_type=PERSON_TYPE,
                    object_id=person_id,
                    action=DeletionAction.ANONYMISED,
                )
            result.add(PERSON_TYPE, person_id)
    return result
