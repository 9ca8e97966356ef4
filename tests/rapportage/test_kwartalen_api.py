from datetime import date

import pytest
from rest_framework.test import APIClient

from kwartalen.kwartaal import Kwartaal
from kwartalen.staat import kwartaal_status
from rapportage.tellingen.services.herberekening import herbereken_verouderde
from tests.factories import AdviesFactory, GebruikerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def teamleider(referentiedata):
    return GebruikerFactory(rol="teamleider")


def test_team_lead_lists_quarters_and_reads_exact_counts(api, teamleider):
    intake = GebruikerFactory(rol="intake")
    AdviesFactory(door=intake, startdatum=date(2025, 2, 3))
    AdviesFactory(door=intake, startdatum=date(2025, 2, 4))
    herbereken_verouderde()
    api.force_authenticate(teamleider)
    lijst = api.get("/api/v1/kwartalen/")
    assert lijst.status_code == 200
    assert lijst.json()[0] | {"laatste_herberekening": None} == {
        "jaar": 2025, "kwartaal": 1, "status": "open", "adviezen": 2, "meldingen": 0,
        "laatste_herberekening": None, "laatste_mislukt": False, "verouderd": False}
    detail = api.get("/api/v1/kwartalen/2025/1/").json()
    assert sum(r["aantal"] for r in detail["tellingen"]) == 2


def test_team_lead_closes_and_reopens_through_the_api(api, teamleider):
    api.force_authenticate(teamleider)
    assert api.post("/api/v1/kwartalen/2025/1/status/", {"naar": "voorlopig"}, format="json").status_code == 200
    antwoord = api.post("/api/v1/kwartalen/2025/1/status/", {"naar": "definitief"}, format="json")
    assert antwoord.json()["status"] == "definitief"
    fout = api.post("/api/v1/kwartalen/2025/1/status/", {"heropenen": True, "reden": ""}, format="json")
    assert fout.status_code == 400 and "reden" in fout.json()
    api.post("/api/v1/kwartalen/2025/1/status/", {"heropenen": True, "reden": "correctie"}, format="json")
    assert kwartaal_status(organisatie=teamleider.organisatie, kwartaal=Kwartaal(2025, 1)) == "voorlopig"


def test_a_skipped_step_is_a_400_naming_the_field(api, teamleider):
    api.force_authenticate(teamleider)
    antwoord = api.post("/api/v1/kwartalen/2025/1/status/", {"naar": "definitief"}, format="json")
    assert antwoord.status_code == 400 and "status" in antwoord.json()
    assert api.post("/api/v1/kwartalen/2025/1/status/", {}, format="json").json().keys() == {"naar"}


@pytest.mark.parametrize("rol", ["intake", "gemeente", "beheer"])
def test_other_roles_are_refused(api, referentiedata, rol):
    api.force_authenticate(GebruikerFactory(rol=rol))
    assert api.get("/api/v1/kwartalen/").status_code == 403
    assert api.post("/api/v1/kwartalen/2025/1/status/", {"naar": "voorlopig"}, format="json").status_code == 403
