"""Dutch error pages (and JSON under /api/) for 400, 403, 404, 413 and 500, in every mode the README starts;
never Django's technical pages, which list every URL."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import GebruikerFactory

ROOT = Path(__file__).resolve().parents[2]
TECHNISCH = ("URLconf", "Traceback", "Using the URLconf", "Page not found", "Bad Request", "Server Error")

pytestmark = pytest.mark.django_db


def _pagina(response, status: int, kop: str) -> str:
    tekst = response.content.decode()
    assert response.status_code == status
    assert response["Content-Type"].startswith("text/html")
    assert kop in tekst and 'lang="nl"' in tekst
    assert not any(woord in tekst for woord in TECHNISCH)
    return tekst


def test_404_page_and_json(client):
    _pagina(client.get("/bestaat-niet/"), 404, "Niet gevonden")
    antwoord = client.get("/api/v1/bestaat-niet/")
    assert (antwoord.status_code, antwoord.json()) == (404, {"detail": "Niet gevonden."})


def test_403_page(client, referentiedata):
    client.force_login(GebruikerFactory(rol="gemeente"))
    _pagina(client.get(reverse("adviezen:lijst")), 403, "Geen toegang")


def test_400_page_and_json_for_a_bad_host():
    client = Client(HTTP_HOST="aanvaller.example")
    _pagina(client.get("/inloggen/"), 400, "Verzoek niet verwerkt")
    antwoord = client.get("/api/v1/definities/")
    assert antwoord.status_code == 400 and antwoord["Content-Type"] == "application/json"
    assert antwoord.json() == {"detail": "Dit verzoek kan niet worden verwerkt. Er is niets opgeslagen."}


def test_413_page_for_a_form_post_over_the_limit(client, referentiedata, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    client.force_login(GebruikerFactory(rol="intake"))
    response = client.post(reverse("adviezen:nieuw"), {"aanvullende_informatie": "x" * 2000})
    assert "te groot" in _pagina(response, 413, "Verzoek niet verwerkt")


def test_500_page_and_json(settings):
    settings.ROOT_URLCONF = "tests.vtregistratie.urls_met_fout"
    client = Client(raise_request_exception=False)
    _pagina(client.get("/kapot/"), 500, "Er ging iets mis")
    antwoord = client.get("/api/v1/kapot/")
    assert antwoord.status_code == 500
    assert antwoord.json() == {"detail": "Er is een fout opgetreden op de server. Probeert u het later opnieuw."}


def _makefile_omgeving() -> dict[str, str]:
    """The environment `make run` gives its processes, read from the Makefile itself."""
    uitvoer = subprocess.run(["make", "-n", "-B", "run"], cwd=ROOT, capture_output=True, text=True, timeout=60).stdout
    regel = next(r for r in uitvoer.splitlines() if "honcho" in r)
    omgeving = {}
    for woord in regel.split():
        if "=" in woord and woord.split("=")[0].isupper():
            naam, waarde = woord.split("=", 1)
            omgeving[naam] = subprocess.run(["bash", "-c", f"echo {waarde}"], capture_output=True, text=True,
                                            env={}).stdout.strip()
    return omgeving


def test_make_run_serves_the_dutch_404_without_a_url_list(tmp_path):
    omgeving = _makefile_omgeving()
    assert omgeving["DEBUG"] == "false" and omgeving["DEMO_MODE"] == "true"
    env = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "SECRET_KEY", "DJANGO_SETTINGS_MODULE",
                                                             "DJANGO_ALLOW_ASYNC_UNSAFE")}
    script = (
        "from django.conf import settings; from django.test import Client; "
        "r = Client(HTTP_HOST='127.0.0.1').get('/bestaat-niet/'); "
        "print(settings.DEBUG, r.status_code, 'URLconf' in r.content.decode(), 'Niet gevonden' in r.content.decode())"
    )
    uit = subprocess.run([sys.executable, "manage.py", "shell", "-c", script], cwd=ROOT, capture_output=True,
                         text=True, timeout=120, env={**env, **omgeving,
                                                      "DATABASE_URL": f"sqlite:///{tmp_path / 'demo.sqlite3'}"})
    assert uit.stdout.split()[-4:] == ["False", "404", "False", "True"], uit.stdout + uit.stderr
