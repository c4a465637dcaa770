from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from zicht.accounts.constants import Role
from zicht.accounts.decorators import role_required
from zicht.audit.selectors import access_log_list_for_admin
from zicht.audit.verification import audit_chain_verify


@role_required(Role.ADMIN)
def access_log(request: HttpRequest) -> HttpResponse:
    page = Paginator(access_log_list_for_admin(user=request.user), 50).get_page(request.GET.get("page"))
    return render(request, "audit/access_log.html", {"page": page, "chain": audit_chain_verify()})
