"""The functional administrator edits the framework in the admin: drafts are edited, published
versions are read-only (routes refer to them); a new version starts as a copy of an earlier one."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from zicht.accounts.admin import RoleAdminMixin
from zicht.accounts.constants import OrganizationKind
from zicht.accounts.http import signed_in_user
from zicht.framework.models import FrameworkDecision, FrameworkQuestion, FrameworkStep, FrameworkVersion
from zicht.framework.services import framework_version_copy, framework_version_publish


def _published(obj: Any) -> bool:
    version = obj if isinstance(obj, FrameworkVersion) else getattr(obj, "version", None)
    return bool(version is not None and version.is_published)


class DraftOnlyMixin(RoleAdminMixin):
    """A published version and everything in it is read-only."""

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return super().has_change_permission(request, obj) and not _published(obj)

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return super().has_add_permission(request, obj) and not _published(obj)

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return self._is_admin(request) and obj is not None and not _published(obj)


class StepInline(DraftOnlyMixin, admin.TabularInline):
    model = FrameworkStep
    extra = 0
    fields = ("route_kind", "order", "code", "title", "norm_amount", "norm_unit")
    show_change_link = True


class QuestionInline(DraftOnlyMixin, admin.TabularInline):
    model = FrameworkQuestion
    extra = 0
    fields = ("order", "code", "text")


class DecisionInline(DraftOnlyMixin, admin.TabularInline):
    model = FrameworkDecision
    extra = 0
    fields = ("order", "code", "label", "files_concern")


@admin.register(FrameworkVersion)
class FrameworkVersionAdmin(DraftOnlyMixin, admin.ModelAdmin):
    list_display = ("number", "title", "published_at")
    fields = ("number", "title", "introduction", "police_agreements", "published_at")
    readonly_fields = ("published_at",)
    inlines = [StepInline]
    actions = ["publish", "copy_as_draft"]

    @admin.action(description=_("Publish (new routes follow this version)"))
    def publish(self, request: HttpRequest, queryset: QuerySet[FrameworkVersion]) -> None:
        for version in queryset:
            try:
                framework_version_publish(version=version, user=signed_in_user(request))
            except ValidationError as error:
                messages.error(request, f"{version}: {' '.join(error.messages)}")
            except PermissionDenied:
                messages.error(request, _("Not allowed."))
            else:
                messages.success(request, _("%(version)s is published.") % {"version": version})

    @admin.action(description=_("Copy as a new draft"))
    def copy_as_draft(self, request: HttpRequest, queryset: QuerySet[FrameworkVersion]) -> None:
        for version in queryset:
            draft = framework_version_copy(version=version, user=signed_in_user(request))
            messages.success(request, _("Draft %(version)s was made.") % {"version": draft})


class StepForm(forms.ModelForm):
    contact_kinds = forms.MultipleChoiceField(
        label=_("whom to contact"),
        choices=OrganizationKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Kinds of organisation; their names and numbers come from the organisations' data."),
    )

    class Meta:
        model = FrameworkStep
        fields = (
            "version",
            "route_kind",
            "order",
            "code",
            "title",
            "guidance",
            "contact_kinds",
            "norm_amount",
            "norm_unit",
        )


@admin.register(FrameworkStep)
class FrameworkStepAdmin(DraftOnlyMixin, admin.ModelAdmin):
    form = StepForm
    list_display = ("version", "route_kind", "order", "title", "norm_amount", "norm_unit")
    list_filter = ("version", "route_kind")
    inlines = [QuestionInline, DecisionInline]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "version":
            kwargs["queryset"] = FrameworkVersion.objects.filter(published_at__isnull=True)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
