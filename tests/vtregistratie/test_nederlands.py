"""Dutch everywhere, and the rough edges of a first run: the admin, the browsable API, the icon, the console."""

import logging
import re

import pytest
from django.contrib.staticfiles import finders
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from rest_framework.views import APIView, get_view_name

from tests.factories import GebruikerFactory
from vtregistratie.api.weergave import view_naam

pytestmark = pytest.mark.django_db


@pytest.fixture
def beheerder(client, referentiedata):
    client.force_login(GebruikerFactory(rol="beheer", organisatie=None, is_staff=True, is_superuser=True))
    return client


def test_the_admin_speaks_dutch_also_where_django_has_no_translation(beheerder):
    html = beheerder.get(reverse("admin:vtregistratie_gebruiker_add")).content.decode()
    assert "Nadat u een gebruiker heeft aangemaakt, kunt u meer gebruikersopties bewerken." in html
    assert "After you" not in html
    js = beheerder.get(reverse("admin:jsi18n")).content.decode()
    assert '"Alle %s kiezen"' in js and '"Geselecteerde %s verwijderen"' in js  # the group selector's buttons


def _api_views(patronen=None, prefix=""):
    for patroon in patronen if patronen is not None else get_resolver().url_patterns:
        if isinstance(patroon, URLResolver):
            yield from _api_views(patroon.url_patterns, prefix + str(patroon.pattern))
        elif isinstance(patroon, URLPattern) and (prefix + str(patroon.pattern)).startswith("api/"):
            cls = getattr(patroon.callback, "cls", None)
            if cls is not None and issubclass(cls, APIView):
                yield prefix + str(patroon.pattern), cls, getattr(patroon.callback, "initkwargs", {})


def test_every_browsable_api_page_has_a_dutch_title():
    gezien = 0
    for pad, cls, initkwargs in _api_views():
        if cls.__module__.startswith("drf_spectacular"):
            continue  # the schema and its documentation page name themselves
        view = cls(**initkwargs)
        naam = view_naam(view)
        assert naam != get_view_name(view) or initkwargs.get("name"), (pad, naam)
        assert not re.search(r"\b(List|Instance|Api|View|Viewset)\b", naam), (pad, naam)
        gezien += 1
    assert gezien >= 15


def test_the_browsable_api_shows_the_dutch_title_and_description(client, referentiedata):
    client.force_login(GebruikerFactory(rol="intake"))
    html = client.get("/api/v1/adviezen/", HTTP_ACCEPT="text/html").content.decode()
    assert "<h1>Adviezen</h1>" in html and "De adviezen van uw organisatie" in html
    assert "Advies List" not in html
    html = client.get("/api/v1/definities/", HTTP_ACCEPT="text/html").content.decode()
    assert "<h1>Definities</h1>" in html


def test_favicon_on_every_page(client, referentiedata):
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"].endswith("img/favicon.ico")
    assert finders.find("img/favicon.ico") and finders.find("img/favicon.svg")
    client.force_login(GebruikerFactory(rol="intake"))
    assert 'rel="icon"' in client.get(reverse("home")).content.decode()


def test_an_ordinary_403_logs_one_line_without_a_traceback(client, referentiedata, caplog):
    client.force_login(GebruikerFactory(rol="gemeente", organisatie=None))
    with caplog.at_level(logging.WARNING, logger="django.request"):
        assert client.get(reverse("adviezen:lijst")).status_code == 403
    (record,) = [r for r in caplog.records if r.name == "django.request"]
    console = next(h for h in logging.getLogger().handlers if h.get_name() == "console")
    assert console.filter(record)
    regel = console.format(record)
    assert "Forbidden (Permission denied): /adviezen/" in regel and "Traceback" not in regel
