"""Match notice e-mail goes through the outbox: nothing is lost while the mail server is down."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from zicht.common.roles import Role
from zicht.matching import services
from zicht.matching.models import MatchNotice
from zicht.matching.tests.factories import SANNE
from zicht.outbox.models import OutgoingEmail
from zicht.outbox.services import outbox_flush
from zicht.outbox.tests.backends import FlakyBackend

pytestmark = pytest.mark.django_db


def test_notice_registered_while_the_mail_server_is_down_is_sent_when_it_returns(
    personas, police_partner, settings
) -> None:
    settings.EMAIL_BACKEND = "zicht.outbox.tests.backends.FlakyBackend"
    settings.ZICHT_OUTBOX_SEND_ON_COMMIT = False
    worker = personas[Role.SUPPORT_WORKER]
    FlakyBackend.down = True
    try:
        for user in (worker, police_partner):
            services.involvement_register(organization=user.organization, contact=user, identity=SANNE, actor=user)
        # The registration succeeded although no mail could go; both notices wait in the outbox.
        assert (
            MatchNotice.objects.count() == 2
            and OutgoingEmail.objects.filter(kind=services.NOTICE_EMAIL_KIND).count() == 2
        )
        call_command("send_outbox")
        assert not mail.outbox and not MatchNotice.objects.filter(emailed_at__isnull=False).exists()
    finally:
        FlakyBackend.down = False
    outbox_flush(now=timezone.now() + dt.timedelta(hours=1))
    assert sorted(m.to[0] for m in mail.outbox) == sorted([worker.email, police_partner.email])
    assert not MatchNotice.objects.filter(emailed_at__isnull=True).exists()
