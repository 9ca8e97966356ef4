"""Audit entries written through the services keep the client address and the actor, on the screens and over
the API (where authentication happens after the audit middleware has run)."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from auditlog.models import LogEntry
from django.urls import reverse
from rest_framework.test import APIClient

from tests.factories import GebruikerFactory
from vtregistratie.audit import AuditMiddleware

pytestmark = pytest.mark.django_db

ADRES = "192.0.2.7"  # TEST-NET-1: never a real client
ADVIES = {"startdatum": "2025-03-10", "gemeente": "GM0363", "beroepsmatig": True,
          "melder_organisatietype": "huisarts", "aard": ["kindermishandeling"]}
MELDING = {"ontvangstdatum": "2025-03-10", "gemeente": "GM0363", "beroepsmatig": True,
           "melder_organisatietype": "politie", "aard": ["partnergeweld"], "acute_onveiligheid": True}


@pytest.fixture(autouse=True)
def _vandaag():
    with time_machine.travel(datetime(2025, 5, 14, 12, 0, tzinfo=ZoneInfo("Europe/Amsterdam")), tick=False):
        yield


def _nieuwe_regels(voor: int) -> list[LogEntry]:
    regels = list(LogEntry.objects.filter(pk__gt=voor).order_by("pk"))
    assert regels, "the request wrote no audit entry"
    return regels


def _laatste() -> int:
    return LogEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def test_registering_on_the_screen_records_the_address_and_the_actor(client, referentiedata):
    intake = GebruikerFactory(rol="intake")
    client.force_login(intake)
    voor = _laatste()
    antwoord = client.post(reverse("adviezen:nieuw"), {
        "startdatum": "2025-03-12", "gemeente": "GM0363", "beroepsmatig": "ja", "melder_organisatietype": "huisarts",
        "aard": ["partnergeweld"], "duur_geweld": "onbekend", "actie": "opslaan"}, REMOTE_ADDR=ADRES)
    assert antwoord.status_code == 302
    assert {(r.remote_addr, r.actor_id) for r in _nieuwe_regels(voor)} == {(ADRES, intake.pk)}


def test_closing_a_quarter_on_the_screen_records_the_address(client, referentiedata):
    teamleider = GebruikerFactory(rol="teamleider")
    client.force_login(teamleider)
    voor = _laatste()
    antwoord = client.post(reverse("rapportage:kwartaal_status", args=[2025, 1]), {"naar": "voorlopig"},
                           REMOTE_ADDR=ADRES)
    assert antwoord.status_code == 302
    assert {(r.remote_addr, r.actor_id) for r in _nieuwe_regels(voor)} == {(ADRES, teamleider.pk)}


@pytest.mark.parametrize(("pad", "gegevens"), [("/api/v1/adviezen/", ADVIES), ("/api/v1/meldingen/", MELDING)])
def test_registering_over_the_api_with_a_key_records_the_address_and_the_account(referentiedata, api_sleutel,
                                                                                   pad, gegevens):
    api = APIClient(REMOTE_ADDR=ADRES)
    api.credentials(HTTP_AUTHORIZATION=f"Token {api_sleutel(rol='intake')}")
    api.get("/api/v1/definities/")  # the key's first use has its own entry
    voor = _laatste()
    antwoord = api.post(pad, gegevens, format="json")
    assert antwoord.status_code == 201, antwoord.json()
    regels = _nieuwe_regels(voor)
    assert {r.remote_addr for r in regels} == {ADRES}
    assert len({r.actor_id for r in regels}) == 1 and regels[0].actor_id is not None


def test_a_quarter_closed_over_the_api_records_the_address(referentiedata):
    teamleider = GebruikerFactory(rol="teamleider")
    api = APIClient(REMOTE_ADDR=ADRES)
    api.force_login(teamleider)
    voor = _laatste()
    assert api.post("/api/v1/kwartalen/2025/1/status/", {"naar": "voorlopig"}, format="json").status_code == 200
    assert {(r.remote_addr, r.actor_id) for r in _nieuwe_regels(voor)} == {(ADRES, teamleider.pk)}


def test_a_later_save_in_the_same_request_keeps_the_middlewares_context(referentiedata, rf):
    """After a service named its actor, the request's own context (address and user) is back in force."""
    from adviezen.services import registreer_advies
    from vtregistratie.models import Gemeente

    intake = GebruikerFactory(rol="intake")
    request = rf.post("/", REMOTE_ADDR=ADRES)
    request.user = intake

    def view(request):
        registreer_advies(door=intake, startdatum=date(2025, 3, 10), gemeente="GM0363", beroepsmatig=True,
                          melder_organisatietype="huisarts", aard=["kindermishandeling"])
        gemeente = Gemeente.objects.get(code="GM0363")
        gemeente.naam = "Amsterdam (gewijzigd)"
        gemeente.save()
        return None

    voor = _laatste()
    AuditMiddleware(view)(request)
    laatste = _nieuwe_regels(voor)[-1]
    assert laatste.content_type.model == "gemeente"
    assert (laatste.remote_addr, laatste.actor_id) == (ADRES, intake.pk)
