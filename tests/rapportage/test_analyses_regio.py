"""Per regio and per gemeente: totals, growth, counts per 10,000 inhabitants across Weesp's move from VT20
Utrecht to VT01 Amsterdam-Amstelland (1 January 2022) and its merger into Amsterdam (24 March 2022).

Inhabitants are replaced by round numbers (1 January): 2021 Amsterdam 800,000, Weesp 20,000, Utrecht
300,000; 2022 880,000 / 20,000 / 360,000; 2024 Amsterdam 900,000, Utrecht 370,000. No other gemeente has
inhabitants, and 2023 is missing, so 2023 uses 2022 (nearest earlier year).

Adviezen:      2021               2022               2023
  VT01         Amsterdam 1600     Amsterdam 1800     Amsterdam 2000
                                  Weesp 100
  VT20         Weesp 100          Utrecht 720        Utrecht 740
               Utrecht 600
"""

import pytest

from rapportage.analyses.gemeenten import per_gemeente
from rapportage.analyses.regio import per_regio
from rapportage.analyses.tabel import toon
from vtregistratie.models import Gemeente, Inwoners, Organisatie

pytestmark = pytest.mark.django_db

AMSTERDAM, WEESP, UTRECHT = "GM0363", "GM0457", "GM0344"


@pytest.fixture
def weesp(vervang_referentiedata, sluit, telling):
    gemeente = {g.code: g for g in Gemeente.objects.filter(code__in=[AMSTERDAM, WEESP, UTRECHT])}
    vervang_referentiedata(Inwoners, [
        Inwoners(gemeente=gemeente[code], jaar=jaar, aantal=aantal)
        for code, jaar, aantal in [(AMSTERDAM, 2021, 800_000), (WEESP, 2021, 20_000), (UTRECHT, 2021, 300_000),
                                   (AMSTERDAM, 2022, 880_000), (WEESP, 2022, 20_000), (UTRECHT, 2022, 360_000),
                                   (AMSTERDAM, 2024, 900_000), (UTRECHT, 2024, 370_000)]
    ])
    for code, jaar, gemeente, aantal in [
        ("VT01", 2021, AMSTERDAM, 1600), ("VT20", 2021, WEESP, 100), ("VT20", 2021, UTRECHT, 600),
        ("VT01", 2022, AMSTERDAM, 1800), ("VT01", 2022, WEESP, 100), ("VT20", 2022, UTRECHT, 720),
        ("VT01", 2023, AMSTERDAM, 2000), ("VT20", 2023, UTRECHT, 740),
    ]:
        telling(code, jaar, 1, aantal, gemeente=gemeente)
    for code in ("VT01", "VT20"):
        for jaar in (2021, 2022, 2023):
            sluit(code, jaar)


def naam(code):
    return str(Organisatie.objects.get(code=code))


def test_totals_growth_and_rates_on_the_counting_date(weesp, filters, rij, waarden):
    analyse = per_regio(filters(2021, 2023, "VT01", "VT20", soorten=("advies",)))
    aantallen = waarden(analyse, "aantallen_advies")
    assert rij(aantallen, naam("VT01"))[1:] == [1600, 1900, 2000]
    assert rij(aantallen, naam("VT20"))[1:] == [700, 720, 740]
    groei = waarden(analyse, "groei_advies")
    assert [k.label for k in analyse.tabel("groei_advies").kolommen][1:] == ["2021–2022", "2022–2023", "2021–2023"]
    assert rij(groei, naam("VT01"))[1:] == [18.8, 5.3, 25.0]
    assert rij(groei, naam("VT20"))[1:] == [2.9, 2.8, 5.7]
    # national reference: the weighted total over the complete organisations (here VT01 and VT20)
    assert groei[-1] == ["Landelijk (2 volledige organisaties)", "13.9 (a)", "4.6 (a)", "19.1 (a)"]
    per10000 = waarden(analyse, "per10000_advies")
    # 2021: Weesp still in VT20. 2022: Weesp in VT01. 2023: 2022's inhabitants on 2023's division.
    assert rij(per10000, naam("VT01"))[1:] == [20.0, 21.1, 22.2]
    assert rij(per10000, naam("VT20"))[1:] == [21.9, 20.0, 20.6]
    kolommen = [k.label for k in analyse.tabel("per10000_advies").kolommen]
    assert kolommen[1:] == ["2021 (inwoners 2021)", "2022 (inwoners 2022)", "2023 (inwoners 2022)"]
    assert any("gebruikt zijn die van 1 januari 2022" in o for o in analyse.opmerkingen)


def test_on_the_division_of_2023_weesp_counts_for_amsterdam_in_every_year(weesp, filters, rij, waarden):
    analyse = per_regio(filters(2021, 2023, "VT01", "VT20", soorten=("advies",), indeling=2023))
    aantallen = waarden(analyse, "aantallen_advies")
    # moved counts are sums of the gemeenten's published cells (a)
    assert rij(aantallen, naam("VT01"))[1:] == ["1700 (a)", "1900 (a)", 2000]
    assert rij(aantallen, naam("VT20"))[1:] == [600, 720, 740]
    assert rij(waarden(analyse, "groei_advies"), naam("VT01"))[1:] == ["11.8 (a)", "5.3 (a)", "17.6 (a)"]
    per10000 = waarden(analyse, "per10000_advies")
    assert rij(per10000, naam("VT01"))[1:] == ["20.7 (a)", "21.1 (a)", 22.2]  # 1700 / 820,000 in 2021
    assert rij(per10000, naam("VT20"))[1:] == [20.0, 20.0, 20.6]


def test_a_region_moved_counts_are_outside_for_the_team_lead(weesp, filters, org):
    analyse = per_regio(filters(2021, 2023, "VT01", soorten=("advies",), indeling=2023))
    eigen = org("VT01").pk
    # 2021 on the division of 2023 holds VT20's registrations for Weesp: not the team lead's own, so rounded
    getoond = toon(analyse, eigen_organisatie=eigen).tabel("aantallen_advies").rijen
    assert [c.waarde for c in getoond[0]][1:] == ["1700 (a)", 1900, 2000]
    assert analyse.tabel("aantallen_advies").rijen[0][1].organisaties == {eigen, org("VT20").pk}
    assert analyse.tabel("aantallen_advies").rijen[0][2].organisaties == {eigen}


def test_per_gemeente_on_the_counting_date_and_after_the_merger(weesp, filters, rij, waarden):
    analyse = per_gemeente(filters(2021, 2023, "VT01", "VT20", soorten=("advies",)))
    tabel = waarden(analyse, "gemeenten_advies", eigen=None)
    weesp_rij = rij(tabel, "Weesp (GM0457)")
    # Weesp: 100 in 2021 (of 20,000 inhabitants: 50.0), 100 in 2022, nothing in 2023 (no longer exists)
    assert weesp_rij[2:] == [100, 50.0, 100, 50.0, 0, "–"]
    # 2023: 2000 / (880,000 + Weesp's 20,000 of 2022, now part of Amsterdam)
    assert rij(tabel, "Amsterdam (GM0363)")[2:] == [1600, 20.0, 1800, 20.5, 2000, 22.2]

    samengevoegd = waarden(per_gemeente(filters(2021, 2023, "VT01", "VT20", soorten=("advies",), indeling=2023)),
                           "gemeenten_advies")
    assert not [r for r in samengevoegd if r[0].startswith("Weesp")]
    assert rij(samengevoegd, "Amsterdam (GM0363)")[2:] == ["1700 (a)", "20.7 (a)", "1900 (a)", "21.1 (a)", 2000, 22.2]


def test_inhabitants_nearest_later_year_when_no_earlier(weesp, filters, rij, telling, waarden):
    telling("VT20", 2019, 1, 300, gemeente=UTRECHT)
    analyse = per_regio(filters(2019, 2019, "VT20", soorten=("advies",)))
    assert analyse.tabel("per10000_advies").kolommen[1].label == "2019 (inwoners 2021)"
    assert rij(waarden(analyse, "per10000_advies"), naam("VT20"))[1] == "9.4 (o)"  # 300 / 320,000, not closed
