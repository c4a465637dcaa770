"""One central Dutch catalogue: complete, compiled, placeholders intact; Dutch by default."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[1]
PO = ROOT / "locale" / "nl" / "LC_MESSAGES" / "django.po"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w*\}")


def test_every_message_has_a_dutch_translation():
    untranslated = [e.msgid for e in polib.pofile(str(PO)) if not e.translated() and not e.obsolete]
    assert not untranslated, f"untranslated: {untranslated[:20]}"


def test_compiled_catalogue_matches_the_source():
    source = {(e.msgid, e.msgstr or tuple(e.msgstr_plural.values())) for e in polib.pofile(str(PO)) if e.translated()}
    compiled = {
        (e.msgid, e.msgstr or tuple(e.msgstr_plural.values())) for e in polib.mofile(str(PO.with_suffix(".mo")))
    }
    assert source == compiled, "run: python scripts/messages.py update"


def test_placeholders_survive_translation():
    for entry in polib.pofile(str(PO)):
        translations = [entry.msgstr] if not entry.msgid_plural else list(entry.msgstr_plural.values())
        for text in translations:
            if text:
                assert (
                    sorted(PLACEHOLDER.findall(entry.msgid)) == sorted(PLACEHOLDER.findall(text)) or entry.msgid_plural
                ), entry.msgid


@pytest.mark.skipif(
    shutil.which("xgettext") is None and os.environ.get("ZICHT_REQUIRE_BROWSER") != "1", reason="needs GNU gettext"
)
def test_every_string_in_code_and_templates_is_in_the_catalogue():
    result = subprocess.run(
        [sys.executable, "scripts/messages.py", "check"], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.django_db
def test_dutch_by_default_english_on_request(client):
    assert "Zorgen over een jongere?" in client.get("/").content.decode()
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert "Worried about a young person?" in client.get("/").content.decode()
