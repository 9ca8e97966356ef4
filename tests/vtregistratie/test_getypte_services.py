"""The registration services name every field: a misspelt field is an error at the call, never silently
dropped (it used to vanish into ``**gegevens``, and the record was stored without it)."""

import inspect
from datetime import date

import pytest

from adviezen.models import Advies
from adviezen.services import registreer_advies, wijzig_advies
from meldingen.models import Melding
from meldingen.services import registreer_melding, wijzig_melding
from tests.factories import AdviesFactory, GebruikerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def intake(referentiedata):
    return GebruikerFactory(rol="intake")


def test_a_misspelt_field_fails_at_the_call_and_stores_nothing(intake):
    with pytest.raises(TypeError, match="aanvulende_informatie"):
        registreer_advies(door=intake, startdatum=date(2025, 3, 10), gemeente="GM0363", beroepsmatig=True,
                          melder_organisatietype="huisarts", aard=["kindermishandeling"],
                          aanvulende_informatie=["huwelijksdwang"])
    with pytest.raises(TypeError, match="crisis"):
        registreer_melding(door=intake, ontvangstdatum=date(2025, 3, 10), gemeente="GM0363", beroepsmatig=True,
                           melder_organisatietype="politie", aard=["partnergeweld"], crisis=True)
    with pytest.raises(TypeError, match="duur"):
        wijzig_advies(advies=AdviesFactory(door=intake), door=intake, duur="tot_1_week")
    assert Advies.objects.count() == 1 and not Melding.objects.exists()


@pytest.mark.parametrize("service", [registreer_advies, registreer_melding, wijzig_advies, wijzig_melding])
def test_the_services_take_keyword_only_parameters(service):
    soorten = {p.kind for p in inspect.signature(service).parameters.values()}
    assert inspect.Parameter.POSITIONAL_OR_KEYWORD not in soorten
    if service in (registreer_advies, registreer_melding):
        assert inspect.Parameter.VAR_KEYWORD not in soorten
