"""An attacker's view of a protected table, written independently of ``zicht.stats.disclosure``.

Given only what is published (labels, exact zeros, rounded values, "< threshold", "x"), the
threshold and the rounding base, ``exposed_entries`` finds every suppressed entry whose value is
pinned to a single number: for each suppressed entry it searches (depth-first, with interval
propagation over the row, column and grand-total sums) for a table consistent with everything
published in which that entry differs from its true value, below and above. Only small tables.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from zicht.stats.disclosure import ProtectedCell, ProtectedTable
from zicht.stats.tables import StatTable

# Upper bound for the value of a suppressed inner cell whose label only says ">= threshold";
# far above any generated cell, so it never pins a value by itself.
SEARCH_CAP = 80


def rounded(value: int, base: int, threshold: int) -> int:
    """Publication rule as documented: nearest multiple of base (halves up), at least the threshold."""
    floor_multiple = math.floor(value / base + 0.5) * base
    least = base * math.ceil(threshold / base)
    return max(floor_multiple, least)


def knowledge(cell: ProtectedCell, threshold: int, base: int, cap: int) -> tuple[int, int]:
    """The interval an attacker knows a true value to lie in, from its published form only."""
    if cell.label == ".":  # withheld table: nothing is known
        return 0, cap
    if cell.label == "0":
        return 0, 0
    if cell.label == f"< {threshold}":
        return 1, threshold - 1
    if cell.value is None:  # secondary suppression: a published-size count
        return threshold, cap
    values = [x for x in range(threshold, cell.value + base + 1) if rounded(x, base, threshold) == cell.value]
    assert values, f"published value {cell.value} cannot arise from any count"
    return min(values), max(values)


@dataclass
class _Problem:
    domains: list[tuple[int, int]]  # per inner cell, row-major
    lines: list[tuple[list[int], tuple[int, int]]]  # (inner cell indices, interval of their sum)


def _problem(published: ProtectedTable, cap: int) -> tuple[_Problem, dict, dict]:
    t, b = published.threshold, published.rounding
    r, c = len(published.rows), len(published.columns)
    domains = [knowledge(published.cells[i][j], t, b, cap) for i in range(r) for j in range(c)]
    lines: list[tuple[list[int], tuple[int, int]]] = []
    margin_line: dict[tuple[str, int], int] = {}
    big = cap * r * c
    if published.row_totals is not None:
        for i in range(r):
            margin_line[("row", i)] = len(lines)
            lines.append(([i * c + j for j in range(c)], knowledge(published.row_totals[i], t, b, big)))
    if published.column_totals is not None:
        for j in range(c):
            margin_line[("col", j)] = len(lines)
            lines.append(([i * c + j for i in range(r)], knowledge(published.column_totals[j], t, b, big)))
    if published.grand_total is not None:
        margin_line[("grand", 0)] = len(lines)
        lines.append((list(range(r * c)), knowledge(published.grand_total, t, b, big)))
    return _Problem(domains, lines), margin_line, {"r": r, "c": c}


def _feasible(problem: _Problem) -> bool:
    n = len(problem.domains)
    lines_of = [[k for k, (members, _iv) in enumerate(problem.lines) if v in members] for v in range(n)]
    # min/max of the still unassigned members of each line after assigning variable v
    rest_min = [[0] * len(problem.lines) for _ in range(n + 1)]
    rest_max = [[0] * len(problem.lines) for _ in range(n + 1)]
    for v in range(n - 1, -1, -1):
        rest_min[v] = list(rest_min[v + 1])
        rest_max[v] = list(rest_max[v + 1])
        for k in lines_of[v]:
            rest_min[v][k] += problem.domains[v][0]
            rest_max[v][k] += problem.domains[v][1]
    partial = [0] * len(problem.lines)

    def ok(v: int) -> bool:
        for k, (_members, (lo, hi)) in enumerate(problem.lines):
            if partial[k] + rest_min[v][k] > hi or partial[k] + rest_max[v][k] < lo:
                return False
        return True

    def search(v: int) -> bool:
        if not ok(v):
            return False
        if v == n:
            return True
        lo, hi = problem.domains[v]
        for value in range(lo, hi + 1):
            for k in lines_of[v]:
                partial[k] += value
            found = search(v + 1)
            for k in lines_of[v]:
                partial[k] -= value
            if found:
                return True
        return False

    return search(0)


def exposed_entries(published: ProtectedTable, truth: StatTable, cap: int = SEARCH_CAP) -> list[str]:
    """Names of suppressed entries the published information pins to their true value."""
    problem, margin_line, size = _problem(published, cap)
    r, c = size["r"], size["c"]
    targets: list[tuple[str, int, str, int]] = []  # (name, true value, kind, index)
    for i in range(r):
        for j in range(c):
            if published.cells[i][j].suppressed:
                targets.append((f"cell {i},{j}", truth.cells[i][j], "cell", i * c + j))
    margins = (
        [("row", i, published.row_totals[i], sum(truth.cells[i])) for i in range(r)] if published.row_totals else []
    )
    if published.column_totals:
        margins += [("col", j, published.column_totals[j], sum(row[j] for row in truth.cells)) for j in range(c)]
    if published.grand_total is not None:
        margins.append(("grand", 0, published.grand_total, truth.total()))
    for kind, index, cell, true_value in margins:
        if cell.suppressed:
            targets.append((f"{kind} total {index}", true_value, "line", margin_line[(kind, index)]))
    exposed = []
    for name, true_value, kind, index in targets:
        if not any(
            _feasible(_restricted(problem, kind, index, window))
            for window in ((None, true_value - 1), (true_value + 1, None))
        ):
            exposed.append(name)
    return exposed


def _restricted(problem: _Problem, kind: str, index: int, window: tuple[int | None, int | None]) -> _Problem:
    low, high = window
    domains = list(problem.domains)
    lines = list(problem.lines)
    if kind == "cell":
        lo, hi = domains[index]
        domains[index] = (max(lo, low if low is not None else lo), min(hi, high if high is not None else hi))
        if domains[index][0] > domains[index][1]:
            domains[index] = (1, 0)
    else:
        members, (lo, hi) = lines[index]
        lines[index] = (members, (max(lo, low if low is not None else lo), min(hi, high if high is not None else hi)))
    if any(lo > hi for lo, hi in domains) or any(lo > hi for _m, (lo, hi) in lines):
        return _Problem([(1, 0)], [])
    return _Problem(domains, lines)
