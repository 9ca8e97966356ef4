"""The waiting list in a real browser: a team member registers the dienst of the melding that waits longest,
with the keyboard, and sees it leave the list."""

from datetime import timedelta

import pytest
from django.utils import timezone

from diensten.models import Dienst
from meldingen.services import leg_beoordeling_vast
from tests.e2e.test_stromen import tab_naar
from tests.factories import MeldingFactory

pytestmark = pytest.mark.e2e


def _wachtend(door, *, dagen: int, crisis: bool = False):
    besluit = timezone.localdate() - timedelta(days=dagen)
    melding = MeldingFactory(door=door, ontvangstdatum=besluit - timedelta(days=1), acute_onveiligheid=crisis)
    return leg_beoordeling_vast(melding=melding, door=door, datum=besluit, uitkomst="vervolgstappen_vt",
                                vervolgdienst="onderzoek")


def _rijen(page) -> list[str]:
    return page.locator("table.tabel tbody td.nummer").all_inner_texts()


def test_register_a_dienst_from_the_waiting_list_and_see_it_leave(inloggen, gebruikers, live_server, axe,
                                                                   wachtwoord):
    intake = gebruikers("intake")
    lang = _wachtend(intake, dagen=40)
    kort = _wachtend(intake, dagen=3)
    crisis = _wachtend(intake, dagen=1, crisis=True)
    page = inloggen(intake.username, wachtwoord)

    # The start page counts them and links to the list.
    assert page.locator("#aantal-wachtend").inner_text() == "3"
    assert page.locator("#langste-wacht").inner_text() == "40"
    with page.expect_navigation():
        page.locator("a[href='/diensten/wachtlijst/']").first.click()
    assert _rijen(page) == [crisis.nummer, lang.nummer, kort.nummer]  # crisis first, then the longest wait
    assert axe(page.url, page.context.cookies()) == []

    # "Dienst registreren" for the longest wait, by keyboard.
    tab_naar(page, f"a[href='/diensten/melding/{lang.pk}/dienst/']", max_stappen=80)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("#id_soort").input_value() == "onderzoek"  # the vervolgdienst chosen at the beoordeling
    start = timezone.localdate() - timedelta(days=2)
    tab_naar(page, "#id_startdatum")
    page.fill("#id_startdatum", start.isoformat())
    tab_naar(page, "button[value=opslaan]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(f"/meldingen/{lang.pk}/#vervolg")
    assert "is opgeslagen" in page.content()
    assert "wachttijd 38 dagen" in page.locator("#vervolg").inner_text()
    assert Dienst.objects.get().melding == lang
    assert axe(page.url, page.context.cookies()) == []

    # It left the waiting list and runs in "Lopende diensten".
    page.goto(f"{live_server.url}/diensten/wachtlijst/")
    assert _rijen(page) == [crisis.nummer, kort.nummer]
    page.goto(f"{live_server.url}/diensten/lopend/")
    assert _rijen(page) == [lang.nummer]
    assert "binnen de norm" in page.content()
