"""Second-factor enrolment only through an administrator's one-time invitation link."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from zicht.accounts.models import EnrolmentInvitation
from zicht.accounts.services import enrolment_invitation_issue, user_authenticator_reset, user_create_invited
from zicht.accounts.tests.factories import TEST_PASSWORD, UserFactory
from zicht.audit.constants import AccessAction
from zicht.audit.models import AccessLogEntry
from zicht.common.roles import Role

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "paars-konijn-onder-de-brug-42"


@pytest.fixture(autouse=True)
def _mail_on_commit(monkeypatch, settings):
    """Mail goes out when the transaction commits; tests run inside one, so commit at once."""
    from zicht.accounts import services

    settings.ZICHT_OUTBOX_SEND_ON_COMMIT = True  # the outbox sends when the transaction commits
    monkeypatch.setattr(services.transaction, "on_commit", lambda callback, *a, **k: callback())


def _link(mail) -> str:
    return re.search(r"http://testserver(/account/activeren/[^/\s]+/)", mail.body).group(1)


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def _actions(user) -> list[str]:
    return list(
        AccessLogEntry.objects.filter(object_type="accounts.user", object_id=str(user.pk)).values_list(
            "action", flat=True
        )
    )


def _invite_new(personas, mailoutbox):
    user = user_create_invited(
        actor=personas[Role.ADMIN],
        username="nieuw",
        email="nieuw@shop.example",
        organization=personas[Role.SUPPORT_WORKER].organization,
        role=Role.SUPPORT_WORKER,
        first_name="Nina",
        last_name="Nieuw",
        base_url="http://testserver/",
    )
    return user, _link(next(m for m in mailoutbox if m.to == ["nieuw@shop.example"]))


def test_new_account_has_no_password_and_gets_a_link_and_its_organisation_a_notice(personas, mailoutbox):
    user, link = _invite_new(personas, mailoutbox)
    assert not user.has_usable_password()
    assert {tuple(m.to) for m in mailoutbox} == {("nieuw@shop.example",), (user.organization.email,)}
    notice = next(m for m in mailoutbox if m.to == [user.organization.email])
    assert "activeren" not in notice.body and "nieuw" in notice.body
    assert _actions(user) == [AccessAction.CREATE, AccessAction.INVITE]


def test_invitation_link_sets_password_then_authenticator_then_logs_in(personas, mailoutbox):
    user, link = _invite_new(personas, mailoutbox)
    client = Client()
    step1 = client.get(link)
    assert step1.status_code == 200 and step1.context["step"] == "password" and "secret" not in step1.context
    assert client.post(link, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}).status_code == 302
    step2 = client.get(link)
    assert step2.context["step"] == "device" and step2.context["secret"]
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    assert client.post(link, {"token": _code(device)}).status_code == 302
    assert client.get("/").status_code == 200
    device.refresh_from_db()
    user.refresh_from_db()
    assert device.confirmed and user.check_password(NEW_PASSWORD)
    assert EnrolmentInvitation.objects.get(user=user).used_at is not None
    assert _actions(user) == [AccessAction.CREATE, AccessAction.INVITE, AccessAction.UPDATE, AccessAction.ENROL]
    assert Client().get(link).status_code == 404  # single use


def test_expired_and_replaced_links_are_refused(personas, mailoutbox):
    user, first = _invite_new(personas, mailoutbox)
    mailoutbox.clear()
    enrolment_invitation_issue(actor=personas[Role.ADMIN], user=user, base_url="http://testserver/")
    second = _link(mailoutbox[0])
    assert Client().get(first).status_code == 404
    assert Client().get(second).status_code == 200
    EnrolmentInvitation.objects.filter(user=user).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert Client().get(second).status_code == 404


def test_lost_device_needs_an_admin_reset_and_a_new_invitation_and_the_password(personas, mailoutbox, client_for):
    worker = personas[Role.SUPPORT_WORKER]
    old = TOTPDevice.objects.create(user=worker, name="Zicht", confirmed=True)
    session = client_for(worker)
    assert session.get("/").status_code == 200
    user_authenticator_reset(actor=personas[Role.ADMIN], user=worker)
    assert not TOTPDevice.objects.filter(pk=old.pk).exists()
    assert session.get("/").templates[0].name == "public/landing.html"  # every session ended
    enrolment_invitation_issue(actor=personas[Role.ADMIN], user=worker, base_url="http://testserver/")
    link = _link(next(m for m in mailoutbox if m.to == [worker.email]))
    client = Client()
    assert client.get(link).context["new_password"] is False
    refused = client.post(link, {"password": "not-my-password"})
    assert refused.context["step"] == "password" and not TOTPDevice.objects.filter(user=worker).exists()
    client.post(link, {"password": TEST_PASSWORD})
    device = TOTPDevice.objects.get(user=worker, confirmed=False)
    client.post(link, {"token": _code(device)})
    assert client.get("/").status_code == 200
    assert _actions(worker) == [AccessAction.MFA_RESET, AccessAction.INVITE, AccessAction.ENROL]


def test_a_logged_in_user_cannot_use_a_link(personas, mailoutbox, client_for):
    _user, link = _invite_new(personas, mailoutbox)
    assert client_for(personas[Role.COORDINATOR]).get(link).status_code == 403


def test_only_admins_invite_and_never_themselves(personas):
    from django.core.exceptions import PermissionDenied

    target = UserFactory(organization=personas[Role.SUPPORT_WORKER].organization, role=Role.SUPPORT_WORKER)
    for actor in (personas[Role.COORDINATOR], personas[Role.ADMIN]):
        with pytest.raises(PermissionDenied):
            enrolment_invitation_issue(
                actor=actor, user=target if actor.role != Role.ADMIN else actor, base_url="http://x/"
            )


def test_operator_bootstraps_the_first_administrator_and_resets_it(mailoutbox, db):
    from django.core.management import call_command

    call_command(
        "invite_user",
        "eerste",
        "--email",
        "eerste@gemeente.example",
        "--organization",
        "Gemeente",
        "--base-url",
        "http://testserver",
    )
    admin = EnrolmentInvitation.objects.get().user
    assert admin.role == Role.ADMIN and not admin.has_usable_password()
    assert Client().get(_link(mailoutbox[-1])).status_code == 200
    call_command("invite_user", "eerste", "--reset", "--base-url", "http://testserver")
    assert EnrolmentInvitation.objects.filter(user=admin, revoked_at__isnull=True, used_at__isnull=True).count() == 1
    entries = AccessLogEntry.objects.filter(object_id=str(admin.pk), object_type="accounts.user")
    assert list(entries.values_list("action", "actor_username")) == [
        (AccessAction.CREATE, ""),
        (AccessAction.INVITE, ""),
        (AccessAction.MFA_RESET, ""),
        (AccessAction.INVITE, ""),
    ]
