from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from zicht.accounts.admin import RoleAdminMixin
from zicht.concerns.models import Indicator


@admin.register(Indicator)
class IndicatorAdmin(RoleAdminMixin, admin.ModelAdmin):
    """The indicator catalogue is a code list: the admin maintains it (deactivate rather than delete)."""

    # The stored label is the English message id; the list shows it as users read it.
    list_display = ("code", "label_as_shown", "category", "form", "is_active", "order")
    list_filter = ("category", "form", "is_active")
    list_editable = ("is_active", "order")
    search_fields = ("code", "label")
    ordering = ("category", "order", "code")

    def get_changelist_form(self, request, **kwargs):
        """The inputs edited in the list get a label each (Django's have none): "active: <indicator>"."""
        base = super().get_changelist_form(request, **kwargs)

        class LabelledForm(base):
            def __init__(self, *args, **form_kwargs) -> None:
                super().__init__(*args, **form_kwargs)
                for field in self.fields.values():
                    field.widget.attrs["aria-label"] = f"{field.label}: {self.instance}"

        return LabelledForm

    @admin.display(description=_("label"), ordering="label")
    def label_as_shown(self, obj: Indicator) -> str:
        return obj.translated_label

    def get_readonly_fields(self, request, obj=None):
        # The code is what stored concerns refer to; it cannot change once in use.
        return ("code",) if obj is not None else ()
