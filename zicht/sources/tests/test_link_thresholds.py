"""Only link thresholds that name and date-of-birth keys can reach are offered or reported."""

from __future__ import annotations

from zicht.sources.constants import MAX_LINK_THRESHOLD, SENSITIVITY_THRESHOLDS
from zicht.sources.forms import EstimateForm
from zicht.sources.linkage import link_records, pair_evidence
from zicht.sources.pseudonymise import keys_for_identity

KEY = "threshold-test-key-0123456789"
PERSON = {"given_names": "Sanne Maria", "prefix": "van der", "family_name": "Berg", "date_of_birth": "2009-03-14"}


def _keyed(*rows):
    return [{**keys_for_identity(row, key=KEY).keys, "source": str(i)} for i, row in enumerate(rows)]


def test_identical_records_without_bsn_agree_on_exactly_the_highest_threshold() -> None:
    records = _keyed(PERSON, dict(PERSON))
    (found,) = pair_evidence(records).values()
    assert len(found) == MAX_LINK_THRESHOLD == max(SENSITIVITY_THRESHOLDS)
    assert link_records(records, threshold=MAX_LINK_THRESHOLD) == [0, 0]


def test_sensitivity_reports_every_reachable_threshold_and_no_other() -> None:
    assert SENSITIVITY_THRESHOLDS == tuple(range(1, MAX_LINK_THRESHOLD + 1))


def test_the_estimate_form_refuses_a_threshold_no_name_keys_can_reach() -> None:
    data = {"year_from": 2025, "year_to": 2025, "stratum": "all"}
    form = EstimateForm({**data, "link": str(MAX_LINK_THRESHOLD)})
    assert form.is_valid()
    assert (form.cleaned_data["link_rule"], form.cleaned_data["threshold"]) == ("threshold", MAX_LINK_THRESHOLD)
    form = EstimateForm({**data, "link": str(MAX_LINK_THRESHOLD + 1)})
    assert not form.is_valid() and "link" in form.errors


def test_the_estimate_form_advises_the_learnt_rule_and_offers_every_threshold() -> None:
    form = EstimateForm()
    values = [value for value, _label in form.fields["link"].choices]
    assert values == ["learnt", "1", "2", "3"] and form.fields["link"].initial == "learnt"
    labels = {value: str(label) for value, label in form.fields["link"].choices}
    assert "(advised)" in labels["learnt"] and not any("(advised)" in labels[t] for t in "123")
    bound = EstimateForm({"year_from": 2025, "year_to": 2025, "stratum": "all", "link": "learnt"})
    assert bound.is_valid()
    assert (bound.cleaned_data["link_rule"], bound.cleaned_data["threshold"]) == ("learnt", 2)
    bound = EstimateForm({"year_from": 2025, "year_to": 2025, "stratum": "all", "link": "3"})
    assert bound.is_valid()
    assert (bound.cleaned_data["link_rule"], bound.cleaned_data["threshold"]) == ("threshold", 3)
