"""Disclosure control (docs/analyses.md): rapportage/onthulling.py on single cells."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rapportage.onthulling import (
    GEHEIM,
    NIET_BEREKEND,
    Aantal,
    Groei,
    Percentage,
    PerInwoners,
    afgerond,
    beveilig,
    eigen_organisatie_van,
)

EIGEN, ANDER = 1, 2


def zien(cel, eigen=None):
    return beveilig(cel, eigen_organisatie=eigen)


@pytest.mark.parametrize(("waarde", "verwacht"), [
    (0, 0), (1, None), (4, None), (9, None), (10, 10), (12, 10), (13, 15), (17, 15), (18, 20), (22, 20),
    (23, 25), (1234, 1235), (1232, 1230),
])
def test_outside_counts_are_rounded_to_5_and_1_to_9_suppressed(waarde, verwacht):
    assert afgerond(waarde) == verwacht
    getoond = zien(Aantal(waarde, frozenset({ANDER})), eigen=EIGEN)
    assert getoond.waarde == (GEHEIM if verwacht is None else verwacht)
    assert getoond.geheim is (verwacht is None)


@given(st.integers(min_value=0, max_value=10**7))
def test_no_outside_count_is_ever_between_1_and_9_or_off_the_grid(waarde):
    getoond = zien(Aantal(waarde, frozenset({ANDER})), eigen=EIGEN)
    assert getoond.waarde == GEHEIM or (getoond.waarde % 5 == 0 and getoond.waarde not in range(1, 10))


def test_thresholds_are_settings(settings):
    settings.ONTHULLING_AFRONDING = 10
    settings.ONTHULLING_DREMPEL = 20
    assert afgerond(19) is None
    assert afgerond(24) == 20 and afgerond(25) == 30


def test_own_organisation_exact_others_and_aggregates_rounded():
    assert zien(Aantal(7, frozenset({EIGEN})), eigen=EIGEN).waarde == 7
    assert zien(Aantal(7, frozenset({ANDER})), eigen=EIGEN).waarde == GEHEIM
    # a sum over the own and another organisation is outside
    assert zien(Aantal(12, frozenset({EIGEN, ANDER})), eigen=EIGEN).waarde == 10
    # a municipal viewer has no own organisation
    assert zien(Aantal(7, frozenset({EIGEN})), eigen=None).waarde == GEHEIM
    # a cell without organisations is never exact
    assert zien(Aantal(7, frozenset()), eigen=EIGEN).waarde == GEHEIM


def test_a_percentage_with_a_suppressed_denominator_or_numerator_is_suppressed():
    buiten = frozenset({ANDER})
    assert zien(Percentage(Aantal(3, buiten), Aantal(8, buiten))).waarde == GEHEIM
    assert zien(Percentage(Aantal(3, buiten), Aantal(200, buiten))).waarde == GEHEIM
    # computed from the rounded counts: 12 → 10, 198 → 200
    assert zien(Percentage(Aantal(12, buiten), Aantal(198, buiten))).waarde == 5.0
    assert zien(Percentage(Aantal(0, buiten), Aantal(0, buiten))).waarde == NIET_BEREKEND
    # exact for the own organisation
    eigen = frozenset({EIGEN})
    assert zien(Percentage(Aantal(3, eigen), Aantal(8, eigen)), eigen=EIGEN).waarde == 37.5


def test_growth_and_rates_are_computed_from_protected_counts():
    buiten = frozenset({ANDER})
    assert zien(Groei(Aantal(98, buiten), Aantal(121, buiten))).waarde == 20.0  # 100 → 120
    assert zien(Groei(Aantal(5, buiten), Aantal(121, buiten))).waarde == GEHEIM
    assert zien(Groei(Aantal(0, buiten), Aantal(121, buiten))).waarde == NIET_BEREKEND
    assert zien(Groei(Aantal(98, frozenset({EIGEN})), Aantal(121, frozenset({EIGEN}))), eigen=EIGEN).waarde == 23.5
    # 3 meldingen in a gemeente of 20,000 inhabitants would be 1.5 per 10,000: suppressed
    assert zien(PerInwoners(Aantal(3, buiten), 20_000)).waarde == GEHEIM
    assert zien(PerInwoners(Aantal(31, buiten), 20_000)).waarde == 15.0  # 30 / 20,000 × 10,000
    assert zien(PerInwoners(Aantal(31, buiten), None)).waarde == NIET_BEREKEND


def test_markers_follow_the_value_and_page_text_is_dutch():
    getoond = zien(Aantal(12345, frozenset({ANDER}), ("*",)))
    assert getoond.tekst == "12\u202f345 *" and getoond.waarde == "12345 *" and getoond.getal == 12345
    assert zien(Groei(Aantal(200, frozenset()), Aantal(150, frozenset()))).tekst == "−25,0"
    assert zien("Amsterdam").tekst == "Amsterdam" and zien(None).tekst == ""


@pytest.mark.django_db
def test_who_has_an_own_organisation(referentiedata):
    from tests.factories import GebruikerFactory

    teamleider = GebruikerFactory(rol="teamleider")
    assert eigen_organisatie_van(teamleider) == teamleider.organisatie_id
    assert eigen_organisatie_van(GebruikerFactory(rol="gemeente")) is None
    assert eigen_organisatie_van(GebruikerFactory(rol="intake")) is None
