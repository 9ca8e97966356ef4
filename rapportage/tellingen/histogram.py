"""Day histograms (``TellingDuur``, ``TellingWachtlijst``) read back as figures: median, percentiles and the share
within a norm, for any set of rows — regions side by side, a region's quarters, the country (docs/rollup.md).

A histogram is a list of (dagen, aantal) pairs. It is additive: the histogram of several regions or quarters is the
sum of theirs, so every figure below is exact for any aggregate, not an average of averages. The pure functions
take the pairs; ``dagen_verdeling`` reads them from a count table.

Definitions (the same as on the raw durations, which tests/rapportage/test_histogram.py holds them to):

- median: the middle value of the sorted durations, the mean of the two middle ones for an even number;
- percentile *p* (80, 90): the nearest rank, the smallest duration such that at least *p* % of the durations are
  at most that long;
- share within a norm: the fraction of durations of at most ``norm_dagen`` days.

Durations above ``DUUR_MAX_DAGEN`` (730) are stored as 730: a percentile of 730 means "730 days or more".
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Model, QuerySet, Sum

from rapportage.tellingen.models import DUUR_MAX_DAGEN

Histogram = list[tuple[int, int]]  # (dagen, aantal), sorted by dagen, aantal > 0


def samengevoegd(paren: Iterable[tuple[int, int]]) -> Histogram:
    """The pairs summed per number of days, sorted; empty bins left out."""
    per_dag: dict[int, int] = {}
    for dagen, aantal in paren:
        per_dag[int(dagen)] = per_dag.get(int(dagen), 0) + int(aantal)
    return sorted((d, n) for d, n in per_dag.items() if n > 0)


def _waarde_op_rang(histogram: Histogram, rang: int) -> int:
    """The duration at 1-based rank ``rang`` in the sorted durations."""
    gezien = 0
    for dagen, aantal in histogram:
        gezien += aantal
        if gezien >= rang:
            return dagen
    raise ValueError(f"rank {rang} beyond {gezien} durations")


def totaal(paren: Iterable[tuple[int, int]]) -> int:
    return sum(int(n) for _, n in paren)


def mediaan(paren: Iterable[tuple[int, int]]) -> float | None:
    """The median duration in days; None for an empty histogram."""
    histogram = samengevoegd(paren)
    n = totaal(histogram)
    if n == 0:
        return None
    if n % 2:
        return float(_waarde_op_rang(histogram, n // 2 + 1))
    return (_waarde_op_rang(histogram, n // 2) + _waarde_op_rang(histogram, n // 2 + 1)) / 2


def percentiel(paren: Iterable[tuple[int, int]], p: float) -> int | None:
    """The nearest-rank ``p``-th percentile (0 < p <= 100) in days; None for an empty histogram."""
    if not 0 < p <= 100:
        raise ValueError(f"percentile {p} not in (0, 100]")
    histogram = samengevoegd(paren)
    n = totaal(histogram)
    if n == 0:
        return None
    return _waarde_op_rang(histogram, max(1, math.ceil(p * n / 100 - 1e-9)))


def aandeel_binnen(paren: Iterable[tuple[int, int]], norm_dagen: int) -> float | None:
    """The share (0..1) of durations of at most ``norm_dagen`` days; None for an empty histogram."""
    histogram = samengevoegd(paren)
    n = totaal(histogram)
    if n == 0:
        return None
    return sum(aantal for dagen, aantal in histogram if dagen <= norm_dagen) / n


@dataclass(frozen=True)
class Verdeling:
    """The figures of one histogram."""

    aantal: int
    mediaan: float | None
    p80: int | None
    p90: int | None
    maximum: int | None
    #: the longest duration is at the cap: "730 days or more"
    begrensd: bool


def verdeling(paren: Iterable[tuple[int, int]]) -> Verdeling:
    histogram = samengevoegd(paren)
    maximum = histogram[-1][0] if histogram else None
    return Verdeling(aantal=totaal(histogram), mediaan=mediaan(histogram), p80=percentiel(histogram, 80),
                     p90=percentiel(histogram, 90), maximum=maximum,
                     begrensd=maximum is not None and maximum >= DUUR_MAX_DAGEN)


def dagen_verdeling(rijen: QuerySet[Model]) -> Histogram:
    """The histogram of some rows of ``TellingDuur`` or ``TellingWachtlijst`` (filter them first: the organisations,
    quarters, dienst and maat asked for), summed in the database."""
    return samengevoegd(rijen.order_by().values("dagen").annotate(n=Sum("aantal")).values_list("dagen", "n"))
