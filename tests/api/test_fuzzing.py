"""API fuzzing with schemathesis, bounded: no 5xx, responses match the schema, bad input is a 400."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, settings
from schemathesis import checks

from config.wsgi import application
from tests.factories import GebruikerFactory, MeldingFactory

schema = schemathesis.openapi.from_dict(SchemaGenerator().get_schema(request=None, public=True))
schema.app = application


@pytest.fixture(autouse=True)
def _verbinding_open_houden():
    # Requests go in-process through WSGI; like Django's test client, keep the test's database
    # connection (and its transaction) open across them.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


# The least role that may call each part of the API: every operation is fuzzed past its permission check.
ROL_PER_DEEL = {"aanleveringen": "teamleider", "kwartalen": "teamleider", "analyses": "gemeente"}


def _rol(case) -> str:
    deel = case.operation.path.removeprefix("/api/v1/").split("/")[0]
    return ROL_PER_DEEL.get(deel, "intake")


@pytest.fixture
def tokens(referentiedata, api_sleutel):
    """An API key of an integration account per role."""
    MeldingFactory(door=GebruikerFactory(rol="intake"))  # something to read, update and delete
    return {rol: api_sleutel(rol=rol) for rol in ("intake", "teamleider", "gemeente")}


@pytest.fixture
def statussen():
    """The status codes one operation answered; shared by all generated requests of that operation (a
    function-scoped fixture lives as long as the test, not one example). An operation that only ever said
    401 or 403 was not fuzzed at all: that fails."""
    gezien = {}
    yield gezien
    for operatie, codes in gezien.items():
        assert not codes <= {401, 403}, f"{operatie}: every generated request was refused ({sorted(codes)})"


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_survives_generated_requests(case, tokens, statussen):
    # Authentication is tested on its own (test_registratie_api, test_toegang_alle_urls). Requests that
    # fit the schema may still break a domain rule (a gemeente that did not exist, a date before 2019):
    # that is a 400 by design, and an empty filter means "no filter"; so the data-acceptance checks are
    # off and everything else (no 5xx, documented status codes, content types and bodies) is on.
    response = case.call_and_validate(
        headers={"Authorization": f"Token {tokens[_rol(case)]}"},
        excluded_checks=[checks.ignored_auth, checks.positive_data_acceptance, checks.negative_data_rejection],
    )
    statussen.setdefault(case.operation.label, set()).add(response.status_code)
    assert response.status_code < 500
    if response.status_code >= 400:  # every error is JSON (the schema's content type check covers the shape)
        assert response.headers.get("content-type", [""])[0].startswith("application/json"), response.headers
