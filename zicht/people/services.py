"""Writes of young people: one path to create one, and the anonymisation of an identity."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from zicht.audit.constants import AccessAction, Purpose
from zicht.audit.services import access_log_record
from zicht.common.validation import ErrorCollector
from zicht.people.constants import District, Gender
from zicht.people.identity import codes_check, identity_clean
from zicht.people.models import YoungPerson
from zicht.people.permissions import young_person_may_register
from zicht.people.search import EMPTY_TOKENS, search_tokens


def _membership(user: Any) -> Any:
    return getattr(user, "membership", None) if getattr(user, "is_authenticated", False) else None


@transaction.atomic
def young_person_create(
    *,
    organization: Any,
    user: Any,
    given_names: str = "",
    family_name_prefix: str = "",
    family_name: str = "",
    date_of_birth: datetime.date | None = None,
    bsn: str = "",
    gender: str = Gender.UNKNOWN,
    district: str = District.UNKNOWN,
    intake: bool = False,
) -> YoungPerson:
    """Register a young person for ``organization``: the one path every app uses.

    The identity is validated and normalised here (:func:`zicht.people.identity.identity_clean`);
    bad input raises one ValidationError naming every field and saves nothing. ``intake`` is True
    while a concern is submitted: see :func:`zicht.people.permissions.young_person_may_register`.
    """
    membership = _membership(user)
    if membership is None or not young_person_may_register(
        role=membership.role, user_org_id=membership.organization_id, organization_id=organization.pk, intake=intake
    ):
        raise PermissionDenied
    errors = ErrorCollector()
    identity = identity_clean(
        given_names=given_names,
        family_name_prefix=family_name_prefix,
        family_name=family_name,
        date_of_birth=date_of_birth,
        bsn=bsn,
        today=timezone.localdate(),
        errors=errors,
    )
    codes_check(gender=gender, district=district, errors=errors)
    errors.raise_if_any()
    person = YoungPerson.objects.create(
        organization=organization,
        given_names=identity.given_names,
        family_name_prefix=identity.family_name_prefix,
        family_name=identity.family_name,
        date_of_birth=identity.date_of_birth,
        bsn=identity.bsn,
        gender=gender,
        district=district,
        **search_tokens(
            given_names=identity.given_names,
            family_name_prefix=identity.family_name_prefix,
            family_name=identity.family_name,
            date_of_birth=identity.date_of_birth,
        ),
    )
    access_log_record(
        user=user, action=AccessAction.CREATE, purpose=Purpose.TRIAGE if intake else Purpose.SUPPORT, obj=person
    )
    return person


@transaction.atomic
def young_person_identity_update(
    *,
    person: YoungPerson,
    user: Any,
    given_names: str,
    family_name_prefix: str,
    family_name: str,
    date_of_birth: datetime.date | None,
    bsn: str = "",
) -> YoungPerson:
    """Correct a young person's identity (the registering organisation only); the search index follows."""
    membership = _membership(user)
    if membership is None or not young_person_may_register(
        role=membership.role,
        user_org_id=membership.organization_id,
        organization_id=person.organization_id,
        intake=False,
    ):
        raise PermissionDenied
    errors = ErrorCollector()
    identity = identity_clean(
        given_names=given_names,
        family_name_prefix=family_name_prefix,
        family_name=family_name,
        date_of_birth=date_of_birth,
        bsn=bsn,
        today=timezone.localdate(),
        errors=errors,
    )
    errors.raise_if_any()
    person.given_names = identity.given_names
    person.family_name_prefix = identity.family_name_prefix
    person.family_name = identity.family_name
    person.date_of_birth = identity.date_of_birth
    person.bsn = identity.bsn
    for column, token in _tokens_of(person).items():
        setattr(person, column, token)
    person.save()
    access_log_record(user=user, action=AccessAction.UPDATE, purpose=Purpose.SUPPORT, obj=person)
    return person


def young_person_identity_anonymise(*, person_id: int) -> None:
    """Blank the identity fields and their search tokens (retention); gender and district stay for statistics."""
    YoungPerson.objects.filter(pk=person_id).update(
        given_names="",
        family_name_prefix="",
        family_name="",
        date_of_birth=None,
        bsn="",
        updated_at=timezone.now(),
        **EMPTY_TOKENS,
    )


def _tokens_of(person: YoungPerson) -> dict[str, str | None]:
    return search_tokens(
        given_names=person.given_names or "",
        family_name_prefix=person.family_name_prefix or "",
        family_name=person.family_name or "",
        date_of_birth=person.date_of_birth,
    )


def young_person_search_index_rebuild(*, batch_size: int = 500) -> int:
    """Recompute every young person's search tokens (after a new ``ZICHT_SEARCH_KEY``, or to fill
    rows made before the index). Decrypts each identity once, in memory; returns the rows changed."""
    changed = 0
    last_pk = 0
    while True:
        with transaction.atomic():
            batch = list(YoungPerson.objects.filter(pk__gt=last_pk).order_by("pk")[:batch_size])
            if not batch:
                return changed
            stale = []
            for person in batch:
                tokens = _tokens_of(person)
                if any(getattr(person, column) != token for column, token in tokens.items()):
                    for column, token in tokens.items():
                        setattr(person, column, token)
                    stale.append(person)
            YoungPerson.objects.bulk_update(stale, list(EMPTY_TOKENS))
            changed += len(stale)
            last_pk = batch[-1].pk
