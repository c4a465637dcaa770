"""The period picker shows its dates on the first visit: `<input type="date">` takes ISO values only."""

from __future__ import annotations

import datetime
import importlib
import inspect
import pkgutil
import re

import pytest
from django import forms
from django.urls import reverse
from django.utils import timezone, translation

import zicht
from zicht.common.roles import Role
from zicht.stats.periods import default_period

DATE_INPUT = re.compile(r"<input[^>]*type=\"date\"[^>]*>")
VALUE = re.compile(r'value="([^"]*)"')


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["dashboard", "concerns", "cases", "outreach", "report"])
@pytest.mark.parametrize("role", [Role.ANALYST, Role.COORDINATOR])
def test_first_visit_fills_the_period_with_iso_dates(personas, client_for, name, role) -> None:
    with translation.override("nl"):
        page = client_for(personas[role]).get(reverse(f"stats:{name}")).content.decode()
    inputs = DATE_INPUT.findall(page)
    assert len(inputs) == 2, inputs
    values = [VALUE.search(tag).group(1) if VALUE.search(tag) else "" for tag in inputs]
    period = default_period(timezone.localdate())
    assert values == [period.start.isoformat(), period.end.isoformat()]


@pytest.mark.django_db
def test_changing_one_date_of_the_first_visit_submits_a_valid_period(personas, client_for) -> None:
    """What a browser sends when only the start field is changed and the end kept as rendered."""
    client = client_for(personas[Role.ANALYST])
    page = client.get(reverse("stats:dashboard")).content.decode()
    end = VALUE.search(DATE_INPUT.findall(page)[1]).group(1)
    page = client.get(reverse("stats:dashboard"), {"start": "2021-03-01", "end": end}).content.decode()
    assert "errorlist" not in page
    assert VALUE.search(DATE_INPUT.findall(page)[0]).group(1) == "2021-03-01"


def _form_classes() -> list[type[forms.BaseForm]]:
    found = []
    for module_info in pkgutil.walk_packages(zicht.__path__, "zicht."):
        if module_info.name.endswith(".forms"):
            module = importlib.import_module(module_info.name)
            found += [
                c
                for _n, c in inspect.getmembers(module, inspect.isclass)
                if issubclass(c, forms.BaseForm) and c.__module__ == module.__name__
            ]
    return found


def test_every_date_input_in_the_project_renders_iso() -> None:
    checked = 0
    day = datetime.date(2024, 1, 31)
    with translation.override("nl"):
        for form_class in _form_classes():
            for name, field in getattr(form_class, "base_fields", {}).items():
                widget = field.widget
                if isinstance(widget, forms.DateInput) and widget.input_type == "date":
                    html = widget.render(name, day)
                    assert 'value="2024-01-31"' in html, (form_class.__name__, name, html)
                    checked += 1
    assert checked >= 10
