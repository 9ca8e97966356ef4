import pytest


@pytest.fixture(autouse=True)
def _axes_off_unless_asked(settings, request):
    # django-axes needs a request on authenticate(); tests log in with force_login, and the
    # throttling test switches axes back on explicitly.
    settings.AXES_ENABLED = "axes" in request.keywords


@pytest.fixture(scope="session")
def referentiedata(django_db_setup, django_db_blocker):
    """The shipped reference data, loaded once for the whole test session."""
    from vtregistratie.services.referentiedata import laad_referentiedata

    with django_db_blocker.unblock():
        laad_referentiedata()


@pytest.fixture
def referentiedata_tx(transactional_db):
    """Reference data for tests that commit for real (a worker process must see it).

    pytest-django runs such tests after all others and empties the database after each one,
    so they load it themselves."""
    from vtregistratie.services.referentiedata import laad_referentiedata

    laad_referentiedata()
