from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable
from datetime import timedelta

from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.tokens import default_token_generator
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from zicht.accounts.constants import OrganizationKind
from zicht.accounts.models import EnrolmentInvitation, Membership, Organization, User
from zicht.accounts.permissions import role_administers
from zicht.accounts.selectors import user_list_unused
from zicht.audit.constants import AccessAction, Purpose
from zicht.audit.services import access_log_record
from zicht.common.actors import SYSTEM_ACTOR, SystemActor
from zicht.common.roles import Role
from zicht.outbox.services import email_queue


@transaction.atomic
@transaction.atomic
def user_preferences_update(*, user: User, daily_digest: bool) -> User:
    """The signed-in user's own settings (no one else's)."""
    user.daily_digest = daily_digest
    user.save(update_fields=["daily_digest"])
    return user


def organization_create(*, name: str, kind: str, municipality: str, phone: str = "", email: str = "") -> Organization:
    if kind not in OrganizationKind.values:
        raise ValueError(f"unknown organisation kind: {kind!r}")
    return Organization.objects.create(name=name, kind=kind, municipality=municipality, phone=phone, email=email)


@transaction.atomic
def user_create_with_membership(
    *,
    username: str,
    password: str | None,
    organization: Organization,
    role: str,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    phone: str = "",
    is_demo: bool = False,
) -> User:
    if role not in Role.values:
        raise ValueError(f"unknown role: {role!r}")
    user = User(
        username=username,
        first_name=first_name,
        last_name=last_name,
        email=email,
        phone=phone,
        is_demo=is_demo,
        is_staff=role == Role.ADMIN,
    )
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    Membership.objects.create(user=user, organization=organization, role=role)
    return user


# --- administration of accounts: every step in the access log -----------------------------------


# The operator on the server (a management command, e.g. for the first administrator); recorded
# in the access log without a user.
SERVER_OPERATOR = AnonymousUser()


def _authorise_admin(actor: User | AnonymousUser | SystemActor, user: User | None = None) -> None:
    """Only the admin role administers accounts, and never its own (no self-service elevation)."""
    if actor is SERVER_OPERATOR or isinstance(actor, SystemActor):
        return
    if not (actor.is_authenticated and actor.is_active and role_administers(actor.role)):
        raise PermissionDenied
    if user is not None and user.pk == actor.pk:
        raise PermissionDenied


def _record(actor: User | AnonymousUser | SystemActor, action: str, obj: models.Model) -> None:
    access_log_record(user=actor, action=action, purpose=Purpose.ADMINISTRATION, obj=obj)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _revoke_open_invitations(user: User) -> None:
    now = timezone.now()
    EnrolmentInvitation.objects.filter(user=user, used_at__isnull=True, revoked_at__isnull=True).update(revoked_at=now)


def user_sessions_end(*, user: User) -> int:
    """Delete every session of the user at once; returns how many ended."""
    return users_sessions_end(user_ids=[user.pk])


def users_sessions_end(*, user_ids: Iterable[int]) -> int:
    """Delete every session of these users in one pass over the sessions; returns how many ended."""
    wanted = {str(pk) for pk in user_ids}
    if not wanted:
        return 0
    ended = [
        session.pk
        for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator()
        if str(session.get_decoded().get("_auth_user_id")) in wanted
    ]
    Session.objects.filter(pk__in=ended).delete()
    return len(ended)


@transaction.atomic
def user_create_invited(
    *,
    actor: User | AnonymousUser,
    username: str,
    email: str,
    organization: Organization,
    role: str,
    first_name: str = "",
    last_name: str = "",
    phone: str = "",
    base_url: str,
) -> User:
    """A new account without a password; the invitation link sets password and authenticator."""
    _authorise_admin(actor)
    user = user_create_with_membership(
        username=username,
        password=None,
        organization=organization,
        role=role,
        first_name=first_name,
        last_name=last_name,
        email=email,
        phone=phone,
    )
    _record(actor, AccessAction.CREATE, user)
    enrolment_invitation_issue(actor=actor, user=user, base_url=base_url)
    return user


@transaction.atomic
def enrolment_invitation_issue(*, actor: User | AnonymousUser, user: User, base_url: str) -> EnrolmentInvitation:
    """Revoke open invitations, issue a new one and e-mail its link to the user.

    The organisation's own address gets a notice without the link, so an invitation sent to an
    address the administrator controls does not go unseen.
    """
    _authorise_admin(actor, user)
    if not user.is_active or not user.email:
        raise ValueError(_("An invitation needs an active account with an e-mail address."))
    _revoke_open_invitations(user)
    token = secrets.token_urlsafe(32)
    invitation = EnrolmentInvitation.objects.create(
        user=user,
        token_hash=token_hash(token),
        created_by=actor if actor.is_authenticated else None,
        expires_at=timezone.now() + timedelta(hours=settings.ZICHT_ENROLMENT_INVITATION_HOURS),
    )
    _record(actor, AccessAction.INVITE, user)
    context = {
        "user": user,
        "link": f"{base_url.rstrip('/')}/account/activeren/{token}/",
        "hours": settings.ZICHT_ENROLMENT_INVITATION_HOURS,
        "organization": user.organization,
    }
    # Through the outbox, in this transaction: the link goes out once the invitation exists, and
    # is not lost when the mail server is down.
    email_queue(
        kind="enrolment_invitation",
        to=[user.email],
        subject=_("Zicht: set up your account"),
        body=render_to_string("accounts/enrolment_email.txt", context),
        reference=str(invitation.pk),
    )
    organization = user.organization
    if organization is not None and organization.email and organization.email != user.email:
        email_queue(
            kind="enrolment_notice",
            to=[organization.email],
            subject=_("Zicht: an account of your organisation was invited"),
            body=render_to_string("accounts/enrolment_notice_email.txt", context),
            reference=str(invitation.pk),
        )
    return invitation


def enrolment_invitation_usable(*, token: str) -> EnrolmentInvitation | None:
    invitation = EnrolmentInvitation.objects.select_related("user").filter(token_hash=token_hash(token)).first()
    if invitation is None or invitation.used_at or invitation.revoked_at or invitation.expires_at <= timezone.now():
        return None
    if not invitation.user.is_active:
        return None
    return invitation


@transaction.atomic
def enrolment_password_set(*, invitation: EnrolmentInvitation, password: str) -> None:
    """The invited user sets their first password (the admin never does)."""
    user = invitation.user
    if user.has_usable_password():
        raise PermissionDenied
    password_validation.validate_password(password, user)
    user.set_password(password)
    user.save(update_fields=["password"])
    access_log_record(user=user, action=AccessAction.UPDATE, purpose=Purpose.ADMINISTRATION, obj=user)


def enrolment_device_start(*, invitation: EnrolmentInvitation) -> TOTPDevice:
    """A fresh, unconfirmed authenticator for this invitation (earlier unconfirmed ones go)."""
    TOTPDevice.objects.filter(user=invitation.user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=invitation.user, name="Zicht", confirmed=False)


@transaction.atomic
def enrolment_complete(*, invitation: EnrolmentInvitation, device: TOTPDevice) -> None:
    """Confirm the device, make it the only one, and use up the invitation."""
    invitation = EnrolmentInvitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.used_at or invitation.revoked_at or device.user_id != invitation.user_id:
        raise PermissionDenied
    TOTPDevice.objects.filter(user=invitation.user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    invitation.used_at = timezone.now()
    invitation.save(update_fields=["used_at"])
    access_log_record(
        user=invitation.user, action=AccessAction.ENROL, purpose=Purpose.ADMINISTRATION, obj=invitation.user
    )


@transaction.atomic
def user_authenticator_reset(*, actor: User | AnonymousUser, user: User) -> None:
    """After a lost device: remove every second factor and end all sessions; a new invitation follows."""
    _authorise_admin(actor, user)
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    _revoke_open_invitations(user)
    user_sessions_end(user=user)
    _record(actor, AccessAction.MFA_RESET, user)


@transaction.atomic
def user_deactivate(*, actor: User, user: User) -> None:
    _authorise_admin(actor, user)
    User.objects.filter(pk=user.pk).update(is_active=False)
    _revoke_open_invitations(user)
    user_sessions_end(user=user)
    _record(actor, AccessAction.DEACTIVATE, user)


@transaction.atomic
def user_unlock(*, actor: User, user: User) -> None:
    """Lift a login lockout of the account (all addresses)."""
    _authorise_admin(actor, user)
    axes_reset(username=user.get_username())
    _record(actor, AccessAction.UNLOCK, user)


def user_change_record(*, actor: User, user: User) -> None:
    """Audit an administrator's edit of a user's details (the admin form did the write)."""
    _authorise_admin(actor, user)
    _record(actor, AccessAction.UPDATE, user)


def membership_change_record(*, actor: User, membership: Membership, created: bool) -> None:
    """Audit a role or organisation given or changed by an administrator."""
    _authorise_admin(actor, membership.user)
    _record(actor, AccessAction.CREATE if created else AccessAction.UPDATE, membership)


@transaction.atomic
def users_deactivate_unused(*, days: int, dry_run: bool = False, actor: SystemActor = SYSTEM_ACTOR) -> list[User]:
    """Deactivate every active account without a login in ``days`` days (never logged in: since it was made).

    Each account is deactivated as by an administrator (open invitations revoked, in the access
    log), and all their sessions end in one pass. A dry run only returns who would be deactivated.
    """
    _authorise_admin(actor)
    users = list(user_list_unused(days=days).select_for_update())
    if dry_run or not users:
        return users
    User.objects.filter(pk__in=[u.pk for u in users]).update(is_active=False)
    EnrolmentInvitation.objects.filter(user__in=users, used_at__isnull=True, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    users_sessions_end(user_ids=[u.pk for u in users])
    for user in users:
        _record(actor, AccessAction.DEACTIVATE, user)
    return users


# --- password reset by e-mail ---------------------------------------------------------------------

PASSWORD_RESET_KIND = "password_reset"
# Stands in for the account when an address is unknown, so the same work is done (token, e-mail
# text, queue call, audit entry) and the answer takes as long; its message goes nowhere.
_DECOY_USER = User(pk=0, username="", email="", password="!decoy")
_REQUESTER = AnonymousUser()  # whoever asked: a reset request proves nothing about who it was


def password_reset_users(*, email: str) -> list[User]:
    """Active accounts with this address (any case) that have a password of their own.

    Invited accounts set their first password through the invitation, never by a reset.
    """
    email = email.strip()
    users = User.objects.filter(email__iexact=email, is_active=True)
    return [u for u in users if u.has_usable_password() and u.email.casefold() == email.casefold()]


@transaction.atomic
def password_reset_request(*, email: str, domain: str, use_https: bool) -> None:
    """Queue a reset link for every account with ``email``; for an unknown address, do the same work.

    The request is in the access log either way (object: the account, or none), never the address.
    """
    users = password_reset_users(email=email)
    for user in users or [_DECOY_USER]:
        known = user is not _DECOY_USER
        context = {
            "email": user.email,
            "domain": domain,
            "site_name": "Zicht",
            "uid": urlsafe_base64_encode(force_bytes(user.pk)),
            "user": user,
            "token": default_token_generator.make_token(user),
            "protocol": "https" if use_https else "http",
        }
        subject = "".join(render_to_string("accounts/password_reset_subject.txt", context).splitlines())
        body = render_to_string("accounts/password_reset_email.txt", context)
        # With no recipient the queue call stores nothing: the decoy's message goes nowhere.
        email_queue(kind=PASSWORD_RESET_KIND, to=[user.email] if known else [], subject=subject, body=body)
        access_log_record(
            user=_REQUESTER,
            action=AccessAction.RESET_REQUEST,
            purpose=Purpose.ADMINISTRATION,
            object_type=User._meta.label_lower,
            object_id=user.pk if known else None,
        )


def password_reset_completed(*, user: User) -> None:
    """Audit a password the account's owner set through a reset link (the form did the write)."""
    access_log_record(user=user, action=AccessAction.RESET_DONE, purpose=Purpose.ADMINISTRATION, obj=user)
