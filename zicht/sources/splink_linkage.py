"""Probabilistic deduplication and linkage with Splink (DuckDB backend), for the trusted environment.

Used where clear identifiers exist: the support organisation's own records, decrypted in memory.
Returns cluster ids only; the caller drops the clear data. On very large inputs the same settings
run on Splink's Spark backend.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING, Any, Literal

from zicht.common.pseudonyms import (
    PartialDate,
    bsn_is_valid,
    dutch_phonetic,
    given_name_parts,
    normalise_bsn,
    normalise_text,
    parse_partial_date,
    surname_core,
)

logger = logging.getLogger(__name__)

if TYPE_CHECKING:
    from splink.internals.splink_dataframe import SplinkDataFrame

LinkType = Literal["link_only", "link_and_dedupe", "dedupe_only"]


def _partial_date(person: dict[str, Any]) -> PartialDate | None:
    try:
        found = parse_partial_date(person.get("date_of_birth"))
    except ValueError:
        found = None
    if found is None and person.get("birth_year"):
        found = PartialDate(int(person["birth_year"]))
    return found


def _surname_columns(prefix: str, family_name: str) -> dict[str, Any]:
    core = surname_core(prefix, family_name) or None
    return {
        "surname": core,
        "surname_phonetic": dutch_phonetic(core) if core else None,
        # With its tussenvoegsel written in: "de Vries" and "Devries" agree here, not on the core.
        "surname_full": normalise_text(f"{prefix}{family_name}") or None,
    }


def _given_columns(given_names: str) -> dict[str, Any]:
    names = given_name_parts(given_names)
    return {
        "given": names.full or None,
        "first_given": names.first or None,
        "initials": names.initials or None,
        "initial": names.initials[:1] or None,
    }


def _date_columns(date_of_birth: Any, birth_year: Any) -> dict[str, Any]:
    partial = _partial_date({"date_of_birth": date_of_birth, "birth_year": birth_year})
    return {
        "dob": partial.iso() if partial and partial.complete else None,
        "year": str(partial.year) if partial else None,
    }


def prepare(people: Sequence[dict[str, Any]]) -> Any:
    """A DataFrame of normalised comparison columns (no raw names kept).

    ``date_of_birth`` may be a date, ``YYYY-MM-DD``, ``YYYY`` (year only; or give ``birth_year``)
    or empty. A BSN failing the eleven test is treated as unknown. Given names written as initials
    only have no ``given``/``first_given`` but do have ``initials``.
    """
    import pandas as pd

    # Names and dates repeat a lot: each distinct value is normalised once per call.
    surnames, given_names, dates = cache(_surname_columns), cache(_given_columns), cache(_date_columns)
    rows = []
    for p in people:
        raw_bsn = str(p.get("bsn") or "").strip()
        row = {
            "unique_id": p["unique_id"],
            **surnames(p.get("prefix") or "", p.get("family_name") or ""),
            **given_names(p.get("given_names") or ""),
            **dates(p.get("date_of_birth"), p.get("birth_year")),
            "bsn": normalise_bsn(raw_bsn) if raw_bsn and bsn_is_valid(raw_bsn) else None,
        }
        if "source_dataset" in p:
            row["source_dataset"] = p["source_dataset"]
        if p.get("source"):
            row["source"] = str(p["source"])
        rows.append(row)
    return pd.DataFrame(rows)


# Levels of the date-of-birth comparison, most to least specific. A missing date (or a missing
# year) is unknown, not disagreement; a year-only date agrees partially with a full date.
_DOB_LEVELS: tuple[tuple[str, str], ...] = (
    ("dob_l = dob_r", "exact"),
    (
        "substr(dob_l, 1, 4) = substr(dob_r, 1, 4) AND substr(dob_l, 6, 2) = substr(dob_r, 9, 2)"
        " AND substr(dob_l, 9, 2) = substr(dob_r, 6, 2)",
        "day and month swapped",
    ),
    ("damerau_levenshtein(dob_l, dob_r) <= 1", "one digit different"),
    ("(dob_l IS NULL OR dob_r IS NULL) AND year_l = year_r", "same year, one side year only"),
    ("substr(dob_l, 1, 7) = substr(dob_r, 1, 7)", "same year and month"),
    ("year_l = year_r", "same year"),
)
# First given names less similar than this (Jaro-Winkler; both written in full) are different names.
GIVEN_NAME_VARIANT_SIMILARITY = 0.75
# Given names: an initial agrees with a full name that starts with it, more weakly than a name.
_GIVEN_LEVELS: tuple[tuple[str, str], ...] = (
    ("first_given_l = first_given_r", "first given name"),
    ("jaro_winkler_similarity(first_given_l, first_given_r) >= 0.88", "first given name similar"),
    (
        f"jaro_winkler_similarity(first_given_l, first_given_r) >= {GIVEN_NAME_VARIANT_SIMILARITY}",
        "first given name somewhat similar (nickname)",
    ),
    (
        "(given_l IS NULL OR given_r IS NULL) AND initials_l = initials_r AND length(initials_l) > 1",
        "all of two or more initials agree",
    ),
    (
        "(given_l IS NULL OR given_r IS NULL) AND (starts_with(initials_l, initials_r) OR starts_with(initials_r, "
        "initials_l))",
        "initials agree",
    ),
)
# Fixed prior m probabilities (not trained) of the two lowest given-name levels. Trained by EM on
# a date-of-birth block they come out several times too high, because twins (same surname and
# date of birth) look like matches there. These priors say that a clerk's typo or nickname changes
# a given name beyond recognition (Jaro-Winkler below 0.75) for about 4 in 1,000 records, half the time
# keeping the initial; so twins whose given names differ stay apart even on a common surname.
GIVEN_DIFFERENT_SAME_INITIAL_M = 0.002
GIVEN_DIFFERENT_M = 0.002
_BOTH_IN_FULL = "given_l IS NOT NULL AND given_r IS NOT NULL"


def _settings(link_type: LinkType, *, with_source: bool = False) -> Any:
    import splink.comparison_level_library as cll
    import splink.comparison_library as cl
    from splink import SettingsCreator
    from splink.blocking_rule_library import CustomRule

    return SettingsCreator(
        link_type=link_type,
        unique_id_column_name="unique_id",
        comparisons=[
            cl.CustomComparison(
                output_column_name="bsn",
                comparison_levels=[cll.NullLevel("bsn"), cll.ExactMatchLevel("bsn"), cll.ElseLevel()],
            ),
            cl.CustomComparison(
                output_column_name="surname",
                comparison_levels=[
                    cll.NullLevel("surname"),
                    # Term frequencies: agreeing on a very common surname is weaker evidence.
                    cll.ExactMatchLevel("surname", term_frequency_adjustments=True),
                    cll.ExactMatchLevel("surname_full").configure(label_for_charts="same with tussenvoegsel merged"),
                    cll.ExactMatchLevel("surname_phonetic").configure(label_for_charts="same sound"),
                    cll.JaroWinklerLevel("surname", 0.92),
                    cll.JaroWinklerLevel("surname", 0.8),
                    cll.ElseLevel(),
                ],
            ),
            cl.CustomComparison(
                output_column_name="given",
                comparison_levels=[
                    cll.CustomLevel("initials_l IS NULL OR initials_r IS NULL").configure(is_null_level=True),
                    # Term frequencies: two rare given names together say much more than "Daan".
                    cll.ExactMatchLevel("given", term_frequency_adjustments=True).configure(
                        label_for_charts="all given names"
                    ),
                    *(cll.CustomLevel(sql, label_for_charts=label) for sql, label in _GIVEN_LEVELS),
                    # Typos and nicknames mostly keep the first letter; twins often do not. Both
                    # written in full and different: a cannot-link in the clustering.
                    cll.CustomLevel(
                        f"{_BOTH_IN_FULL} AND initial_l = initial_r", label_for_charts="different names, same initial"
                    ).configure(m_probability=GIVEN_DIFFERENT_SAME_INITIAL_M, fix_m_probability=True),
                    cll.CustomLevel(_BOTH_IN_FULL, label_for_charts="different names").configure(
                        m_probability=GIVEN_DIFFERENT_M, fix_m_probability=True
                    ),
                    # An initial that disagrees with the other record's name or initials.
                    cll.ElseLevel().configure(m_probability=GIVEN_DIFFERENT_M, fix_m_probability=True),
                ],
            ),
            cl.CustomComparison(
                output_column_name="dob",
                comparison_levels=[
                    cll.CustomLevel("year_l IS NULL OR year_r IS NULL").configure(is_null_level=True),
                    *(cll.CustomLevel(sql, label_for_charts=label) for sql, label in _DOB_LEVELS),
                    cll.ElseLevel(),
                ],
            ),
            *_source_comparison(with_source),
        ],
        blocking_rules_to_generate_predictions=[CustomRule(sql) for sql in PREDICTION_BLOCKING_RULES],
        retain_intermediate_calculation_columns=False,
        retain_matching_columns=True,  # for the cannot-links (the predictions stay in memory)
    )


def _source_comparison(with_source: bool) -> list[Any]:
    if not with_source:
        return []
    import splink.comparison_level_library as cll
    import splink.comparison_library as cl

    return [
        cl.CustomComparison(
            output_column_name="source",
            comparison_levels=[cll.NullLevel("source"), cll.ExactMatchLevel("source"), cll.ElseLevel()],
        )
    ]


# Candidate pairs: a shared BSN, a date with a similar surname or the same initial, and, for the
# pairs a date cannot reach (missing, year only or mistyped), surname sound with the first initial
# and year, surname sound with the first given name, or surname with initial.
PREDICTION_BLOCKING_RULES: tuple[str, ...] = (
    "l.bsn = r.bsn",
    "l.dob = r.dob AND l.surname_phonetic = r.surname_phonetic",
    "l.dob = r.dob AND l.initial = r.initial",
    "l.surname_phonetic = r.surname_phonetic AND l.initial = r.initial AND l.year = r.year",
    "l.surname_phonetic = r.surname_phonetic AND l.first_given = r.first_given",
    "l.surname = r.surname AND l.initial = r.initial",
    "l.surname_full = r.surname_full AND l.initial = r.initial",
    "l.first_given = r.first_given AND l.year = r.year",
)
# Expectation maximisation runs on rules that need no BSN (a registry may have none): the date
# block trains the name and BSN comparisons, the name block trains the date comparison.
TRAINING_BLOCKING_RULES: tuple[str, ...] = (
    "l.dob = r.dob",
    "l.surname = r.surname AND l.given = r.given",
)
# Deterministic rules (nearly no false positives) for the prior probability of a match.
_DETERMINISTIC_RULES: tuple[str, ...] = (
    "l.bsn = r.bsn",
    "l.dob = r.dob AND l.surname = r.surname AND l.given = r.given",
)


# Match probability at which two records are linked (see ``constrained_clusters``); chosen on the
# synthetic benchmark with its seed 1 and checked on other seeds (benchmarks/README.md).
DEFAULT_THRESHOLD = 0.3


def cluster(
    df: Any, *, threshold: float = DEFAULT_THRESHOLD, link_type: LinkType = "dedupe_only", seed: int = 1
) -> dict[Any, Any]:
    """Train a Fellegi-Sunter model and cluster at ``threshold`` (match probability).

    u is estimated from random pairs, m by EM on the training blocks (none needs a BSN), the prior
    from the deterministic rules. With no BSN at all, the BSN comparison is always at its null
    level and so has no effect. With a ``source`` column naming two or more registries, whether a
    pair lies within one registry (a duplicate) or across two is evidence too. Pairs are merged
    strongest first, never joining two records that clearly disagree (``constrained_clusters``).
    """
    from splink import DuckDBAPI, Linker

    db_api = DuckDBAPI()
    inputs: SplinkDataFrame | list[SplinkDataFrame]
    if link_type == "dedupe_only":
        inputs = db_api.register(df)
    else:
        inputs = [
            db_api.register(part.drop(columns=["source_dataset"]), dataset_display_name=str(name))
            for name, part in df.groupby("source_dataset")
        ]
    from splink.internals.exceptions import EMTrainingException

    with_source = "source" in df.columns and df["source"].nunique() > 1
    linker = Linker(inputs, _settings(link_type, with_source=with_source), log_level=logging.ERROR)
    linker.training.estimate_probability_two_random_records_match(list(_DETERMINISTIC_RULES), recall=0.8)
    # No pair found by the deterministic rules (e.g. a list without duplicates): assume about one.
    n = len(df)
    floor = 2 / max(2, n * (n - 1))
    if linker._settings_obj._probability_two_random_records_match < floor:
        linker._settings_obj._probability_two_random_records_match = floor
    linker.training.estimate_u_using_random_sampling(max_pairs=2e6, seed=seed)
    for rule in TRAINING_BLOCKING_RULES:
        try:
            linker.training.estimate_parameters_using_expectation_maximisation(rule, max_pairs=1e6)
        except EMTrainingException as exc:  # too few pairs in this block: keep the other estimates
            logger.info("EM on %s skipped: %s", rule, exc)
    # Every compared pair is kept: the clearly different ones are the cannot-links of the clustering.
    predictions = linker.inference.predict(threshold_match_probability=None)
    parts = ["unique_id"] if link_type == "dedupe_only" else ["source_dataset", "unique_id"]
    edges, cannot = _edges_and_conflicts(linker, predictions.physical_name, parts, threshold)
    if link_type == "dedupe_only":
        nodes: list[Any] = list(df["unique_id"])
    else:
        nodes = list(zip(df["source_dataset"].astype(str), df["unique_id"], strict=True))
    return constrained_clusters(nodes, edges, cannot)


# Cannot-links: two records with different valid BSNs, with different given names both written in
# full (twins, siblings), or scoring below this match weight (odds of about 1 in 130 against the
# prior: clearly different dates or names) never end up in one cluster, directly or through other
# records; this keeps twins apart when an initials-only record resembles both.
CANNOT_LINK_WEIGHT = -7.0
_CANNOT_LINK_SQL: dict[str, str] = {  # the columns each condition needs -> the condition
    "match_weight": f"p.match_weight < {CANNOT_LINK_WEIGHT}",
    "bsn_l": "p.bsn_l <> p.bsn_r",
    "given_l": (
        "(p.given_l IS NOT NULL AND p.given_r IS NOT NULL"
        f" AND jaro_winkler_similarity(p.first_given_l, p.first_given_r) < {GIVEN_NAME_VARIANT_SIMILARITY})"
    ),
}


def _edges_and_conflicts(
    linker: Any, table: str, parts: list[str], threshold: float
) -> tuple[list[tuple[Any, Any]], list[tuple[Any, Any]]]:
    """Pairs at or above ``threshold`` (most probable first) and the cannot-links among their records."""

    def side(suffix: str, alias: str = "p") -> str:
        return ", ".join(f"{alias}.{c}_{suffix} AS {c}_{suffix}" for c in parts)

    def key(frame: Any, suffix: str) -> list[Any]:
        columns = [frame[f"{c}_{suffix}"] for c in parts]
        if len(columns) == 1:
            return list(columns[0])
        return list(zip(columns[0].astype(str), columns[1], strict=True))

    linked = f"match_probability >= {float(threshold)}"
    edges = linker.misc.query_sql(
        f"SELECT {side('l')}, {side('r')} FROM {table} p WHERE p.{linked} ORDER BY p.match_probability DESC",
        output_type="pandas",
    )
    # A comparison without trained parameters (e.g. no pair to train on) is left out of the table.
    present = set(linker.misc.query_sql(f"SELECT * FROM {table} LIMIT 0", output_type="pandas").columns)
    join = lambda alias, suffix: " AND ".join(f"p.{c}_{suffix} = {alias}.{c}" for c in parts)  # noqa: E731
    active = " UNION ".join(
        f"SELECT {', '.join(f'{c}_{s} AS {c}' for c in parts)} FROM {table} WHERE {linked}" for s in ("l", "r")
    )
    conflicts = linker.misc.query_sql(
        f"WITH active AS ({active}) SELECT {side('l')}, {side('r')} FROM {table} p "
        f"JOIN active a ON {join('a', 'l')} JOIN active b ON {join('b', 'r')} "
        f"WHERE {' OR '.join(sql for column, sql in _CANNOT_LINK_SQL.items() if column in present)}",
        output_type="pandas",
    )
    return (
        list(zip(key(edges, "l"), key(edges, "r"), strict=True)),
        list(zip(key(conflicts, "l"), key(conflicts, "r"), strict=True)),
    )


def constrained_clusters(
    nodes: Sequence[Any], edges: Sequence[tuple[Any, Any]], cannot: Sequence[tuple[Any, Any]]
) -> dict[Any, Any]:
    """``node -> cluster id``: merge along ``edges`` in the order given (strongest first), except
    where the two clusters would then hold a ``cannot`` pair.

    Plain connected components let one ambiguous record chain two different people together; here
    a later, weaker edge cannot undo the clear disagreement of two records already placed.
    """
    parent: dict[Any, Any] = {}

    def find(x: Any) -> Any:
        root = x
        while parent.get(root, root) != root:
            root = parent[root]
        while x != root:
            parent[x], x = root, parent[x]
        return root

    apart: dict[Any, set[Any]] = {}
    for a, b in cannot:
        apart.setdefault(a, set()).add(b)
        apart.setdefault(b, set()).add(a)
    members: dict[Any, list[Any]] = {}
    for a, b in edges:
        ra, rb = find(a), find(b)
        if ra == rb:
            continue
        small, large = members.get(ra, [ra]), members.get(rb, [rb])
        if len(small) > len(large):
            (small, ra), (large, rb) = (large, rb), (small, ra)
        others = set(large)
        if any(other in others for x in small for other in apart.get(x, ())):
            continue
        parent[ra] = rb
        members[rb] = large + small
        members.pop(ra, None)
    return {node: find(node) for node in nodes}


# Below this many records the model cannot be trained reliably (too few pairs for EM and for
# sampling u); exact agreement on BSN, or on surname sound + first given name + date of birth, is used.
MIN_RECORDS_FOR_SPLINK = 200


def dedupe_identities(people: Sequence[dict[str, Any]], *, threshold: float = DEFAULT_THRESHOLD) -> dict[Any, Any]:
    """``unique_id -> cluster id`` for the people given (a person on their own is their own cluster)."""
    ids = [p["unique_id"] for p in people]
    if len(ids) < MIN_RECORDS_FOR_SPLINK:
        return _exact_clusters(prepare(people)) if ids else {}
    found = cluster(prepare(people), threshold=threshold)
    return {i: found.get(i, i) for i in ids}


def _exact_clusters(df: Any) -> dict[Any, Any]:
    parent: dict[Any, Any] = {}

    def find(x: Any) -> Any:
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    def present(value: Any) -> bool:  # pandas turns None into NaN in some columns
        return isinstance(value, str) and value != ""

    seen: dict[tuple, Any] = {}
    for row in df.itertuples(index=False):
        find(row.unique_id)
        keys: list[tuple[Any, ...]] = [("bsn", row.bsn)] if present(row.bsn) else []
        if present(row.surname) and present(row.first_given) and present(row.dob):
            keys.append(("name", row.surname_phonetic, row.first_given, row.dob))
        for key in keys:
            if key in seen:
                parent[find(row.unique_id)] = find(seen[key])
            else:
                seen[key] = row.unique_id
    return {uid: find(uid) for uid in list(parent)}
