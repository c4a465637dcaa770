"""Probabilistic deduplication and linkage with Splink (DuckDB backend), for the trusted environment.

Used where clear identifiers exist: the support organisation's own records, decrypted in memory.
Returns cluster ids only; the caller drops the clear data. On very large inputs the same settings
run on Splink's Spark backend.
"""
from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from zicht.common.pseudonyms import dutch_phonetic, first_initial, given_names_normalised, normalise_bsn, parse_date_of_birth, surname_core


def prepare(people: Sequence[dict[str, Any]]) -> Any:
    """A DataFrame of normalised comparison columns (no raw names kept)."""
    import pandas as pd

    rows = []
    for p in people:
        try:
            dob = parse_date_of_birth(p["date_of_birth"]).isoformat() if p.get("date_of_birth") else None
        except ValueError:
            dob = None
        core = surname_core(p.get("prefix", ""), p.get("family_name", "")) or None
        try:
            bsn = normalise_bsn(p["bsn"]) if p.get("bsn") else None
        except ValueError:
            bsn = None
        row = {
            "unique_id": p["unique_id"],
            "surname": core,
            "surname_phonetic": dutch_phonetic(core) if core else None,
            "given": given_names_normalised(p.get("given_names", "")) or None,
            "initial": first_initial(p.get("given_names", "")) or None,
            "dob": dob,
            "year": dob[:4] if dob else None,
            "bsn": bsn,
        }
        if "source_dataset" in p:
            row["source_dataset"] = p["source_dataset"]
        rows.append(row)
    return pd.DataFrame(rows)


def _settings(link_type: str) -> Any:
    import splink.comparison_level_library as cll
    import splink.comparison_library as cl
    from splink import SettingsCreator, block_on

    return SettingsCreator(
        link_type=link_type,
        unique_id_column_name="unique_id",
        comparisons=[
            cl.CustomComparison(
                output_column_name="bsn",
                comparison_levels=[
                    cll.NullLevel("bsn"),
                    cll.ExactMatchLevel("bsn"),
                    cll.ElseLevel(),
                ],
            ),
            cl.JaroWinklerAtThresholds("surname", [0.92, 0.8]),
            cl.CustomComparison(
                output_column_name="given",
                comparison_levels=[
                    cll.NullLevel("given"),
                    cll.ExactMatchLevel("given"),
                    cll.JaroWinklerLevel("given", 0.9),
                    cll.ExactMatchLevel("initial"),
                    cll.ElseLevel(),
                ],
            ),
            cl.CustomComparison(
                output_column_name="dob",
                comparison_levels=[
                    cll.NullLevel("dob"),
                    cll.ExactMatchLevel("dob"),
                    cll.CustomLevel(
                        "substr(dob_l, 1, 4) = substr(dob_r, 1, 4) AND substr(dob_l, 6, 2) = substr(dob_r, 9, 2) AND substr(dob_l, 9, 2) = substr(dob_r, 6, 2)",
                        label_for_charts="day and month swapped",
                    ),
                    # Prior m values: a typo in the date is rarely seen among the training pairs.
                    cll.DamerauLevenshteinLevel("dob", 1).configure(m_probability=0.02),
                    cll.ElseLevel().configure(m_probability=0.01),
                ],
            ),
        ],
        blocking_rules_to_generate_predictions=[
            block_on("bsn"),
            block_on("dob", "surname_phonetic"),
            block_on("dob", "initial"),
            block_on("surname", "year"),
        ],
        retain_intermediate_calculation_columns=False,
        retain_matching_columns=False,
    )


def cluster(df: Any, *, threshold: float = 0.7, link_type: str = "dedupe_only", seed: int = 1) -> dict[Any, Any]:
    """Train a Fellegi-Sunter model (u by sampling, m by EM) and cluster at ``threshold``."""
    from splink import DuckDBAPI, Linker, block_on

    db_api = DuckDBAPI()
    if link_type == "dedupe_only":
        inputs = db_api.register(df)
    else:
        inputs = [db_api.register(part.drop(columns=["source_dataset"]), dataset_display_name=str(name)) for name, part in df.groupby("source_dataset")]
    linker = Linker(inputs, _settings(link_type), log_level=logging.ERROR)
    linker.training.estimate_probability_two_random_records_match([block_on("bsn"), block_on("dob", "surname", "given")], recall=0.8)
    linker.training.estimate_u_using_random_sampling(max_pairs=2e6, seed=seed)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("dob"))
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("bsn"))
    predictions = linker.inference.predict(threshold_match_probability=min(threshold, 0.5))
    clusters = linker.clustering.cluster_pairwise_predictions_at_threshold(predictions, threshold_match_probability=threshold)
    result = clusters.as_pandas_dataframe()
    id_column = "unique_id"
    if link_type != "dedupe_only":
        result["key"] = list(zip(result["source_dataset"], result[id_column], strict=True))
        return dict(zip(result["key"], result["cluster_id"], strict=True))
    return dict(zip(result[id_column], result["cluster_id"], strict=True))


# Below this many records the model cannot be trained reliably (too few pairs for EM and for
# sampling u); exact agreement on BSN, or on surname core + given names + date of birth, is used.
MIN_RECORDS_FOR_SPLINK = 200


def dedupe_identities(people: Sequence[dict[str, Any]], *, threshold: float = 0.7) -> dict[Any, Any]:
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
        keys = [("bsn", row.bsn)] if present(row.bsn) else []
        if present(row.surname) and present(row.given) and present(row.dob):
            keys.append(("name", row.surname, row.given, row.dob))
        for key in keys:
            if key in seen:
                parent[find(row.unique_id)] = find(seen[key])
            else:
                seen[key] = row.unique_id
    return {uid: find(uid) for uid in list(parent)}
