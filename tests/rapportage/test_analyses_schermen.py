"""The analysis pages: permissions, and disclosure control end to end.

The disclosure test walks every analysis page, with several filter combinations, and every table's CSV and
XLSX for a gemeente user, on a fixture full of small counts, and asserts that no count cell is an integer from
1 to 9 and every count is a multiple of 5 — in the HTML table cells, the charts' data and the downloads.
"""

import io
import json
import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from rapportage.analyses.views import PAGINAS
from tests.factories import GebruikerFactory

pytestmark = pytest.mark.django_db


class Cellen(HTMLParser):
    """Texts of the <td> cells."""

    def __init__(self):
        super().__init__()
        self.td, self._in = [], None

    def handle_starttag(self, tag, attrs):
        if tag == "td":
            self._in = (tag, [])

    def handle_data(self, data):
        if self._in:
            self._in[1].append(data)

    def handle_endtag(self, tag):
        if self._in and tag == self._in[0]:
            self.td.append("".join(self._in[1]).strip())
            self._in = None


def test_a_gemeente_user_never_sees_a_count_from_1_to_9(client, kleine_aantallen, geen_klein_aantal, varianten):
    client.force_login(GebruikerFactory(rol="gemeente", organisatie=None))
    gezien_geheim = gezien_getal = 0
    for sleutel in PAGINAS:
        url = reverse(f"rapportage:analyse_{sleutel}")
        for variant in varianten:
            pagina = client.get(f"{url}?{variant}")
            assert pagina.status_code == 200, (sleutel, variant)
            cellen = Cellen()
            cellen.feed(pagina.content.decode())
            for tekst in cellen.td:
                geen_klein_aantal(tekst, f"{sleutel}?{variant} cel")
            for naam, grafiek in grafieken(pagina.content.decode()).items():
                for reeks in grafiek["reeksen"]:
                    for waarde, tekst in zip(reeks["waarden"], reeks["teksten"], strict=True):
                        geen_klein_aantal(tekst, f"{sleutel}?{variant} {naam}")
                        if grafiek["stap"] and waarde is not None:  # a chart of counts
                            geen_klein_aantal(int(waarde), f"{sleutel}?{variant} {naam}")
            gezien_geheim += sum(t == "." for t in cellen.td)
            for tabel in pagina.context["tabellen"]:
                kolommen, _rijen = tabel.rekentabel()
                # where each count column's value lands in the download (each number column is followed by
                # its markers), and those marker columns
                plek, aantal_kolommen, tekens_kolommen = 0, [], []
                for kolom in tabel.kolommen:
                    if kolom.getal and kolom.eenheid == "aantal":
                        aantal_kolommen.append(plek)
                    if kolom.getal:
                        tekens_kolommen.append(plek + 1)
                    plek += 2 if kolom.getal else 1
                csv = client.get(f"{url}?{variant}&tabel={tabel.sleutel}&formaat=csv")
                regels = [r.split(";") for r in csv.content.decode("utf-8-sig").splitlines()]
                assert regels[0] == kolommen
                xlsx = client.get(f"{url}?{variant}&tabel={tabel.sleutel}&formaat=xlsx")
                blad = list(load_workbook(io.BytesIO(xlsx.content)).worksheets[0].values)
                assert len(blad) == len(tabel.rijen) + 1
                for bron, rijen in (("csv", regels[1:len(blad)]), ("xlsx", blad[1:])):
                    for rij in rijen:
                        for i in aantal_kolommen:
                            geen_klein_aantal(rij[i], f"{sleutel}?{variant} {tabel.sleutel}.{bron}")
                            gezien_getal += 1
                        for i in tekens_kolommen:
                            geen_klein_aantal(rij[i] or "", f"{sleutel}?{variant} {tabel.sleutel}.{bron}")
                        for i, waarde in enumerate(rij):
                            # in the CSV every bare integer after the label is a count (decimals keep ",0")
                            if bron == "csv" and i and re.fullmatch(r"\d+", waarde) and len(waarde) < 4:
                                geen_klein_aantal(waarde, f"{sleutel}?{variant} {tabel.sleutel}.{bron}")
    assert gezien_geheim > 20 and gezien_getal > 1000  # the fixture did produce small and shown counts


def test_a_team_lead_sees_the_own_organisation_exactly_and_others_rounded(client, referentiedata, org, sluit, telling,
                                                                          regios):
    for code, aantal in (("VT02", 7), ("VT03", 7), ("VT04", 13)):
        telling(code, 2023, 1, aantal, gemeente=regios[code][0])
        sluit(code, 2023)
    client.force_login(GebruikerFactory(rol="teamleider", organisatie=org("VT02")))
    url = reverse("rapportage:analyse_regio") + "?van=2023&tot=2023&soort=advies&regio=VT02&regio=VT03&regio=VT04"
    rijen = {r[0].tekst: [c.waarde for c in r[1:]] for r in client.get(url).context["tabellen"][0].rijen}
    assert rijen[str(org("VT02"))] == [7]
    assert rijen[str(org("VT03"))] == ["."]
    assert rijen[str(org("VT04"))] == [15]
    assert rijen["Landelijk (3 volledige organisaties)"] == ["25 (a)"]  # 5 + 5 + 15: suppressed cells count as 5
    csv = client.get(url + "&tabel=aantallen_advies&formaat=csv").content.decode("utf-8-sig")
    assert f"{org('VT02')};7;" in csv and f"{org('VT03')};;." in csv  # the value, then its markers


@pytest.mark.parametrize("rol", ["intake", "beheer"])
def test_intake_and_beheer_are_refused(client, referentiedata, rol, org):
    client.force_login(GebruikerFactory(rol=rol, organisatie=None if rol == "beheer" else org("VT01")))
    assert client.get(reverse("rapportage:analyses")).status_code == 403
    for sleutel in PAGINAS:
        url = reverse(f"rapportage:analyse_{sleutel}")
        assert client.get(url).status_code == 403
        assert client.get(url + "?formaat=csv").status_code == 403
    assert client.post(reverse("rapportage:notitie_toevoegen"), {}).status_code == 403


@pytest.mark.parametrize("rol", ["teamleider", "gemeente"])
def test_team_leads_and_gemeente_users_get_every_page_also_without_data(client, referentiedata, rol):
    client.force_login(GebruikerFactory(rol=rol))
    assert client.get(reverse("rapportage:analyses")).status_code == 200
    for sleutel in PAGINAS:
        assert client.get(reverse(f"rapportage:analyse_{sleutel}")).status_code == 200


def test_an_invalid_filter_shows_the_error_and_no_figures(client, referentiedata, telling):
    telling("VT02", 2023, 1, 10)
    client.force_login(GebruikerFactory(rol="gemeente", organisatie=None))
    pagina = client.get(reverse("rapportage:analyse_landelijk") + "?van=2024&tot=2023")
    assert pagina.status_code == 400  # not the default view, which would show other figures
    assert "Het laatste jaar mag niet voor het eerste liggen." in pagina.content.decode()
    assert pagina.context["tabellen"] == []


def grafieken(html: str) -> dict[str, dict]:
    """The charts' data on a page: the JSON next to each canvas (json_script), by the canvas's id."""
    return {m[0]: json.loads(m[1]) for m in re.findall(
        r'<script id="(grafiek-[^"]+)-gegevens" type="application/json">(.*?)</script>', html, re.S)}


def test_charts_are_named_images_with_their_data_as_json_and_no_inline_code(client, kleine_aantallen):
    client.force_login(GebruikerFactory(rol="gemeente", organisatie=None))
    html = client.get(reverse("rapportage:analyse_landelijk") + "?van=2023&tot=2024").content.decode()
    canvassen = re.findall(r"<canvas [^>]*>", html)
    assert canvassen and len(canvassen) == len(grafieken(html))
    for canvas in canvassen:
        naam = re.search(r'id="([^"]+)"', canvas)[1]
        assert 'role="img"' in canvas and 'aria-label="' in canvas and 'tabindex="0"' in canvas
        assert f'aria-describedby="{naam}-beschrijving"' in canvas and f'id="{naam}-beschrijving"' in html
    per_jaar = grafieken(html)["grafiek-jaar"]
    assert per_jaar["labels"] == ["2023", "2024"] and per_jaar["eenheid"] == "aantal"
    assert [r["naam"] for r in per_jaar["reeksen"]] == ["Adviezen", "Meldingen"]
    assert per_jaar["stap"] >= 5  # no axis label of a count chart reads like a small count
    # the same colour for a soort in every chart
    kleuren = {r["naam"]: r["kleur"] for g in grafieken(html).values() for r in g["reeksen"]}
    assert kleuren["Adviezen"] != kleuren["Meldingen"]
    for g in grafieken(html).values():
        for r in g["reeksen"]:
            assert r["kleur"] == kleuren[r["naam"]]
    # only our own script files: the data is JSON, not code, and nothing carries a style attribute
    for script in re.findall(r"<script[^>]*>", html):
        assert "src=" in script or 'type="application/json"' in script, script
    assert " style=" not in html
