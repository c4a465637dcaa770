"""The status workflow: a pure table; only allowed transitions succeed, in the table and in the service."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zicht.common.roles import Role
from zicht.concerns.constants import ConcernStatus, ReporterStatus
from zicht.concerns.models import Concern, ConcernStatusChange
from zicht.concerns.services import concern_transition
from zicht.concerns.tests.factories import concern_make
from zicht.concerns.workflow import (
    TRANSITIONS,
    TransitionNotAllowed,
    reporter_status,
    transition_allowed,
    transition_check,
)

S = ConcernStatus
EXPECTED_EDGES = {
    (S.NEW, S.IN_TRIAGE),
    (S.IN_TRIAGE, S.ADVICE_GIVEN),
    (S.IN_TRIAGE, S.FORWARDED),
    (S.IN_TRIAGE, S.CASE_OPENED),
    (S.IN_TRIAGE, S.CLOSED),
    (S.ADVICE_GIVEN, S.CLOSED),
    (S.FORWARDED, S.CLOSED),
}


def test_table_has_exactly_the_documented_edges() -> None:
    edges = {(a, b) for a, targets in TRANSITIONS.items() for b in targets}
    assert edges == EXPECTED_EDGES
    assert set(TRANSITIONS) == set(S.values)


@given(st.sampled_from(S.values), st.sampled_from(S.values + ["bogus"]))
def test_transition_check_agrees_with_the_table(a: str, b: str) -> None:
    if (a, b) in EXPECTED_EDGES:
        transition_check(a, b)
        assert transition_allowed(a, b)
    else:
        with pytest.raises(TransitionNotAllowed) as info:
            transition_check(a, b)
        assert info.value.code == "transition_not_allowed"
        assert isinstance(info.value, ValidationError)


def test_reporter_status_is_content_free() -> None:
    assert reporter_status(S.NEW) == ReporterStatus.RECEIVED
    for status in (S.IN_TRIAGE, S.FORWARDED, S.ADVICE_GIVEN, S.CASE_OPENED):
        assert reporter_status(status) == ReporterStatus.PICKED_UP
    assert reporter_status(S.CLOSED) == ReporterStatus.CLOSED
    with pytest.raises(ValueError):
        reporter_status("bogus")


@pytest.mark.django_db
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(sequence=st.lists(st.sampled_from(S.values), min_size=1, max_size=6))
def test_random_transition_sequences_only_allowed_ones_succeed(personas, sequence: list[str]) -> None:
    worker = personas[Role.SUPPORT_WORKER]
    concern = concern_make(handling_organization=worker.organization)
    expected = S.NEW
    for target in sequence:
        before = ConcernStatusChange.objects.filter(concern=concern).count()
        if transition_allowed(expected, target):
            concern_transition(concern=concern, user=worker, to_status=target, advice_text="Advies gegeven")
            expected = target
            assert ConcernStatusChange.objects.filter(concern=concern).count() == before + 1
        else:
            with pytest.raises(TransitionNotAllowed):
                concern_transition(concern=concern, user=worker, to_status=target, advice_text="Advies gegeven")
            assert ConcernStatusChange.objects.filter(concern=concern).count() == before
        assert Concern.objects.get(pk=concern.pk).status == expected
    history = list(
        ConcernStatusChange.objects.filter(concern=concern).order_by("at", "pk").values_list("from_status", "to_status")
    )
    for (_f1, t1), (f2, _t2) in zip(history, history[1:], strict=False):
        assert t1 == f2


def test_every_seeded_indicator_label_is_marked_for_translation() -> None:
    import json
    from pathlib import Path

    from zicht.concerns.indicator_labels import SEEDED_LABELS

    fixture = Path(__file__).resolve().parents[1] / "fixtures" / "indicators.json"
    labels = {row["fields"]["label"] for row in json.loads(fixture.read_text(encoding="utf-8"))}
    assert labels == set(SEEDED_LABELS)
