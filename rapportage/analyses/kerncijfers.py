"""Headline figures for the start page of municipal analysts: the last complete year of the national
development, taken from the same protected result the analysis page shows (same filters, same cache entry),
so the start page never shows a figure the analysis would not."""

from __future__ import annotations

from dataclasses import dataclass

from rapportage.analyses import landelijk
from rapportage.analyses.cache import getoonde_analyse
from rapportage.analyses.filters import AnalyseFilterForm
from rapportage.onthulling import Getoond


@dataclass(frozen=True)
class Kerncijfers:
    jaar: int
    cellen: list[tuple[str, Getoond]]  # (column label, protected cell) of the year's row
    opmerkingen: list[str]


def kerncijfers(*, eigen_organisatie: int | None) -> Kerncijfers:
    # The analysis page's default filters (an empty GET), so both read one cache entry.
    filters = AnalyseFilterForm({}, velden=("van", "tot")).filters()
    getoond = getoonde_analyse("landelijk", landelijk.landelijke_ontwikkeling, filters,
                               eigen_organisatie=eigen_organisatie)
    tabel = getoond.tabel("jaar")
    rij = tabel.rijen[-1]  # the last year of the period: the last one some organisation has complete
    return Kerncijfers(
        jaar=filters.tot_jaar,
        cellen=[(kolom.label, cel) for kolom, cel in zip(tabel.kolommen[1:], rij[1:], strict=True)],
        opmerkingen=list(getoond.analyse.opmerkingen),
    )
