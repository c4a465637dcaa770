"""Navigation assembled from the apps: each AppConfig may declare ``nav_items``."""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise


@dataclass(frozen=True)
class NavItem:
    url_name: str
    label: str | Promise
    roles: frozenset[str]
    description: str | Promise = ""


@dataclass(frozen=True)
class ResolvedNavItem:
    url: str
    label: str
    description: str


def navigation_for(role: str | None) -> list[ResolvedNavItem]:
    items: list[ResolvedNavItem] = []
    for config in apps.get_app_configs():
        for item in getattr(config, "nav_items", ()):
            if role in item.roles:
                try:
                    items.append(ResolvedNavItem(reverse(item.url_name), str(item.label), str(item.description)))
                except NoReverseMatch:
                    continue
    return items


@dataclass(frozen=True)
class HomePanel:
    """A template fragment an app contributes to the home page of some roles."""

    template: str
    roles: frozenset[str]
    order: int = 50


def home_panels_for(role: str | None) -> list[str]:
    panels = [
        panel
        for config in apps.get_app_configs()
        for panel in getattr(config, "home_panels", ())
        if role in panel.roles
    ]
    return [panel.template for panel in sorted(panels, key=lambda p: p.order)]
