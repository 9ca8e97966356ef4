"""The API contract for integrating systems: /api/v1/adviezen/, meldingen/, casussen/, definities/."""

from datetime import date

import pytest
from auditlog.models import LogEntry
from rest_framework.test import APIClient

from adviezen.models import Advies
from kwartalen.models import KwartaalStatus
from meldingen.models import Melding
from tests.factories import AdviesFactory, GebruikerFactory, MeldingFactory
from vtregistratie import definities
from vtregistratie.models import Organisatie

pytestmark = pytest.mark.django_db

ADVIES = {"startdatum": "2025-03-10", "gemeente": "GM0363", "beroepsmatig": True, "melder_organisatietype": "huisarts",
          "aard": ["kindermishandeling"]}
MELDING = {"ontvangstdatum": "2025-03-10", "gemeente": "GM0363", "beroepsmatig": True,
           "melder_organisatietype": "politie", "aard": ["partnergeweld"], "acute_onveiligheid": True}


def test_create_returns_201_with_the_derived_fields(api):
    antwoord = api.post("/api/v1/adviezen/", ADVIES, format="json")
    assert antwoord.status_code == 201, antwoord.json()
    data = antwoord.json()
    assert data["nummer"] == "A-2025-000001" and data["organisatie"] == "VT01"
    assert data["melder_groep"] == "overige_professional" and data["definities_versie"] == definities.VERSIE

    melding = api.post("/api/v1/meldingen/", MELDING, format="json").json()
    assert melding["eerdere_betrokkenheid"] == "eerste_melding" and melding["casus"].startswith("C-2025-")
    assert melding["beoordeling"] == "nog_niet_beoordeeld"
    assert melding["beoordelingstermijn"] == "2025-03-10"  # crisis: the same day
    assert melding["termijnstatus"] == "te laat"

    vervolg = api.post("/api/v1/meldingen/", {**MELDING, "ontvangstdatum": "2025-03-12",
                                              "casus": melding["casus"]}, format="json").json()
    assert vervolg["eerdere_betrokkenheid"] == "vervolgmelding"


@pytest.mark.parametrize(
    ("invoer", "veld"),
    [
        ({**ADVIES, "melder_organisatietype": "bakker"}, "melder_organisatietype"),
        ({**ADVIES, "startdatum": "2099-01-01"}, "startdatum"),
        ({k: v for k, v in ADVIES.items() if k != "startdatum"}, "startdatum"),
        ({**ADVIES, "acute_onveiligheid": True}, "acute_onveiligheid"),
        ({**ADVIES, "gemeente": "GM9999"}, "gemeente"),
        ({**ADVIES, "beroepsmatig": False}, "melder_relatie"),
        ({**ADVIES, "aard": ["kindermishandeling", "onbekend"]}, "aard"),
        ({**ADVIES, "aard": ["andere_problematiek", "geen_hg_km"]}, "aard"),
        ({**ADVIES, "aard": ["partnergeweld"], "aard_subvorm": ["km_pcf"]}, "aard_subvorm"),
        ({**ADVIES, "aard_subvorm": ["km_onbekend"]}, "aard_subvorm"),
    ],
)
def test_bad_input_is_a_400_naming_the_field_in_dutch_and_stores_nothing(api, invoer, veld):
    antwoord = api.post("/api/v1/adviezen/", invoer, format="json")
    assert antwoord.status_code == 400
    assert veld in antwoord.json(), antwoord.json()
    assert all(isinstance(b, str) and b for b in antwoord.json()[veld])
    assert not Advies.objects.exists()


def test_the_rol_functie_of_a_professional_is_stored_and_unknown_when_left_out(api):
    jeugdarts = api.post("/api/v1/adviezen/", {**ADVIES, "melder_organisatietype": "jgz_ggd",
                                               "melder_functie": "medisch_jeugdarts"}, format="json")
    assert jeugdarts.status_code == 201, jeugdarts.json()
    assert jeugdarts.json()["melder_functie"] == "medisch_jeugdarts"
    zonder = api.post("/api/v1/adviezen/", ADVIES, format="json").json()
    assert zonder["melder_functie"] == "onbekend"
    burger = api.post("/api/v1/adviezen/", {**ADVIES, "beroepsmatig": False, "melder_organisatietype": "",
                                            "melder_relatie": "familielid"}, format="json").json()
    assert burger["melder_functie"] == ""
    assert sorted(Advies.objects.values_list("melder_functie", flat=True)) == ["", "medisch_jeugdarts", "onbekend"]


@pytest.mark.parametrize(("invoer", "bericht"), [
    ({**ADVIES, "melder_functie": "bakker"}, "geen geldige keuze"),
    ({**ADVIES, "melder_functie": "niet_van_toepassing"}, "alleen voor een niet-beroepsmatige melder"),
    ({**ADVIES, "beroepsmatig": False, "melder_organisatietype": "", "melder_relatie": "familielid",
      "melder_functie": "medisch_huisarts"}, "heeft geen rol/functie"),
])
def test_a_wrong_rol_functie_is_a_400_on_the_field_in_dutch(api, invoer, bericht):
    antwoord = api.post("/api/v1/adviezen/", invoer, format="json")
    assert antwoord.status_code == 400
    assert bericht in " ".join(antwoord.json()["melder_functie"]), antwoord.json()
    assert not Advies.objects.exists()


def test_messages_are_dutch(api):
    antwoord = api.post("/api/v1/adviezen/", {**ADVIES, "startdatum": "gisteren"}, format="json")
    assert "onjuiste vorm" in antwoord.json()["startdatum"][0]
    assert api.post("/api/v1/adviezen/", {}, format="json").json()["beroepsmatig"] == ["Dit veld is verplicht."]


def test_a_melding_on_another_organisations_casus_is_refused(api):
    vreemd = MeldingFactory(door=GebruikerFactory(rol="intake", organisatie=Organisatie.objects.get(code="VT18")))
    antwoord = api.post("/api/v1/meldingen/", {**MELDING, "casus": vreemd.casus.nummer}, format="json")
    assert antwoord.status_code == 400 and "casus" in antwoord.json()
    assert Melding.objects.count() == 1


def test_an_anonymous_melding_is_refused(api):
    antwoord = api.post("/api/v1/meldingen/", {**MELDING, "anoniem": True}, format="json")
    assert antwoord.status_code == 400 and "anoniem" in antwoord.json()


def test_update_patch_and_delete(api, intake):
    advies = AdviesFactory(door=intake, startdatum=date(2025, 3, 10))
    url = f"/api/v1/adviezen/{advies.pk}/"
    verplaatst = api.patch(url, {"startdatum": "2025-04-02"}, format="json", headers={"If-Match": api.get(url)["ETag"]})
    assert verplaatst.status_code == 200 and verplaatst.json()["startdatum"] == "2025-04-02"
    vervangen = api.put(url, {**ADVIES, "melder_organisatietype": "politie"}, format="json",
                        headers={"If-Match": verplaatst["ETag"]})
    assert vervangen.json()["melder_groep"] == "politie" and vervangen.json()["startdatum"] == "2025-03-10"
    zonder_reden = api.delete(url, headers={"If-Match": vervangen["ETag"]})
    assert zonder_reden.status_code == 400 and "reden" in zonder_reden.json()
    assert Advies.objects.exists()
    assert api.delete(f"{url}?reden=dubbel geregistreerd", headers={"If-Match": vervangen["ETag"]}).status_code == 204
    assert not Advies.objects.exists()
    verwijderd = LogEntry.objects.get(object_pk=str(advies.pk), action=LogEntry.Action.DELETE,
                                      content_type__model="advies")
    assert verwijderd.additional_data == {"reden": "dubbel geregistreerd"} and verwijderd.actor == intake


def test_a_definitief_quarter_is_a_400_on_the_date_field(api, intake):
    advies = AdviesFactory(door=intake, startdatum=date(2025, 2, 3))
    KwartaalStatus.objects.update_or_create(organisatie=intake.organisatie, jaar=2025, kwartaal=1,
                                                       defaults={"status": "definitief"})
    antwoord = api.patch(f"/api/v1/adviezen/{advies.pk}/", {"duur_geweld": "tot_1_week"}, format="json",
                         headers={"If-Match": "*"})
    assert antwoord.status_code == 400 and "definitief" in antwoord.json()["startdatum"][0]
    assert api.delete(f"/api/v1/adviezen/{advies.pk}/?reden=fout", headers={"If-Match": "*"}).status_code == 400


def test_another_organisations_record_is_a_404(api):
    vreemd = AdviesFactory(door=GebruikerFactory(rol="intake", organisatie=Organisatie.objects.get(code="VT18")))
    url = f"/api/v1/adviezen/{vreemd.pk}/"
    assert api.get(url).status_code == 404
    assert api.patch(url, {"duur_geweld": "tot_1_week"}, format="json").status_code == 404
    assert api.delete(f"{url}?reden=fout").status_code == 404
    assert api.get("/api/v1/adviezen/").json()["count"] == 0


@pytest.mark.parametrize("rol", ["gemeente", "beheer"])
def test_municipal_and_admin_users_get_403_everywhere(referentiedata, rol):
    client = APIClient()
    client.force_authenticate(GebruikerFactory(rol=rol, organisatie=None))
    for url in ("/api/v1/adviezen/", "/api/v1/meldingen/", "/api/v1/casussen/", "/api/v1/adviezen/1/"):
        assert client.get(url).status_code == 403, url
    assert client.post("/api/v1/adviezen/", ADVIES, format="json").status_code == 403


def test_key_authentication(api_sleutel):
    sleutel = api_sleutel(rol="intake")
    client = APIClient()
    assert client.get("/api/v1/adviezen/").status_code == 401
    client.credentials(HTTP_AUTHORIZATION=f"Token {sleutel}")
    assert client.post("/api/v1/adviezen/", ADVIES, format="json").status_code == 201
    assert Advies.objects.get().aangemaakt_door.is_koppeling
    client.credentials(HTTP_AUTHORIZATION="Token ongeldig")
    antwoord = client.get("/api/v1/adviezen/")
    assert antwoord.status_code == 401 and antwoord.json() == {"detail": "Ongeldige API-sleutel."}


def test_filters(api, intake):
    MeldingFactory(door=intake, ontvangstdatum=date(2025, 1, 6), acute_onveiligheid=True)
    MeldingFactory(door=intake, ontvangstdatum=date(2025, 2, 6), melder_organisatietype="huisarts")
    assert api.get("/api/v1/meldingen/?crisis=true").json()["count"] == 1
    assert api.get("/api/v1/meldingen/?melder_groep=overige_professional").json()["count"] == 1
    assert api.get("/api/v1/meldingen/?van=2025-02-01&tot=2025-02-28").json()["count"] == 1
    assert api.get("/api/v1/casussen/?open=true").json()["count"] == 2


def test_a_casus_is_closed_through_the_api(api, intake):
    melding = MeldingFactory(door=intake, ontvangstdatum=date(2025, 1, 6))
    antwoord = api.post(f"/api/v1/casussen/{melding.casus_id}/sluiten/", {"afgesloten_op": "2025-01-20"}, format="json")
    assert antwoord.status_code == 200 and antwoord.json()["is_open"] is False
    te_vroeg = api.post(f"/api/v1/casussen/{melding.casus_id}/sluiten/", {"afgesloten_op": "2025-01-01"}, format="json")
    assert te_vroeg.status_code == 400 and "afgesloten_op" in te_vroeg.json()


def test_definities_lists_every_code_list(api):
    data = api.get("/api/v1/definities/").json()
    assert data["versie"] == definities.VERSIE
    per_naam = {lijst["naam"]: lijst for lijst in data["codelijsten"]}
    assert set(per_naam) == set(definities.CODELIJSTEN)
    aard = per_naam["aard"]
    assert aard["meervoudig"] is True
    assert {c["code"] for c in aard["codes"]} == set(definities.AARD.codes())
    assert all(c["label"] and c["definitie"] and c["geldig_van"] for c in aard["codes"])
    # the contradiction rule as data, so an integrating system can check before it sends
    assert data["aard_per_subvorm"] == dict.fromkeys(definities.AARD_SUBVORM.codes(), "kindermishandeling")
    assert set(data["aard_alleenstaand"]) == {"onbekend", "geen_hg_km", "andere_problematiek"}


def test_schema_and_docs_are_served_from_our_own_files(api):
    schema = api.get("/api/v1/schema/?format=json")
    assert schema.status_code == 200
    paden = schema.json()["paths"]
    assert "/api/v1/adviezen/" in paden and "/api/v1/meldingen/{id}/" in paden
    docs = api.get("/api/v1/docs/")
    assert docs.status_code == 200
    html = docs.content.decode()
    assert "drf_spectacular_sidecar" in html and "cdn" not in html.lower()


@pytest.mark.parametrize("pad", ["/api/v1/adviezen/", "/api/v1/meldingen/", "/api/v1/casussen/"])
def test_list_query_count_does_not_grow_with_rows(api, intake, pad):
    def tel() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            assert api.get(pad).status_code == 200
        return len(ctx.captured_queries)

    for dag in range(1, 4):
        AdviesFactory(door=intake, startdatum=date(2025, 1, dag))
        MeldingFactory(door=intake, ontvangstdatum=date(2025, 1, dag))
    tel()  # the first request also loads the user's permissions, which are then cached
    weinig = tel()
    for dag in range(4, 31):
        AdviesFactory(door=intake, startdatum=date(2025, 1, dag))
        MeldingFactory(door=intake, ontvangstdatum=date(2025, 1, dag))
    assert tel() == weinig


def test_sub_forms_go_in_and_come_out_and_a_patch_must_keep_them_consistent(api):
    antwoord = api.post("/api/v1/meldingen/", {**MELDING, "aard": ["kindermishandeling", "partnergeweld"],
                                               "aard_subvorm": ["km_seksueel_misbruik", "km_pcf"]}, format="json")
    assert antwoord.status_code == 201, antwoord.json()
    assert antwoord.json()["aard_subvorm"] == ["km_pcf", "km_seksueel_misbruik"]
    pad = f"/api/v1/meldingen/{antwoord.json()['id']}/"

    geweigerd = api.patch(pad, {"aard": ["partnergeweld"]}, format="json", HTTP_IF_MATCH="*")
    assert geweigerd.status_code == 400
    assert "Kindermishandeling" in " ".join(geweigerd.json()["aard_subvorm"])
    assert Melding.objects.get().aard == ["kindermishandeling", "partnergeweld"]

    goed = api.patch(pad, {"aard": ["partnergeweld"], "aard_subvorm": []}, format="json", HTTP_IF_MATCH="*")
    assert goed.status_code == 200, goed.json()
    assert (goed.json()["aard"], goed.json()["aard_subvorm"]) == (["partnergeweld"], [])


def test_the_schema_lists_the_sub_form_codes(api):
    schemas = api.get("/api/v1/schema/?format=json").json()["components"]["schemas"]
    for naam in ("AdviesInvoer", "MeldingInvoer", "PatchedMeldingInvoer"):
        invoer = schemas[naam]["properties"]["aard_subvorm"]
        assert invoer["type"] == "array" and invoer["items"]["$ref"].endswith("/AardSubvormEnum"), naam
    assert set(schemas["AardSubvormEnum"]["enum"]) == set(definities.AARD_SUBVORM.codes())
    assert "aard_subvorm" in schemas["MeldingUitvoer"]["properties"]


def test_a_null_character_in_the_deletion_reason_is_a_400(api, intake):
    """A NUL in ``reden`` reached the audit trail's JSON and PostgreSQL refused it (a 503); now a 400."""
    advies = AdviesFactory(door=intake, startdatum=date(2025, 3, 10))
    url = f"/api/v1/adviezen/{advies.pk}/"
    antwoord = api.delete(f"{url}?reden=dubbel%00", headers={"If-Match": api.get(url)["ETag"]})
    assert antwoord.status_code == 400 and "reden" in antwoord.json()
    assert Advies.objects.filter(pk=advies.pk).exists()
