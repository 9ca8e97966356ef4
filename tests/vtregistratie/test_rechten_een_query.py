"""The permission lookups of one request cost one query: the user is loaded with its organisation and role
names, and every rule (and the navigation's checks) is answered from those."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from tests.factories import GebruikerFactory

pytestmark = pytest.mark.django_db

# What a permission lookup reads: the user, its roles and their permissions, its API key, or its organisation
# loaded on its own.
RECHTEN_TABELLEN = re.compile(r'FROM "(vtregistratie_gebruiker\w*|auth_group\w*|auth_permission|authtoken_\w*|'
                              r'vtregistratie_koppelsleutel|knox_\w*)"|'
                              r'FROM "vtregistratie_organisatie" WHERE "vtregistratie_organisatie"."id" = ')


def _rechtenqueries(doe) -> list[str]:
    with CaptureQueriesContext(connection) as vastgelegd:
        antwoord = doe()
    assert antwoord.status_code == 200, antwoord.status_code
    return [q["sql"] for q in vastgelegd if RECHTEN_TABELLEN.search(q["sql"])]


@pytest.mark.parametrize(("rol", "pad"), [
    ("intake", "/"), ("intake", "/adviezen/"), ("intake", "/meldingen/"),
    ("teamleider", "/rapportage/kwartalen/"), ("teamleider", "/meldingen/"),
    ("gemeente", "/rapportage/analyses/"),
])
def test_a_page_loads_user_roles_and_organisation_in_one_query(client, referentiedata, rol, pad):
    client.force_login(GebruikerFactory(rol=rol, organisatie=None if rol == "gemeente" else
                                        GebruikerFactory._meta.declarations["organisatie"].function()))
    queries = _rechtenqueries(lambda: client.get(pad))
    assert len(queries) == 1, queries


@pytest.mark.parametrize("pad", ["/api/v1/adviezen/", "/api/v1/meldingen/", "/api/v1/definities/"])
def test_an_api_request_with_a_session_loads_them_in_one_query(referentiedata, pad):
    api = APIClient()
    api.force_login(GebruikerFactory(rol="intake"))
    assert len(_rechtenqueries(lambda: api.get(pad))) == 1


def test_an_api_request_with_a_key_loads_them_in_one_query(referentiedata, api_sleutel):
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {api_sleutel(rol='intake')}")
    api.get("/api/v1/adviezen/")  # the first use is recorded once
    queries = _rechtenqueries(lambda: api.get("/api/v1/adviezen/"))
    assert len(queries) == 1, queries
