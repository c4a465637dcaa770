"""False links: two people's clusters joined by a name link, measured on validation pairs and undone.

A false link joins the cluster of one person with that of another: two clusters with capture
patterns ``s`` and ``t`` become one with pattern ``s | t``, so people vanish from the single-list
cells and appear in the overlaps, and the estimate of the hidden number goes down.

The rate is measured where the truth is known: among the records that carry an exact identifier
(a BSN), the pairs of *different* people that the name rule joins, counted once per pair of people
(a look-alike pair of people whose records link twice is one merge, not two).  Two kinds of record
pair are told apart, because their rates differ by an order of magnitude: between two records
with enough name keys to be linked without the identifier ("capable"), and between a capable
record and a weak one (carrying the identifier but too few name keys).  The rate per record pair
is carried over to the record pairs the rule decides on names in the linkage itself: the pairs in
which at least one record has no identifier (two records with the identifier are linked by it
alone), records without the identifier being capable (the others are left out before linkage).

The correction inverts the merges to first order: a false link between lists ``L`` and ``M`` joins
a cluster drawn from those holding a record on ``L`` with one drawn from those on ``M``, in
proportion to their counts; the observed table is the unmerged one plus the expected change, which
is solved by fixed-point iteration.  Ding and Fienberg (1994) and Di Consiglio and Tuoto (2015)
model false links between two lists in the same way (a record linked to a wrong partner drawn at
random); this carries it to several lists with merges as the unit.

References
----------
Ding, Y. and Fienberg, S. E. (1994). Dual system estimation of census undercount in the presence
of matching error.  *Survey Methodology* 20, 149-158.

Di Consiglio, L. and Tuoto, T. (2015). Coverage evaluation on probabilistically linked data.
*Journal of Official Statistics* 31, 415-429.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

__all__ = ["FalseMerges", "merge_effect", "unmerge", "simulate_merges"]

CAPABLE, WEAK = 0, 1  # the two kinds of record pair: both capable; one capable, one weak
_UNMERGE_ROUNDS = 50  # the fixed point converges in a few rounds when merges are a small share


@dataclass(frozen=True)
class FalseMerges:
    """Rates of false merges per record pair and the record pairs of the linkage they apply to.

    Attributes
    ----------
    merged : ndarray (2,)
        Pairs of validation people joined by a false name link: by a link between two capable
        records, and (otherwise) by one between a capable and a weak record.
    pairs : ndarray (2,)
        Validation record pairs of each kind on which those links could arise.
    exposure : ndarray (2, K, K)
        Per kind, the record pairs between lists ``L <= M`` that the rule decides on names in the
        linkage (upper triangle; the diagonal holds pairs within one list).
    rate : ndarray (2,), optional
        False merges per record pair; ``merged / pairs`` when not given (a posterior draw otherwise).
    """

    merged: np.ndarray
    pairs: np.ndarray
    exposure: np.ndarray
    rate: np.ndarray | None = None

    def __post_init__(self) -> None:
        merged = np.asarray(self.merged, dtype=float)
        pairs = np.asarray(self.pairs, dtype=float)
        exposure = np.asarray(self.exposure, dtype=float)
        if merged.shape != (2,) or pairs.shape != (2,) or exposure.ndim != 3 or exposure.shape[0] != 2:
            raise ValueError("merged and pairs hold two counts; exposure is a (2, K, K) array")
        if (merged < 0).any() or (pairs < 0).any() or (exposure < 0).any() or (merged > pairs).any():
            raise ValueError("counts must be non-negative, with no more merges than pairs")
        object.__setattr__(self, "merged", merged)
        object.__setattr__(self, "pairs", pairs)
        object.__setattr__(self, "exposure", np.triu(exposure))
        if self.rate is None:
            object.__setattr__(self, "rate", np.divide(merged, pairs, out=np.zeros(2), where=pairs > 0))

    @classmethod
    def from_counts(
        cls, merged: tuple[int, int], *, records: np.ndarray, certain: np.ndarray, capable: np.ndarray
    ) -> FalseMerges:
        """The exposure from the records per list: without identifier, capable and weak ones."""
        bare = np.asarray(records, float) - np.asarray(certain, float)
        strong = np.asarray(capable, float)
        weak = np.asarray(certain, float) - strong
        cap, wk = strong.sum(), weak.sum()
        exposure = np.zeros((2, bare.size, bare.size))
        exposure[CAPABLE] = np.outer(bare, bare) + np.outer(bare, strong) + np.outer(strong, bare)
        exposure[WEAK] = np.outer(bare, weak) + np.outer(weak, bare)
        diagonal = np.arange(bare.size)
        exposure[CAPABLE][diagonal, diagonal] = bare * (bare - 1) / 2 + bare * strong
        exposure[WEAK][diagonal, diagonal] = bare * weak
        return cls(np.asarray(merged, float), np.array([cap * (cap - 1) / 2, cap * wk]), exposure)

    def expected(self) -> np.ndarray:
        """Expected false merges between each pair of lists (K x K, upper triangle)."""
        rate = np.zeros(2) if self.rate is None else self.rate
        return np.einsum("g,gij->ij", rate, self.exposure)

    def draw(self, rng: np.random.Generator) -> FalseMerges:
        """Rates drawn from their posterior (Poisson counts, Jeffreys prior: Gamma(merged + 1/2))."""
        rate = np.divide(rng.gamma(self.merged + 0.5), self.pairs, out=np.zeros(2), where=self.pairs > 0)
        return FalseMerges(self.merged, self.pairs, self.exposure, rate)


@lru_cache(maxsize=8)
def _layout(cells: int) -> tuple[np.ndarray, np.ndarray]:
    """Membership of the lists per cell (K x cells) and, per pair of cells, the cell they join into."""
    bits = np.arange(1, cells + 1)
    k = int(cells + 1).bit_length() - 1
    member = (bits[None, :] >> np.arange(k)[:, None] & 1).astype(float)
    return member, ((bits[:, None] | bits[None, :]) - 1).ravel()


def _merge_weights(y: np.ndarray, expected: np.ndarray) -> np.ndarray:
    """Expected merges between a cluster of pattern ``s`` (row) and one of pattern ``t`` (column).

    A merge between lists L and M joins a cluster drawn from those holding a record on L with one
    drawn from those on M, each in proportion to the cell counts: summed over the list pairs this is
    ``S_L' F S_M`` with ``S`` the clusters' shares per list.
    """
    member, _ = _layout(y.size)
    on = member * np.clip(y, 0.0, None)[None, :]
    totals = on.sum(axis=1, keepdims=True)
    shares = np.divide(on, totals, out=np.zeros_like(on), where=totals > 0)
    return shares.T @ np.triu(expected) @ shares


def merge_effect(y: np.ndarray, expected: np.ndarray) -> np.ndarray:
    """Expected change of the cell counts ``y`` when ``expected[L, M]`` random merges join L and M clusters."""
    y = np.asarray(y, dtype=float)
    weight = _merge_weights(y, expected)
    _, joined = _layout(y.size)
    return np.bincount(joined, weights=weight.ravel(), minlength=y.size) - weight.sum(axis=1) - weight.sum(axis=0)


def unmerge(y: np.ndarray, expected: np.ndarray) -> np.ndarray:
    """Cell counts before the merges: ``x`` with ``x + merge_effect(x) = y`` (fixed point, clipped at 0)."""
    y = np.asarray(y, dtype=float)
    x = y.copy()
    for _ in range(_UNMERGE_ROUNDS):
        previous, x = x, np.clip(y - merge_effect(x, expected), 0.0, None)
        if np.abs(x - previous).max() < 1e-9 * max(1.0, float(y.sum())):
            break
    return x


def simulate_merges(y: np.ndarray, expected: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Cell counts after Poisson(``expected[L, M]``) merges of random clusters on L and M."""
    out = np.asarray(y, dtype=np.int64).copy()
    weight = _merge_weights(out.astype(float), expected)
    total = float(weight.sum())
    n = int(rng.poisson(total)) if total > 0 else 0
    if n == 0:
        return out
    bits = np.arange(1, out.size + 1)
    drawn = rng.multinomial(n, (weight / total).ravel()).reshape(out.size, out.size)
    for s, t in zip(*np.nonzero(drawn), strict=True):
        k = min(int(drawn[s, t]), int(out[s]), int(out[t]) if s != t else int(out[s]) // 2)
        out[s] -= k
        out[t] -= k
        out[(bits[s] | bits[t]) - 1] += k
    return out
