"""Disclosure control of percentiles (rapportage/onthulling.py, ``Percentiel``): a percentile of a small group is
suppressed like a small count, and a percentile of an aggregate derives only from protected class counts."""

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rapportage.onthulling import (
    AFGELEID,
    DUURKLASSEN,
    GEHEIM,
    Aantal,
    Percentiel,
    beschermde_waarde,
    beveilig,
    duurklasse,
    klasse_label,
    percentiel_uit_klassen,
    percentiel_van_klassen,
    publicatiecellen,
)

EIGEN, ANDER, DERDE = 1, 2, 3


@pytest.fixture(autouse=True)
def zonder_ruis(settings):
    settings.ONTHULLING_PTABEL = ((0, 1.0),)


def _nearest_rank(histogram: dict[int, int], p: float) -> float | None:
    waarden = sorted(d for d, n in histogram.items() for _ in range(n))
    return float(waarden[max(0, math.ceil(len(waarden) * p) - 1)]) if waarden else None


def _aantal(atomen) -> Aantal:
    orgs = frozenset(a[0] for a in atomen)
    kws = {(a[1], a[2]) for a in atomen}
    return Aantal(sum(atomen.values()), orgs, (), publicatiecellen(atomen, kws))


def klassen_van(histogrammen: dict[tuple[int, int, int], dict[int, int]]) -> tuple[Aantal, ...]:
    """The group's count per duration class, each knowing its published cells (as the analysis builds them)."""
    return tuple(
        _aantal({(o, j, k, "duur", (("klasse", klasse_label(klasse)), ("maat", "wachttijd"))): n
                 for (o, j, k), h in histogrammen.items()
                 if (n := sum(m for d, m in h.items() if duurklasse(d) == klasse))})
        for klasse in DUURKLASSEN
    )


def maak(histogrammen: dict[tuple[int, int, int], dict[int, int]], p: float = 0.5) -> Percentiel:
    """A percentile over several organisation × quarter histograms, built as the analysis builds it."""
    totaal = {(o, j, k, "duur", (("maat", "wachttijd"),)): sum(h.values())
              for (o, j, k), h in histogrammen.items() if sum(h.values())}
    samen: dict[int, int] = {}
    for h in histogrammen.values():
        for d, n in h.items():
            samen[d] = samen.get(d, 0) + n
    return Percentiel(_aantal(totaal), _nearest_rank(samen, p), p, percentiel_van_klassen(klassen_van(histogrammen), p))


def zien(cel, eigen=None):
    return beveilig(cel, eigen_organisatie=eigen)


def test_classes_cover_every_duration_once():
    for dagen in range(0, 800):
        van, tot = duurklasse(dagen)
        assert van <= dagen and (tot is None or dagen <= tot)
    assert [k[0] for k in DUURKLASSEN[1:]] == [k[1] + 1 for k in DUURKLASSEN[:-1]]


def test_percentile_from_classes_interpolates_within_the_class():
    klassen = [((0, 6), 0), ((7, 13), 10), ((14, 27), 10)]
    assert percentiel_uit_klassen(klassen, 0.5) == 14.0  # rank 10: the end of 7–13
    assert percentiel_uit_klassen(klassen, 0.25) == 10.5  # rank 5: halfway through 7–13 (7 days wide)
    assert percentiel_uit_klassen([((365, None), 20)], 0.5) == 365.0  # the open class: its lower bound
    assert percentiel_uit_klassen([((0, 6), 0)], 0.5) is None


@pytest.mark.parametrize("n", range(1, 10))
def test_a_published_cell_of_1_to_9_diensten_has_no_percentile_outside(n):
    cel = maak({(ANDER, 2024, 1): {30: n}})
    assert zien(cel).waarde == GEHEIM and zien(cel, eigen=EIGEN).geheim
    assert zien(cel, eigen=ANDER).waarde == 30.0  # the own organisation sees it exactly


def test_a_published_cell_of_10_or_more_shows_its_own_percentile_the_same_everywhere():
    histogram = {5: 3, 20: 4, 40: 3, 90: 2}
    cel = maak({(ANDER, 2024, 1): histogram})
    getoond = zien(cel)
    assert getoond.waarde == 20.0 and AFGELEID not in str(getoond.tekst)
    assert zien(maak({(ANDER, 2024, 1): histogram})) == getoond  # same cell, same value
    # an aggregate whose other parts are empty is that one published cell
    assert zien(maak({(ANDER, 2024, 1): histogram, (DERDE, 2024, 1): {}})) == getoond


def test_an_aggregate_of_small_groups_is_suppressed():
    cel = maak({(ANDER, 2024, 1): {30: 4}, (DERDE, 2024, 1): {60: 5}, (ANDER, 2024, 3): {10: 9}})
    assert zien(cel).geheim and zien(cel).getal is None


def test_an_aggregate_is_interpolated_from_the_protected_class_counts_and_marked_derived():
    cel = maak({(ANDER, 2024, 1): {10: 12}, (DERDE, 2024, 1): {10: 3, 50: 13}})
    # protected classes: 7–13: 10 (12) + . (3, counts as 5) = 15; 42–55: 15 (13) -> 30, median at rank 15
    getoond = zien(cel)
    assert getoond.waarde == f"14.0 {AFGELEID}"
    assert getoond.getal == percentiel_uit_klassen([((7, 13), 15), ((42, 55), 15)], 0.5)


histogrammen = st.dictionaries(
    st.tuples(st.sampled_from([ANDER, DERDE, 4]), st.just(2024), st.integers(1, 4)),
    st.dictionaries(st.integers(0, 400), st.integers(1, 30), max_size=6), min_size=1, max_size=6,
)


@settings(max_examples=200, deadline=None)
@given(histogrammen, st.sampled_from([0.5, 0.8]))
def test_what_an_outsider_sees_of_a_percentile_follows_from_published_values_only(groep, p):
    """Two groups whose published cells show the same values look the same, however their true counts differ:
    a percentile of an aggregate is a function of protected class counts; one of a single published cell is
    shown only when its count is (never for 1 to 9)."""
    cel = maak(groep, p)
    getoond = zien(cel)
    cellen = cel.aantal.gepubliceerd()
    if len(cellen) == 1:
        n = cellen[0][1]
        assert getoond.geheim == (getoond.waarde == GEHEIM) == (1 <= n <= 9)
        return
    if not cellen:
        return
    if all(1 <= n <= 9 for _c, n in cellen):
        assert getoond.geheim
        return
    beschermd = []
    for klasse, aantal in zip(DUURKLASSEN, klassen_van(groep), strict=True):
        if aantal.gepubliceerd():
            w, _ = beschermde_waarde(aantal)
            beschermd.append((klasse, 5 if w is None else w))
    verwacht = percentiel_uit_klassen(beschermd, p)
    assert getoond.getal == round(verwacht, 1) and AFGELEID in getoond.tekst
