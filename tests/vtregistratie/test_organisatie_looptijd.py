"""A registration dated outside its organisation's lifetime is refused in the services, the screens and the
API with the same rule and message as the history import."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from rest_framework.test import APIClient

from adviezen.models import Advies
from adviezen.services import wijzig_advies
from meldingen.models import Melding
from tests.factories import AdviesFactory, GebruikerFactory, MeldingFactory
from vtregistratie.models import Organisatie

pytestmark = pytest.mark.django_db


@pytest.fixture
def intake(referentiedata):
    """VT01 started on 1 January 2022 and ended on 1 January 2024 (exclusive) in this test."""
    Organisatie.objects.filter(code="VT01").update(geldig_van=date(2022, 1, 1), geldig_tot=date(2024, 1, 1))
    return GebruikerFactory(rol="intake")


def _bericht(datum: str) -> str:
    return f"VT01 bestond niet op {datum}; registraties vallen binnen de looptijd van de organisatie."


@pytest.mark.parametrize(("datum", "tekst"), [(date(2021, 12, 31), "31-12-2021"), (date(2024, 1, 1), "01-01-2024")])
def test_the_services_refuse_a_date_before_the_start_or_from_the_end(intake, datum, tekst):
    with pytest.raises(ValidationError) as advies_fout:
        AdviesFactory(door=intake, startdatum=datum)
    assert advies_fout.value.message_dict == {"startdatum": [_bericht(tekst)]}
    with pytest.raises(ValidationError) as melding_fout:
        MeldingFactory(door=intake, ontvangstdatum=datum)
    assert melding_fout.value.message_dict == {"ontvangstdatum": [_bericht(tekst)]}
    assert not Advies.objects.exists() and not Melding.objects.exists()


def test_the_first_and_the_last_day_are_accepted_and_a_move_out_is_refused(intake):
    AdviesFactory(door=intake, startdatum=date(2022, 1, 1))
    advies = AdviesFactory(door=intake, startdatum=date(2023, 12, 31))
    with pytest.raises(ValidationError):
        wijzig_advies(advies=advies, door=intake, startdatum=date(2024, 2, 1))
    advies.refresh_from_db()
    assert advies.startdatum == date(2023, 12, 31)


def test_the_screen_shows_the_message_at_the_date(client, intake):
    client.force_login(intake)
    response = client.post(reverse("adviezen:nieuw"), {
        "startdatum": "2024-03-12", "gemeente": "GM0363", "beroepsmatig": "ja", "melder_organisatietype": "huisarts",
        "aard": ["partnergeweld"], "duur_geweld": "onbekend", "actie": "opslaan",
    })
    assert response.status_code == 200
    assert _bericht("12-03-2024") in response.content.decode()
    assert not Advies.objects.exists()


def test_the_api_answers_400_on_the_date_field(intake):
    api = APIClient()
    api.force_authenticate(intake)
    antwoord = api.post("/api/v1/meldingen/", {
        "ontvangstdatum": "2024-03-12", "gemeente": "GM0363", "beroepsmatig": True,
        "melder_organisatietype": "politie", "aard": ["partnergeweld"]}, format="json")
    assert antwoord.status_code == 400
    assert antwoord.json() == {"ontvangstdatum": [_bericht("12-03-2024")]}
