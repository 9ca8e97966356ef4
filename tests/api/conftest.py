import pytest

from tests.factories import GebruikerFactory


@pytest.fixture
def intake(referentiedata):
    return GebruikerFactory(rol="intake")


@pytest.fixture
def api(api_als, intake):
    """An API client logged in as the intake user of VT01."""
    return api_als(intake)
