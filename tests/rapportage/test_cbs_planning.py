"""The scheduled CBS delivery (beat) and the command: eligible organisations only, only once."""

import io
from datetime import date

import pytest
import time_machine
from celery.schedules import crontab
from django.core.management import CommandError, call_command

from config.celery import app
from rapportage.cbs import selectors
from rapportage.cbs.models import Aanlevering
from rapportage.cbs.periode import Halfjaar
from rapportage.cbs.services import maak_aanlevering, maak_geplande_aanleveringen
from rapportage.tellingen.services.kwartalen import zet_kwartaal_door
from tests.factories import AdviesFactory, GebruikerFactory
from vtregistratie.models import Organisatie

H1 = Halfjaar(2025, 1)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_the_beat_schedule_runs_the_delivery_job_daily():
    app.loader.import_default_modules()
    (entry,) = [e for e in app.conf.beat_schedule.values() if e["task"] == "rapportage.maak_geplande_aanleveringen"]
    assert entry["task"] in app.tasks
    assert isinstance(entry["schedule"], crontab) and entry["schedule"].hour == {6}


def test_the_creation_day_is_the_first_working_day_after_the_half_year_by_default(settings):
    assert selectors.aanmaakdatum(Halfjaar(2025, 1)) == date(2025, 7, 1)  # a Tuesday
    assert selectors.aanmaakdatum(Halfjaar(2025, 2)) == date(2026, 1, 2)  # New Year's Day is a holiday
    assert selectors.aanmaakdatum(Halfjaar(2026, 1)) == date(2026, 7, 1)
    settings.CBS_AANLEVERING_WERKDAG = 3
    assert selectors.aanmaakdatum(Halfjaar(2025, 2)) == date(2026, 1, 6)  # Fri 2, Mon 5, Tue 6


def _teamleider(code: str):
    return GebruikerFactory(rol="teamleider", organisatie=Organisatie.objects.get(code=code))


def _sluit(leider, *kwartalen):
    for kw in kwartalen:
        zet_kwartaal_door(organisatie=leider.organisatie, kwartaal=kw, door=leider, naar="voorlopig")


@pytest.mark.django_db
class TestGeplandeAanmaak:
    @pytest.fixture
    def leiders(self, referentiedata):
        vt01, vt18, vt20 = _teamleider("VT01"), _teamleider("VT18"), _teamleider("VT20")
        AdviesFactory(door=GebruikerFactory(rol="intake"), startdatum=date(2025, 5, 5))
        _sluit(vt01, *H1.kwartalen)  # both quarters closed: eligible
        _sluit(vt18, H1.kwartalen[0])  # only the first: not eligible
        _sluit(vt20, *H1.kwartalen)
        zet_kwartaal_door(organisatie=vt20.organisatie, kwartaal=H1.kwartalen[0], door=vt20, naar="definitief")
        return vt01, vt18, vt20

    def test_creates_and_validates_for_eligible_organisations_only_and_only_once(self, leiders):
        vt01, vt18, _ = leiders
        assert maak_geplande_aanleveringen(vandaag=date(2025, 6, 30)) == []  # the half-year has not ended
        gemaakt = maak_geplande_aanleveringen(vandaag=date(2025, 7, 1))
        assert sorted(a.organisatie.code for a in gemaakt) == ["VT01", "VT20"]
        assert {(a.versie, a.aanleiding, a.status) for a in gemaakt} == {(1, "gepland", "gevalideerd")}
        assert Aanlevering.objects.get(organisatie=vt01.organisatie).aantal_adviezen == 1

        assert maak_geplande_aanleveringen(vandaag=date(2025, 7, 2)) == []  # idempotent
        assert Aanlevering.objects.count() == 2

        _sluit(vt18, H1.kwartalen[1])  # VT18 closes late: picked up by the next daily run
        (later,) = maak_geplande_aanleveringen(vandaag=date(2025, 7, 3))
        assert later.organisatie == vt18.organisatie
        assert Aanlevering.objects.count() == 3

    def test_an_existing_manual_delivery_is_not_duplicated(self, leiders):
        vt01 = leiders[0]
        maak_aanlevering(organisatie=vt01.organisatie, halfjaar=H1, door=vt01)
        gemaakt = maak_geplande_aanleveringen(vandaag=date(2025, 7, 1))
        assert [a.organisatie.code for a in gemaakt] == ["VT20"]
        assert Aanlevering.objects.filter(organisatie=vt01.organisatie).count() == 1
        assert maak_aanlevering(organisatie=vt01.organisatie, halfjaar=H1, alleen_als_ontbreekt=True) is None

    def test_the_task_runs_the_service(self, leiders):
        from rapportage.cbs.tasks import maak_geplande_aanleveringen_taak

        with time_machine.travel(date(2025, 7, 1)):
            ids = maak_geplande_aanleveringen_taak.apply().get()
        assert sorted(ids) == sorted(Aanlevering.objects.values_list("pk", flat=True)) and len(ids) == 2


@pytest.mark.django_db
class TestCommando:
    def test_makes_and_validates_a_delivery_then_a_correction(self, referentiedata):
        leider = _teamleider("VT01")
        AdviesFactory(door=GebruikerFactory(rol="intake"), startdatum=date(2025, 2, 5))
        _sluit(leider, *H1.kwartalen)
        uit = io.StringIO()
        call_command("maak_aanlevering", organisatie="VT01", periode="2025-H1", stdout=uit, stderr=io.StringIO())
        assert "Gevalideerd: geen problemen." in uit.getvalue()
        call_command("maak_aanlevering", organisatie="vt01", periode="2025H1", stdout=io.StringIO(),
                     stderr=io.StringIO())
        assert list(Aanlevering.objects.order_by("versie").values_list("versie", "status", "aanleiding")) == [
            (1, "vervangen", "commando"), (2, "gevalideerd", "commando")]

    def test_writes_the_aggregate(self, referentiedata, tmp_path):
        leider = _teamleider("VT01")
        for dag in range(1, 12):
            AdviesFactory(door=GebruikerFactory(rol="intake"), startdatum=date(2025, 2, dag))
        from rapportage.tellingen.services.herberekening import herbereken_verouderde

        herbereken_verouderde()
        _sluit(leider, *H1.kwartalen)
        pad = tmp_path / "aggregaat.csv"
        call_command("maak_aanlevering", periode="2025-H1", aggregaat=str(pad), stderr=io.StringIO())
        assert "2025HJ01;VT01;advies;totaal;totaal;totaal;totaal;totaal;10" in pad.read_text().splitlines()

    def test_refuses_bad_input(self, referentiedata):
        with pytest.raises(CommandError):
            call_command("maak_aanlevering", organisatie="VT99", periode="2025-H1")
        with pytest.raises(CommandError):
            call_command("maak_aanlevering", organisatie="VT01", periode="2025-K1")
        with pytest.raises(CommandError, match="voorlopig of definitief"):
            call_command("maak_aanlevering", organisatie="VT01", periode="2024-H2", stderr=io.StringIO())
