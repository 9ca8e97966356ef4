import pytest

pytestmark = pytest.mark.e2e


def test_login_with_the_keyboard_and_logout(inloggen, gebruikers, live_server, wachtwoord):
    intake = gebruikers("intake")
    page = inloggen(intake.username, wachtwoord)
    assert page.locator("h1").inner_text() == "Welkom bij VT-registratie"
    assert "Intake" in page.content()
    page.get_by_role("button", name="Uitloggen").click()
    page.wait_for_url(f"{live_server.url}/inloggen/")


def test_a_wrong_password_gets_a_dutch_message(inloggen, gebruikers):
    intake = gebruikers("intake")
    page = inloggen(intake.username, "fout")
    assert page.get_by_role("alert").is_visible()
    assert "gebruikersnaam" in page.get_by_role("alert").inner_text().lower()


def test_login_and_home_pages_have_no_serious_accessibility_violations(inloggen, gebruikers, axe, live_server,
                                                                       wachtwoord):
    assert axe(f"{live_server.url}/inloggen/", []) == []
    page = inloggen(gebruikers("teamleider").username, wachtwoord)
    assert axe(f"{live_server.url}/", page.context.cookies()) == []
