from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from zicht.accounts.http import signed_in_user
from zicht.accounts.models import Membership, Organization, User
from zicht.accounts.services import (
    enrolment_invitation_issue,
    membership_change_record,
    user_authenticator_reset,
    user_change_record,
    user_create_invited,
    user_deactivate,
    user_unlock,
)
from zicht.audit.constants import AccessAction, Purpose
from zicht.audit.services import access_log_record
from zicht.common.roles import Role
from zicht.common.types import StrOrPromise

if TYPE_CHECKING:
    # The mixin is only ever combined with a ModelAdmin; tell the checker so.
    _AdminBase = admin.ModelAdmin[Any]
else:
    _AdminBase = object


class RoleAdminMixin(_AdminBase):
    """Everything in the admin is for the admin role only; reads of a record are audited."""

    def _is_admin(self, request: HttpRequest) -> bool:
        return request.user.is_authenticated and request.user.role == Role.ADMIN

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self._is_admin(request)

    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        return self._is_admin(request)

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return self._is_admin(request)

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return self._is_admin(request)

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def changelist_view(self, request: HttpRequest, extra_context=None):
        response = super().changelist_view(request, extra_context)
        changelist = getattr(response, "context_data", {}).get("cl") if response.status_code == 200 else None
        if changelist is not None:  # a list page, not an action's confirmation or a redirect
            access_log_record(
                user=request.user,
                action=AccessAction.LIST,
                purpose=Purpose.ADMINISTRATION,
                object_type=self.model._meta.label_lower,
                ids=[obj.pk for obj in changelist.result_list],
                search=changelist.query,
            )
        return response

    def change_view(self, request: HttpRequest, object_id: str, form_url: str = "", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        if response.status_code == 200 and request.method == "GET":
            access_log_record(
                user=request.user,
                action=AccessAction.READ,
                purpose=Purpose.ADMINISTRATION,
                object_type=self.model._meta.label_lower,
                object_id=object_id,
            )
        return response


class MembershipInline(RoleAdminMixin, admin.StackedInline):  # stacked: every field has its own label
    model = Membership
    extra = 0
    fields = ("organization", "role", "is_active")

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False  # end a membership by making it inactive: its history stays


class UserInviteForm(forms.ModelForm):
    """A new account: details, organisation and role. No password: the invitation link sets it."""

    organization = forms.ModelChoiceField(
        label=capfirst(_("organisation")), queryset=Organization.objects.filter(is_active=True)
    )
    role = forms.ChoiceField(label=capfirst(_("role")), choices=Role.choices)

    class Meta:
        model = User
        fields = ("username", "first_name", "last_name", "email", "phone")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["email"].required = True
        self.fields["email"].help_text = _("The enrolment invitation is sent to this address.")


class UserDetailsForm(forms.ModelForm):
    """The user page without Django's password field (and so without its link to set one)."""

    class Meta:
        model = User
        fields = ("username", "first_name", "last_name", "email", "phone", "is_active")


@admin.register(User)
class UserAdmin(RoleAdminMixin, DjangoUserAdmin):
    """Users for the admin role: never a password, every change in the access log."""

    inlines = [MembershipInline]
    list_display = ("username", "first_name", "last_name", "email", "is_active", "last_login")
    list_filter = ("is_active", "memberships__role")
    fieldsets = (
        (None, {"fields": ("username",)}),
        (_("Personal details"), {"fields": ("first_name", "last_name", "email", "phone")}),
        (_("Status"), {"fields": ("is_active", "last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"fields": ("username", "first_name", "last_name", "email", "phone", "organization", "role")}),
    )
    form = UserDetailsForm
    add_form = UserInviteForm
    add_form_template = None
    readonly_fields = ("last_login", "date_joined")
    actions = ["send_invitation", "reset_authenticator", "deactivate_users", "unlock_users"]

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        # Nobody administers their own account (no self-service roles).
        return super().has_change_permission(request, obj) and (obj is None or obj.pk != request.user.pk)

    def get_inlines(self, request: HttpRequest, obj=None):
        return [] if obj is None else self.inlines

    def user_change_password(self, request: HttpRequest, id: str, form_url: str = "") -> HttpResponse:
        raise PermissionDenied  # passwords are set by their owner, through the invitation link

    def save_model(self, request: HttpRequest, obj: User, form: forms.ModelForm, change: bool) -> None:
        if change:
            super().save_model(request, obj, form, change)
            user_change_record(actor=signed_in_user(request), user=obj)
            return
        data = form.cleaned_data
        created = user_create_invited(
            actor=signed_in_user(request),
            username=data["username"],
            email=data["email"],
            organization=data["organization"],
            role=data["role"],
            first_name=data["first_name"],
            last_name=data["last_name"],
            phone=data["phone"],
            base_url=request.build_absolute_uri("/"),
        )
        obj.pk, obj._state.adding, obj._state.db = created.pk, False, created._state.db
        messages.info(
            request,
            _("The account was created and an enrolment invitation was sent to %(email)s.") % {"email": created.email},
        )

    def save_formset(self, request: HttpRequest, form, formset, change: bool) -> None:
        saved = formset.save()
        new = {m.pk for m in formset.new_objects}
        for membership in saved:
            membership_change_record(actor=signed_in_user(request), membership=membership, created=membership.pk in new)

    def _each(self, request: HttpRequest, queryset: QuerySet[User], action, done: StrOrPromise) -> None:
        count = 0
        for user in queryset:
            try:
                action(user)
                count += 1
            except (PermissionDenied, ValueError) as error:
                reason = str(error) or _("not allowed for your own account")
                messages.error(request, _("%(user)s: %(reason)s") % {"user": user.get_username(), "reason": reason})
        if count:
            messages.success(request, done % {"count": count})

    @admin.action(description=_("Send an enrolment invitation"))
    def send_invitation(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        base_url = request.build_absolute_uri("/")
        self._each(
            request,
            queryset,
            lambda u: enrolment_invitation_issue(actor=signed_in_user(request), user=u, base_url=base_url),
            _("Enrolment invitations sent: %(count)s."),
        )

    @admin.action(description=_("Reset the authenticator (lost device)"))
    def reset_authenticator(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        self._each(
            request,
            queryset,
            lambda u: user_authenticator_reset(actor=signed_in_user(request), user=u),
            _("Authenticators reset: %(count)s. Send a new invitation to set up a new one."),
        )

    @admin.action(description=_("Deactivate and end all sessions"))
    def deactivate_users(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        self._each(
            request,
            queryset,
            lambda u: user_deactivate(actor=signed_in_user(request), user=u),
            _("Accounts deactivated: %(count)s."),
        )

    @admin.action(description=_("Unlock after failed logins"))
    def unlock_users(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        self._each(
            request,
            queryset,
            lambda u: user_unlock(actor=signed_in_user(request), user=u),
            _("Accounts unlocked: %(count)s."),
        )


@admin.register(Organization)
class OrganizationAdmin(RoleAdminMixin, admin.ModelAdmin):
    list_display = ("name", "kind", "municipality", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("name",)
