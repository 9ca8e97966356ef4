"""Comparisons: urbanisation classes, G4 against the rest, top and bottom by rate in a base year.

Six regions, one gemeente each with inhabitants and density (others have none), adviezen in 2023 → 2024:
  region  gemeente    density  inhabitants  2023   2024   rate 2023
  VT02    Assen           100      100,000   100    120    10.0
  VT04    Leeuwarden      200      100,000   200    220    20.0
  VT19    Enschede        400      100,000   300    300    30.0
  VT05    Arnhem          500      100,000   400    500    40.0
  VT01    Amsterdam      5000      200,000  1000   1100    50.0
  VT18    Rotterdam      3000      100,000   600    900    60.0
Thirds by density: low {VT02, VT04} 300 → 340 (+13.3 %), average {VT19, VT05} 700 → 800 (+14.3 %),
high {VT01, VT18} 1600 → 2000 (+25.0 %). G4 here {VT01, VT18} +25.0 %, the rest 1000 → 1140 (+14.0 %),
national 2600 → 3140 (+20.8 %). Top 3 by rate {VT18, VT01, VT05} 2000 → 2500 (+25.0 %, 50.0 per 10,000),
bottom 3 {VT19, VT04, VT02} 600 → 640 (+6.7 %, 20.0 per 10,000).
"""

import pytest

from rapportage.analyses.referentie import dichtheidsklassen
from rapportage.analyses.vergelijking import vergelijkingen
from vtregistratie.models import Gemeente, Inwoners, Stedelijkheid

pytestmark = pytest.mark.django_db

REGIOS = [("VT02", "GM0106", 100, 100_000, 100, 120), ("VT04", "GM0080", 200, 100_000, 200, 220),
          ("VT19", "GM0153", 400, 100_000, 300, 300), ("VT05", "GM0202", 500, 100_000, 400, 500),
          ("VT01", "GM0363", 5000, 200_000, 1000, 1100), ("VT18", "GM0599", 3000, 100_000, 600, 900)]
CODES = [r[0] for r in REGIOS]


@pytest.fixture
def zes_regios(vervang_referentiedata, sluit, telling):
    gm = {g.code: g for g in Gemeente.objects.filter(code__in=[r[1] for r in REGIOS])}
    vervang_referentiedata(Inwoners, [Inwoners(gemeente=gm[r[1]], jaar=2023, aantal=r[3]) for r in REGIOS])
    vervang_referentiedata(Stedelijkheid, [Stedelijkheid(gemeente=gm[r[1]], jaar=2024, bevolkingsdichtheid=r[2])
                                           for r in REGIOS])
    for code, gemeente, _dichtheid, _inwoners, a, b in REGIOS:
        telling(code, 2023, 1, a, gemeente=gemeente)
        telling(code, 2024, 1, b, gemeente=gemeente)
        sluit(code, 2023)
        sluit(code, 2024)


def test_density_thirds():
    assert dichtheidsklassen({1: 10.0, 2: 5.0, 3: 30.0, 4: 20.0, 5: 40.0, 6: 50.0, 7: 60.0}) == {
        2: "laag", 1: "laag", 4: "gemiddeld", 3: "gemiddeld", 5: "gemiddeld", 6: "hoog", 7: "hoog"}


def test_growth_per_urbanisation_class_and_g4(zes_regios, filters, rij, waarden):
    analyse = vergelijkingen(filters(2023, 2024, *CODES, soorten=("advies",)))
    tabel = waarden(analyse, "stedelijkheid_advies")
    assert rij(tabel, "Lage bevolkingsdichtheid (2 regio's)")[1:] == ["300 (a)", "340 (a)", "13.3 (a)", 15.0]
    assert rij(tabel, "Gemiddelde bevolkingsdichtheid (2 regio's)")[1:] == ["700 (a)", "800 (a)", "14.3 (a)", 12.5]
    assert rij(tabel, "Hoge bevolkingsdichtheid (2 regio's)")[1:] == ["1600 (a)", "2000 (a)", "25.0 (a)", 30.0]
    assert rij(tabel, "G4 (2 regio's)")[1:] == ["1600 (a)", "2000 (a)", "25.0 (a)", 30.0]
    # the study's unweighted mean: (20 + 10 + 0 + 25) / 4 = 13.75 against the weighted 14.0
    assert rij(tabel, "Overige regio's (4)")[1:] == ["1000 (a)", "1140 (a)", "14.0 (a)", 13.8]
    assert rij(tabel, "Landelijk (6 volledige organisaties)")[1:] == ["2600 (a)", "3140 (a)", "20.8 (a)", 19.2]
    kolommen = [k.label for k in analyse.tabel("stedelijkheid_advies").kolommen]
    assert kolommen[3:] == ["Groei van het totaal (gewogen) 2023–2024 (%)",
                            "Gemiddelde groei van de regio's (ongewogen) 2023–2024 (%)"]
    assert any("laag tot en met 200, hoog vanaf 3000" in o for o in analyse.opmerkingen)


def test_top_and_bottom_by_rate_in_the_base_year_and_their_growth(zes_regios, filters, org, rij, waarden):
    analyse = vergelijkingen(filters(2023, 2024, *CODES, soorten=("advies",), basisjaar=2023))
    tabel = waarden(analyse, "top_advies")
    assert [r[0] for r in tabel] == [
        str(org("VT18")), str(org("VT01")), str(org("VT05")), "Samen: 3 hoogste",
        str(org("VT19")), str(org("VT04")), str(org("VT02")), "Samen: 3 laagste", "Landelijk (6 regio's)"]
    assert rij(tabel, str(org("VT18")))[2:] == [60.0, 600, 900, 50.0, ""]
    # weighted (growth of the sum) and unweighted (mean of (50 + 10 + 25) / 3 and (0 + 10 + 20) / 3)
    assert rij(tabel, "Samen: 3 hoogste")[2:] == ["50.0 (a)", "2000 (a)", "2500 (a)", "25.0 (a)", 28.3]
    assert rij(tabel, "Samen: 3 laagste")[2:] == ["20.0 (a)", "600 (a)", "640 (a)", "6.7 (a)", 10.0]
    assert analyse.tabel("top_advies").kolommen[2].label == "Per 10.000 inwoners 2023 (inwoners 2023)"


def test_an_incomplete_region_is_left_out_of_every_group(zes_regios, filters, org, rij, waarden):
    from kwartalen.models import KwartaalStatus

    KwartaalStatus.objects.filter(organisatie=org("VT18"), jaar=2024, kwartaal=4).update(status="open")
    analyse = vergelijkingen(filters(2023, 2024, *CODES, soorten=("advies",)))
    tabel = waarden(analyse, "stedelijkheid_advies")
    assert rij(tabel, "Hoge bevolkingsdichtheid (1 regio)")[1:] == [1000, 1100, 10.0, 10.0]
    assert [u.organisatie for u in analyse.uitgesloten] == [str(org("VT18"))]


def test_the_unweighted_mean_is_in_the_csv_and_the_api_next_to_the_weighted_growth(client, zes_regios):
    """The study's comparison (mean of the regions' growth) is labelled next to the growth of the total."""
    from rest_framework.test import APIClient

    from tests.factories import GebruikerFactory

    gebruiker = GebruikerFactory(rol="gemeente", organisatie=None)
    query = "van=2023&tot=2024&soort=advies&" + "&".join(f"regio={c}" for c in CODES)
    client.force_login(gebruiker)
    csv = client.get(f"/rapportage/analyses/vergelijking/?{query}&tabel=stedelijkheid_advies&formaat=csv")
    regels = csv.content.decode("utf-8-sig").splitlines()
    assert regels[0].split(";")[5:] == [
        "Groei van het totaal (gewogen) 2023–2024 (%)", "Groei van het totaal (gewogen) 2023–2024 (%) (tekens)",
        "Gemiddelde groei van de regio's (ongewogen) 2023–2024 (%)",
        "Gemiddelde groei van de regio's (ongewogen) 2023–2024 (%) (tekens)"]
    assert next(r for r in regels if r.startswith("Overige regio's (4)")).split(";")[5:] == [
        "14,0", "(a)", "13,8", ""]
    assert "Gemiddelde groei van de regio&#x27;s (ongewogen)" in client.get(
        f"/rapportage/analyses/vergelijking/?{query}").content.decode()

    api = APIClient()
    api.force_authenticate(gebruiker)
    tabel = next(t for t in api.get(f"/api/v1/analyses/vergelijking/?{query}").json()["tabellen"]
                 if t["sleutel"] == "stedelijkheid_advies")
    landelijk = next(i for i, r in enumerate(tabel["rijen"]) if r[0].startswith("Landelijk"))
    assert tabel["kolommen"][3:] == ["Groei van het totaal (gewogen) 2023–2024 (%)",
                                     "Gemiddelde groei van de regio's (ongewogen) 2023–2024 (%)"]
    assert tabel["waarden"][landelijk][3:] == [20.8, 19.2]
    assert "ongewogen" in tabel["toelichting"]
