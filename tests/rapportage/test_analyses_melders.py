"""Per meldergroep and the meldingen analyses (crisis, eerdere betrokkenheid, beoordeling, termijn).

Adviezen per quarter, all quarters of 2023 and 2024 closed:
              politie      overige      niet-prof.
  VT02 2023   10 (=40)     20 (=80)     5 (=20)
  VT02 2024   12 (=48)     30 (=120)    5 (=20)
  VT03 2023   25 (=100)    –            10 (=40)
  VT03 2024   25 (=100)    10 (=40)     10 (=40)
Sum: politie 140 → 148 (+5.7 %), overige 80 → 160 (+100 %), niet 60 → 60 (0 %), total 280 → 368 (+31.4 %).
"""

import pytest

from rapportage.analyses.landelijk import landelijke_ontwikkeling
from rapportage.analyses.melders import per_melder_groep
from rapportage.analyses.meldingen import meldingen
from rapportage.historie.models import HistorischeTelling
from vtregistratie import definities

pytestmark = pytest.mark.django_db


@pytest.fixture
def melders(referentiedata, org, per_kwartaal, sluit):
    for code, jaar, politie, overige, niet in [("VT02", 2023, 10, 20, 5), ("VT02", 2024, 12, 30, 5),
                                               ("VT03", 2023, 25, 0, 10), ("VT03", 2024, 25, 10, 10)]:
        per_kwartaal(code, jaar, politie, melder_groep="politie")
        if overige:
            per_kwartaal(code, jaar, overige, melder_groep="overige_professional")
        per_kwartaal(code, jaar, niet, melder_groep="niet_professional")
        sluit(code, jaar)
    # VT04: 2023 imported as totals only (no split by melder groep), 2024 registered here
    for kw in (1, 2, 3, 4):
        HistorischeTelling.objects.create(organisatie=org("VT04"), jaar=2023, kwartaal=kw, soort="advies",
                                          aantal=50, bestand="historie.csv")
    per_kwartaal("VT04", 2024, 15, melder_groep="politie")
    sluit("VT04", 2024)


def test_per_melder_groep_with_growth_over_organisations_that_can_split(melders, filters, org, rij, waarden):
    analyse = per_melder_groep(filters(2023, 2024, "VT02", "VT03", "VT04", soorten=("advies",)))
    tabel = waarden(analyse, "melders_advies")
    assert rij(tabel, "Politie") == ["Politie", "140 (a)", "150 (a)", "7.1 (a)"]  # sums over VT02 and VT03
    assert rij(tabel, "Overige professional") == ["Overige professional", 80, "160 (a)", "100.0 (a)"]
    assert rij(tabel, "Niet-professional") == ["Niet-professional", "60 (a)", "60 (a)", "0.0 (a)"]
    assert rij(tabel, "Totaal") == ["Totaal", "280 (a)", "370 (a)", "32.1 (a)"]
    assert [u.organisatie for u in analyse.uitgesloten] == [str(org("VT04"))]
    # while the national trend counts VT04, whose imported totals are complete
    landelijk = landelijke_ontwikkeling(filters(2023, 2024, "VT02", "VT03", "VT04", soorten=("advies",)))
    assert waarden(landelijk, "jaar") == [["2023", "480 (i) (a)", "–"], ["2024", "430 (a)", "−10.4 (i) (a)"]]


def test_exact_for_a_single_own_organisation(melders, filters, org, rij, waarden):
    analyse = per_melder_groep(filters(2023, 2024, "VT02", soorten=("advies",)))
    assert rij(waarden(analyse, "melders_advies", eigen=org("VT02").pk), "Politie") == ["Politie", 40, 48, 20.0]


def test_a_melder_groep_filter_narrows_the_rows(melders, filters, waarden):
    analyse = per_melder_groep(filters(2023, 2024, "VT02", "VT03", soorten=("advies",),
                                       melder_groepen=("politie",)))
    assert [r[0] for r in waarden(analyse, "melders_advies")] == ["Politie", "Totaal"]


@pytest.fixture
def meldingen_2024(referentiedata, sluit, telling):
    for crisis, groep, beoordeling, eerdere, termijn, n in [
        (True, "politie", "vervolgstappen_vt", "eerste_melding", True, 12),
        (False, "politie", "overdracht", "hermelding", True, 30),
        (False, "overige_professional", "nog_niet_beoordeeld", "vervolgmelding", None, 18),
        (False, "niet_professional", "geen_vervolgstappen", "eerste_melding", False, 20),
    ]:
        telling("VT02", 2024, 1, n, soort="melding", crisis=crisis, melder_groep=groep, beoordeling=beoordeling,
                eerdere=eerdere, binnen_termijn=termijn)
    sluit("VT02", 2024)


def test_crisis_share_and_eerdere_betrokkenheid_per_year(meldingen_2024, filters, org, waarden):
    analyse = meldingen(filters(2024, 2024, "VT02", soorten=("melding",)))
    eigen = org("VT02").pk
    assert waarden(analyse, "crisis", eigen=eigen) == [["2024", 12, 68, 80, 15.0]]
    # outside: from the rounded counts 10 / 80
    assert waarden(analyse, "crisis") == [["2024", 10, 70, "80 (a)", "12.5 (a)"]]  # the total is 10 + 70
    assert waarden(analyse, "eerdere_betrokkenheid", eigen=eigen) == [
        ["2024", 32, 40.0, 30, 37.5, 18, 22.5, 0, 0.0, 80]]


def test_beoordeling_and_termijn_per_quarter(meldingen_2024, filters, org, rij, waarden):
    analyse = meldingen(filters(2024, 2024, "VT02", soorten=("melding",)))
    eigen = org("VT02").pk
    beoordeling = waarden(analyse, "beoordeling", eigen=eigen)
    assert [k.label for k in analyse.tabel("beoordeling").kolommen] == [
        "Kwartaal", "Vervolgstappen Veilig Thuis", "Overdracht", "Geen vervolgstappen", "Regionaal maatwerk",
        "Nog niet beoordeeld", "Totaal"]
    assert rij(beoordeling, "2024-K1") == ["2024-K1", 12, 30, 20, 0, 18, 80]
    assert rij(beoordeling, "2024-K2") == ["2024-K2", 0, 0, 0, 0, 0, 0]
    termijn = waarden(analyse, "termijn", eigen=eigen)
    assert rij(termijn, "2024-K1") == ["2024-K1", 62, 42, 67.7]
    assert rij(termijn, "2024-K2") == ["2024-K2", 0, 0, "–"]


def test_the_melder_page_shows_statline_organisatie_rol_functie_and_the_impactmonitor_groups(melders, filters, rij,
                                                                                              waarden):
    """Over the organisations registered here in every quarter (VT02, VT03; VT04's 2023 is imported, and the
    imported history has no such breakdown)."""
    analyse = per_melder_groep(filters(2023, 2024, "VT02", "VT03", "VT04", soorten=("advies",)))
    organisatie = waarden(analyse, "organisatie_advies")
    assert rij(organisatie, "Justitie en veiligheid: politie") == ["Justitie en veiligheid: politie", "140 (a)",
                                                                   "150 (a)", "7.1 (a)"]
    assert rij(organisatie, "Gezondheidszorg") == ["Gezondheidszorg", 80, "160 (a)", "100.0 (a)"]
    assert rij(organisatie, "Niet van toepassing")[1:3] == ["60 (a)", "60 (a)"]
    assert rij(organisatie, "Kinderopvang") == ["Kinderopvang", 0, 0, "–"]  # every StatLine category is a row
    assert [r[0] for r in organisatie][:-1] == [str(c.label) for c in definities.MELDER_ORGANISATIE]
    functie = waarden(analyse, "functie_advies")
    assert rij(functie, "Medisch: huisarts")[1:3] == [80, "160 (a)"]
    assert rij(functie, "Justitie: politieagent")[1:3] == ["140 (a)", "150 (a)"]
    impact = waarden(analyse, "impactmonitor_advies")
    assert [r[0] for r in impact][:-1] == [str(c.label) for c in definities.IMPACTMONITOR_GROEP]
    assert rij(impact, "Burger")[1:3] == ["60 (a)", "60 (a)"]
    assert rij(impact, "Huisarts")[1:3] == [80, "160 (a)"]
    for tabel in (organisatie, functie, impact):
        assert rij(tabel, "Totaal")[1:3] == ["280 (a)", "370 (a)"]
