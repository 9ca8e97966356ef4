"""Strict filters: an unknown or impossible filter value is an error naming the parameter — a JSON 400 in the API,
a form error on the page — and never the default view (which would silently show other figures).

Shown failing before the change: on the previous main every request below answered 200 with the national view
(analyses) or with every row (lists).
"""

import re
from datetime import date

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from tests.factories import GebruikerFactory, MeldingFactory

pytestmark = pytest.mark.django_db

ENGELS = re.compile(r"\b(valid|Select|Enter|Must be|choice)\b")

ANALYSE_FOUTEN = [
    ("landelijk", "regio=VT99", "regio"),
    ("landelijk", "soort=bakker", "soort"),
    ("landelijk", "melder_groep=x", "melder_groep"),
    ("landelijk", "van=2024&tot=2023", "tot"),  # both years exist, in the wrong order
    ("landelijk", "van=tweeduizend", "van"),
    ("landelijk", "van=1850", "van"),
    ("regio", "indeling=1700", "indeling"),
    ("vergelijking", "basisjaar=abc", "basisjaar"),
]


@pytest.fixture
def jaren(telling):
    """Counts from 2022, so 2022 up to this year are years one may choose."""
    telling("VT02", 2022, 1, 12)


def _api(gebruiker) -> APIClient:
    client = APIClient()
    client.force_authenticate(gebruiker)
    return client


def _nederlands(berichten: list[str]) -> None:
    assert berichten and all(isinstance(b, str) and b for b in berichten)
    assert not any(ENGELS.search(b) for b in berichten), berichten


@pytest.mark.parametrize(("analyse", "query", "parameter"), ANALYSE_FOUTEN)
def test_the_analysis_api_answers_400_naming_the_parameter(jaren, analyse, query, parameter):
    antwoord = _api(GebruikerFactory(rol="gemeente", organisatie=None)).get(f"/api/v1/analyses/{analyse}/?{query}")
    assert antwoord.status_code == 400
    assert antwoord["Content-Type"].startswith("application/json")
    _nederlands(antwoord.json()[parameter])


def test_the_analysis_api_refuses_a_parameter_the_analysis_does_not_have(jaren):
    api = _api(GebruikerFactory(rol="gemeente", organisatie=None))
    antwoord = api.get("/api/v1/analyses/landelijk/?regoi=VT01&indeling=2024")
    assert antwoord.status_code == 400
    assert set(antwoord.json()) == {"regoi", "indeling"}
    assert api.get("/api/v1/analyses/landelijk/?regio=VT01&regio=VT02&melder_groep=politie").status_code == 200


@pytest.mark.parametrize(("analyse", "query", "parameter"), ANALYSE_FOUTEN)
def test_the_analysis_page_shows_the_error_and_no_figures(client, jaren, analyse, query, parameter):
    client.force_login(GebruikerFactory(rol="gemeente", organisatie=None))
    pagina = client.get(reverse(f"rapportage:analyse_{analyse}") + f"?{query}")
    assert pagina.status_code == 400
    assert parameter in pagina.context["form"].errors
    assert pagina.context["tabellen"] == [] and pagina.context["analyse"] is None
    assert 'class="veld veld-met-fout"' in pagina.content.decode()
    # a download with a bad filter is no file either
    download = client.get(reverse(f"rapportage:analyse_{analyse}") + f"?{query}&formaat=csv")
    assert download.status_code == 400 and not download["Content-Type"].startswith("text/csv")


def test_an_unknown_download_format_or_table_is_an_error(client, jaren):
    client.force_login(GebruikerFactory(rol="gemeente", organisatie=None))
    url = reverse("rapportage:analyse_landelijk")
    assert client.get(url + "?formaat=pdf").status_code == 400
    assert client.get(url + "?formaat=csv&tabel=bestaat_niet").status_code == 400
    assert client.get(url + "?formaat=csv&tabel=jaar")["Content-Type"].startswith("text/csv")


@pytest.fixture
def intake(referentiedata):
    gebruiker = GebruikerFactory(rol="intake")
    MeldingFactory(door=gebruiker, ontvangstdatum=date(2025, 1, 6), acute_onveiligheid=True)
    MeldingFactory(door=gebruiker, ontvangstdatum=date(2025, 2, 6))
    return gebruiker


LIJST_FOUTEN = [
    ("/api/v1/meldingen/", "crisis=maybe", "crisis"),
    ("/api/v1/meldingen/", "melder_groep=x", "melder_groep"),
    ("/api/v1/meldingen/", "van=2025-02-01&tot=2025-01-01", "tot"),
    ("/api/v1/meldingen/", "beoordeling=bakker", "beoordeling"),
    ("/api/v1/meldingen/", "van=gisteren", "van"),
    ("/api/v1/adviezen/", "gemeente=GM9999", "gemeente"),
    ("/api/v1/casussen/", "open=misschien", "open"),
]


@pytest.mark.parametrize(("pad", "query", "parameter"), LIJST_FOUTEN)
def test_a_list_endpoint_answers_400_naming_the_filter(intake, pad, query, parameter):
    antwoord = _api(intake).get(f"{pad}?{query}")
    assert antwoord.status_code == 400
    _nederlands(antwoord.json()[parameter])


def test_valid_list_filters_still_filter(intake):
    api = _api(intake)
    assert api.get("/api/v1/meldingen/?crisis=true").json()["count"] == 1
    assert api.get("/api/v1/meldingen/?crisis=false").json()["count"] == 1
    assert api.get("/api/v1/meldingen/?crisis=").json()["count"] == 2
    assert api.get("/api/v1/meldingen/?van=2025-01-01&tot=2025-01-31").json()["count"] == 1


@pytest.mark.parametrize(("pagina", "query", "parameter"), [
    ("meldingen:lijst", "crisis=maybe", "crisis"), ("meldingen:lijst", "van=2025-02-01&tot=2025-01-01", "tot"),
    ("adviezen:lijst", "melder_groep=x", "melder_groep"),
])
def test_a_list_page_shows_the_error_and_no_rows(client, intake, pagina, query, parameter):
    client.force_login(intake)
    antwoord = client.get(reverse(pagina) + f"?{query}")
    assert antwoord.status_code == 400
    assert parameter in antwoord.context["filter"].form.errors
    assert len(antwoord.context["tabel"].rows) == 0
    assert len(client.get(reverse(pagina)).context["tabel"].rows) == (2 if pagina.startswith("meldingen") else 0)


def test_the_schema_types_the_filters(referentiedata):
    schema = _api(GebruikerFactory(rol="gemeente", organisatie=None)).get("/api/v1/schema/?format=json").json()
    parameters = {p["name"]: p["schema"] for p in schema["paths"]["/api/v1/analyses/{naam}/"]["get"]["parameters"]}
    assert parameters["soort"]["enum"] == ["advies", "melding"]
    assert parameters["melder_groep"]["type"] == "array"
    assert set(parameters["melder_groep"]["items"]["enum"]) == {"politie", "overige_professional", "niet_professional"}
    assert parameters["regio"]["type"] == "array" and parameters["van"]["type"] == "integer"
    assert "400" in schema["paths"]["/api/v1/analyses/{naam}/"]["get"]["responses"]
    lijst = {p["name"]: p["schema"] for p in schema["paths"]["/api/v1/meldingen/"]["get"]["parameters"]}
    assert lijst["crisis"]["type"] == "boolean"
    assert set(lijst["melder_groep"]["enum"]) == {"politie", "overige_professional", "niet_professional"}
