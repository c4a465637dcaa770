"""Writes of the involvement index: register, match and notify, withdraw, purge, re-key."""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zicht.api.framework import ApiPrincipal
from zicht.audit.constants import AccessAction, Purpose
from zicht.audit.services import access_log_record
from zicht.common.actors import actor_is_system, actor_organization_id, actor_role
from zicht.common.pseudonyms import (
    KeyKind,
    compatible_kinds,
    evidence_for,
    key_id,
    match_keys,
    parse_date_of_birth,
    probable_match,
)
from zicht.matching.constants import (
    DOB_PLAUSIBLE_MAX_AGE,
    MAX_AGE_YEARS,
    MIN_AGREEING_NAME_KEYS,
    Channel,
    MatchBasis,
)
from zicht.matching.models import Involvement, InvolvementKey, Match, MatchNotice
from zicht.matching.permissions import may_register_involvement
from zicht.outbox.services import email_queue
from zicht.people.ages import age_on

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Identity:
    """Identifiers typed in or read from a source system; turned into keys and then dropped."""

    bsn: str = ""
    given_names: str = ""
    prefix: str = ""
    family_name: str = ""
    date_of_birth: dt.date | str | None = None

    def __repr__(self) -> str:  # never print identifiers in logs or tracebacks
        return "Identity(<redacted>)"


@dataclass
class RegistrationResult:
    involvement: Involvement
    matches: list[Match] = field(default_factory=list)


class IdentityError(ValueError):
    """The identifiers given cannot make a usable key."""


MSG_DOB_INVALID = _("The date of birth is not a valid date.")
MSG_DOB_FUTURE = _("The date of birth cannot be in the future.")
MSG_DOB_TOO_OLD = _("The date of birth makes this person older than %(max)s; check the year.")


def date_of_birth_check(value: dt.date | str | None, *, today: dt.date | None = None) -> dt.date | None:
    """The date of birth as a date when it is real and plausible, None when not given.

    Raises ``IdentityError`` (with a translated message) for text that is not a date, a date in
    the future, or one that makes the person older than ``DOB_PLAUSIBLE_MAX_AGE``. Every entry
    point (screen, API, case feed) reaches this through ``identity_keys``.
    """
    if value in (None, ""):
        return None
    try:
        date_of_birth = parse_date_of_birth(value)
    except ValueError:
        raise IdentityError(str(MSG_DOB_INVALID)) from None
    today = today or timezone.localdate()
    if date_of_birth > today:
        raise IdentityError(str(MSG_DOB_FUTURE))
    if age_on(date_of_birth, today) > DOB_PLAUSIBLE_MAX_AGE:
        raise IdentityError(str(MSG_DOB_TOO_OLD) % {"max": DOB_PLAUSIBLE_MAX_AGE})
    return date_of_birth


def identity_keys(identity: Identity) -> dict[str, str]:
    """Server keys for ``identity``; raises ``IdentityError`` when none could ever match."""
    date_of_birth_check(identity.date_of_birth)
    try:
        keys = match_keys(
            bsn=identity.bsn,
            given_names=identity.given_names,
            prefix=identity.prefix,
            family_name=identity.family_name,
            date_of_birth=identity.date_of_birth,
        )
    except ValueError as exc:
        raise IdentityError(str(exc)) from None
    name_keys = {KeyKind.BASE[k] for k in keys if k != KeyKind.BSN}
    if KeyKind.BSN not in keys and len(name_keys) < MIN_AGREEING_NAME_KEYS:
        raise IdentityError(_("Give a valid BSN, or given names, family name and date of birth."))
    return keys


def involvement_expiry(*, registered_at: dt.datetime, date_of_birth: dt.date | None) -> dt.datetime:
    """Retention period after registration, but never past the young person's 23rd birthday.

    The birthday is rounded down to the first of its month so the stored expiry does not reveal
    the date of birth.
    """
    expires = registered_at + dt.timedelta(days=settings.ZICHT_INVOLVEMENT_RETENTION_DAYS)
    if date_of_birth is not None:
        cap_date = dt.date(date_of_birth.year + MAX_AGE_YEARS, date_of_birth.month, 1)
        cap = timezone.make_aware(dt.datetime.combine(cap_date, dt.time.min))
        expires = min(expires, cap)
    # A young person already past the limit still gets a short registration window of one day.
    return max(expires, registered_at + dt.timedelta(days=1))


def _dob(identity: Identity) -> dt.date | None:
    return date_of_birth_check(identity.date_of_birth)


def _candidate_evidence(*, keys: dict[str, str], involvement: Involvement, now: dt.datetime) -> dict[int, set[str]]:
    """Active registrations of other organisations sharing keys with ``keys``, with the evidence."""
    condition = Q()
    for kind, value in keys.items():
        condition |= Q(kind__in=compatible_kinds(kind), value=value)
    # Two small indexed queries rather than one join, so every database plans them the same way:
    # the keys by (kind, value), then which of their registrations are active and of another org.
    rows = list(
        InvolvementKey.objects.filter(condition)
        .exclude(involvement_id=involvement.pk)
        .values_list("involvement_id", "kind", "value")
    )
    if not rows:
        return {}
    eligible = set(
        Involvement.objects.filter(
            pk__in={row[0] for row in rows}, key_id=involvement.key_id, withdrawn_at__isnull=True, expires_at__gt=now
        )
        .exclude(organization_id=involvement.organization_id)
        .values_list("pk", flat=True)
    )
    rows = [row for row in rows if row[0] in eligible]
    mine_by_value: dict[str, list[str]] = defaultdict(list)
    for kind, value in keys.items():
        mine_by_value[value].append(kind)
    evidence: dict[int, set[str]] = defaultdict(set)
    for other_id, other_kind, value in rows:
        for my_kind in mine_by_value.get(value, ()):
            if KeyKind.BASE[my_kind] == KeyKind.BASE[other_kind]:
                evidence[other_id].add(evidence_for(my_kind, other_kind))
    return evidence


def match_decide(*, evidence: set[str], both_have_bsn: bool) -> tuple[str, list[str]] | None:
    """The basis of a match from the agreeing keys, or None. Different BSNs: never a match."""
    if KeyKind.BSN in evidence:
        return MatchBasis.BSN, [KeyKind.BSN]
    if both_have_bsn:
        return None
    name_evidence = probable_match(evidence, min_kinds=MIN_AGREEING_NAME_KEYS)  # the one rule, in pseudonyms
    if name_evidence:
        return MatchBasis.PROBABLE, list(name_evidence)
    return None


# Plain-language certainty of a match, for the notices (never the names of the keys).
MSG_SAME_BSN = gettext_lazy("Same BSN: this is the same young person.")
MSG_PROBABLE_NAME_DOB = gettext_lazy("Probably the same young person: name and date of birth agree; please check this.")
MSG_PROBABLE_SWAPPED = gettext_lazy(
    "Probably the same young person: the name agrees and the date of birth has day and month swapped; "
    "please check this."
)
MSG_PROBABLE_SOUND = gettext_lazy(
    "Possibly the same young person: the family name sounds alike and the date of birth agrees; "
    "please check this carefully."
)
# Evidence that the name itself (not only its sound) agrees.
_SPELLED_NAME_KINDS = frozenset({KeyKind.NAME_DOB, KeyKind.GIVEN_DOB})


def match_description(match: Match) -> str:
    """How sure the match is, in plain words: the same BSN, or a probable match to check."""
    if match.basis == MatchBasis.BSN:
        return str(MSG_SAME_BSN)
    agreed = set(match.agreed)
    if any(code.endswith("_swapped") for code in agreed) and not any(not code.endswith("_swapped") for code in agreed):
        return str(MSG_PROBABLE_SWAPPED)
    if agreed & _SPELLED_NAME_KINDS:
        return str(MSG_PROBABLE_NAME_DOB)
    return str(MSG_PROBABLE_SOUND)


@transaction.atomic
def involvement_register(
    *,
    organization: Any,
    contact: Any,
    identity: Identity,
    actor: Any,
    channel: str = Channel.SCREEN,
    source_case_id: int | None = None,
    registered_at: dt.datetime | None = None,
) -> RegistrationResult:
    """Register THAT ``organization`` is involved; match against other organisations and notify.

    The identifiers are turned into keys here and never stored. ``actor`` is the user (or API
    principal) recorded in the audit log.
    """
    if not may_register_involvement(
        role=actor_role(actor),
        actor_org_id=actor_organization_id(actor),
        organization_id=organization.pk,
        is_system=actor_is_system(actor),
        is_api=isinstance(actor, ApiPrincipal),
    ):
        raise PermissionDenied
    keys = identity_keys(identity)
    now = registered_at or timezone.now()
    involvement = Involvement.objects.create(
        organization=organization,
        contact=contact,
        channel=channel,
        source_case_id=source_case_id,
        key_id=key_id(),
        registered_at=now,
        expires_at=involvement_expiry(registered_at=now, date_of_birth=_dob(identity)),
    )
    InvolvementKey.objects.bulk_create(
        InvolvementKey(involvement=involvement, kind=k, value=v) for k, v in keys.items()
    )
    access_log_record(user=actor, action=AccessAction.CREATE, purpose=Purpose.COORDINATION, obj=involvement)
    result = RegistrationResult(involvement=involvement)
    evidence = _candidate_evidence(keys=keys, involvement=involvement, now=now)
    with_bsn: set[int] = set()
    if KeyKind.BSN in keys and evidence:
        with_bsn = set(
            InvolvementKey.objects.filter(involvement_id__in=list(evidence), kind=KeyKind.BSN).values_list(
                "involvement_id", flat=True
            )
        )
    others = Involvement.objects.select_related("organization", "contact").in_bulk(list(evidence))
    for other_id, found in sorted(evidence.items()):
        decision = match_decide(evidence=found, both_have_bsn=other_id in with_bsn)
        if decision is None:
            continue
        basis, agreed = decision
        match = Match.objects.create(first=others[other_id], second=involvement, basis=basis, agreed=agreed)
        access_log_record(user=actor, action=AccessAction.CREATE, purpose=Purpose.COORDINATION, obj=match)
        result.matches.append(match)
        for own, counterpart in ((involvement, others[other_id]), (others[other_id], involvement)):
            notice = MatchNotice.objects.create(
                match=match,
                involvement=own,
                counterpart=counterpart,
                recipient=own.contact,
                recipient_organization=own.organization,
            )
            notice_queue_email(notice=notice)
    return result


def contact_details(involvement: Involvement) -> dict[str, str]:
    """Who to call about a registration: the contact person, else the organisation."""
    organization = involvement.organization
    user = involvement.contact
    return {
        "organization": organization.name,
        "name": user.get_full_name() or user.get_username() if user else "",
        "phone": (user.phone if user and user.phone else organization.phone) or "",
        "email": (user.email if user and user.email else organization.email) or "",
    }


def notice_text(notice: MatchNotice) -> str:
    details = contact_details(notice.counterpart)
    lines = [
        _("Another organisation has registered involvement with a young person you registered."),
        match_description(notice.match),
        "",
        _("Contact: %(name)s, %(organization)s") % details,
        _("Phone: %(phone)s") % details,
        _("E-mail: %(email)s") % details,
        "",
        _("Zicht shares nothing else. Please get in touch to coordinate."),
    ]
    return "\n".join(lines)


NOTICE_EMAIL_KIND = "match_notice"


def notice_queue_email(*, notice: MatchNotice) -> bool:
    """Queue the e-mail of a notice to its recipient (the contact person, else the organisation)
    in the current transaction; the outbox worker sends it and then sets ``emailed_at``."""
    address = (notice.recipient.email if notice.recipient else "") or notice.recipient_organization.email
    if not address:
        return False
    email_queue(
        kind=NOTICE_EMAIL_KIND,
        to=[address],
        subject=_("Zicht: involvement match"),
        body=notice_text(notice),
        reference=str(notice.pk),
    )
    return True


def notice_mark_emailed(reference: str) -> None:
    """Outbox hook: the notice's e-mail went out."""
    MatchNotice.objects.filter(pk=int(reference), emailed_at__isnull=True).update(emailed_at=timezone.now())


@transaction.atomic
def notice_mark_read(*, notice: MatchNotice, actor: Any) -> MatchNotice:
    """The recipient marks the notice read (an explicit action: opening it does not)."""
    if notice.read_at is None:
        notice.read_at = timezone.now()
        notice.save(update_fields=["read_at"])
        access_log_record(user=actor, action=AccessAction.UPDATE, purpose=Purpose.COORDINATION, obj=notice)
    return notice


@transaction.atomic
def involvement_withdraw(*, involvement: Involvement, actor: Any) -> Involvement:
    """Withdraw a registration: it stops matching at once and is removed by the next purge."""
    if involvement.withdrawn_at is None:
        involvement.withdrawn_at = timezone.now()
        involvement.save(update_fields=["withdrawn_at"])
        InvolvementKey.objects.filter(involvement=involvement).delete()
        access_log_record(user=actor, action=AccessAction.UPDATE, purpose=Purpose.COORDINATION, obj=involvement)
    return involvement
