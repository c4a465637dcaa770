from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from zicht.common.roles import Role
from zicht.accounts.models import Membership, Organization, User
from zicht.audit.constants import AccessAction, Purpose
from zicht.audit.services import access_log_record


class RoleAdminMixin:
    """Everything in the admin is for the admin role only; reads of a record are audited."""

    def _is_admin(self, request: HttpRequest) -> bool:
        return request.user.is_authenticated and request.user.role == Role.ADMIN

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self._is_admin(request)

    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:  # noqa: ANN001
        return self._is_admin(request)

    def has_add_permission(self, request: HttpRequest, *args) -> bool:  # noqa: ANN002
        return self._is_admin(request)

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:  # noqa: ANN001
        return self._is_admin(request)

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:  # noqa: ANN001
        return False

    def change_view(self, request: HttpRequest, object_id: str, form_url: str = "", extra_context=None):  # noqa: ANN001
        response = super().change_view(request, object_id, form_url, extra_context)  # type: ignore[misc]
        if response.status_code == 200 and request.method == "GET":
            access_log_record(
                user=request.user, action=AccessAction.READ, purpose=Purpose.ADMINISTRATION,
                object_type=self.model._meta.label_lower, object_id=object_id,  # type: ignore[attr-defined]
            )
        return response


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0


@admin.register(User)
class UserAdmin(RoleAdminMixin, DjangoUserAdmin):
    inlines = [MembershipInline]
    list_display = ("username", "first_name", "last_name", "email", "is_active")
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Personal details"), {"fields": ("first_name", "last_name", "email", "phone")}),
        (_("Status"), {"fields": ("is_active", "last_login", "date_joined")}),
    )
    readonly_fields = ("last_login", "date_joined")


@admin.register(Organization)
class OrganizationAdmin(RoleAdminMixin, admin.ModelAdmin):
    list_display = ("name", "kind", "municipality", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("name",)
