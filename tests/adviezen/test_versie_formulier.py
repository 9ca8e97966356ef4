"""No lost update in the screens: two people open one advies; the second save, based on what they opened, is
refused with the other person's values instead of silently reverting the first change."""

import re
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from adviezen.models import Advies
from tests.factories import AdviesFactory, GebruikerFactory

pytestmark = pytest.mark.django_db


def _data(**velden) -> dict:
    return {"startdatum": "2025-03-10", "einddatum": "", "gemeente": "GM0363", "beroepsmatig": "ja",
            "melder_organisatietype": "huisarts", "melder_relatie": "", "aard": ["kindermishandeling"],
            "aanvullende_informatie": [], "duur_geweld": "onbekend", "actie": "opslaan", **velden}


def _versie(response) -> str:
    return re.search(r'name="versie" value="(\d+)"', response.content.decode()).group(1)


@pytest.fixture
def twee(referentiedata):
    intake = GebruikerFactory(rol="intake")
    collega = GebruikerFactory(rol="intake", organisatie=intake.organisatie)
    a, b = Client(), Client()
    a.force_login(intake)
    b.force_login(collega)
    return a, b, AdviesFactory(door=intake, startdatum=date(2025, 3, 10))


def test_the_second_save_shows_the_other_persons_values_and_keeps_them(twee):
    a, b, advies = twee
    url = reverse("adviezen:wijzig", args=[advies.pk])
    versie_a, versie_b = _versie(a.get(url)), _versie(b.get(url))

    assert a.post(url, _data(versie=versie_a, duur_geweld="1_tot_5_jaar")).status_code == 302
    pagina = b.post(url, _data(versie=versie_b, duur_geweld="tot_1_week"))

    assert pagina.status_code == 200
    tekst = pagina.content.decode()
    assert "is gewijzigd door iemand anders nadat u het opende" in tekst
    assert "Duur van het geweld: ≥ 1 jaar &lt; 5 jaar (u stuurde: ≤ 1 week)" in tekst
    assert Advies.objects.get().duur_geweld == "1_tot_5_jaar"

    # The page now carries the stored version: saving again is a deliberate overwrite.
    assert b.post(url, _data(versie=_versie(pagina), duur_geweld="tot_1_week")).status_code == 302
    assert Advies.objects.get().duur_geweld == "tot_1_week"


def test_a_form_error_keeps_the_version_the_user_opened(twee):
    a, b, advies = twee
    url = reverse("adviezen:wijzig", args=[advies.pk])
    versie_b = _versie(b.get(url))
    fout = b.post(url, _data(versie=versie_b, startdatum="2099-01-01"))
    assert _versie(fout) == versie_b
    assert a.post(url, _data(versie=_versie(a.get(url)), duur_geweld="1_tot_5_jaar")).status_code == 302
    assert b.post(url, _data(versie=_versie(fout), duur_geweld="tot_1_week")).status_code == 200
    assert Advies.objects.get().duur_geweld == "1_tot_5_jaar"


def test_deleting_a_record_changed_meanwhile_is_refused(twee):
    a, b, advies = twee
    versie_b = _versie(b.get(reverse("adviezen:verwijder", args=[advies.pk])))
    wijzig = reverse("adviezen:wijzig", args=[advies.pk])
    assert a.post(wijzig, _data(versie=_versie(a.get(wijzig)), duur_geweld="1_tot_5_jaar")).status_code == 302

    antwoord = b.post(reverse("adviezen:verwijder", args=[advies.pk]),
                      {"versie": versie_b, "reden": "Dubbel geregistreerd"}, follow=True)
    assert "is gewijzigd door iemand anders" in antwoord.content.decode()
    assert Advies.objects.exists()
