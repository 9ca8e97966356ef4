"""Disclosure control: rapportage/onthulling.py on single cells and on cells derived from published cells."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from config import settings as productie
from rapportage.onthulling import (
    AFGELEID,
    GEHEIM,
    NIET_BEREKEND,
    Aantal,
    Groei,
    Percentage,
    PerInwoners,
    beschermd,
    beveilig,
    eigen_organisatie_van,
    publicatiecellen,
)

EIGEN, ANDER = 1, 2
CEL = (("regio", ANDER), ("jaar", 2024), "melding", ())


def zien(cel, eigen=None):
    return beveilig(cel, eigen_organisatie=eigen)


@pytest.fixture
def met_ruis(settings):
    """The production perturbation table (the test settings switch it off)."""
    settings.ONTHULLING_PTABEL = productie.ONTHULLING_PTABEL


@pytest.fixture
def zonder_ruis(settings):
    """Only rounding and suppression, so the arithmetic of derived figures can be checked by hand."""
    settings.ONTHULLING_PTABEL = ((0, 1.0),)


@pytest.mark.parametrize(("waarde", "verwacht"), [
    (0, 0), (1, None), (4, None), (9, None), (10, 10), (12, 10), (13, 15), (17, 15), (18, 20), (22, 20),
    (23, 25), (1234, 1235), (1232, 1230),
])
def test_without_perturbation_outside_counts_are_rounded_to_5_and_1_to_9_suppressed(zonder_ruis, waarde, verwacht):
    assert beschermd(CEL, waarde) == verwacht
    getoond = zien(Aantal(waarde, frozenset({ANDER})), eigen=EIGEN)
    assert getoond.waarde == (GEHEIM if verwacht is None else verwacht)
    assert getoond.geheim is (verwacht is None)


@given(st.integers(min_value=0, max_value=10**7), st.integers(min_value=1, max_value=400))
def test_a_published_cell_is_suppressed_or_near_its_count_on_the_grid_and_never_1_to_9(waarde, regio):
    cel = (("regio", regio), ("kwartaal", 2024, 1), "advies", ())
    getoond = beschermd(cel, waarde)
    if 1 <= waarde <= 9:
        assert getoond is None
    else:
        # perturbation at most 2, then rounding to 5: at most 4 from the truth, never below the threshold
        assert getoond % 5 == 0 and getoond not in range(1, 10) and abs(getoond - waarde) <= 4


def test_the_same_cell_with_the_same_count_always_gets_the_same_value_and_the_key_decides_it(settings, met_ruis):
    cellen = [(("regio", r), ("jaar", j), s, ()) for r in range(1, 30) for j in (2022, 2023, 2024)
              for s in ("advies", "melding")]
    eerst = [beschermd(c, 1237) for c in cellen]
    assert [beschermd(c, 1237) for c in cellen] == eerst
    assert len(set(eerst)) > 1  # the perturbation differs between cells (1237 alone would always be 1235)
    settings.ONTHULLING_SLEUTEL = "een-andere-sleutel"
    assert [beschermd(c, 1237) for c in cellen] != eerst


def test_perturbations_follow_the_table(settings, met_ruis):
    settings.ONTHULLING_AFRONDING = 1  # see the perturbation itself
    afwijkingen = [beschermd((("gemeente", f"GM{i:04}"), ("jaar", 2024), "melding", ()), 500) - 500
                   for i in range(4000)]
    for ruis, kans in ((-2, 0.1), (-1, 0.2), (0, 0.4), (1, 0.2), (2, 0.1)):
        assert abs(afwijkingen.count(ruis) / len(afwijkingen) - kans) < 0.03


def test_thresholds_are_settings(settings, zonder_ruis):
    settings.ONTHULLING_AFRONDING = 10
    settings.ONTHULLING_DREMPEL = 20
    assert beschermd(CEL, 19) is None
    assert beschermd(CEL, 24) == 20 and beschermd(CEL, 25) == 30


def _cel(regio: int, n: int, jaar: int = 2024) -> Aantal:
    atomen = {(regio, jaar, k, "melding", ()): n // 4 + (k <= n % 4) for k in (1, 2, 3, 4)}
    return Aantal(n, frozenset({regio}), (), publicatiecellen(atomen, [(jaar, k) for k in (1, 2, 3, 4)]))


def test_a_count_over_several_published_cells_is_the_sum_of_their_protected_values_and_says_so(zonder_ruis):
    samen = _cel(3, 12) + _cel(4, 23) + _cel(5, 7)
    getoond = zien(samen)
    # 12 → 10, 23 → 25, and the suppressed 7 counts as 5
    assert getoond.waarde == f"40 {AFGELEID}" and getoond.getal == 40
    assert zien(_cel(3, 12)).waarde == 10  # one published cell: no marker


@given(st.integers(min_value=1, max_value=9), st.integers(min_value=1, max_value=9),
       st.lists(st.integers(min_value=0, max_value=500), min_size=1, max_size=6))
def test_a_derived_total_says_nothing_about_the_true_value_of_a_suppressed_cell(klein, ander_klein, overige):
    def totaal(k):
        cel = _cel(1, k)
        for i, n in enumerate(overige):
            cel = cel + _cel(10 + i, n)
        return zien(cel).waarde

    assert totaal(klein) == totaal(ander_klein)


def test_the_published_cells_of_a_count_are_a_fixed_cover_of_its_quarters():
    atomen = {(7, 2024, k, "advies", ()): 10 for k in (1, 2, 3, 4)} | {(7, 2023, 3, "advies", ()): 4,
                                                                          (7, 2023, 4, "advies", ()): 6}
    kwartalen = [(2024, k) for k in (1, 2, 3, 4)] + [(2023, 2), (2023, 3), (2023, 4)]
    assert publicatiecellen(atomen, kwartalen) == (
        ((("regio", 7), ("halfjaar", 2023, 2), "advies", ()), 10),
        ((("regio", 7), ("jaar", 2024), "advies", ()), 40),
    )
    # a gemeente is a geographic unit per registering organisation: the pages select registering regions, so one
    # region's share of a gemeente must not carry the identity of the whole (test_analyses_uitsplitsingen)
    atomen = {(7, 2024, 1, "melding", (("gemeente_code", "GM0363"),)): 3,
              (8, 2024, 1, "melding", (("gemeente_code", "GM0363"),)): 2}
    assert publicatiecellen(atomen, [(2024, 1)]) == (
        ((("gemeente", "GM0363", 7), ("kwartaal", 2024, 1), "melding", ()), 3),
        ((("gemeente", "GM0363", 8), ("kwartaal", 2024, 1), "melding", ()), 2),
    )


def test_own_organisation_exact_others_and_aggregates_rounded(zonder_ruis):
    assert zien(Aantal(7, frozenset({EIGEN})), eigen=EIGEN).waarde == 7
    assert zien(Aantal(7, frozenset({ANDER})), eigen=EIGEN).waarde == GEHEIM
    # a sum over the own and another organisation is outside
    assert zien(Aantal(12, frozenset({EIGEN, ANDER})), eigen=EIGEN).waarde == 10
    # a municipal viewer has no own organisation
    assert zien(Aantal(7, frozenset({EIGEN})), eigen=None).waarde == GEHEIM
    # a cell without organisations is never exact
    assert zien(Aantal(7, frozenset()), eigen=EIGEN).waarde == GEHEIM


def test_a_percentage_with_a_suppressed_denominator_or_numerator_is_suppressed(zonder_ruis):
    buiten = frozenset({ANDER})
    assert zien(Percentage(Aantal(3, buiten), Aantal(8, buiten))).waarde == GEHEIM
    assert zien(Percentage(Aantal(3, buiten), Aantal(200, buiten))).waarde == GEHEIM
    # computed from the rounded counts: 12 → 10, 198 → 200
    assert zien(Percentage(Aantal(12, buiten), Aantal(198, buiten))).waarde == 5.0
    assert zien(Percentage(Aantal(0, buiten), Aantal(0, buiten))).waarde == NIET_BEREKEND
    # exact for the own organisation
    eigen = frozenset({EIGEN})
    assert zien(Percentage(Aantal(3, eigen), Aantal(8, eigen)), eigen=EIGEN).waarde == 37.5


def test_growth_and_rates_are_computed_from_protected_counts(zonder_ruis):
    buiten = frozenset({ANDER})
    assert zien(Groei(Aantal(98, buiten), Aantal(121, buiten))).waarde == 20.0  # 100 → 120
    assert zien(Groei(Aantal(5, buiten), Aantal(121, buiten))).waarde == GEHEIM
    assert zien(Groei(Aantal(0, buiten), Aantal(121, buiten))).waarde == NIET_BEREKEND
    assert zien(Groei(Aantal(98, frozenset({EIGEN})), Aantal(121, frozenset({EIGEN}))), eigen=EIGEN).waarde == 23.5
    # 3 meldingen in a gemeente of 20,000 inhabitants would be 1.5 per 10,000: suppressed
    assert zien(PerInwoners(Aantal(3, buiten), 20_000)).waarde == GEHEIM
    assert zien(PerInwoners(Aantal(31, buiten), 20_000)).waarde == 15.0  # 30 / 20,000 × 10,000
    assert zien(PerInwoners(Aantal(31, buiten), None)).waarde == NIET_BEREKEND


def test_markers_follow_the_value_and_page_text_is_dutch(zonder_ruis):
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
