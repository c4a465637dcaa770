from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from zicht.common.roles import Role
from zicht.common.navigation import NavItem


class SourcesConfig(AppConfig):
    name = "zicht.sources"
    label = "sources"
    verbose_name = _("Partner lists")
    nav_items = (
        NavItem("sources:list_index", _("Partner lists"), frozenset({Role.PARTNER, Role.COORDINATOR}), _("Upload your yearly pseudonymised list.")),
        NavItem("sources:estimate_list", _("Hidden number estimates"), frozenset({Role.COORDINATOR, Role.ANALYST}), _("Linked lists and multiple systems estimates.")),
    )
