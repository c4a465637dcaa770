#!/usr/bin/env python
"""Keep the central Dutch catalogue (locale/nl) complete and compiled.

    python scripts/messages.py update   # extract msgids, fill Dutch from zicht/*/translations_nl.json, compile .mo
    python scripts/messages.py check    # fail when a msgid in code or templates is missing or untranslated

Extraction is Django's makemessages (needs GNU gettext's xgettext); translations live beside each
app in ``translations_nl.json`` so that several people can add strings without editing one file;
compilation uses polib, so running the app never needs gettext.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parents[1]
PO = ROOT / "locale" / "nl" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")
IGNORE = [".venv", "packages", "benchmarks", "var", "staticfiles", "tests", "*/tests/*", "scripts"]


def _makemessages(root: Path) -> None:
    env = {**os.environ, "ZICHT_ENV": "test", "DJANGO_SETTINGS_MODULE": "config.settings"}
    args = [sys.executable, "manage.py", "makemessages", "-l", "nl", "--no-location", "--no-obsolete"]
    for pattern in IGNORE:
        args += ["--ignore", pattern]
    subprocess.run(args, cwd=root, env=env, check=True, capture_output=True)


def _translations() -> tuple[dict[str, str], dict[tuple[str, str], list[str]]]:
    singles: dict[str, str] = {}
    plurals: dict[tuple[str, str], list[str]] = {}
    for path in sorted(ROOT.glob("zicht/*/translations_nl.json")) + [ROOT / "locale" / "translations_nl.json"]:
        if not path.exists():
            continue
        data = json.loads(path.read_text(encoding="utf-8"))
        for entry in data.pop("_plurals", []):
            plurals[(entry["msgid"], entry["msgid_plural"])] = entry["nl"]
        singles.update(data)
    return singles, plurals


def _conflicts() -> list[str]:
    """Messages that two files translate differently: one catalogue can hold only one of them, so
    the other file's screens would silently show the wrong Dutch. Give such strings distinct msgids."""
    seen: dict[str, dict[str, str]] = {}
    for path in sorted(ROOT.glob("zicht/*/translations_nl.json")) + [ROOT / "locale" / "translations_nl.json"]:
        if not path.exists():
            continue
        data = json.loads(path.read_text(encoding="utf-8"))
        for entry in data.pop("_plurals", []):
            seen.setdefault(entry["msgid"], {})[str(path.relative_to(ROOT))] = " | ".join(entry["nl"])
        for msgid, dutch in data.items():
            seen.setdefault(msgid, {})[str(path.relative_to(ROOT))] = dutch
    return [
        f"  translated differently: {msgid!r}: " + "; ".join(f"{file} {dutch!r}" for file, dutch in files.items())
        for msgid, files in sorted(seen.items())
        if len(set(files.values())) > 1
    ]


def update() -> int:
    conflicts = _conflicts()
    if conflicts:
        print("\n".join(conflicts))
        return 1
    _makemessages(ROOT)
    catalogue = polib.pofile(str(PO))
    catalogue.metadata.update(
        {"Language": "nl", "Content-Type": "text/plain; charset=UTF-8", "Plural-Forms": "nplurals=2; plural=(n != 1);"}
    )
    singles, plurals = _translations()
    missing = []
    for entry in catalogue:
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
            entry.msgstr = ""
            entry.msgstr_plural = {0: "", 1: ""} if entry.msgid_plural else {}
            entry.previous_msgid = entry.previous_msgid_plural = entry.previous_msgctxt = None
        if entry.msgid_plural:
            forms = plurals.get((entry.msgid, entry.msgid_plural))
            if forms:
                entry.msgstr_plural = {0: forms[0], 1: forms[1]}
            elif not entry.msgstr_plural.get(0):
                missing.append(entry.msgid)
        elif entry.msgid in singles:
            entry.msgstr = singles[entry.msgid]
        elif "%%" in entry.msgid and entry.msgid.replace("%%", "%") in singles:
            # Template strings are extracted with '%' doubled; the translation must double it too.
            entry.msgstr = singles[entry.msgid.replace("%%", "%")].replace("%", "%%")
        elif not entry.msgstr:
            missing.append(entry.msgid)
    catalogue.save(str(PO))
    catalogue.save_as_mofile(str(MO))
    print(f"{len(catalogue)} messages, {len(missing)} without Dutch translation")
    for msgid in missing:
        print(f"  missing: {msgid!r}")
    return 1 if missing else 0


def check() -> int:
    """Extract into a scratch copy and compare with the committed catalogue."""
    if shutil.which("xgettext") is None:
        print("xgettext not found (install gettext)")
        return 2
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / "project"
        shutil.copytree(
            ROOT,
            copy,
            ignore=shutil.ignore_patterns(
                ".venv", ".git", "var", "node_modules", "__pycache__", "staticfiles", "packages"
            ),
        )
        _makemessages(copy)
        extracted = {e.msgid for e in polib.pofile(str(copy / PO.relative_to(ROOT)))}
    committed = {e.msgid for e in polib.pofile(str(PO)) if e.translated()}
    absent = sorted(extracted - committed)
    for msgid in absent:
        print(f"  not in the catalogue or untranslated: {msgid!r}")
    conflicts = _conflicts()
    if conflicts:
        print("\n".join(conflicts))
    return 1 if absent or conflicts else 0


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "update"
    sys.exit({"update": update, "check": check}[command]())
