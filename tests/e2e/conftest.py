"""A real browser: Debian's Chromium driven by Playwright, against Django's live test server."""

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
WACHTWOORD = "een-lang-wachtwoord-voor-e2e"
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: apt-get install chromium (.ci/run does this)")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM calls in the tests are still
    # plain synchronous calls, so Django's guard against async contexts does not apply to them.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        )
        yield browser
        browser.close()
    del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def inloggen(page, live_server):
    """Log in through the real login form, with the keyboard."""

    def _inloggen(gebruikersnaam: str, wachtwoord: str):
        page.goto(f"{live_server.url}/inloggen/")
        # The user name field has autofocus; wait for it before typing, as a person would.
        page.wait_for_function("document.activeElement && document.activeElement.id === 'id_username'")
        page.keyboard.type(gebruikersnaam)
        page.keyboard.press("Tab")
        page.keyboard.type(wachtwoord)
        with page.expect_navigation():
            page.keyboard.press("Enter")
        return page

    return _inloggen


@pytest.fixture
def axe(browser):
    """Run axe-core on a URL in a context that lets the checker's script in (our CSP would refuse it)."""
    if not AXE.exists():
        pytest.fail("node_modules/axe-core is missing: run `npm ci` (make test does this)")
    bron = AXE.read_text()

    def _controleer(url: str, cookies: list) -> list[dict]:
        context = browser.new_context(bypass_csp=True)
        context.add_cookies(cookies)
        pagina = context.new_page()
        pagina.goto(url)
        pagina.evaluate(bron)
        resultaat = pagina.evaluate("async () => (await axe.run(document)).violations")
        context.close()
        return [v for v in resultaat if v["impact"] in ("serious", "critical")]

    return _controleer


@pytest.fixture
def wachtwoord():
    """The password of every user made by ``gebruikers``."""
    return WACHTWOORD


@pytest.fixture
def gebruikers(referentiedata_tx):
    """Make a user with a role and the e2e password (the live server needs committed data)."""
    from tests.factories import GebruikerFactory

    def maak(rol, **kwargs):
        gebruiker = GebruikerFactory(rol=rol, **kwargs)
        gebruiker.set_password(WACHTWOORD)
        gebruiker.save()
        return gebruiker

    return maak


@pytest.fixture
def analysetellingen(referentiedata_tx):
    """Counts of three regions in 2023 and 2024, every quarter closed, each with a gemeente: the analysis
    pages have figures for every role (adviezen 41–44 a quarter, meldingen 25)."""
    from kwartalen.models import KwartaalStatus
    from rapportage.tellingen.models import Telling
    from vtregistratie.models import Organisatie

    for code, gemeente in (("VT01", "GM0363"), ("VT02", "GM0106"), ("VT03", "GM0034")):
        organisatie = Organisatie.objects.get(code=code)
        for jaar in (2023, 2024):
            for kw in (1, 2, 3, 4):
                gemeen = {"organisatie": organisatie, "jaar": jaar, "kwartaal": kw, "gemeente_code": gemeente,
                              "melder_groep": "politie", "melder_categorie": "politie"}
                Telling.objects.create(**gemeen, soort="advies", crisis=False, beoordeling="",
                                       eerdere_betrokkenheid="", binnen_termijn=None, aantal=40 + kw)
                Telling.objects.create(**gemeen, soort="melding", crisis=False, beoordeling="overdracht",
                                       eerdere_betrokkenheid="eerste_melding", binnen_termijn=True, aantal=25)
                KwartaalStatus.objects.update_or_create(organisatie=organisatie, jaar=jaar, kwartaal=kw,
                                                        defaults={"status": "definitief"})
