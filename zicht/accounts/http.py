"""Request types for views that only signed-in users reach."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from zicht.accounts.models import Organization, User


class AuthenticatedRequest(HttpRequest):
    """The request of a view behind ``role_required`` or ``login_required``: ``user`` is a real User.

    For annotations only; Django still passes a plain HttpRequest.
    """

    user: User


def member_organization(user: User) -> Organization:
    """The organisation of the user's active membership (``role_required`` lets no one through without one)."""
    organization = user.organization
    if organization is None:
        raise PermissionDenied
    return organization


def signed_in_user(request: HttpRequest) -> User:
    """``request.user`` where only signed-in users get (admin, overridden hooks): a User, else denied."""
    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied
    return user
