"""The analysis charts in a real browser: Chart.js draws them under the strict CSP, values show on focus, and a
long table is compact (pages of 25, the team lead's own region first) with a chart of the rows shown."""

from django.urls import reverse

from vtregistratie.models import Organisatie

# Collects what the browser reports as a CSP violation, before any script of the page runs.
CSP_VERSLAG = """
window.__csp = [];
document.addEventListener("securitypolicyviolation",
    (e) => window.__csp.push(e.violatedDirective + " " + e.blockedURI));
"""


def _page_with_checks(page):
    fouten = []
    # (a missing /favicon.ico is not the page's error)
    page.on("console", lambda m: fouten.append(m.text)
            if m.type == "error" and "favicon" not in m.location.get("url", "") else None)
    page.on("pageerror", lambda e: fouten.append(str(e)))
    page.add_init_script(CSP_VERSLAG)
    return fouten


def test_a_chart_renders_under_the_csp_and_shows_values_on_focus(page, inloggen, gebruikers, live_server,
                                                                  analysetellingen, wachtwoord):
    gebruiker = gebruikers("gemeente", organisatie=None)
    fouten = _page_with_checks(page)
    inloggen(gebruiker.username, wachtwoord)
    page.goto(live_server.url + reverse("rapportage:analyse_landelijk") + "?van=2023&tot=2024")
    page.wait_for_function("() => window.Chart && Chart.getChart('grafiek-jaar')")
    grafiek = page.evaluate("""() => { const c = Chart.getChart('grafiek-jaar'); return {
        labels: c.data.labels, reeksen: c.data.datasets.map(d => [d.label, d.data]),
        as: c.options.scales.y.title.text, breedte: c.width, hoogte: c.height }; }""")
    assert grafiek["labels"] == ["2023", "2024"]
    assert grafiek["reeksen"] == [["Adviezen", [510, 510]], ["Meldingen", [300, 300]]]  # rounded, as in the table
    assert grafiek["as"] == "aantal" and grafiek["breedte"] > 200 and grafiek["hoogte"] > 200
    assert page.evaluate("[...document.querySelectorAll('canvas[role=img]')].every(c => Chart.getChart(c))")

    page.focus("#grafiek-jaar")
    page.keyboard.press("ArrowRight")
    actief = page.evaluate("() => Chart.getChart('grafiek-jaar').tooltip.getActiveElements()"
                           ".map(e => [e.datasetIndex, e.index])")
    assert actief == [[0, 1], [1, 1]]  # the second year, both series

    assert page.evaluate("window.__csp") == []
    assert fouten == []


def test_a_long_table_is_paged_and_starts_at_the_team_leads_region(page, inloggen, gebruikers, live_server,
                                                                   analysetellingen, wachtwoord):
    gebruiker = gebruikers("teamleider", organisatie=Organisatie.objects.get(code="VT02"))
    fouten = _page_with_checks(page)
    inloggen(gebruiker.username, wachtwoord)
    page.goto(live_server.url + reverse("rapportage:analyse_gemeenten") + "?van=2023&tot=2024&soort=advies")
    page.wait_for_function("() => window.Chart && Chart.getChart('grafiek-gemeenten_advies')")
    tabel = page.locator("table[data-compact]")
    alle_rijen = tabel.locator("tbody tr").count()
    assert alle_rijen > 300  # every gemeente of the country

    # the own region first: Drenthe's twelve gemeenten, in the table and in the chart
    filter_ = page.get_by_label("Regio", exact=True)
    assert filter_.input_value().startswith("VT02 ")
    zichtbaar = tabel.locator("tbody tr:visible")
    assert zichtbaar.count() == 12
    assert all("VT02" in t for t in zichtbaar.locator("td:nth-child(2)").all_inner_texts())
    assert page.evaluate("Chart.getChart('grafiek-gemeenten_advies').data.labels.length") == 12

    # all regions: pages of 25, the chart follows the page
    filter_.select_option("")
    assert zichtbaar.count() == 25
    eerste = zichtbaar.first.inner_text()
    page.get_by_role("button", name="Volgende").click()
    assert zichtbaar.count() == 25 and zichtbaar.first.inner_text() != eerste
    assert page.evaluate("Chart.getChart('grafiek-gemeenten_advies').data.labels.length") == 25
    assert page.locator("[aria-live=polite]").inner_text() == f"Rijen 26–50 van {alle_rijen}"

    # sorting by the count, highest first
    kop = page.get_by_role("button", name="2024 –")
    kop.click()  # a number column sorts from the highest down first
    assert page.locator("th[aria-sort=descending]").count() == 1
    waarden = [float(w) for w in zichtbaar.locator("td:nth-child(5)").evaluate_all(
        "cellen => cellen.map(c => c.dataset.waarde || '-1')")]
    assert waarden == sorted(waarden, reverse=True) and waarden[0] > 0

    # the chart fits on a screen
    assert page.locator("#grafiek-gemeenten_advies").bounding_box()["height"] < 700
    assert page.evaluate("window.__csp") == []
    assert fouten == []
