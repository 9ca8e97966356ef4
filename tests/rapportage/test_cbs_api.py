"""/api/v1/aanleveringen/: the same as the page — list, create, validate, download — with 403/404 for others."""

from datetime import date

import pytest
from auditlog.models import LogEntry
from rest_framework.test import APIClient

from rapportage.cbs.models import Aanlevering
from rapportage.cbs.periode import Halfjaar
from rapportage.tellingen.services.kwartalen import zet_kwartaal_door
from tests.factories import AdviesFactory, GebruikerFactory
from vtregistratie.models import Organisatie

pytestmark = pytest.mark.django_db
URL = "/api/v1/aanleveringen/"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def teamleider(referentiedata):
    leider = GebruikerFactory(rol="teamleider")
    AdviesFactory(door=GebruikerFactory(rol="intake"), startdatum=date(2025, 3, 3))
    for kw in Halfjaar(2025, 1).kwartalen:
        zet_kwartaal_door(organisatie=leider.organisatie, kwartaal=kw, door=leider, naar="voorlopig")
    return leider


def test_team_lead_creates_validates_lists_and_downloads(api, teamleider):
    api.force_authenticate(teamleider)
    gemaakt = api.post(URL, {"periode": "2025-H1"}, format="json")
    assert gemaakt.status_code == 201, gemaakt.json()
    body = gemaakt.json()
    assert (body["organisatie"], body["periode"], body["versie"], body["status"], body["aanleiding"]) == (
        "VT01", "2025-H1", 1, "aangemaakt", "api")
    assert body["aantal_adviezen"] == 1 and body["aantal_records"] == 3
    pk = body["id"]

    assert api.get(f"{URL}{pk}/bestand/").status_code == 400  # not validated: not offered
    gevalideerd = api.post(f"{URL}{pk}/valideer/")
    assert gevalideerd.status_code == 200 and gevalideerd.json()["status"] == "gevalideerd"
    assert gevalideerd.json()["validatierapport"]["geslaagd"] is True

    lijst = api.get(URL).json()
    assert [(a["id"], a["status"]) for a in lijst] == [(pk, "gevalideerd")]

    bestand = api.get(f"{URL}{pk}/bestand/")
    assert bestand.status_code == 200 and bestand["X-Checksum-SHA256"] == body["sha256"]
    assert b"".join(bestand.streaming_content).startswith(b"HVT01")
    assert api.get(f"{URL}{pk}/").json()["status"] == "gedownload"
    (toegang,) = LogEntry.objects.filter(action=LogEntry.Action.ACCESS, object_id=pk)
    assert toegang.actor == teamleider and toegang.additional_data["via"] == "api"

    aggregaat = api.get(f"{URL}{pk}/aggregaat/")
    assert aggregaat.status_code == 200 and aggregaat.content.decode().startswith("Perioden;Regio")


def test_a_correction_through_the_api_replaces_the_previous_version(api, teamleider):
    api.force_authenticate(teamleider)
    eerste = api.post(URL, {"periode": "2025-H1"}, format="json").json()
    tweede = api.post(URL, {"periode": "2025H1"}, format="json").json()
    assert tweede["versie"] == 2
    assert api.get(f"{URL}{eerste['id']}/").json()["vervangen_door"] == tweede["id"]
    assert api.post(f"{URL}{eerste['id']}/valideer/").status_code == 400


def test_bad_input_is_a_400_naming_the_field(api, teamleider):
    api.force_authenticate(teamleider)
    assert api.post(URL, {"periode": "2025-H3"}, format="json").json().keys() == {"periode"}
    open_halfjaar = api.post(URL, {"periode": "2024-H2"}, format="json")
    assert open_halfjaar.status_code == 400 and "periode" in open_halfjaar.json()


@pytest.mark.parametrize("rol", ["intake", "gemeente", "beheer"])
def test_other_roles_get_403(api, teamleider, rol):
    aanlevering = Aanlevering.objects.get(pk=_maak(api, teamleider))
    api.force_authenticate(GebruikerFactory(rol=rol))
    assert api.get(URL).status_code == 403
    assert api.post(URL, {"periode": "2025-H1"}, format="json").status_code == 403
    for pad in ("", "bestand/", "aggregaat/"):
        assert api.get(f"{URL}{aanlevering.pk}/{pad}").status_code == 403
    assert api.post(f"{URL}{aanlevering.pk}/valideer/").status_code == 403
    assert Aanlevering.objects.count() == 1


def test_a_team_lead_of_another_organisation_gets_404(api, teamleider):
    pk = _maak(api, teamleider)
    api.force_authenticate(GebruikerFactory(rol="teamleider", organisatie=Organisatie.objects.get(code="VT18")))
    assert api.get(URL).json() == []
    for pad in ("", "bestand/", "aggregaat/"):
        assert api.get(f"{URL}{pk}/{pad}").status_code == 404
    assert api.post(f"{URL}{pk}/valideer/").status_code == 404
    assert not LogEntry.objects.filter(action=LogEntry.Action.ACCESS).exists()


def test_anonymous_is_refused(api, referentiedata):
    assert api.get(URL).status_code in (401, 403)


def _maak(api, teamleider) -> int:
    api.force_authenticate(teamleider)
    pk = api.post(URL, {"periode": "2025-H1"}, format="json").json()["id"]
    api.post(f"{URL}{pk}/valideer/")
    return pk
