"""Clustering with cannot-links, and the Splink comparisons added for real registries."""

from __future__ import annotations

import datetime as dt

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from zicht.sources.splink_linkage import constrained_clusters
from zicht.sources.synthetic import DEFAULT_REGISTRIES, generate

N_NODES = 12
pairs = st.lists(
    st.tuples(st.integers(0, N_NODES - 1), st.integers(0, N_NODES - 1)).filter(lambda p: p[0] != p[1]), max_size=30
)


def _groups(labels: dict) -> set[frozenset]:
    found: dict = {}
    for node, label in labels.items():
        found.setdefault(label, set()).add(node)
    return {frozenset(g) for g in found.values()}


@given(edges=pairs)
def test_without_cannot_links_the_clusters_are_the_connected_components(edges) -> None:
    rows = [a for a, _ in edges] or [0]
    cols = [b for _, b in edges] or [0]
    graph = coo_matrix((np.ones(len(rows)), (rows, cols)), shape=(N_NODES, N_NODES))
    _, labels = connected_components(graph, directed=False)
    expected = _groups(dict(enumerate(labels)))
    assert _groups(constrained_clusters(range(N_NODES), edges, [])) == expected


@settings(max_examples=200)
@given(edges=pairs, cannot=pairs)
def test_no_cluster_holds_a_cannot_link_and_no_allowed_merge_is_left_out(edges, cannot) -> None:
    found = constrained_clusters(range(N_NODES), edges, cannot)
    apart = {frozenset(p) for p in cannot}
    members = {label: {n for n in found if found[n] == label} for label in set(found.values())}
    for group in members.values():
        assert not any(frozenset((a, b)) in apart for a in group for b in group if a != b)
    for a, b in edges:  # an edge left between two clusters is one whose merge would join a cannot-link
        if found[a] != found[b]:
            joined = members[found[a]] | members[found[b]]
            assert any(frozenset((x, y)) in apart for x in joined for y in joined if x != y)


def test_a_record_resembling_two_twins_joins_the_stronger_one_only() -> None:
    # "S. Jansen" (0) resembles twin Sara (1) more than twin Sem (2); the twins are a cannot-link.
    found = constrained_clusters([0, 1, 2], [(0, 1), (0, 2)], [(1, 2)])
    assert found[0] == found[1] != found[2]


def _person(pid: int, given_names: str, prefix: str, family: str, dob: object) -> dict:
    return {
        "person_id": pid,
        "registry": "x",
        "given_names": given_names,
        "prefix": prefix,
        "family_name": family,
        "date_of_birth": dob,
        "bsn": "",
    }


def test_a_short_tussenvoegsel_typed_into_the_surname_agrees_on_the_full_surname_only() -> None:
    from zicht.sources.splink_linkage import prepare

    frame = prepare(
        [
            {"unique_id": 1, "given_names": "Fenna", "prefix": "de", "family_name": "Zwaan"},
            {"unique_id": 2, "given_names": "F.", "prefix": "", "family_name": "Dezwaan"},
        ]
    )
    assert frame["surname"][0] != frame["surname"][1]  # "de" is not stripped from "Dekker"-like names
    assert frame["surname_full"][0] == frame["surname_full"][1] == "dezwaan"


def test_splink_keeps_twins_apart_from_an_initial_that_fits_both() -> None:
    from zicht.sources.splink_linkage import dedupe_identities

    background = generate(1200, seed=12, registries=DEFAULT_REGISTRIES[:2]).records
    born = dt.date(2010, 4, 17)
    special = [
        # Twins Jansen with the same initial, and a record "S. Jansen" with their date that fits both.
        _person(20_001, "Sara", "", "Jansen", born),
        _person(20_001, "Sara", "", "Jansen", born),
        _person(20_002, "Sem", "", "Jansen", born),
        _person(20_002, "Sem", "", "Jansen", born),
        _person(20_001, "S.", "", "Jansen", born),
    ]
    records = background + special
    found = dedupe_identities([{"unique_id": i, **r} for i, r in enumerate(records)])
    ids = [found[len(background) + i] for i in range(len(special))]
    assert ids[0] == ids[1] and ids[2] == ids[3] and ids[0] != ids[2]
    assert ids[4] in (ids[0], ids[2])
