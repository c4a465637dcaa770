"""Guard the app layers: no app imports from a higher layer and no app-level cycle exists."""

from __future__ import annotations

from pathlib import Path

from tests.layers import LAYER_OF, app_edges, cycles, production_sources, upward

ROOT = Path(__file__).resolve().parents[1]
# Edges that still run up the layers, to be removed one by one; empty when the layering is done.
ALLOWED: set[tuple[str, str]] = set()


def test_every_app_has_a_layer() -> None:
    apps = {p.name for p in (ROOT / "zicht").iterdir() if (p / "apps.py").exists()}
    assert apps - set(LAYER_OF) == set()


def test_no_import_runs_up_the_layers() -> None:
    bad = [e for e in upward(app_edges(production_sources(ROOT))) if (e.importer, e.imported) not in ALLOWED]
    assert bad == [], "\n".join(f"{e.where}: {e.importer} imports {e.imported}" for e in bad)


def test_no_app_level_cycle() -> None:
    edges = [e for e in app_edges(production_sources(ROOT)) if (e.importer, e.imported) not in ALLOWED]
    assert cycles(edges) == []


def test_allow_list_holds_only_edges_that_still_exist() -> None:
    existing = {(e.importer, e.imported) for e in upward(app_edges(production_sources(ROOT)))}
    assert ALLOWED - existing == set()


def test_the_guard_catches_an_upward_function_local_import() -> None:
    source = "def f():\n    from zicht.cases.models import Case\n    return Case\n"
    edges = app_edges([("zicht/concerns/helpers.py", source)])
    assert [(e.importer, e.imported, e.where) for e in upward(edges)] == [
        ("concerns", "cases", "zicht/concerns/helpers.py:2")
    ]


def test_the_guard_catches_a_cycle_within_a_layer() -> None:
    edges = app_edges(
        [
            ("zicht/stats/a.py", "import zicht.council.models\n"),
            ("zicht/council/b.py", "from zicht import stats\n"),
        ]
    )
    assert upward(edges) == []
    assert cycles(edges) == [["council", "stats", "council"]]


def test_the_guard_allows_downward_imports() -> None:
    edges = app_edges(
        [("zicht/cases/a.py", "from zicht.people.models import YoungPerson\nimport zicht.common.fields\n")]
    )
    assert upward(edges) == [] and cycles(edges) == []
