"""Registration of trainings, prevention lessons and campaigns (validated; nothing partial is saved)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zicht.accounts.models import Organization
from zicht.common.actors import actor_is_system
from zicht.common.validation import ErrorCollector
from zicht.outreach.constants import MAX_PARTICIPANTS, AudienceSector, CampaignChannel, TrainingKind
from zicht.outreach.models import Campaign, PreventionLesson, Training, TrainingAudience
from zicht.outreach.permissions import role_registers_outreach
from zicht.outreach.tallies import keeps_training_tallies

MAX_YEARS_AHEAD = 2


def _add(errors: ErrorCollector, field: str, message, code: str, **params) -> None:
    errors.add(field, message, code=code, params=params or None)


def _check_user(user) -> None:
    if not actor_is_system(user) and not role_registers_outreach(getattr(user, "role", None)):
        raise PermissionDenied


def _check_count(errors: ErrorCollector, field: str, value: int) -> None:
    if not isinstance(value, int) or not 0 < value <= MAX_PARTICIPANTS:
        _add(errors, field, _("Give a number from 1 to %(max)s."), "count_out_of_range", max=MAX_PARTICIPANTS)


def _check_date(errors: ErrorCollector, field: str, value: datetime.date) -> None:
    if value.year > timezone.localdate().year + MAX_YEARS_AHEAD or value.year < 2000:
        _add(errors, field, _("This date is not plausible."), "implausible_date")


def _check_code(errors: ErrorCollector, field: str, values: Iterable[str], allowed: Iterable[str]) -> None:
    unknown = sorted(set(values) - set(allowed))
    if unknown:
        _add(
            errors, field, _("Unknown code: %(codes)s. Choose from the list."), "unknown_code", codes=", ".join(unknown)
        )


def _check_topics(errors: ErrorCollector, topic_criminal: bool, topic_sexual: bool) -> None:
    if not (topic_criminal or topic_sexual):
        _add(errors, "topic_criminal", _("Choose at least one topic: criminal and/or sexual exploitation."), "no_topic")


@transaction.atomic
@keeps_training_tallies(created=lambda training: [training.pk])
def training_create(
    *,
    user,
    date: datetime.date,
    organiser: Organization,
    title: str,
    kind: str,
    participants: int,
    audiences: Iterable[str],
    topic_criminal: bool = True,
    topic_sexual: bool = False,
    co_organiser: str = "",
) -> Training:
    _check_user(user)
    audiences = list(dict.fromkeys(audiences))
    errors = ErrorCollector()
    _check_date(errors, "date", date)
    _check_code(errors, "kind", [kind], TrainingKind.values)
    _check_code(errors, "audiences", audiences, AudienceSector.values)
    if not audiences:
        _add(errors, "audiences", _("Choose at least one audience."), "required")
    _check_count(errors, "participants", participants)
    _check_topics(errors, topic_criminal, topic_sexual)
    if not title.strip():
        _add(errors, "title", _("Give a title."), "required")
    errors.raise_if_any()
    training = Training.objects.create(
        date=date,
        organiser=organiser,
        title=title.strip(),
        kind=kind,
        participants=participants,
        topic_criminal=topic_criminal,
        topic_sexual=topic_sexual,
        co_organiser=co_organiser.strip(),
    )
    TrainingAudience.objects.bulk_create([TrainingAudience(training=training, sector=s) for s in audiences])
    return training


@transaction.atomic
def prevention_lesson_create(
    *,
    user,
    date: datetime.date,
    organiser: Organization,
    school_name: str,
    pupils: int,
    topic_criminal: bool = True,
    topic_sexual: bool = False,
) -> PreventionLesson:
    _check_user(user)
    errors = ErrorCollector()
    _check_date(errors, "date", date)
    _check_count(errors, "pupils", pupils)
    _check_topics(errors, topic_criminal, topic_sexual)
    if not school_name.strip():
        _add(errors, "school_name", _("Give the name of the school."), "required")
    errors.raise_if_any()
    return PreventionLesson.objects.create(
        date=date,
        organiser=organiser,
        school_name=school_name.strip(),
        pupils=pupils,
        topic_criminal=topic_criminal,
        topic_sexual=topic_sexual,
    )


@transaction.atomic
def campaign_create(
    *,
    user,
    name: str,
    organiser: Organization,
    starts_on: datetime.date,
    ends_on: datetime.date,
    channel: str,
    partner: str = "",
) -> Campaign:
    _check_user(user)
    errors = ErrorCollector()
    _check_date(errors, "starts_on", starts_on)
    _check_date(errors, "ends_on", ends_on)
    if ends_on < starts_on:
        _add(errors, "ends_on", _("The end date cannot be before the start date."), "end_before_start")
    _check_code(errors, "channel", [channel], CampaignChannel.values)
    if not name.strip():
        _add(errors, "name", _("Give a name."), "required")
    errors.raise_if_any()
    return Campaign.objects.create(
        name=name.strip(),
        organiser=organiser,
        starts_on=starts_on,
        ends_on=ends_on,
        channel=channel,
        partner=partner.strip(),
    )
