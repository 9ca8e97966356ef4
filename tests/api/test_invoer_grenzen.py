"""Input at the edges never reaches a 500: impossible dates, nested and oversized bodies; every API error
is JSON in formal Dutch, DRF's own messages included."""

import pytest
from django.urls import reverse
from django.utils import translation
from rest_framework import exceptions, fields, serializers
from rest_framework.test import APIClient

from adviezen.models import Advies
from meldingen.models import Melding
from tests.factories import GebruikerFactory

pytestmark = pytest.mark.django_db

MELDING = {"ontvangstdatum": "2025-03-10", "gemeente": "GM0363", "beroepsmatig": True,
           "melder_organisatietype": "politie", "aard": ["partnergeweld"]}
TOEKOMST = "Deze datum ligt in de toekomst; dat kan niet."


@pytest.mark.parametrize("datum", ["9999-12-31", "9999-12-24", "2999-01-01"])
def test_a_receipt_date_with_no_computable_deadline_is_a_400_not_a_500(api, datum):
    antwoord = api.post("/api/v1/meldingen/", {**MELDING, "ontvangstdatum": datum}, format="json")
    assert antwoord.status_code == 400
    assert antwoord.json() == {"ontvangstdatum": [TOEKOMST]}
    assert not Melding.objects.exists()


def test_the_same_date_in_the_form_is_a_field_error(client, intake):
    client.force_login(intake)
    response = client.post(reverse("meldingen:nieuw"), {
        "ontvangstdatum": "9999-12-31", "gemeente": "GM0363", "beroepsmatig": "ja", "melder_organisatietype": "politie",
        "aard": ["partnergeweld"], "duur_geweld": "onbekend", "casus_keuze": "nieuw", "actie": "opslaan",
    })
    assert response.status_code == 200
    assert TOEKOMST in response.content.decode()
    assert not Melding.objects.exists()


@pytest.mark.parametrize("diepte", [20, 990, 100_000])
def test_deeply_nested_json_is_a_400(api, diepte):
    lichaam = '{"aard": ' + "[" * diepte + "]" * diepte + "}"
    antwoord = api.generic("POST", "/api/v1/adviezen/", lichaam, content_type="application/json")
    assert antwoord.status_code == 400
    assert antwoord.json() == {"detail": "De inhoud is te diep genest."}


@pytest.mark.parametrize("soort", ["application/json", "application/x-www-form-urlencoded"])
def test_a_body_over_the_limit_is_a_json_413(api, settings, soort):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    lichaam = '{"a": "' + "x" * 2000 + '"}' if soort == "application/json" else "a=" + "x" * 2000
    antwoord = api.generic("POST", "/api/v1/adviezen/", lichaam, content_type=soort)
    assert antwoord.status_code == 413
    assert antwoord["Content-Type"] == "application/json"
    assert antwoord.json() == {"detail": "De inhoud is groter dan 1000 bytes."}
    assert not Advies.objects.exists()


@pytest.mark.parametrize("lichaam", ['{"aard": ', "\xff\xfe", '{"startdatum": NaN}'])
def test_a_body_that_is_not_json_is_a_dutch_400(api, lichaam):
    antwoord = api.generic("POST", "/api/v1/adviezen/", lichaam.encode("latin-1"), content_type="application/json")
    assert antwoord.status_code == 400
    assert antwoord.json() == {"detail": "De inhoud is geen geldige JSON."}


def test_drf_field_errors_are_dutch(api):
    antwoord = api.post("/api/v1/adviezen/", {"startdatum": "gisteren", "beroepsmatig": "misschien", "aard": []},
                        format="json")
    assert antwoord.status_code == 400
    assert antwoord.json() == {
        "startdatum": ["De datum heeft een onjuiste vorm. Gebruik een van deze vormen: YYYY-MM-DD."],
        "beroepsmatig": ["Vul true of false in."],
        "aard": ["Deze lijst mag niet leeg zijn."],
    }


def test_a_refusal_addresses_the_user_formally(referentiedata):
    client = APIClient()
    client.force_authenticate(GebruikerFactory(rol="gemeente"))
    antwoord = client.get("/api/v1/adviezen/")
    assert antwoord.status_code == 403
    assert antwoord.json() == {"detail": "U heeft geen toestemming voor deze handeling."}
    assert APIClient().get("/api/v1/adviezen/").json() == {
        "detail": "U bent niet ingelogd: er zijn geen inloggegevens meegestuurd."}


def _drf_berichten():
    """Every message DRF can answer with: field errors, serializer errors and exceptions."""
    klassen = [*vars(fields).values(), *vars(serializers).values()]
    for klasse in klassen:
        if isinstance(klasse, type) and issubclass(klasse, fields.Field):
            yield from klasse.default_error_messages.values()
    for klasse in vars(exceptions).values():
        if isinstance(klasse, type) and issubclass(klasse, exceptions.APIException):
            yield klasse.default_detail


def test_every_drf_message_has_a_formal_dutch_translation():
    berichten = list(_drf_berichten())
    with translation.override("en"):
        engels = [str(b) for b in berichten]
    with translation.override("nl"):
        nederlands = [str(b) for b in berichten]
    assert [e for e, n in zip(engels, nederlands, strict=True) if e == n] == []
    assert [n for n in nederlands if {"je", "jij", "jouw"} & set(n.lower().replace(".", " ").split())] == []
