from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from zicht.audit.constants import AccessAction, Purpose
from zicht.audit.models import AccessLogEntry
from zicht.audit.permissions import ACCESS_LOG_ROLES
from zicht.audit.selectors import access_log_list_for_admin
from zicht.audit.services import access_log_record
from zicht.audit.verification import audit_chain_verify
from zicht.common.decorators import role_required


@role_required(*ACCESS_LOG_ROLES)
def access_log(request: HttpRequest) -> HttpResponse:
    page = Paginator(access_log_list_for_admin(user=request.user), 50).get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)  # the entries shown, before this reading adds its own
    access_log_record(
        user=request.user,
        action=AccessAction.LIST,
        purpose=Purpose.AUDIT,
        object_type=AccessLogEntry._meta.label_lower,
        ids=[entry.pk for entry in page.object_list],
    )
    return render(request, "audit/access_log.html", {"page": page, "chain": audit_chain_verify()})
