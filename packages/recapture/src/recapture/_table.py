"""Capture-history tables: construction from counts or records, and validation.

A capture-history table over ``K`` lists holds one count for each of the
``2**K - 1`` observable capture patterns.  Patterns are stored in canonical
order: cell ``c`` (``1 <= c < 2**K``) has list ``i`` present when bit ``i`` of
``c`` is set.  Patterns that are absent from the input are zero-count cells.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

MIN_LISTS = 2
MAX_LISTS = 10
# counts are fitted in double precision: every count and their sum must be
# exactly representable there (2**53 ~ 9.0e15, far below int64's 9.2e18)
MAX_COUNT = 2**53

__all__ = ["CaptureTable", "read_csv", "from_records"]


def _as_binary(value: object, column: str, row: int) -> int:
    """Return ``value`` as 0 or 1, or raise a ValueError naming it."""
    if isinstance(value, str):
        text = value.strip()
        if text in ("0", "1"):
            return int(text)
        try:
            number = float(text)
        except ValueError:
            raise ValueError(f"column {column!r}, row {row}: capture indicator must be 0 or 1, got {value!r}") from None
    else:
        try:
            number = float(value)  # type: ignore[arg-type]  # any object; float() raises on the bad ones
        except (TypeError, ValueError):
            raise ValueError(f"column {column!r}, row {row}: capture indicator must be 0 or 1, got {value!r}") from None
    if number in (0.0, 1.0):
        return int(number)
    raise ValueError(f"column {column!r}, row {row}: capture indicator must be 0 or 1, got {value!r}")


def _as_count(value: object, row: int) -> int:
    """Return ``value`` as a non-negative integer count, or raise a ValueError."""
    bad = f"row {row}: count must be a non-negative integer, got {value!r}"
    if isinstance(value, (int, np.integer)) and not isinstance(value, bool):
        number: int | float = int(value)
    else:
        text = value.strip() if isinstance(value, str) else value
        try:  # exact for integer text of any length, unlike float()
            number = int(text) if isinstance(text, (str, bytes, int, float)) else int(str(text))
        except (TypeError, ValueError):
            try:
                number = float(text)  # type: ignore[arg-type]  # any object; float() raises on the bad ones
            except (TypeError, ValueError):
                raise ValueError(bad) from None
    if isinstance(number, float) and (not math.isfinite(number) or number != int(number)):
        raise ValueError(bad)
    if number < 0:
        raise ValueError(bad)
    if number > MAX_COUNT:
        raise ValueError(f"row {row}: count {value!r} exceeds the largest supported count 2**53 ({MAX_COUNT:,})")
    return int(number)


@dataclass(frozen=True)
class CaptureTable:
    """Aggregated capture-history table.

    Parameters
    ----------
    names : tuple of str
        List (source) names, in input column order.
    counts : numpy.ndarray
        Integer counts of length ``2**K - 1`` in canonical cell order
        (cell ``c`` has list ``i`` when bit ``i`` of ``c`` is set; index
        ``c - 1``).

    Notes
    -----
    Use :meth:`from_counts`, :func:`read_csv` or :func:`from_records` to build
    a validated table.  The all-zero pattern (the dark figure) is never part
    of the table.
    """

    names: tuple[str, ...]
    counts: np.ndarray = field(repr=False)

    def __post_init__(self) -> None:
        counts = np.asarray(self.counts, dtype=np.int64).copy()
        counts.setflags(write=False)
        object.__setattr__(self, "counts", counts)

    # ------------------------------------------------------------------ props
    @property
    def n_lists(self) -> int:
        """Number of lists ``K``."""
        return len(self.names)

    @property
    def observed(self) -> int:
        """Number of distinct observed individuals."""
        return int(self.counts.sum())

    @property
    def patterns(self) -> np.ndarray:
        """0/1 matrix of shape ``(2**K - 1, K)`` of the cells' capture patterns."""
        return cell_patterns(self.n_lists)

    def list_totals(self) -> dict[str, int]:
        """Number of individuals on each list."""
        tot = self.patterns.T @ self.counts
        return {name: int(t) for name, t in zip(self.names, tot, strict=False)}

    def overlap(self, lists: Sequence[int]) -> int:
        """Number of individuals on all of ``lists`` (indices), whatever else."""
        mask = np.all(self.patterns[:, list(lists)] == 1, axis=1)
        return int(self.counts[mask].sum())

    def with_counts(self, counts: np.ndarray) -> CaptureTable:
        """Return a table with the same lists and new cell counts (not validated)."""
        return CaptureTable(self.names, np.asarray(counts, dtype=np.int64))

    def rows(self) -> list[tuple[tuple[int, ...], int]]:
        """Non-zero cells as ``(pattern, count)`` pairs."""
        pats = self.patterns
        return [(tuple(int(v) for v in pats[i]), int(c)) for i, c in enumerate(self.counts) if c > 0]

    # ----------------------------------------------------------- constructors
    @classmethod
    def from_counts(
        cls,
        patterns: Iterable[Sequence[object]],
        counts: Iterable[object],
        names: Sequence[str] | None = None,
    ) -> CaptureTable:
        """Build a validated table from capture patterns and their counts.

        Parameters
        ----------
        patterns : iterable of sequences of 0/1
            One capture pattern per row.
        counts : iterable of int
            The count of each row (zero is allowed).
        names : sequence of str, optional
            List names; ``A, B, ...`` by default.

        Raises
        ------
        ValueError
            On fewer than 2 or more than 10 lists, a non-0/1 indicator, a
            negative or non-integer count, a count or a total above 2**53
            (exact integers in double precision), the all-zero pattern, duplicate
            patterns, an empty table or a list nobody is on.
        """
        pats = [list(p) for p in patterns]
        cnts = list(counts)
        if len(pats) != len(cnts):
            raise ValueError(f"{len(pats)} patterns but {len(cnts)} counts")
        if not pats:
            raise ValueError("empty table: no capture histories given")
        k = len(pats[0]) if names is None else len(names)
        if names is None:
            names = [chr(ord("A") + i) if i < 26 else f"L{i + 1}" for i in range(k)]
        names = [str(n) for n in names]
        _check_names(names)
        table = np.zeros(2**k - 1, dtype=np.int64)
        seen: dict[int, int] = {}
        total = 0
        for row, (pat, cnt) in enumerate(zip(pats, cnts, strict=False), start=1):
            if len(pat) != k:
                raise ValueError(f"row {row}: pattern has {len(pat)} entries, expected {k}")
            bits = [_as_binary(v, names[i], row) for i, v in enumerate(pat)]
            count = _as_count(cnt, row)
            code = sum(b << i for i, b in enumerate(bits))
            if code == 0:
                raise ValueError(
                    f"row {row}: the all-zero pattern {tuple(bits)} is the unobserved "
                    "(dark figure) cell and must not be in the table"
                )
            if code in seen:
                raise ValueError(f"row {row}: duplicate capture pattern {tuple(bits)} (first at row {seen[code]})")
            seen[code] = row
            table[code - 1] = count
            total += count
        if total > MAX_COUNT:
            raise ValueError(
                f"the counts sum to {total:,}, more than the largest supported total 2**53 ({MAX_COUNT:,})"
            )
        result = cls(tuple(names), table)
        _check_content(result)
        return result


def _check_names(names: Sequence[str]) -> None:
    k = len(names)
    if k < MIN_LISTS:
        raise ValueError(f"need at least {MIN_LISTS} lists, got {k}: {list(names)}")
    if k > MAX_LISTS:
        raise ValueError(f"at most {MAX_LISTS} lists are supported, got {k}")
    dupes = sorted({n for n in names if list(names).count(n) > 1})
    if dupes:
        raise ValueError(f"duplicate list names: {dupes}")
    for n in names:
        if not n or ":" in n:
            raise ValueError(f"invalid list name {n!r} (must be non-empty, without ':')")


def _check_content(table: CaptureTable) -> None:
    if table.observed == 0:
        raise ValueError("empty table: the total count is 0")
    for name, total in table.list_totals().items():
        if total == 0:
            raise ValueError(f"list {name!r} has nobody on it (total count 0)")


def cell_patterns(k: int) -> np.ndarray:
    """Capture patterns of the ``2**k - 1`` observable cells in canonical order."""
    codes = np.arange(1, 2**k)
    return ((codes[:, None] >> np.arange(k)[None, :]) & 1).astype(np.int8)


def read_csv(path: str | Path, count_column: str = "count") -> CaptureTable:
    """Read an aggregated capture-history CSV (0/1 list columns plus ``count``).

    Parameters
    ----------
    path : str or Path
        CSV file with a header row.
    count_column : str
        Name of the count column, matched case-insensitively (``Count``
        and ``COUNT`` are found too); every other column is a list.

    Returns
    -------
    CaptureTable

    Raises
    ------
    ValueError
        When no column or more than one column matches ``count_column``
        (e.g. both ``count`` and ``Count``), or as
        :meth:`CaptureTable.from_counts`.
    """
    with open(path, newline="", encoding="utf-8-sig") as fh:
        reader = csv.reader(fh)
        try:
            header = [h.strip() for h in next(reader)]
        except StopIteration:
            raise ValueError(f"empty table: {str(path)!r} has no header") from None
        rows = [r for r in reader if any(cell.strip() for cell in r)]
    matches = [i for i, h in enumerate(header) if h.casefold() == count_column.casefold()]
    if not matches:
        raise ValueError(f"no {count_column!r} column in header {header}")
    if len(matches) > 1:
        raise ValueError(
            f"ambiguous count column: {[header[i] for i in matches]} all match {count_column!r}; rename all but one"
        )
    ci = matches[0]
    names = [h for i, h in enumerate(header) if i != ci]
    pats, cnts = [], []
    for n, r in enumerate(rows, start=1):
        if len(r) != len(header):
            raise ValueError(f"row {n}: {len(r)} fields, expected {len(header)}")
        pats.append([v for i, v in enumerate(r) if i != ci])
        cnts.append(r[ci])
    return CaptureTable.from_counts(pats, cnts, names)


def from_records(
    records: Iterable[Mapping[str, object]],
    lists: Sequence[str],
) -> CaptureTable:
    """Aggregate individual records (one per person) into a table.

    Parameters
    ----------
    records : iterable of mappings
        One mapping per person with a 0/1 membership value for every list.
    lists : sequence of str
        Names of the list-membership keys.

    Returns
    -------
    CaptureTable

    Raises
    ------
    ValueError
        On bad indicators, a record on no list at all, or as
        :meth:`CaptureTable.from_counts`.
    """
    lists = [str(x) for x in lists]
    _check_names(lists)
    agg: dict[tuple[int, ...], int] = {}
    for row, rec in enumerate(records, start=1):
        try:
            bits = tuple(_as_binary(rec[name], name, row) for name in lists)
        except KeyError as exc:
            raise ValueError(f"record {row}: missing list column {exc.args[0]!r}") from None
        if not any(bits):
            raise ValueError(f"record {row}: the person is on no list (all-zero pattern)")
        agg[bits] = agg.get(bits, 0) + 1
    return CaptureTable.from_counts(list(agg.keys()), list(agg.values()), lists)


def read_records_csv(
    path: str | Path, lists: Sequence[str] | None = None, exclude: Sequence[str] = ()
) -> tuple[list[dict[str, str]], list[str]]:
    """Read individual records (one row per person) from a CSV.

    Parameters
    ----------
    path : str or Path
    lists : sequence of str, optional
        List-membership columns; default every column not in ``exclude``.
    exclude : sequence of str
        Columns that are not lists (e.g. stratum columns).

    Returns
    -------
    records, lists
        The rows as dictionaries and the list column names; aggregate with
        :func:`from_records` or :func:`recapture.stratify_records`.
    """
    with open(path, newline="", encoding="utf-8-sig") as fh:
        reader = csv.DictReader(fh)
        header = [h.strip() for h in (reader.fieldnames or [])]
        if not header:
            raise ValueError(f"empty table: {str(path)!r} has no header")
        records = [{(k or "").strip(): v for k, v in row.items()} for row in reader]
    for col in list(exclude) + list(lists or []):
        if col not in header:
            raise ValueError(f"no column {col!r} in header {header}")
    chosen = list(lists) if lists else [h for h in header if h not in exclude]
    return records, chosen
