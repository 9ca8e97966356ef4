"""No lost update over the API: two clients edit one record; the second, based on the version it read, is
refused with 412 and the stored record instead of silently reverting the first one's change."""

import pytest
from rest_framework.test import APIClient

from adviezen.models import Advies
from meldingen.models import Melding
from tests.factories import AdviesFactory, GebruikerFactory, MeldingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def twee(intake):
    """Two people of one organisation, each with their own client."""
    collega = GebruikerFactory(rol="intake", organisatie=intake.organisatie)
    clients = []
    for gebruiker in (intake, collega):
        client = APIClient()
        client.force_authenticate(gebruiker)
        clients.append(client)
    return clients


def test_the_second_change_based_on_an_old_version_is_a_412_with_the_stored_record(twee, intake):
    a, b = twee
    url = f"/api/v1/adviezen/{AdviesFactory(door=intake).pk}/"
    versie_a, versie_b = a.get(url)["ETag"], b.get(url)["ETag"]
    assert versie_a == versie_b

    eerste = a.patch(url, {"duur_geweld": "1_tot_5_jaar"}, format="json", headers={"If-Match": versie_a})
    assert eerste.status_code == 200 and eerste["ETag"] != versie_a

    tweede = b.patch(url, {"duur_geweld": "tot_1_week"}, format="json", headers={"If-Match": versie_b})
    assert tweede.status_code == 412
    assert tweede["ETag"] == eerste["ETag"]
    assert tweede.json()["huidig"]["duur_geweld"] == "1_tot_5_jaar"
    assert "gewijzigd door iemand anders" in tweede.json()["detail"]
    assert "Opgeslagen is nu: Duur van het geweld: ≥ 1 jaar < 5 jaar (u stuurde: ≤ 1 week)." in tweede.json()["detail"]
    assert Advies.objects.get().duur_geweld == "1_tot_5_jaar"  # the first change stands

    # With the new version the second person may overwrite deliberately.
    derde = b.put(url, {"startdatum": "2025-03-10", "beroepsmatig": True, "melder_organisatietype": "huisarts",
                        "aard": ["kindermishandeling"], "duur_geweld": "tot_1_week"}, format="json",
                  headers={"If-Match": tweede["ETag"]})
    assert derde.status_code == 200 and Advies.objects.get().duur_geweld == "tot_1_week"


def test_delete_of_a_changed_melding_is_refused(twee, intake):
    a, b = twee
    url = f"/api/v1/meldingen/{MeldingFactory(door=intake).pk}/"
    oud = b.get(url)["ETag"]
    assert a.patch(url, {"structurele_onveiligheid": True}, format="json",
                   headers={"If-Match": a.get(url)["ETag"]}).status_code == 200
    assert b.delete(f"{url}?reden=dubbel", headers={"If-Match": oud}).status_code == 412
    assert Melding.objects.exists()
    assert b.delete(f"{url}?reden=dubbel", headers={"If-Match": b.get(url)["ETag"]}).status_code == 204


@pytest.mark.parametrize("methode", ["put", "patch", "delete"])
def test_without_if_match_a_change_is_a_428(api, intake, methode):
    url = f"/api/v1/adviezen/{AdviesFactory(door=intake).pk}/"
    antwoord = getattr(api, methode)(url, {"duur_geweld": "tot_1_week"}, format="json")
    assert antwoord.status_code == 428
    assert antwoord.json() == {
        "detail": "Stuur de versie mee in de If-Match-header: de ETag uit uw laatste GET van dit record."}
    assert Advies.objects.get().duur_geweld == "onbekend"


def test_the_schema_documents_if_match_412_and_428(api):
    schema = api.get("/api/v1/schema/", HTTP_ACCEPT="application/json").json()
    for methode in ("put", "patch", "delete"):
        operatie = schema["paths"]["/api/v1/meldingen/{id}/"][methode]
        assert {"412", "428"} <= set(operatie["responses"])
        assert any(p["name"] == "If-Match" and p["required"] for p in operatie["parameters"])
    assert "ETag" in schema["paths"]["/api/v1/adviezen/{id}/"]["get"]["responses"]["200"]["headers"]
