"""The framework as an A4 PDF for trainings: every step, norm, question, decision and contact of the
current version, in Dutch, read back from the file with pypdf (an independent PDF reader)."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from zicht.common.roles import Role
from zicht.framework.constants import RouteKind
from zicht.framework.models import FrameworkVersion
from zicht.framework.selectors import framework_steps, framework_version_current

pytestmark = pytest.mark.django_db

A4_POINTS = (595.0, 842.0)


def _words(text: str) -> str:
    return " ".join(text.split())


def test_the_pdf_holds_the_current_version_on_a4_in_dutch(personas, client_for) -> None:
    from zicht.accounts.tests.factories import OrganizationFactory

    OrganizationFactory(name="Veilig Thuis Haaglanden", kind="veilig_thuis", phone="0800 2000")
    response = client_for(personas[Role.REPORTER]).get(reverse("framework:pdf"))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    version = framework_version_current()
    assert f"versie-{version.number}.pdf" in response["Content-Disposition"]
    reader = PdfReader(io.BytesIO(response.content))
    width, height = (float(v) for v in reader.pages[0].mediabox.upper_right)
    assert (round(width), round(height)) == A4_POINTS
    assert reader.metadata.title == version.title
    assert reader.trailer["/Root"].get("/Lang") == "nl-NL"
    text = _words(" ".join(page.extract_text() for page in reader.pages))
    assert f"Versie {version.number}, gepubliceerd" in text
    expected = []
    for kind in (RouteKind.PROFESSIONAL, RouteKind.TRIAGE):
        for step in framework_steps(version=version, kind=kind):
            expected += [step.title, *(q.text for q in step.questions.all()), *(d.label for d in step.decisions.all())]
    assert expected and [item for item in expected if _words(item) not in text] == []
    assert "Normtijd: binnen 1 dag na de start" in text
    assert "Veilig Thuis Haaglanden, 0800 2000" in text
    assert "Werkafspraken met de politie" in text
    assert f"pagina {len(reader.pages)}" in text


def test_no_published_framework_gives_404(personas, client_for) -> None:
    FrameworkVersion.objects.update(published_at=None)
    assert client_for(personas[Role.ANALYST]).get(reverse("framework:pdf")).status_code == 404
