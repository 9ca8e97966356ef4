"""The team lead's CBS delivery page: create, validate, download (audited), reminders, permissions."""

from datetime import date

import pytest
import time_machine
from auditlog.models import LogEntry
from django.urls import reverse

from rapportage.cbs.models import Aanlevering
from rapportage.cbs.periode import Halfjaar
from rapportage.tellingen.services.kwartalen import zet_kwartaal_door
from tests.factories import AdviesFactory, GebruikerFactory, MeldingFactory
from vtregistratie.models import Organisatie

pytestmark = pytest.mark.django_db
H1 = Halfjaar(2025, 1)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def teamleider(referentiedata):
    return GebruikerFactory(rol="teamleider")


def _sluit_halfjaar(teamleider, halfjaar=H1):
    for kw in halfjaar.kwartalen:
        zet_kwartaal_door(organisatie=teamleider.organisatie, kwartaal=kw, door=teamleider, naar="voorlopig")


@pytest.fixture
def gesloten(teamleider):
    intake = GebruikerFactory(rol="intake")
    AdviesFactory(door=intake, startdatum=date(2025, 2, 3))
    MeldingFactory(door=intake, ontvangstdatum=date(2025, 4, 7))
    _sluit_halfjaar(teamleider)
    return teamleider


def test_the_team_lead_creates_validates_and_downloads_and_the_download_is_audited(client, gesloten):
    client.force_login(gesloten)
    pagina = client.get(reverse("rapportage:aanleveringen"))
    assert pagina.status_code == 200
    assert [str(p) for p in pagina.context["perioden"]] == ["2025-H1"]
    assert reverse("rapportage:aanleveringen") in pagina.content.decode()  # the navigation links it

    antwoord = client.post(reverse("rapportage:aanlevering_maken"), {"periode": "2025-H1"})
    aanlevering = Aanlevering.objects.get()
    assert antwoord.url == reverse("rapportage:aanlevering", args=[aanlevering.pk])
    assert aanlevering.aanleiding == "handmatig" and aanlevering.aangemaakt_door == gesloten

    download = reverse("rapportage:aanlevering_download", args=[aanlevering.pk])
    geweigerd = client.get(download, follow=True)  # not validated yet: not offered
    assert "gevalideerde aanlevering" in geweigerd.content.decode()
    assert not LogEntry.objects.filter(action=LogEntry.Action.ACCESS).exists()

    client.post(reverse("rapportage:aanlevering_valideren", args=[aanlevering.pk]))
    aanlevering.refresh_from_db()
    assert aanlevering.status == "gevalideerd"
    detail = client.get(reverse("rapportage:aanlevering", args=[aanlevering.pk])).content.decode()
    assert "Geen problemen gevonden." in detail and "2025-K1 adviezen: bestand tegen kwartaaltelling" in detail

    bestand = client.get(download)
    assert bestand.status_code == 200
    inhoud = b"".join(bestand.streaming_content)
    assert inhoud.startswith(b"HVT01") and inhoud.endswith(b"\r\n")
    assert f'filename="{aanlevering.bestandsnaam}"' in bestand["Content-Disposition"]
    assert bestand["X-Checksum-SHA256"] == aanlevering.sha256
    aanlevering.refresh_from_db()
    assert aanlevering.status == "gedownload" and aanlevering.gedownload_op is not None
    (toegang,) = LogEntry.objects.get_for_object(aanlevering).filter(action=LogEntry.Action.ACCESS)
    assert toegang.actor == gesloten
    assert toegang.additional_data["via"] == "web" and toegang.additional_data["sha256"] == aanlevering.sha256


def test_a_failed_validation_shows_the_report_and_offers_no_download(client, gesloten):
    from rapportage.tellingen.models import Telling
    from rapportage.tellingen.services.herberekening import herbereken_verouderde

    client.force_login(gesloten)
    client.post(reverse("rapportage:aanlevering_maken"), {"periode": "2025-H1"})
    aanlevering = Aanlevering.objects.get()
    herbereken_verouderde()
    Telling.objects.filter(organisatie=gesloten.organisatie, soort="advies").update(aantal=7)
    client.post(reverse("rapportage:aanlevering_valideren", args=[aanlevering.pk]))
    detail = client.get(reverse("rapportage:aanlevering", args=[aanlevering.pk])).content.decode()
    assert "1 probleem gevonden." in detail
    assert "1 in het bestand, 7 in de kwartaaltelling" in detail
    assert reverse("rapportage:aanlevering_download", args=[aanlevering.pk]) not in detail


def test_the_aggregate_is_offered_with_disclosure_control(client, gesloten):
    client.force_login(gesloten)
    client.post(reverse("rapportage:aanlevering_maken"), {"periode": "2025-H1"})
    aanlevering = Aanlevering.objects.get()
    from rapportage.tellingen.services.herberekening import herbereken_verouderde

    herbereken_verouderde()
    csv = client.get(reverse("rapportage:aanlevering_aggregaat", args=[aanlevering.pk]))
    assert csv["Content-Type"].startswith("text/csv")
    regels = csv.content.decode().splitlines()
    assert regels[0].startswith("Perioden;Regio;Soort")
    assert "2025HJ01;VT01;advies;totaal;totaal;totaal;totaal;totaal;." in regels  # 1 advies: suppressed


def test_creating_without_a_closed_quarter_explains_why(client, teamleider):
    client.force_login(teamleider)
    pagina = client.post(reverse("rapportage:aanlevering_maken"), {"periode": "2025-H2"}, follow=True)
    assert "sluit eerst een kwartaal af" in pagina.content.decode()
    assert not Aanlevering.objects.exists()


@pytest.mark.parametrize("rol", ["intake", "gemeente", "beheer"])
def test_other_roles_get_403(client, gesloten, rol):
    client.force_login(gesloten)
    client.post(reverse("rapportage:aanlevering_maken"), {"periode": "2025-H1"})
    pk = Aanlevering.objects.get().pk
    client.force_login(GebruikerFactory(rol=rol))
    assert client.get(reverse("rapportage:aanleveringen")).status_code == 403
    assert client.post(reverse("rapportage:aanlevering_maken"), {"periode": "2025-H1"}).status_code == 403
    for naam in ("rapportage:aanlevering", "rapportage:aanlevering_download", "rapportage:aanlevering_aggregaat"):
        assert client.get(reverse(naam, args=[pk])).status_code == 403
    assert client.post(reverse("rapportage:aanlevering_valideren", args=[pk])).status_code == 403
    assert Aanlevering.objects.count() == 1


def test_a_team_lead_of_another_organisation_gets_404(client, gesloten):
    client.force_login(gesloten)
    client.post(reverse("rapportage:aanlevering_maken"), {"periode": "2025-H1"})
    aanlevering = Aanlevering.objects.get()
    client.post(reverse("rapportage:aanlevering_valideren", args=[aanlevering.pk]))
    ander = GebruikerFactory(rol="teamleider", organisatie=Organisatie.objects.get(code="VT18"))
    client.force_login(ander)
    assert client.get(reverse("rapportage:aanleveringen")).context["aanleveringen"].count() == 0
    for naam in ("rapportage:aanlevering", "rapportage:aanlevering_download", "rapportage:aanlevering_aggregaat"):
        assert client.get(reverse(naam, args=[aanlevering.pk])).status_code == 404
    assert client.post(reverse("rapportage:aanlevering_valideren", args=[aanlevering.pk])).status_code == 404
    assert not LogEntry.objects.filter(action=LogEntry.Action.ACCESS).exists()


class TestHerinnering:
    def test_a_missing_delivery_is_reminded_until_the_deadline_and_then_marked_late(self, client, teamleider):
        client.force_login(teamleider)
        with time_machine.travel(date(2025, 7, 10)):
            herinnering = client.get(reverse("rapportage:aanleveringen")).context["herinnering"]
            assert (herinnering.halfjaar, herinnering.uiterste_datum, herinnering.te_laat) == (
                H1, date(2025, 7, 21), False)
            assert not herinnering.kwartalen_gereed
            tekst = client.get(reverse("rapportage:aanleveringen")).content.decode()
            assert "moet uiterlijk 21 juli 2025 bij het CBS zijn en is nog niet aangemaakt" in tekst
            assert "Sluit eerst beide kwartalen af" in tekst
        with time_machine.travel(date(2025, 7, 22)):
            client.force_login(teamleider)  # the session of 12 days ago has expired
            tekst = client.get(reverse("rapportage:aanleveringen")).content.decode()
            assert "De termijn is verstreken." in tekst

    def test_no_reminder_once_the_delivery_is_downloaded(self, client, gesloten):
        client.force_login(gesloten)
        with time_machine.travel(date(2025, 7, 15)):
            client.post(reverse("rapportage:aanlevering_maken"), {"periode": "2025-H1"})
            aanlevering = Aanlevering.objects.get()
            herinnering = client.get(reverse("rapportage:aanleveringen")).context["herinnering"]
            assert herinnering.aanlevering == aanlevering  # made, not yet downloaded
            client.post(reverse("rapportage:aanlevering_valideren", args=[aanlevering.pk]))
            client.get(reverse("rapportage:aanlevering_download", args=[aanlevering.pk]))
            assert client.get(reverse("rapportage:aanleveringen")).context["herinnering"] is None
