"""The analysis "Wachttijden en doorlooptijden" (rapportage/analyses/wachttijden.py): page, CSV and API for team
leads and gemeente users, disclosure of counts and percentiles, strict filters."""

import pytest

from rapportage.tellingen.models import TellingDienst, TellingDuur, TellingWachtlijst
from tests.factories import GebruikerFactory
from tests.rapportage.test_analyses_schermen import grafieken

pytestmark = pytest.mark.django_db

URL = "/rapportage/analyses/wachttijden/"
API = "/api/v1/analyses/wachttijden/"


@pytest.fixture
def duur(org):
    def duur(code, jaar, kw, histogram, *, maat="wachttijd", dienst="onderzoek"):
        for dagen, n in histogram.items():
            TellingDuur.objects.create(organisatie=org(code), jaar=jaar, kwartaal=kw, gemeente_code="", dienst=dienst,
                                       maat=maat, dagen=dagen, aantal=n)
    return duur


@pytest.fixture
def wachtlijst(org):
    def wachtlijst(code, jaar, kw, histogram, *, dienst="onderzoek"):
        for dagen, n in histogram.items():
            TellingWachtlijst.objects.create(organisatie=org(code), jaar=jaar, kwartaal=kw, gemeente_code="",
                                             dienst=dienst, dagen=dagen, aantal=n)
    return wachtlijst


@pytest.fixture
def met_meldingen(referentiedata, telling):
    """Counts of meldingen in 2023 and 2024: the years the filter offers (every dienst follows a melding)."""
    telling("VT01", 2023, 1, 50, soort="melding")
    telling("VT01", 2024, 1, 50, soort="melding")


@pytest.fixture
def drie_regios(met_meldingen, duur, wachtlijst, sluit, org):
    """VT02: a small group (3 diensten), VT03: 12 diensten, VT04: 4 diensten — all in 2024-K1, closed."""
    duur("VT02", 2024, 1, {10: 3})
    duur("VT03", 2024, 1, {20: 7, 40: 5})
    duur("VT04", 2024, 1, {30: 4})
    duur("VT02", 2024, 1, {50: 2, 90: 1}, maat="doorlooptijd")
    duur("VT03", 2024, 1, {50: 8, 60: 4, 100: 3}, maat="doorlooptijd")
    wachtlijst("VT03", 2024, 4, {5: 6, 30: 6})  # the stock at the end of the year
    wachtlijst("VT02", 2024, 4, {80: 2})
    for code, n in (("VT02", 3), ("VT03", 12), ("VT04", 4)):
        TellingDienst.objects.create(organisatie=org(code), jaar=2024, kwartaal=1, gemeente_code="",
                                     dienst="onderzoek", gebeurtenis="gestart", aantal=n)
        sluit(code, 2024)


FILTER = "?van=2024&tot=2024&regio=VT02&regio=VT03&regio=VT04"


def _rijen(antwoord, tabel):
    getoond = next(t for t in antwoord.context["tabellen"] if t.sleutel == tabel)
    return {rij[0].tekst: [c.waarde for c in rij[1:]] for rij in getoond.rijen}


def _regel(csv: str, begin: str) -> list[str]:
    return next(r.split(";") for r in csv.splitlines() if r.startswith(begin))


def test_a_team_lead_sees_the_own_region_exactly_and_others_protected(client, drie_regios, org):
    client.force_login(GebruikerFactory(rol="teamleider", organisatie=org("VT02")))
    antwoord = client.get(URL + FILTER)
    assert antwoord.status_code == 200
    regios = _rijen(antwoord, "regios")
    # gestart, median, p80, onderzoeken afgerond, binnen 10 weken (%), wachtlijst, afgerond, per 10.000
    assert regios[str(org("VT02"))][:6] == [3, 10.0, 10.0, 3, 66.7, 2]  # own: exact, also a group of 3
    # a cell of 12: its own percentiles; the share from protected counts: 10 within, 3 outside suppressed (as 5)
    assert regios[str(org("VT03"))][:6] == [10, 20.0, 40.0, 15, "66.7 (a)", 10]
    assert regios[str(org("VT04"))][:3] == [".", ".", "."]  # 4 diensten: no count, no percentile
    trend = _rijen(antwoord, "wachttijd_mediaan")
    assert trend[str(org("VT02"))][0] == 10.0 and trend[str(org("VT03"))][0] == 20.0
    assert trend[str(org("VT04"))][0] == "."
    assert str(trend["Alle gekozen regio's"][0]).endswith("(a)")  # an aggregate: from protected classes


def test_a_group_of_1_to_9_is_suppressed_on_the_page_in_the_csv_and_in_the_api(client, drie_regios, org, api_als):
    gemeente = GebruikerFactory(rol="gemeente", organisatie=None)
    client.force_login(gemeente)
    antwoord = client.get(URL + FILTER)
    for naam in (str(org("VT02")), str(org("VT04"))):
        assert _rijen(antwoord, "regios")[naam][:3] == [".", ".", "."], naam
        for tabel in ("wachttijd_mediaan", "wachttijd_p80"):
            assert _rijen(antwoord, tabel)[naam][0] == ".", (naam, tabel)
    assert _rijen(antwoord, "regios")[str(org("VT02"))][5] == "."  # a waiting list of 2
    assert _rijen(antwoord, "regios")[str(org("VT03"))][1:3] == [20.0, 40.0]
    csv = client.get(URL + FILTER + "&tabel=regios&formaat=csv").content.decode("utf-8-sig")
    regel = _regel(csv, str(org("VT04")))
    assert regel[1:7] == ["", ".", "", ".", "", "."]  # value empty, the symbol in its marker column
    assert _regel(csv, str(org("VT03")))[3] == "20,0"
    api = api_als(gemeente).get(API + FILTER).json()
    regios = next(t for t in api["tabellen"] if t["sleutel"] == "regios")
    per_regio = {r[0]: r[1:] for r in regios["rijen"]}
    assert per_regio[str(org("VT04"))][:3] == [".", ".", "."]
    assert per_regio[str(org("VT03"))][1:3] == [20.0, 40.0]
    # the charts draw nothing for a suppressed cell
    mediaan = grafieken(antwoord.content.decode())["grafiek-wachttijd_mediaan"]
    reeksen = {r["naam"]: r for r in mediaan["reeksen"]}
    assert reeksen[str(org("VT04"))]["waarden"][0] is None and reeksen[str(org("VT04"))]["teksten"][0] == "."


def test_the_same_cell_shows_the_same_percentile_on_every_page_and_in_the_api(client, met_meldingen, duur, org,
                                                                               api_als):
    for kw in (1, 2, 3, 4):
        duur("VT03", 2024, kw, {10 * kw: 6, 15 * kw: 5, 100: kw})
        duur("VT05", 2024, kw, {7: 11})
    gemeente = GebruikerFactory(rol="gemeente", organisatie=None)
    client.force_login(gemeente)
    waarden = set()
    for filter_ in ("?van=2023&tot=2024", "?van=2024&tot=2024&regio=VT03&regio=VT05", "?van=2024&tot=2024&regio=VT03"):
        antwoord = client.get(URL + filter_)
        waarden.add(tuple(_rijen(antwoord, "regios")[str(org("VT03"))][1:3]))
        waarden.add(tuple(_rijen(antwoord, "wachttijd_p80")[str(org("VT03"))][-4:]))
        api = api_als(gemeente).get(API + filter_).json()
        regios = next(t for t in api["tabellen"] if t["sleutel"] == "regios")
        waarden.add(tuple(next(r for r in regios["rijen"] if r[0] == str(org("VT03")))[2:4]))
    # one value for the year (page and API, every selection) and one for the quarters
    assert len(waarden) == 2, waarden


def test_the_waiting_list_is_a_stock_per_quarter_with_its_age_distribution(client, met_meldingen, wachtlijst, org,
                                                                             sluit):
    sluit("VT03", 2024)
    for kw, n in ((1, 12), (2, 14), (3, 16), (4, 20)):
        wachtlijst("VT03", 2024, kw, {3: n // 2, 100: n - n // 2})
    client.force_login(GebruikerFactory(rol="teamleider", organisatie=org("VT03")))
    antwoord = client.get(URL + "?van=2024&tot=2024&regio=VT03")
    assert _rijen(antwoord, "wachtlijst")[str(org("VT03"))] == [12, 14, 16, 20]
    assert _rijen(antwoord, "regios")[str(org("VT03"))][5] == 20  # the end of the year, not a sum of quarters
    leeftijd = _rijen(antwoord, "wachtlijst_leeftijd")
    assert leeftijd["0–6"] == [10, 50.0] and leeftijd["92–182"] == [10, 50.0] and leeftijd["Totaal"][0] == 20


def test_the_norm_target_is_a_reference_line_and_the_share_follows_the_norm_setting(client, drie_regios, org,
                                                                                     settings):
    client.force_login(GebruikerFactory(rol="teamleider", organisatie=org("VT03")))
    antwoord = client.get(URL + "?van=2024&tot=2024&regio=VT03")
    grafiek = grafieken(antwoord.content.decode())["grafiek-binnen_norm"]
    assert grafiek["referentie"]["waarde"] == settings.DOEL_ONDERZOEK_BINNEN_NORM == 80
    assert grafiek["lijn"] is True
    assert _rijen(antwoord, "binnen_norm")[str(org("VT03"))][0] == 80.0  # 12 of 15 within 70 days
    settings.NORM_ONDERZOEK_WEKEN = 8  # 56 days: 8 of 15
    antwoord = client.get(URL + "?van=2024&tot=2024&regio=VT03&regio=VT02")
    assert _rijen(antwoord, "binnen_norm")[str(org("VT03"))][0] == pytest.approx(53.3)


@pytest.mark.parametrize("filter_", ["?van=2025&tot=2024", "?regio=VT99", "?van=1900", "?tot=abc"])
def test_an_impossible_filter_is_a_400_page_and_a_400_api_answer(client, met_meldingen, filter_, api_als):
    gemeente = GebruikerFactory(rol="gemeente", organisatie=None)
    client.force_login(gemeente)
    pagina = client.get(URL + filter_)
    assert pagina.status_code == 400 and pagina.context["tabellen"] == []
    assert api_als(gemeente).get(API + filter_).status_code == 400


def test_the_api_refuses_a_filter_the_page_does_not_have(referentiedata, api_als):
    antwoord = api_als(GebruikerFactory(rol="gemeente", organisatie=None)).get(API + "?soort=melding&van=2024")
    assert antwoord.status_code == 400 and "soort" in antwoord.json()


@pytest.mark.parametrize("rol", ["intake", "beheer"])
def test_intake_and_beheer_are_refused(client, referentiedata, org, rol, api_als):
    gebruiker = GebruikerFactory(rol=rol, organisatie=None if rol == "beheer" else org("VT01"))
    client.force_login(gebruiker)
    assert client.get(URL).status_code == 403 and client.get(URL + "?formaat=csv").status_code == 403
    assert api_als(gebruiker).get(API).status_code == 403
