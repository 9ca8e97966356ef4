"""A journey per role on a phone-sized screen (390 px): login, the start page, the main task, an analysis with
its chart."""

import pytest

from tests.e2e.conftest import WACHTWOORD

pytestmark = pytest.mark.e2e

TELEFOON = {"width": 390, "height": 844}


@pytest.fixture
def telefoon(browser, live_server):
    context = browser.new_context(locale="nl-NL", viewport=TELEFOON)
    pagina = context.new_page()
    pagina.set_default_timeout(20_000)

    def inloggen(gebruiker):
        pagina.goto(f"{live_server.url}/inloggen/")
        pagina.fill("#id_username", gebruiker.username)
        pagina.fill("#id_password", WACHTWOORD)
        with pagina.expect_navigation():
            pagina.keyboard.press("Enter")
        assert pagina.url == f"{live_server.url}/"
        return pagina

    yield inloggen
    context.close()


def _cijfers(telling_rijen, sluit_jaar):
    """Closed years with counts for three regions, so an analysis has figures and a chart."""
    from kwartalen.models import KwartaalStatus
    from rapportage.tellingen.models import Telling
    from vtregistratie.models import Organisatie

    for code in ("VT01", "VT02", "VT03"):
        organisatie = Organisatie.objects.get(code=code)
        for jaar in (2023, 2024):
            for kw in (1, 2, 3, 4):
                Telling.objects.create(organisatie=organisatie, jaar=jaar, kwartaal=kw, gemeente_code="",
                                       soort="advies", melder_groep="politie", melder_categorie="politie",
                                       crisis=False, beoordeling="", eerdere_betrokkenheid="", aantal=40 + kw)
                KwartaalStatus.objects.update_or_create(organisatie=organisatie, jaar=jaar, kwartaal=kw,
                                                        defaults={"status": "definitief"})


def test_intake_on_a_phone_registers_a_melding_from_the_start_page(telefoon, gebruikers, live_server):
    from meldingen.models import Melding

    pagina = telefoon(gebruikers("intake"))
    pagina.get_by_role("link", name="Nieuwe melding").click()
    pagina.select_option("#id_gemeente", "GM0363")
    pagina.check("input[name=beroepsmatig][value=ja]")
    pagina.select_option("#id_melder_organisatietype", "politie")
    pagina.check("input[name=aard][value=partnergeweld]")
    with pagina.expect_navigation():
        pagina.locator("button[value=opslaan]").click()
    melding = Melding.objects.get()
    assert melding.nummer in pagina.content()
    pagina.get_by_role("link", name="Start").first.click()
    assert pagina.locator("#aantal-te-beoordelen").inner_text() == "1"


@pytest.mark.parametrize("rol", ["teamleider", "gemeente"])
def test_a_phone_journey_to_an_analysis_with_its_chart(telefoon, gebruikers, live_server, rol):
    _cijfers(None, None)
    gebruiker = gebruikers(rol, **({"organisatie": None} if rol == "gemeente" else {}))
    pagina = telefoon(gebruiker)
    if rol == "teamleider":
        pagina.get_by_role("link", name="2024-K4").click()
        assert "Kwartaal 2024-K4" in pagina.locator("h1").inner_text()
        pagina.goto(f"{live_server.url}/rapportage/analyses/landelijk/?van=2023&tot=2024")
    else:
        assert "Landelijk in 2024" in pagina.content()
        pagina.get_by_role("link", name="Naar de landelijke ontwikkeling").click()
    grafiek = pagina.locator("svg, canvas").first
    grafiek.wait_for()
    assert grafiek.is_visible()
