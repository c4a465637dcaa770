import pytest


@pytest.fixture(autouse=True)
def english(settings):
    """Assertions on wording use the English source text, whatever catalogue is compiled."""
    from django.utils import translation

    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield
