"""The support organisation's cases feed the involvement index: keys only, never content.

Opening a case registers the organisation's involvement; after a rotation of the pseudonym key
the case registrations are re-derived from the encrypted young-person records; a sync registers
open cases that are missing. The index itself (``zicht.matching``) never sees a case.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from zicht.accounts.constants import OrganizationKind
from zicht.cases.models import Case
from zicht.common.actors import SYSTEM_ACTOR
from zicht.common.pseudonyms import key_id
from zicht.matching.constants import Channel
from zicht.matching.models import Involvement
from zicht.matching.services import Identity, IdentityError, involvement_register, involvement_withdraw


def case_involvement_register(*, case: Any, user: Any) -> Involvement | None:
    """Feed the index from a support organisation's case (call from ``case_open``).

    Idempotent: a case already registered (active, current key) is not registered again. The
    identity is decrypted from the case's YoungPerson in memory only.
    """
    existing = Involvement.objects.filter(source_case_id=case.pk, key_id=key_id(), withdrawn_at__isnull=True).first()
    if existing is not None:
        return existing
    person = case.young_person
    identity = Identity(
        bsn=person.bsn or "",
        given_names=person.given_names or "",
        prefix=person.family_name_prefix or "",
        family_name=person.family_name or "",
        date_of_birth=person.date_of_birth,
    )
    contact = getattr(case, "lead_worker", None) or (user if getattr(user, "pk", None) else None)
    try:
        result = involvement_register(
            organization=case.organization,
            contact=contact,
            identity=identity,
            actor=user,
            channel=Channel.CASE,
            source_case_id=case.pk,
        )
    except IdentityError:
        return None  # not enough identifiers to make a key: nothing to register
    return result.involvement


def case_involvements_rekey(*, actor: Any = SYSTEM_ACTOR) -> dict[str, int]:
    """Re-derive the keys after the server secret (``PSEUDONYM_KEY``) was rotated.

    This app holds no clear identifiers, so keys cannot be re-computed from what it stores. The
    job is honest about that:

    * Every registration records ``key_id``, the fingerprint of the secret its keys were made with.
      Matching only compares registrations with the same ``key_id``, so after a rotation the old
      keys keep matching only among themselves, until they expire (at most the retention period).
    * Registrations fed from the support organisation's own cases are re-derived here from the
      encrypted YoungPerson (decrypted in memory): the old registration is withdrawn and a new one
      with the current secret is made, which may produce new matches and notices.
    * Registrations by partners (screen or API) cannot be re-derived: partners re-submit them
      (the count is reported), and the old ones lapse on expiry.

    Returns counts: ``rekeyed``, ``skipped`` (no longer an open case) and ``awaiting_resubmission``.
    """
    current = key_id()
    counts = {"rekeyed": 0, "skipped": 0, "awaiting_resubmission": 0}
    stale = Involvement.objects.filter(withdrawn_at__isnull=True).exclude(key_id=current)
    for involvement in stale.filter(source_case_id__isnull=False).iterator():
        case_id = involvement.source_case_id  # never None: the query above excludes it
        case = (
            Case.objects.select_related("young_person", "organization").filter(pk=case_id).first()
            if case_id is not None
            else None
        )
        with transaction.atomic():
            involvement_withdraw(involvement=involvement, actor=actor)
            if case is None or case.closed_at is not None:
                counts["skipped"] += 1
                continue
            if case_involvement_register(case=case, user=actor) is not None:
                counts["rekeyed"] += 1
    counts["awaiting_resubmission"] = stale.filter(source_case_id__isnull=True).count()
    return counts


def case_involvements_sync(*, actor: Any = SYSTEM_ACTOR) -> dict[str, int]:
    """Register involvement for open cases of support organisations not yet in the index."""
    current = key_id()
    registered = set(
        Involvement.objects.filter(source_case_id__isnull=False, key_id=current, withdrawn_at__isnull=True).values_list(
            "source_case_id", flat=True
        )
    )
    counts = {"registered": 0, "already": 0, "no_keys": 0}
    cases = Case.objects.filter(closed_at__isnull=True, organization__kind=OrganizationKind.SUPPORT).select_related(
        "young_person", "organization", "lead_worker"
    )
    for case in cases.iterator():
        if case.pk in registered:
            counts["already"] += 1
        elif case_involvement_register(case=case, user=actor) is None:
            counts["no_keys"] += 1
        else:
            counts["registered"] += 1
    return counts
