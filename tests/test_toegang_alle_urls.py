"""Walk every URL in the URLconf for every role and assert the expected outcome.

A new view must be given a category below, or this test fails: a view without a permission check
cannot slip in unnoticed.
"""

import re
from datetime import date

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from tests.factories import AdviesFactory, GebruikerFactory, MeldingFactory

pytestmark = pytest.mark.django_db

ROLLEN = ("anoniem", "intake", "teamleider", "gemeente", "beheer")

# category -> roles that may use it
TOEGESTAAN = {
    "open": set(ROLLEN),
    "ingelogd": {"intake", "teamleider", "gemeente", "beheer"},
    "registratie": {"intake", "teamleider"},
    "teamleider": {"teamleider"},
    "analyses": {"teamleider", "gemeente"},
    "beheer": {"beheer"},
    "superuser": set(),  # admin pages of technical models: none of the roles, a superuser only
}
POST_ALLEEN = {"logout"}

CATEGORIE = [
    (r"^(gezondheid|login|favicon)$", "open"),
    (r"^admin:(login|logout|jsi18n|view_on_site)$", "open"),
    (r"^admin:(index|app_list|vtregistratie_|rapportage_datakwaliteitnotitie)", "beheer"),
    (r"^admin:(password_change|auth_group_change)", "beheer"),  # own password; reading the role groups
    (r"^(home|logout)$", "ingelogd"),
    (r"^(adviezen|meldingen|diensten):", "registratie"),
    (r"^api:(adviezen|meldingen|casussen|diensten|overdrachten|monitoringen)", "registratie"),
    (r"^api:(definities|schema|docs)", "ingelogd"),
    (r"^rapportage:(kwartaal|kwartalen|aanlever|notitie)", "teamleider"),
    (r"^(kwartalen-api|aanleveringen-api):", "teamleider"),
    (r"^rapportage:(analyse|datakwaliteit)", "analyses"),
    (r"^api:analyse", "analyses"),
    (r"^admin:", "superuser"),
]


def categorie(naam: str) -> str | None:
    for patroon, cat in CATEGORIE:
        if re.search(patroon, naam):
            return cat
    return None


def alle_urls(patterns=None, prefix="", ns=None):
    for p in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(p, URLResolver):
            sub_ns = f"{ns}:{p.namespace}" if ns and p.namespace else (p.namespace or ns)
            yield from alle_urls(p.url_patterns, prefix + str(p.pattern), sub_ns)
        elif isinstance(p, URLPattern):
            yield (f"{ns}:{p.name}" if ns else p.name or "?"), prefix + str(p.pattern)


def test_every_url_has_a_category():
    zonder = [(naam, route) for naam, route in alle_urls() if categorie(naam) is None]
    assert zonder == [], "give these views a category (and a permission check)"


@pytest.fixture
def objecten(referentiedata):
    intake = GebruikerFactory(rol="intake")
    advies = AdviesFactory(door=intake, startdatum=date(2025, 2, 3))
    melding = MeldingFactory(door=intake, ontvangstdatum=date(2025, 2, 3))
    return {"advies": advies.pk, "melding": melding.pk, "casus": melding.casus_id}


def _invullen(naam: str, route: str, objecten: dict) -> str | None:
    pad = "/" + route.replace("^", "").replace("$", "").replace("\\Z", "")
    pad = pad.replace("<str:naam>", "landelijk")  # the analyses API
    if "(?P<" in pad or "<path:" in pad or "<str:" in pad:
        return None  # admin's own catch-all and app index routes are covered by their concrete pages
    pk = objecten["casus"] if "casus" in naam else objecten["melding"] if "melding" in naam else objecten["advies"]
    if not naam.startswith(("adviezen:", "meldingen:", "api:adviezen", "api:meldingen", "api:casussen")):
        pk = 999_999
    pad = re.sub(r"<int:pk>|<pk>", str(pk), pad)
    pad = pad.replace("<int:jaar>", "2025").replace("<int:kwartaal>", "1")
    pad = re.sub(r"<int:\w+>", "1", pad)
    return None if "<" in pad else pad


@pytest.mark.parametrize("rol", ROLLEN)
def test_every_url_gives_each_role_the_expected_outcome(client, objecten, rol):
    if rol != "anoniem":
        client.force_login(GebruikerFactory(rol=rol, is_staff=rol == "beheer",
                                            organisatie=None if rol in ("gemeente", "beheer") else
                                            GebruikerFactory._meta.declarations["organisatie"].function()))
    fouten = []
    for naam, route in alle_urls():
        pad = _invullen(naam, route, objecten)
        if pad is None:
            continue
        cat = categorie(naam)
        response = client.get(pad)
        if naam in POST_ALLEEN:
            if response.status_code != 405:
                fouten.append(f"{rol} got {response.status_code} for GET on POST-only {naam}")
            continue
        if cat == "open":
            if response.status_code >= 500:
                fouten.append(f"{rol} got {response.status_code} at {naam} {pad}")
            continue
        naar_login = response.status_code == 302 and any(w in response["Location"] for w in ("inloggen", "login"))
        if rol in TOEGESTAAN[cat]:
            if response.status_code in (401, 403) or naar_login:
                fouten.append(f"{rol} refused at {naam} {pad}: {response.status_code}")
        elif rol == "anoniem":
            if not (naar_login or response.status_code in (401, 403)):
                fouten.append(f"anonymous not sent to login at {naam} {pad}: {response.status_code}")
        elif cat in ("beheer", "superuser"):
            # Staff without the model permission get 403; everyone else is sent to the admin login.
            verwacht = response.status_code == 403 if rol == "beheer" else naar_login
            if not verwacht:
                fouten.append(f"{rol} reached the admin at {naam} {pad}: {response.status_code}")
        elif response.status_code != 403:
            fouten.append(f"{rol} not refused at {naam} {pad}: {response.status_code}")
    assert not fouten, "\n".join(fouten)
