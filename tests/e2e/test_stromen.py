"""The main flows in a real browser: intake by keyboard alone, the quarter lock, the municipal refusal."""

from datetime import date

import pytest

from adviezen.models import Advies
from meldingen.models import Melding
from tests.factories import AdviesFactory

pytestmark = pytest.mark.e2e




def tab_naar(page, selector: str, max_stappen: int = 60) -> None:
    """Press Tab until the element matching ``selector`` has the focus, as a keyboard user would."""
    for _ in range(max_stappen):
        if page.evaluate("s => document.activeElement && document.activeElement.matches(s)", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"{selector} never got the focus with Tab")


def kies(page, selector: str, tekst: str) -> None:
    tab_naar(page, selector)
    page.keyboard.type(tekst)  # typing in a focused select picks the first matching option


def test_intake_registers_an_advies_and_a_melding_with_the_keyboard_alone(inloggen, gebruikers, live_server, axe,
                                                                          wachtwoord):
    intake = gebruikers("intake")
    page = inloggen(intake.username, wachtwoord)

    page.goto(f"{live_server.url}/adviezen/nieuw/")
    kies(page, "#id_gemeente", "Amsterdam")
    tab_naar(page, "input[name=beroepsmatig][value=ja], input[name=beroepsmatig][value=true]")
    page.keyboard.press("Space")
    kies(page, "#id_melder_organisatietype", "Huisarts")
    tab_naar(page, "input[name=aard][value=kindermishandeling]")
    page.keyboard.press("Space")
    tab_naar(page, "button[value=opslaan]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    advies = Advies.objects.get()
    assert advies.nummer in page.content()
    assert advies.melder_organisatietype == "huisarts" and advies.gemeente_id == "GM0363"
    assert axe(page.url, page.context.cookies()) == []

    page.goto(f"{live_server.url}/meldingen/nieuw/")
    kies(page, "#id_gemeente", "Amsterdam")
    tab_naar(page, "input[name=beroepsmatig][value=ja], input[name=beroepsmatig][value=true]")
    page.keyboard.press("Space")
    kies(page, "#id_melder_organisatietype", "Politie")
    tab_naar(page, "input[name=aard][value=partnergeweld]")
    page.keyboard.press("Space")
    tab_naar(page, "input[name=acute_onveiligheid]")
    page.keyboard.press("Space")
    tab_naar(page, "button[value=opslaan]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    melding = Melding.objects.get()
    assert melding.acute_onveiligheid and melding.eerdere_betrokkenheid == "eerste_melding"

    for pad, nummer in (("/adviezen/", advies.nummer), ("/meldingen/", melding.nummer),
                        ("/meldingen/te-beoordelen/", melding.nummer)):
        url = f"{live_server.url}{pad}"
        page.goto(url)
        assert nummer in page.content(), url
        assert axe(url, page.context.cookies()) == [], url


def test_a_sub_form_chosen_by_keyboard_ticks_its_aard(inloggen, gebruikers, live_server, wachtwoord):
    page = inloggen(gebruikers("intake").username, wachtwoord)
    page.goto(f"{live_server.url}/adviezen/nieuw/")
    kies(page, "#id_gemeente", "Amsterdam")
    tab_naar(page, "input[name=beroepsmatig][value=ja]")
    page.keyboard.press("Space")
    kies(page, "#id_melder_organisatietype", "Huisarts")
    assert not page.is_checked("input[name=aard][value=kindermishandeling]")
    tab_naar(page, "input[name=aard_subvorm][value=km_getuige_huiselijk_geweld]")
    page.keyboard.press("Space")
    assert page.is_checked("input[name=aard][value=kindermishandeling]")  # intake.js ticked the aard along
    tab_naar(page, "button[value=opslaan]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    advies = Advies.objects.get()
    assert (advies.aard, advies.aard_subvorm) == (["kindermishandeling"], ["km_getuige_huiselijk_geweld"])


def test_a_form_error_is_announced_next_to_the_field(inloggen, gebruikers, live_server, wachtwoord):
    page = inloggen(gebruikers("intake").username, wachtwoord)
    page.goto(f"{live_server.url}/adviezen/nieuw/")
    tab_naar(page, "button[value=opslaan]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    samenvatting = page.get_by_role("alert").first
    assert samenvatting.is_visible()
    assert page.locator("[aria-invalid=true]").count() >= 1
    assert not Advies.objects.exists()


def test_team_lead_closes_a_quarter_and_then_it_cannot_be_changed(inloggen, gebruikers, live_server, browser,
                                                                  wachtwoord):
    teamleider = gebruikers("teamleider")
    intake = gebruikers("intake")
    advies = AdviesFactory(door=intake, startdatum=date(2025, 2, 3))

    page = inloggen(teamleider.username, wachtwoord)
    page.goto(f"{live_server.url}/rapportage/kwartalen/2025/1/")
    page.get_by_role("button", name="Afsluiten (voorlopig)").click()
    page.wait_for_load_state()
    page.get_by_role("button", name="Definitief vaststellen").click()
    page.wait_for_load_state()
    assert "Definitief" in page.content()

    context = browser.new_context()
    intake_pagina = context.new_page()
    intake_pagina.goto(f"{live_server.url}/inloggen/")
    intake_pagina.fill("#id_username", intake.username)
    intake_pagina.fill("#id_password", wachtwoord)
    with intake_pagina.expect_navigation():
        intake_pagina.keyboard.press("Enter")
    # The record's page no longer offers a change; its change page sends the user back with the reason.
    intake_pagina.goto(f"{live_server.url}/adviezen/{advies.pk}/")
    assert intake_pagina.locator("#vergrendeld").is_visible()
    assert intake_pagina.get_by_role("link", name="Wijzigen").count() == 0
    intake_pagina.goto(f"{live_server.url}/adviezen/{advies.pk}/wijzigen/")
    assert intake_pagina.url == f"{live_server.url}/adviezen/{advies.pk}/"
    assert "definitief vastgestelde kwartaal 2025-K1" in intake_pagina.content()
    context.close()
    advies.refresh_from_db()
    assert advies.startdatum == date(2025, 2, 3)


def test_a_municipal_user_is_refused_every_registration_page(inloggen, gebruikers, live_server, wachtwoord):
    advies = AdviesFactory(door=gebruikers("intake"), startdatum=date(2025, 2, 3))
    page = inloggen(gebruikers("gemeente", organisatie=None).username, wachtwoord)
    for pad in ("/adviezen/", f"/adviezen/{advies.pk}/", "/meldingen/", "/meldingen/te-beoordelen/",
                "/adviezen/nieuw/", "/rapportage/kwartalen/"):
        antwoord = page.goto(f"{live_server.url}{pad}")
        assert antwoord.status == 403, pad
        assert "Geen toegang" in page.content()
    assert advies.nummer not in page.content()
