"""A home-page count of one reads in the singular ("1 nieuwe melding"), other counts in the plural."""

from __future__ import annotations

import re

import pytest
from django.utils import translation

from zicht.common.roles import Role
from zicht.concerns.tests.factories import concern_make

pytestmark = pytest.mark.django_db


def _card(html: str, key: str) -> str:
    match = re.search(rf'data-queue="{re.escape(key)}">(.*?)</a>', html, re.S)
    assert match, key
    return re.sub(r"<[^>]+>", "", match.group(1)).split()


@pytest.mark.parametrize("count, words", [(1, "1 nieuwe melding"), (2, "2 nieuwe meldingen")])
def test_new_concerns_card_agrees_with_its_count(personas, client_for, count, words) -> None:
    worker = personas[Role.SUPPORT_WORKER]
    for _ in range(count):
        concern_make(handling_organization=worker.organization, reporter=personas[Role.REPORTER])
    with translation.override("nl"):
        html = client_for(worker).get("/", HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert " ".join(_card(html, "concerns.new")) == words


def test_every_queue_of_one_has_a_singular_label() -> None:
    from zicht.cases.queues import REFERRAL_LABELS, REFERRAL_LABELS_ONE
    from zicht.concerns.queues import HANDLER_LABELS, HANDLER_LABELS_ONE, REPORTER_LABELS, REPORTER_LABELS_ONE
    from zicht.matching.queues import NOTICE_LABELS, NOTICE_LABELS_ONE

    for plural, singular in (
        (REFERRAL_LABELS, REFERRAL_LABELS_ONE),
        (HANDLER_LABELS, HANDLER_LABELS_ONE),
        (REPORTER_LABELS, REPORTER_LABELS_ONE),
        (NOTICE_LABELS, NOTICE_LABELS_ONE),
    ):
        assert set(plural) == set(singular)
