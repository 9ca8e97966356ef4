import pytest
from rest_framework.test import APIClient

from tests.factories import GebruikerFactory


@pytest.fixture
def intake(referentiedata):
    return GebruikerFactory(rol="intake")


@pytest.fixture
def api(intake):
    """An API client logged in as the intake user of VT01."""
    client = APIClient()
    client.force_authenticate(intake)
    return client
