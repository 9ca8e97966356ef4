from datetime import date

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Sum

from kwartalen.models import VerouderdeSleutel
from rapportage.tellingen.models import Telling
from tests.factories import AdviesFactory, GebruikerFactory
from vtregistratie.models import Organisatie

pytestmark = pytest.mark.django_db


@pytest.fixture
def intake(referentiedata):
    return GebruikerFactory(rol="intake")


def test_herbereken_tellingen_for_one_organisation_and_range(intake, capsys):
    AdviesFactory(door=intake, startdatum=date(2025, 1, 10))
    AdviesFactory(door=intake, startdatum=date(2025, 7, 10))
    call_command("herbereken_tellingen", "--organisatie", "VT01", "--van", "2025-Q1", "--tot", "2025-Q2")
    assert "2 kwartalen herberekend" in capsys.readouterr().out
    assert Telling.objects.aggregate(n=Sum("aantal"))["n"] == 1  # Q3 is outside the range
    assert VerouderdeSleutel.objects.filter(jaar=2025, kwartaal=3).exists()


def test_herbereken_tellingen_refuses_bad_arguments(intake):
    with pytest.raises(CommandError, match="Onbekende organisatie"):
        call_command("herbereken_tellingen", "--organisatie", "VT99")
    with pytest.raises(CommandError, match="Ongeldig kwartaal"):
        call_command("herbereken_tellingen", "--van", "2025-Q5")


def test_controleer_tellingen_passes_and_then_names_the_mismatching_key(intake, capsys):
    AdviesFactory(door=intake, startdatum=date(2025, 1, 10))
    call_command("herbereken_tellingen", verbosity=0)
    call_command("controleer_tellingen")
    assert "kloppen" in capsys.readouterr().out
    Telling.objects.filter(organisatie=Organisatie.objects.get(code="VT01")).update(aantal=7)
    with pytest.raises(CommandError, match="afwijking"):
        call_command("controleer_tellingen")
    assert "VT01 2025-K1" in capsys.readouterr().out
