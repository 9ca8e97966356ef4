"""The analyses through the API: the same figures as the pages, with the same disclosure control."""

import pytest
from rest_framework.test import APIClient

from rapportage.analyses.views import PAGINAS
from tests.factories import GebruikerFactory

pytestmark = pytest.mark.django_db


def _api(gebruiker) -> APIClient:
    client = APIClient()
    client.force_authenticate(gebruiker)
    return client


def test_a_gemeente_user_never_receives_a_count_from_1_to_9_through_the_api(kleine_aantallen, geen_klein_aantal,
                                                                           varianten):
    api = _api(GebruikerFactory(rol="gemeente", organisatie=None))
    assert {a["analyse"] for a in api.get("/api/v1/analyses/").json()} == set(PAGINAS)
    geheim = getallen = 0
    for naam in PAGINAS:
        for variant in varianten:
            # the API refuses a parameter the analysis does not have; the page ignores it
            variant = "&".join(p for p in variant.split("&") if p.split("=")[0] in PAGINAS[naam].velden)
            antwoord = api.get(f"/api/v1/analyses/{naam}/?{variant}")
            assert antwoord.status_code == 200, (naam, variant)
            data = antwoord.json()
            assert data["exact_voor_eigen_organisatie"] is False
            for tabel in data["tabellen"]:
                for rij in tabel["rijen"]:
                    for waarde in rij[1:]:
                        geen_klein_aantal(waarde, f"api {naam}?{variant} {tabel['sleutel']}")
                        geheim += waarde == "."
                        getallen += isinstance(waarde, int)
    assert geheim > 20 and getallen > 100  # the fixture did produce small and shown counts


def test_the_api_gives_the_same_table_as_the_csv_download(client, kleine_aantallen):
    gebruiker = GebruikerFactory(rol="gemeente", organisatie=None)
    data = _api(gebruiker).get("/api/v1/analyses/landelijk/").json()
    tabel = data["tabellen"][0]
    client.force_login(gebruiker)
    csv = client.get(f"/rapportage/analyses/landelijk/?tabel={tabel['sleutel']}&formaat=csv")
    regels = csv.content.decode("utf-8-sig").splitlines()
    # the download has each number column's markers in a column of their own
    kolommen = [k for k in regels[0].split(";") if not k.endswith(" (tekens)")]
    assert kolommen == tabel["kolommen"]
    assert regels.index("") - 1 == len(tabel["rijen"])


@pytest.mark.parametrize("rol", ["intake", "beheer"])
def test_roles_without_analyses_get_403(referentiedata, rol):
    api = _api(GebruikerFactory(rol=rol))
    assert api.get("/api/v1/analyses/").status_code == 403
    assert api.get("/api/v1/analyses/landelijk/").status_code == 403


def test_an_unknown_analysis_is_a_404(referentiedata):
    assert _api(GebruikerFactory(rol="teamleider")).get("/api/v1/analyses/bestaat-niet/").status_code == 404
