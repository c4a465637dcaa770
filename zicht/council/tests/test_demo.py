"""The demo letters, and question 4 of the source document answered from the demo data."""
from __future__ import annotations

import datetime

import pytest
from django.core.management import call_command

from zicht.accounts.models import User
from zicht.council.constants import DeadlineState, QuestionStatus
from zicht.council.figures import figure_registry
from zicht.council.models import CouncilQuestion
from zicht.council.selectors import council_questions_needing_attention

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings, tmp_path) -> None:  # noqa: ANN001
    settings.DEBUG = True
    settings.VAR_DIR = tmp_path
    call_command("create_demo_data", verbosity=0)


def test_demo_letters(demo) -> None:  # noqa: ANN001
    letters = list(CouncilQuestion.objects.order_by("received_on"))
    assert len(letters) == 3
    published = CouncilQuestion.objects.get(received_on=datetime.date(2022, 6, 30))
    assert published.status == QuestionStatus.PUBLISHED and published.approved_by is not None
    assert published.deadline == datetime.date(2022, 7, 21)
    analyst = User.objects.get(username="analist")
    states = {q.subject: state for q, state in council_questions_needing_attention(user=analyst)}
    assert states == {"Wachttijden in de hulpverlening": DeadlineState.OVERDUE, "Ronselen via sociale media": DeadlineState.DUE_SOON}
    overdue = CouncilQuestion.objects.get(subject="Wachttijden in de hulpverlening")
    assert overdue.extensions.count() == 1
    if "known_victims_per_year" in figure_registry():
        figure = published.items.get(number=2).figures.get()
        assert figure.protected and f"[[figure:{figure.pk}]]" in figure.item.answer
