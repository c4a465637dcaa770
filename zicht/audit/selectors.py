"""The access choke point every ``<entity>_get_for_user`` selector goes through.

Pattern for domain apps::

    def case_get_for_user(*, user, case_id, purpose=Purpose.SUPPORT) -> Case:
        return audited_get(queryset=case_list_visible_to(user=user), pk=case_id,
                           user=user, purpose=purpose)

Visibility is the queryset's business (deny by default: an empty queryset); an object outside
it is a 404, never a 403, so its existence is not disclosed.
"""

from __future__ import annotations

from typing import TypeVar

from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.http import Http404

from zicht.audit.constants import AccessAction, Purpose
from zicht.audit.models import AccessLogEntry
from zicht.audit.permissions import role_reads_access_log
from zicht.audit.services import access_log_record

M = TypeVar("M", bound=models.Model)


def audited_get(*, queryset: models.QuerySet[M], pk: object, user, purpose: Purpose | str) -> M:
    try:
        obj = queryset.get(pk=pk)
    except (ObjectDoesNotExist, ValueError, TypeError):
        raise Http404 from None
    access_log_record(user=user, action=AccessAction.READ, purpose=purpose, obj=obj)
    return obj


def access_log_list_for_admin(*, user) -> models.QuerySet[AccessLogEntry]:
    if not role_reads_access_log(getattr(user, "role", None)):
        return AccessLogEntry.objects.none()
    return AccessLogEntry.objects.order_by("-sequence")
