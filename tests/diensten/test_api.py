"""The follow-up API: /api/v1/diensten/, /overdrachten/, /monitoringen/ — scoped, structured 400s in Dutch,
ETag/If-Match like the registrations, complete in the OpenAPI schema."""

from datetime import date

import pytest
from auditlog.models import LogEntry

from diensten.models import Dienst, Monitoring, Overdracht
from diensten.services import registreer_dienst
from meldingen.services import leg_beoordeling_vast
from tests.factories import GebruikerFactory, MeldingFactory
from vtregistratie.models import Organisatie

pytestmark = pytest.mark.django_db


@pytest.fixture
def intake(referentiedata):
    return GebruikerFactory(rol="intake")


@pytest.fixture
def api(api_als, intake):
    return api_als(intake)


def _melding(door, uitkomst="vervolgstappen_vt", aard=("partnergeweld",)):
    melding = MeldingFactory(door=door, ontvangstdatum=date(2025, 2, 3), aard=list(aard))
    return leg_beoordeling_vast(melding=melding, door=door, datum=date(2025, 2, 7), uitkomst=uitkomst,
                                vervolgdienst="onderzoek" if uitkomst == "vervolgstappen_vt" else "")


def test_register_end_and_read_a_dienst(api, intake):
    melding = _melding(intake, aard=("partnergeweld", "kindermishandeling"))
    antwoord = api.post("/api/v1/diensten/", {"melding": melding.nummer, "startdatum": "2025-03-03"}, format="json")
    assert antwoord.status_code == 201, antwoord.json()
    dienst = antwoord.json()
    assert dienst["soort"] == "onderzoek" and dienst["besluitdatum"] == "2025-02-07"
    assert dienst["wachttijd_dagen"] == 24 and dienst["doorlooptijd_dagen"] is None
    url = f"/api/v1/diensten/{dienst['id']}/"
    antwoord = api.patch(url, {"einddatum": "2025-05-12", "uitkomsten": {
        "partnergeweld": "bevestigd", "kindermishandeling": "weerlegd"}}, format="json",
        headers={"If-Match": antwoord["ETag"]})
    assert antwoord.status_code == 200, antwoord.json()
    assert antwoord.json()["uitkomsten"] == {"partnergeweld": "bevestigd", "kindermishandeling": "weerlegd"}
    assert antwoord.json()["doorlooptijd_dagen"] == 70
    gelezen = api.get(url)
    assert gelezen["ETag"] == antwoord["ETag"]
    assert api.get(f"/api/v1/diensten/?melding={melding.nummer}").json()["count"] == 1
    assert LogEntry.objects.get_for_object(Dienst.objects.get()).filter(actor=intake).count() == 2


def test_a_refusal_is_a_structured_400_naming_the_field(api, intake):
    melding = _melding(intake, uitkomst="overdracht")
    antwoord = api.post("/api/v1/diensten/", {"melding": melding.nummer, "startdatum": "2025-03-03"}, format="json")
    assert antwoord.status_code == 400
    assert antwoord.json()["melding"] == ["Alleen een melding met de veiligheidsbeoordeling 'Vervolgstappen "
                                          "Veilig Thuis' krijgt een dienst."]
    melding = _melding(intake)
    antwoord = api.post("/api/v1/diensten/", {"melding": melding.nummer, "startdatum": "2025-03-03",
                                              "onbekend": 1}, format="json")
    assert antwoord.status_code == 400 and antwoord.json() == {"onbekend": ["Onbekend veld."]}
    antwoord = api.post("/api/v1/diensten/", {"melding": melding.nummer, "startdatum": "2025-03-03",
                                              "uitkomsten": {"partnergeweld": "misschien"}}, format="json")
    assert antwoord.status_code == 400 and set(antwoord.json()) == {"uitkomsten"}
    antwoord = api.post("/api/v1/diensten/", {"melding": melding.nummer, "startdatum": "2025-02-01"}, format="json")
    assert antwoord.json() == {"startdatum": ["De dienst kan niet starten vóór de veiligheidsbeoordeling "
                                              "(07-02-2025)."]}
    assert not Dienst.objects.exists()


def test_another_organisations_melding_and_records_are_unknown(api, intake):
    vreemd = GebruikerFactory(rol="intake", organisatie=Organisatie.objects.get(code="VT18"))
    melding = _melding(vreemd)
    antwoord = api.post("/api/v1/diensten/", {"melding": melding.nummer, "startdatum": "2025-03-03"}, format="json")
    assert antwoord.status_code == 400 and "Onbekende melding" in antwoord.json()["melding"][0]
    dienst = registreer_dienst(melding=melding, door=vreemd, startdatum=date(2025, 3, 3))
    assert api.get(f"/api/v1/diensten/{dienst.pk}/").status_code == 404
    assert api.delete(f"/api/v1/diensten/{dienst.pk}/?reden=x", headers={"If-Match": "*"}).status_code == 404
    assert api.get("/api/v1/diensten/").json()["count"] == 0
    eigen = _melding(intake)
    antwoord = api.post("/api/v1/monitoringen/", {"melding": eigen.nummer, "startdatum": "2025-03-03",
                                                  "dienst": dienst.pk}, format="json")
    assert antwoord.status_code == 400 and "Onbekende dienst" in antwoord.json()["dienst"][0]


def test_a_municipal_analyst_may_not_use_it(api_als, referentiedata):
    client = api_als(GebruikerFactory(rol="gemeente", organisatie=None))
    for pad in ("/api/v1/diensten/", "/api/v1/overdrachten/", "/api/v1/monitoringen/"):
        assert client.get(pad).status_code == 403


def test_if_match_is_required_and_an_old_version_is_a_412(api, intake):
    melding = _melding(intake)
    dienst = registreer_dienst(melding=melding, door=intake, startdatum=date(2025, 3, 3))
    url = f"/api/v1/diensten/{dienst.pk}/"
    oud = api.get(url)["ETag"]
    assert api.patch(url, {"startdatum": "2025-03-04"}, format="json").status_code == 428
    assert api.patch(url, {"startdatum": "2025-03-04"}, format="json", headers={"If-Match": oud}).status_code == 200
    tweede = api.patch(url, {"startdatum": "2025-03-05"}, format="json", headers={"If-Match": oud})
    assert tweede.status_code == 412
    assert tweede.json()["huidig"]["startdatum"] == "2025-03-04"
    assert api.delete(f"{url}?reden=dubbel", headers={"If-Match": oud}).status_code == 412
    assert api.delete(url, headers={"If-Match": api.get(url)["ETag"]}).json() == {
        "reden": ["Geef een reden op voor het verwijderen."]}
    assert api.delete(f"{url}?reden=dubbel", headers={"If-Match": api.get(url)["ETag"]}).status_code == 204
    assert not Dienst.objects.exists()


def test_overdracht_and_monitoring(api, intake):
    melding = _melding(intake)
    dienst = registreer_dienst(melding=melding, door=intake, soort="voorwaarden_en_vervolg",
                               startdatum=date(2025, 3, 3), einddatum=date(2025, 6, 2))
    antwoord = api.post("/api/v1/overdrachten/", {"melding": melding.nummer, "dienst": dienst.pk,
                                                  "datum": "2025-06-02", "bestemming": "jeugdhulpaanbieder"},
                        format="json")
    assert antwoord.status_code == 201, antwoord.json()
    assert antwoord.json()["dienst"] == dienst.pk and antwoord.json()["hulp"] == ""
    tweede = api.post("/api/v1/overdrachten/", {"melding": melding.nummer, "dienst": dienst.pk,
                                                "datum": "2025-06-03", "bestemming": "jeugdhulpaanbieder"},
                      format="json")
    assert tweede.status_code == 400 and "al geregistreerd" in tweede.json()["bestemming"][0]
    url = f"/api/v1/overdrachten/{antwoord.json()['id']}/"
    gewijzigd = api.put(url, {"dienst": dienst.pk, "datum": "2025-06-02", "bestemming": "ggz"}, format="json",
                        headers={"If-Match": antwoord["ETag"]})
    assert gewijzigd.status_code == 200 and Overdracht.objects.get().bestemming == "ggz"
    antwoord = api.post("/api/v1/monitoringen/", {"melding": melding.nummer, "dienst": dienst.pk,
                                                  "startdatum": "2025-06-02"}, format="json")
    assert antwoord.status_code == 201 and antwoord.json()["einddatum"] is None
    assert Monitoring.objects.get().dienst == dienst


def test_the_schema_documents_the_endpoints_with_if_match(api):
    schema = api.get("/api/v1/schema/", HTTP_ACCEPT="application/json").json()
    for naam in ("diensten", "overdrachten", "monitoringen"):
        assert {"get", "post"} <= set(schema["paths"][f"/api/v1/{naam}/"])
        for methode in ("put", "patch", "delete"):
            operatie = schema["paths"][f"/api/v1/{naam}/{{id}}/"][methode]
            assert {"400", "412", "428"} <= set(operatie["responses"])
    dienst = schema["components"]["schemas"]["DienstInvoer"]
    assert {"melding", "startdatum", "uitkomsten", "afsluitreden"} <= set(dienst["properties"])


def test_a_null_character_in_the_melding_filter_or_the_reason_is_a_400_not_a_5xx(api, intake):
    """PostgreSQL refuses a NUL in a text: an attacker's ``?melding=%00`` or ``?reden=%00`` was a 503 (the
    database error), now a structured 400 naming the parameter; nothing is deleted."""
    melding = _melding(intake)
    dienst = registreer_dienst(melding=melding, door=intake, startdatum=date(2025, 3, 3))
    gefilterd = api.get("/api/v1/diensten/?melding=M%00")
    assert gefilterd.status_code == 400 and "melding" in gefilterd.json()
    url = f"/api/v1/diensten/{dienst.pk}/"
    verwijderd = api.delete(f"{url}?reden=fout%00", headers={"If-Match": api.get(url)["ETag"]})
    assert verwijderd.status_code == 400 and "reden" in verwijderd.json()
    assert Dienst.objects.filter(pk=dienst.pk).exists()
