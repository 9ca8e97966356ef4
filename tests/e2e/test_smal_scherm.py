"""At 390 px wide (a phone) no page scrolls sideways: wide tables scroll in their own box.

Walks every page of the URLconf that a role may open (the same walk and categories as
tests/test_toegang_alle_urls.py), with registrations, counts and closed quarters so the tables are full.
"""

from datetime import date

import pytest

from tests.e2e.conftest import WACHTWOORD
from tests.e2e.test_grafieken import _counts
from tests.factories import AdviesFactory, MeldingFactory
from tests.rapportage.test_analyses_hulp import org
from tests.test_toegang_alle_urls import POST_ALLEEN, TOEGESTAAN, _invullen, alle_urls, categorie

BREEDTE = 390

# How far the page reaches beyond the window, and which element sticks out furthest (for the message).
MEET = """() => {
  const breedte = document.documentElement.clientWidth;
  let verste = null, rechts = breedte;
  for (const el of document.body.querySelectorAll("*")) {
    const r = el.getBoundingClientRect();
    if (r.right > rechts + 1 && getComputedStyle(el).position !== "absolute") {
      let binnen = false;  // inside a box that scrolls itself
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        if (["auto", "scroll", "hidden"].includes(getComputedStyle(p).overflowX)) { binnen = true; break; }
      }
      if (!binnen) { verste = el; rechts = r.right; }
    }
  }
  return {scroll: document.documentElement.scrollWidth, breedte,
          element: verste ? verste.tagName + "." + verste.className + " " + verste.textContent.slice(0, 40) : ""};
}"""


@pytest.mark.parametrize("rol", ["intake", "teamleider", "gemeente", "beheer"])
def test_no_page_is_wider_than_a_phone(browser, live_server, gebruikers, rol):
    _counts()
    organisatie = org("VT01") if rol in ("intake", "teamleider") else None
    gebruiker = gebruikers(rol, organisatie=organisatie, is_staff=rol == "beheer")
    intake = gebruiker if rol == "intake" else gebruikers("intake", organisatie=org("VT01"))
    objecten = {
        "advies": AdviesFactory(door=intake, startdatum=date(2025, 2, 3)).pk,
        "melding": (melding := MeldingFactory(door=intake, ontvangstdatum=date(2025, 2, 3))).pk,
        "casus": melding.casus_id,
    }
    context = browser.new_context(viewport={"width": BREEDTE, "height": 800}, locale="nl-NL")
    page = context.new_page()
    page.goto(f"{live_server.url}/inloggen/")
    page.fill("#id_username", gebruiker.username)
    page.fill("#id_password", WACHTWOORD)
    with page.expect_navigation():
        page.press("#id_password", "Enter")

    te_breed, bekeken = [], 0
    for naam, route in alle_urls():
        pad = _invullen(naam, route, objecten)
        if pad is None or naam in POST_ALLEEN or "logout" in naam or rol not in TOEGESTAAN[categorie(naam)]:
            continue
        # only pages: not a download, a POST-only action or a refusal
        vooraf = context.request.get(live_server.url + pad, max_redirects=0)
        if vooraf.status != 200 or "text/html" not in vooraf.headers.get("content-type", ""):
            continue
        page.goto(live_server.url + pad)
        meting = page.evaluate(MEET)
        bekeken += 1
        if meting["scroll"] > BREEDTE:
            te_breed.append(f"{pad}: {meting['scroll']} px ({meting['element']})")
    context.close()
    assert bekeken >= 5
    assert te_breed == [], "\n".join(te_breed)
