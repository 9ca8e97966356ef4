"""The analysis cache: a repeated request is served without recomputing, and every change to an input of the
analyses — new counts, a quarter state, reference data, a note, imported history — shows at once."""

import json
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from kwartalen.kwartaal import Kwartaal
from rapportage.analyses.cache import invoerversie
from rapportage.analyses.models import DatakwaliteitNotitie
from rapportage.historie.services import importeer_historie
from rapportage.tellingen.services.herberekening import herbereken
from rapportage.tellingen.services.kwartalen import zet_kwartaal_door
from tests.factories import AdviesFactory, GebruikerFactory
from vtregistratie.models import Inwoners
from vtregistratie.services.referentiedata import laad_referentiedata

pytestmark = pytest.mark.django_db

MELDERS = "/api/v1/analyses/melders/?van=2025&tot=2025&soort=advies"
PAGINA = "/rapportage/analyses/melders/?van=2025&tot=2025&soort=advies"


@pytest.fixture
def teamleider(referentiedata):
    return GebruikerFactory(rol="teamleider")


@pytest.fixture
def api(api_als, teamleider):
    return api_als(teamleider)


@pytest.fixture
def registreer(sluit, org):
    """Register ``n`` adviezen of VT01 on a date and recompute their quarter."""

    def registreer(n: int, datum=date(2025, 3, 10)) -> None:
        # Only quarters that are over and not open count in the analyses' totals.
        sluit("VT01", datum.year, status="voorlopig")
        intake = GebruikerFactory(rol="intake")
        for _ in range(n):
            AdviesFactory(door=intake, startdatum=datum, melder_organisatietype="huisarts")
        herbereken(organisatie_id=org("VT01").pk, kwartaal=Kwartaal.van_datum(datum))

    return registreer


def _overige_professionals(api) -> str:
    """The cell as shown: the count with its markers ("3 *": provisional)."""
    tabel = api.get(MELDERS).json()["tabellen"][0]
    return str(next(r for r in tabel["rijen"] if r[0] == "Overige professional")[1])


def _telling_queries(vastgelegd) -> list[str]:
    """The queries that add up counts (not the lookup of the years the filter form offers)."""
    return [q["sql"] for q in vastgelegd.captured_queries if "rapportage_telling" in q["sql"] and "SUM(" in q["sql"]]


def test_a_repeated_analysis_is_not_computed_again(client, teamleider, registreer):
    registreer(3)
    client.force_login(teamleider)
    with CaptureQueriesContext(connection) as eerste:
        assert client.get(PAGINA).status_code == 200
    with CaptureQueriesContext(connection) as tweede:
        antwoord = client.get(PAGINA)
    assert antwoord.status_code == 200
    assert _telling_queries(eerste) and not _telling_queries(tweede)
    assert len(tweede) < len(eerste)


def test_counts_of_other_years_leave_the_cached_analysis_alone(client, teamleider, org, registreer, sluit):
    sluit("VT01", 2024, status="voorlopig")
    registreer(3)
    client.force_login(teamleider)
    client.get(PAGINA)
    AdviesFactory(door=GebruikerFactory(rol="intake"), startdatum=date(2024, 5, 6))
    herbereken(organisatie_id=org("VT01").pk, kwartaal=Kwartaal(2024, 2))
    with CaptureQueriesContext(connection) as vastgelegd:
        client.get(PAGINA)
    assert not _telling_queries(vastgelegd)


def test_new_counts_show_at_once_after_the_recompute(api, registreer):
    registreer(3)
    assert _overige_professionals(api) == "3 *"
    registreer(2)
    assert _overige_professionals(api) == "5 *"


def test_the_page_and_the_api_are_refreshed_alike(client, api, teamleider, registreer):
    client.force_login(teamleider)
    registreer(4)
    assert client.get(PAGINA).status_code == 200 and _overige_professionals(api) == "4 *"
    registreer(1)
    assert _overige_professionals(api) == "5 *"
    assert ">5 *<" in client.get(PAGINA).content.decode()


def test_a_quarter_state_change_shows_at_once(api, teamleider, org, registreer):
    registreer(3)
    assert _overige_professionals(api) == "3 *"
    for kw in (1, 2, 3, 4):
        zet_kwartaal_door(organisatie=org("VT01"), kwartaal=Kwartaal(2025, kw), door=teamleider, naar="definitief")
    assert _overige_professionals(api) == "3"  # final: no longer marked provisional


def test_a_note_shows_at_once(client, teamleider, org, registreer):
    registreer(3)
    client.force_login(teamleider)
    assert "Andere telwijze" not in client.get(PAGINA).content.decode()
    DatakwaliteitNotitie.objects.create(organisatie=org("VT01"), van_jaar=2025, van_kwartaal=1, tot_jaar=2025,
                                        tot_kwartaal=1, tekst="Andere telwijze")
    assert "Andere telwijze" in client.get(PAGINA).content.decode()


def test_changed_inhabitants_show_at_once_in_the_figures_per_10000(api, registreer):
    registreer(3, datum=date(2024, 3, 10))
    pad = "/api/v1/analyses/gemeenten/?van=2024&tot=2024"

    def amsterdam_per_10000():
        return next(r for r in api.get(pad).json()["tabellen"][0]["rijen"] if r[0] == "Amsterdam (GM0363)")[3]

    assert amsterdam_per_10000() == "0.0 *"
    inwoners = Inwoners.objects.get(gemeente__code="GM0363", jaar=2024)
    inwoners.aantal = 1000
    inwoners.save()
    assert amsterdam_per_10000() == "30.0 *"


def test_imported_history_shows_at_once(api, tmp_path):
    pad = "/api/v1/analyses/landelijk/?van=2018&tot=2018"
    voor = json.dumps(api.get(pad).json())
    bestand = tmp_path / "historie.csv"
    bestand.write_text("organisatie;jaar;kwartaal;soort;melder_groep;crisis;aantal\n" + "".join(
        f"VT01;2018;{kw};advies;;;40\nVT01;2018;{kw};melding;;;30\n" for kw in (1, 2, 3, 4)), encoding="utf-8")
    importeer_historie(pad=bestand)
    na = json.dumps(api.get(pad).json())
    assert "(i)" not in voor and "(i)" in na  # imported figures, marked as such


def test_a_cached_exact_figure_is_never_served_to_a_viewer_outside_the_organisation(api, registreer):
    registreer(3)
    assert _overige_professionals(api) == "3 *"  # the team lead's exact own figure, now cached
    gemeente = APIClient()
    gemeente.force_authenticate(GebruikerFactory(rol="gemeente", organisatie=None))
    assert _overige_professionals(gemeente) == ". *"  # 3 is under the threshold: suppressed
    assert _overige_professionals(api) == "3 *"


def test_the_reference_data_loader_raises_the_version_of_the_analyses(referentiedata):
    voor = invoerversie(2024, 2024)
    laad_referentiedata()  # nothing changed: nothing to raise
    assert invoerversie(2024, 2024) == voor
    Inwoners.objects.filter(gemeente__code="GM0363", jaar=2024).update(aantal=1)  # bulk: no model signal
    assert invoerversie(2024, 2024) == voor
    laad_referentiedata()  # repairs the row in bulk and says so
    assert invoerversie(2024, 2024) != voor


def test_an_unreachable_shared_cache_still_gives_the_analysis(api, settings, registreer):
    registreer(3)
    # Django swaps its cache handlers when the setting changes; nothing listens on port 1.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                                   "LOCATION": "redis://127.0.0.1:1/0"}}
    assert _overige_professionals(api) == "3 *"


def test_other_disclosure_parameters_are_never_served_from_the_cache(registreer, settings):
    registreer(12)
    gemeente = APIClient()
    gemeente.force_authenticate(GebruikerFactory(rol="gemeente", organisatie=None))
    assert _overige_professionals(gemeente) == "10 *"  # now cached
    settings.ONTHULLING_DREMPEL = 20
    assert _overige_professionals(gemeente) == ". *"
