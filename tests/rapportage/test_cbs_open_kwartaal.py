"""A half-year with an open quarter is never validated nor offered as ready, and the refusal names the quarter.

The case of issue 15: 2025-K1 closed, 2025-K2 still open. The file holds K1 only; before, validation said
"Geen problemen gevonden" and the file could be downloaded as if it were the half-year.
"""

import io
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse
from rest_framework.test import APIClient

from rapportage.cbs.models import Aanlevering
from rapportage.cbs.periode import Halfjaar
from rapportage.cbs.services import maak_aanlevering, valideer_aanlevering
from rapportage.tellingen.services.kwartalen import zet_kwartaal_door
from tests.factories import AdviesFactory, GebruikerFactory, MeldingFactory

pytestmark = pytest.mark.django_db
H1 = Halfjaar(2025, 1)
K1, K2 = H1.kwartalen


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def teamleider(referentiedata):
    leider = GebruikerFactory(rol="teamleider")
    intake = GebruikerFactory(rol="intake")
    AdviesFactory(door=intake, startdatum=date(2025, 2, 3))
    MeldingFactory(door=intake, ontvangstdatum=date(2025, 3, 4))
    AdviesFactory(door=intake, startdatum=date(2025, 5, 6))  # in K2, which stays open
    zet_kwartaal_door(organisatie=leider.organisatie, kwartaal=K1, door=leider, naar="voorlopig")
    return leider


@pytest.fixture
def half(teamleider):
    """The delivery of 2025-H1 made while K2 is open: it holds K1 only."""
    return maak_aanlevering(organisatie=teamleider.organisatie, halfjaar=H1, door=teamleider)


def test_the_file_of_a_half_year_with_an_open_quarter_is_not_validated(half, teamleider):
    assert half.aantal_adviezen == 1  # K1 only
    with pytest.raises(ValidationError) as fout:
        valideer_aanlevering(aanlevering=half, door=teamleider)
    assert "2025-K2" in " ".join(fout.value.messages) and "open" in " ".join(fout.value.messages)
    half.refresh_from_db()
    assert half.status == Aanlevering.Status.AANGEMAAKT and not half.is_downloadbaar
    assert half.gevalideerd_op is None


def test_closing_the_quarter_later_does_not_make_the_old_file_whole(half, teamleider):
    zet_kwartaal_door(organisatie=teamleider.organisatie, kwartaal=K2, door=teamleider, naar="voorlopig")
    with pytest.raises(ValidationError) as fout:
        valideer_aanlevering(aanlevering=half, door=teamleider)
    tekst = " ".join(fout.value.messages)
    assert "2025-K2" in tekst and "nieuwe versie" in tekst
    assert Aanlevering.objects.get(pk=half.pk).status == Aanlevering.Status.AANGEMAAKT
    # a new version holds the whole half-year and is validated
    nieuw = maak_aanlevering(organisatie=teamleider.organisatie, halfjaar=H1, door=teamleider)
    assert nieuw.aantal_adviezen == 2
    assert valideer_aanlevering(aanlevering=nieuw, door=teamleider).status == Aanlevering.Status.GEVALIDEERD


def test_the_page_says_which_quarter_is_open(client, half, teamleider):
    client.force_login(teamleider)
    antwoord = client.post(reverse("rapportage:aanlevering_valideren", args=[half.pk]), follow=True)
    tekst = antwoord.content.decode()
    assert "2025-K2" in tekst and "Geen problemen gevonden" not in tekst
    assert Aanlevering.objects.get(pk=half.pk).status == Aanlevering.Status.AANGEMAAKT


def test_the_api_answers_a_json_400_naming_the_quarter(half, teamleider):
    api = APIClient()
    api.force_authenticate(teamleider)
    antwoord = api.post(f"/api/v1/aanleveringen/{half.pk}/valideer/")
    assert antwoord.status_code == 400
    body = antwoord.json()
    assert body["open_kwartalen"] == ["2025-K2"]
    assert "2025-K2" in " ".join(body["periode"])
    assert api.get(f"/api/v1/aanleveringen/{half.pk}/bestand/").status_code == 400


def test_the_command_exits_with_an_error_naming_the_quarter(teamleider):
    with pytest.raises(CommandError) as fout:
        call_command("maak_aanlevering", organisatie=teamleider.organisatie.code, periode="2025-H1",
                     stdout=io.StringIO(), stderr=io.StringIO(), verbosity=0)
    assert "2025-K2" in str(fout.value)
    assert not Aanlevering.objects.filter(status__in=["gevalideerd", "gedownload"]).exists()
