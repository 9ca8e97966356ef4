from html.parser import HTMLParser

import pytest
from rest_framework.test import APIClient


def _basisgegevens():
    """Data that migrations create (role groups) plus the shipped reference data.

    Both are loaded idempotently: pytest-django empties the database after each transactional test,
    and with --reuse-db the next run starts from that emptied database."""
    from django.apps import apps

    from vtregistratie.roles import synchroniseer_rollen
    from vtregistratie.services.referentiedata import laad_referentiedata

    synchroniseer_rollen(apps)
    laad_referentiedata()


@pytest.fixture(autouse=True)
def _lege_cache():
    # Tests write counts directly, not through a recompute, so the analysis cache's version would not
    # change between tests: every test starts with an empty cache.
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _axes_off_unless_asked(settings, request):
    # django-axes needs a request on authenticate(); tests log in with force_login, and the
    # throttling test switches axes back on explicitly.
    settings.AXES_ENABLED = "axes" in request.keywords


@pytest.fixture(scope="session")
def _basis(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        _basisgegevens()


def pytest_collection_modifyitems(items):
    # Tests that use the database get the base data, set up first, outside their transaction. Tests
    # that do not keep running without a database (pytest-django creates none for a run without them).
    for item in items:
        fixtures = getattr(item, "fixturenames", None)
        if fixtures is None:
            continue
        if item.get_closest_marker("django_db") or {"db", "transactional_db"} & set(fixtures):
            fixtures.insert(0, "_basis")


@pytest.fixture
def referentiedata(_basis):
    """The shipped reference data (loaded once for the session, outside the tests' transactions)."""


@pytest.fixture
def vervang_referentiedata(referentiedata):
    """Replace every row of a reference-data table (inhabitants, urbanisation, …) with the given unsaved rows.

    As the loader does: one DELETE and one bulk INSERT, then one ``referentiedata_gewijzigd``. A queryset
    ``delete()`` would fetch the shipped thousands of rows and write an audit entry (and a cache version) per row."""
    from django.db import connection

    from vtregistratie.signals import referentiedata_gewijzigd

    def vervang(model, rijen) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)}")  # noqa: S608 - our table
        model.objects.bulk_create(rijen)
        referentiedata_gewijzigd.send(sender=vervang)

    return vervang


@pytest.fixture
def referentiedata_tx(transactional_db):
    """Reference data for tests that commit for real (a worker process must see it).

    pytest-django runs such tests after all others and empties the database after each one,
    so they load it themselves."""
    _basisgegevens()


@pytest.fixture
def api_sleutel(referentiedata):
    """Make an integration account with a role at an organisation and return its API key (plain text)."""

    def maak(*, rol: str = "intake", organisatie: str = "VT01") -> str:
        from tests.factories import GebruikerFactory
        from vtregistratie.models import Organisatie
        from vtregistratie.services.sleutels import maak_sleutel

        koppeling = GebruikerFactory(rol=rol, organisatie=Organisatie.objects.get(code=organisatie), is_koppeling=True,
                                     password="!")  # an unusable password: never signs in on the screens
        beheer = GebruikerFactory(rol="beheer", organisatie=None, is_staff=True)
        return maak_sleutel(koppeling=koppeling, door=beheer, omschrijving="test")[1]

    return maak


class Pagina(HTMLParser):
    """A rendered page: every element's attributes, by id and in order, and the text inside elements with an id."""

    LEEG = {"input", "br", "hr", "img", "link", "meta", "source", "area", "base", "col", "wbr"}

    def __init__(self, html: str):
        super().__init__()
        self.html = html
        self.elementen: list[dict] = []
        self.op_id: dict[str, dict] = {}
        self._open: list[dict] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        element = {"tag": tag, **{k: (v if v is not None else "") for k, v in attrs}, "tekst": ""}
        self.elementen.append(element)
        if "id" in element:
            self.op_id[element["id"]] = element
        if tag not in self.LEEG:
            self._open.append(element)

    def handle_endtag(self, tag):
        for i in range(len(self._open) - 1, -1, -1):
            if self._open[i]["tag"] == tag:
                del self._open[i:]
                break

    def handle_data(self, data):
        for element in self._open:
            element["tekst"] += data

    def __getitem__(self, element_id: str) -> dict:
        return self.op_id[element_id]

    def tekst(self, element_id: str) -> str:
        return " ".join(self.op_id[element_id]["tekst"].split())

    def alle(self, tag: str, **attrs) -> list[dict]:
        return [e for e in self.elementen if e["tag"] == tag and all(e.get(k) == v for k, v in attrs.items())]

    def links(self) -> list[str]:
        return [e["href"] for e in self.alle("a") if "href" in e]

    def gekozen(self, naam: str) -> list[str]:
        """The values of the checked boxes/radios or the selected options of a field."""
        waarden = [e["value"] for e in self.alle("input", name=naam) if "checked" in e]
        select = next((e for e in self.alle("select", name=naam)), None)
        if select is not None:
            begin = self.elementen.index(select)
            for e in self.elementen[begin + 1:]:
                if e["tag"] == "select":
                    break
                if e["tag"] == "option" and "selected" in e:
                    waarden.append(e["value"])
        return waarden


@pytest.fixture
def pagina():
    """A rendered response as a ``Pagina``: its elements by id and in order."""

    def pagina(response) -> Pagina:
        return Pagina(response.content.decode())

    return pagina


@pytest.fixture
def berichten():
    """The Django messages a response shows."""

    def berichten(response) -> list[str]:
        return [str(m) for m in response.context["messages"]] if response.context else []

    return berichten


@pytest.fixture
def api_als():
    """An API client logged in as ``gebruiker`` (session authentication, as the browser's API calls)."""

    def api_als(gebruiker) -> APIClient:
        client = APIClient()
        client.force_authenticate(gebruiker)
        return client

    return api_als
