"""The form of one step of a route, built from the step's own questions and decisions."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from zicht.framework.constants import Answer
from zicht.framework.models import FrameworkStep

QUESTION_PREFIX = "q_"


class StepForm(forms.Form):
    """Answers to the step's questions and, where it has them, one decision. Nothing is required
    to save half-way; the service says what completing the step needs."""

    def __init__(self, *args: Any, step: FrameworkStep, answers: dict[str, str], decision_code: str, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.step = step
        for question in step.questions.all():
            self.fields[QUESTION_PREFIX + question.code] = forms.ChoiceField(
                label=question.text,
                choices=Answer.choices,
                required=False,
                widget=forms.RadioSelect,
                initial=answers.get(question.code, ""),
            )
        decisions = list(step.decisions.all())
        if decisions:
            self.fields["decision"] = forms.ChoiceField(
                label=_("Decision"),
                choices=[(d.code, d.label) for d in decisions],
                required=False,
                widget=forms.RadioSelect,
                initial=decision_code,
            )

    def answers(self) -> dict[str, str]:
        return {
            name.removeprefix(QUESTION_PREFIX): value
            for name, value in self.cleaned_data.items()
            if name.startswith(QUESTION_PREFIX)
        }

    def decision_code(self) -> str:
        return self.cleaned_data.get("decision") or ""
