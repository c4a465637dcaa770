from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from zicht.common.navigation import NavItem
from zicht.sources.permissions import ESTIMATE_ROLES, UPLOAD_ROLES


class SourcesConfig(AppConfig):
    name = "zicht.sources"
    label = "sources"
    verbose_name = _("Partner lists")
    nav_items = (
        NavItem("sources:list_index", _("Partner lists"), UPLOAD_ROLES, _("Upload your yearly pseudonymised list.")),
        NavItem(
            "sources:estimate_list",
            _("Hidden number estimates"),
            ESTIMATE_ROLES,
            _("Linked lists and multiple systems estimates."),
        ),
    )
