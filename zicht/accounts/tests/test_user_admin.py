"""Finding 2: the admin role never sets a password, never reaches case content, and every account
change it makes is in the access log (not only in Django's editable django_admin_log)."""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt
from django.contrib.admin.models import LogEntry
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django_otp.plugins.otp_totp.models import TOTPDevice

from zicht.accounts.models import EnrolmentInvitation, Membership, User
from zicht.accounts.tests.factories import TEST_PASSWORD, UserFactory
from zicht.audit.constants import AccessAction, Purpose
from zicht.audit.models import AccessLogEntry
from zicht.common.roles import Role

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _mail_on_commit(monkeypatch, settings):
    from zicht.accounts import services

    settings.ZICHT_OUTBOX_SEND_ON_COMMIT = True  # the outbox sends when the transaction commits
    monkeypatch.setattr(services.transaction, "on_commit", lambda callback, *a, **k: callback())


@pytest.fixture
def admin_client(personas, client_for):
    return client_for(personas[Role.ADMIN])


@pytest.fixture
def newcomer(personas) -> User:
    """A support worker who has not enrolled yet: the target of the old attack."""
    return UserFactory(organization=personas[Role.SUPPORT_WORKER].organization, role=Role.SUPPORT_WORKER)


def _logged(user: User) -> list[tuple[str, str]]:
    return list(
        AccessLogEntry.objects.filter(purpose=Purpose.ADMINISTRATION, object_id=str(user.pk))
        .exclude(action=AccessAction.READ)
        .values_list("object_type", "action")
    )


def test_admin_cannot_set_a_password(admin_client, newcomer):
    url = reverse("admin:auth_user_password_change", args=[newcomer.pk])
    assert admin_client.get(url).status_code == 403
    response = admin_client.post(
        url, {"password1": "admin-chosen-pass-1", "password2": "admin-chosen-pass-1", "usable_password": "true"}
    )
    assert response.status_code == 403
    newcomer.refresh_from_db()
    assert newcomer.check_password(TEST_PASSWORD)
    change = admin_client.get(reverse("admin:accounts_user_change", args=[newcomer.pk]))
    assert "password" not in change.context["adminform"].form.fields


def test_the_old_takeover_route_ends_without_case_content(admin_client, newcomer):
    """Admin sets the newcomer's password, enrols, reads cases: each step is now closed."""
    admin_client.post(
        reverse("admin:auth_user_password_change", args=[newcomer.pk]), {"password1": "x" * 14, "password2": "x" * 14}
    )
    attacker = Client()
    attacker.post(reverse("accounts:login"), {"username": newcomer.username, "password": "x" * 14})
    assert "_auth_user_id" not in attacker.session
    # Even with the password, no secret is shown and no authenticator can be created.
    attacker.post(reverse("accounts:login"), {"username": newcomer.username, "password": TEST_PASSWORD})
    assert attacker.get(reverse("accounts:mfa")).status_code == 403
    assert not TOTPDevice.objects.filter(user=newcomer).exists()
    assert attacker.get(reverse("cases:list")).status_code == 302


def test_admin_adds_a_user_without_password_and_an_invitation_goes_out(admin_client, personas, mailoutbox):
    org = personas[Role.SUPPORT_WORKER].organization
    data = {
        "username": "nieuwe",
        "first_name": "Nora",
        "last_name": "Nieuwe",
        "email": "nora@shop.example",
        "phone": "",
        "organization": org.pk,
        "role": Role.SUPPORT_WORKER,
    }
    response = admin_client.post(reverse("admin:accounts_user_add"), data)
    assert response.status_code == 302, response.context and response.context["adminform"].form.errors
    user = User.objects.get(username="nieuwe")
    assert not user.has_usable_password() and user.role == Role.SUPPORT_WORKER and user.organization == org
    assert EnrolmentInvitation.objects.filter(user=user, used_at__isnull=True).count() == 1
    assert any(m.to == ["nora@shop.example"] and "/account/activeren/" in m.body for m in mailoutbox)
    assert _logged(user) == [("accounts.user", AccessAction.CREATE), ("accounts.user", AccessAction.INVITE)]


def test_add_page_is_dutch_and_has_no_password(admin_client):
    with translation.override("nl"):
        page = admin_client.get(reverse("admin:accounts_user_add"), HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    page = page.split('id="user_form"')[1].split("</form>")[0]
    assert "Organisatie" in page and "Rol" in page and "De uitnodiging om het account in te stellen" in page
    assert "password1" not in page and "Password" not in page and "Wachtwoord" not in page


@pytest.mark.parametrize(
    "action,expected",
    [
        ("send_invitation", AccessAction.INVITE),
        ("reset_authenticator", AccessAction.MFA_RESET),
        ("deactivate_users", AccessAction.DEACTIVATE),
        ("unlock_users", AccessAction.UNLOCK),
    ],
)
def test_each_admin_action_is_in_the_access_log(admin_client, newcomer, action, expected):
    response = admin_client.post(
        reverse("admin:accounts_user_changelist"), {"action": action, "_selected_action": [newcomer.pk]}
    )
    assert response.status_code == 302
    assert _logged(newcomer) == [("accounts.user", expected)]


def test_deactivate_ends_the_users_sessions_at_once(admin_client, newcomer, client_for):
    session = client_for(newcomer)
    assert session.get(reverse("cases:list")).status_code == 200
    admin_client.post(
        reverse("admin:accounts_user_changelist"), {"action": "deactivate_users", "_selected_action": [newcomer.pk]}
    )
    newcomer.refresh_from_db()
    assert not newcomer.is_active
    assert session.get(reverse("cases:list")).status_code == 302


def test_unlock_lifts_the_lockout(admin_client, newcomer, settings):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("accounts:login"), {"username": newcomer.username, "password": "wrong"})
    assert AccessAttempt.objects.filter(username=newcomer.username).exists()
    admin_client.post(
        reverse("admin:accounts_user_changelist"), {"action": "unlock_users", "_selected_action": [newcomer.pk]}
    )
    assert not AccessAttempt.objects.filter(username=newcomer.username).exists()


def test_membership_role_change_is_in_the_access_log(admin_client, newcomer):
    membership = Membership.objects.get(user=newcomer)
    url = reverse("admin:accounts_user_change", args=[newcomer.pk])
    form = admin_client.get(url).context["adminform"].form
    data = {name: form.initial.get(name) or "" for name in ("username", "first_name", "last_name", "email", "phone")}
    data.update(
        {
            "is_active": "on",
            "memberships-TOTAL_FORMS": "1",
            "memberships-INITIAL_FORMS": "1",
            "memberships-MIN_NUM_FORMS": "0",
            "memberships-MAX_NUM_FORMS": "1000",
            "memberships-0-id": membership.pk,
            "memberships-0-user": newcomer.pk,
            "memberships-0-organization": membership.organization_id,
            "memberships-0-role": Role.COORDINATOR,
            "memberships-0-is_active": "on",
        }
    )
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context and response.context["errors"]
    membership.refresh_from_db()
    assert membership.role == Role.COORDINATOR
    assert ("accounts.membership", AccessAction.UPDATE) in AccessLogEntry.objects.filter(
        object_id=str(membership.pk)
    ).values_list("object_type", "action")
    assert ("accounts.user", AccessAction.UPDATE) in _logged(newcomer)
    assert LogEntry.objects.filter(object_id=str(newcomer.pk)).exists()  # Django's own log stays, beside ours


def test_admin_cannot_change_its_own_account_or_role(admin_client, personas):
    admin = personas[Role.ADMIN]
    response = admin_client.post(reverse("admin:accounts_user_change", args=[admin.pk]), {"username": admin.username})
    assert response.status_code == 403
    own = admin_client.post(
        reverse("admin:accounts_user_changelist"), {"action": "reset_authenticator", "_selected_action": [admin.pk]}
    )
    assert own.status_code == 302 and not _logged(admin)


def test_admin_index_has_no_english_left(admin_client):
    with translation.override("nl"):
        page = admin_client.get(reverse("admin:index"), HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    for english in ("Model name", "Add link", "Change or view list link", "Models in the"):
        assert english not in page
    assert "Modelnaam" in page
