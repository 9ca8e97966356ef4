"""The quarter lock under concurrency, on two real PostgreSQL connections.

A registration share-locks its quarter's state row for its whole transaction; making a quarter definitief
locks the row exclusively. So a change can never be stored in a quarter that became definitief while the
change was being made, whichever of the two starts first.
"""

import threading
import time
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections, transaction

from adviezen.models import Advies
from adviezen.services import wijzig_advies
from kwartalen.kwartaal import Kwartaal
from rapportage.tellingen.services.herberekening import herbereken
from rapportage.tellingen.services.kwartalen import zet_kwartaal_door
from tests.factories import AdviesFactory, GebruikerFactory

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="needs concurrent PostgreSQL connections")
Q1 = Kwartaal(2025, 1)
# How long one side keeps its transaction open while the other side tries.
OPEN_HOUDEN = 0.5


def _in_thread(doel):
    """Run ``doel`` on its own database connection; return the thread and a list that receives its exception."""
    fouten = []

    def run():
        try:
            doel()
        except Exception as exc:  # asserted by the test
            fouten.append(exc)
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    return thread, fouten


@pytest.fixture
def mensen(referentiedata_tx):
    intake = GebruikerFactory(rol="intake")
    teamleider = GebruikerFactory(rol="teamleider")
    advies = AdviesFactory(door=intake, startdatum=date(2025, 2, 3))
    zet_kwartaal_door(organisatie=intake.organisatie, kwartaal=Q1, door=teamleider, naar="voorlopig")
    return intake, teamleider, advies


@pytest.mark.django_db(transaction=True)
def test_closing_waits_for_a_registration_that_is_under_way(mensen):
    intake, teamleider, advies = mensen
    geregistreerd = threading.Event()
    tijden = {}

    def registreer():
        with transaction.atomic():
            wijzig_advies(advies=advies, door=intake, duur_geweld="meer_dan_5_jaar")
            geregistreerd.set()
            time.sleep(OPEN_HOUDEN)
            tijden["registratie_vastgelegd"] = time.monotonic()

    def sluit():
        geregistreerd.wait(5)
        zet_kwartaal_door(organisatie=intake.organisatie, kwartaal=Q1, door=teamleider, naar="definitief")
        tijden["definitief"] = time.monotonic()

    (a, fouten_a), (b, fouten_b) = _in_thread(registreer), _in_thread(sluit)
    a.join()
    b.join()

    assert fouten_a == fouten_b == []
    # The change was committed while the quarter was still voorlopig: closing waited for it.
    assert tijden["definitief"] > tijden["registratie_vastgelegd"]


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("verplaats", [False, True], ids=["in_het_kwartaal", "naar_het_kwartaal"])
def test_a_registration_waits_for_closing_and_is_then_refused(mensen, verplaats):
    intake, teamleider, advies = mensen
    if verplaats:  # a record from an open quarter moved into the quarter being closed
        advies = AdviesFactory(door=intake, startdatum=date(2025, 4, 2))
    gesloten = threading.Event()

    def sluit():
        with transaction.atomic():
            zet_kwartaal_door(organisatie=intake.organisatie, kwartaal=Q1, door=teamleider, naar="definitief")
            gesloten.set()
            time.sleep(OPEN_HOUDEN)

    def registreer():
        gesloten.wait(5)
        wijzig_advies(advies=advies, door=intake, startdatum=date(2025, 3, 3), duur_geweld="meer_dan_5_jaar")

    (a, fouten_a), (b, fouten_b) = _in_thread(sluit), _in_thread(registreer)
    a.join()
    b.join()

    assert fouten_a == []
    assert len(fouten_b) == 1 and isinstance(fouten_b[0], ValidationError), fouten_b
    assert "definitief" in str(fouten_b[0])
    advies.refresh_from_db()
    assert advies.duur_geweld == "onbekend"
    assert not Advies.objects.filter(startdatum=date(2025, 3, 3)).exists()


@pytest.mark.django_db(transaction=True)
def test_a_registration_does_not_wait_for_a_recompute_of_its_quarter(mensen):
    # A full rebuild holds every key's recompute lock for a minute at national scale: registrations must
    # not queue behind it, only closing does.
    intake, _teamleider, advies = mensen
    herbereken(organisatie_id=intake.organisatie_id, kwartaal=Q1)  # no stale mark left for the key
    vergrendeld = threading.Event()
    tijden = {}

    def herbereken_en_wacht():
        with transaction.atomic():
            herbereken(organisatie_id=intake.organisatie_id, kwartaal=Q1)
            vergrendeld.set()
            time.sleep(4 * OPEN_HOUDEN)
            tijden["herberekening_vastgelegd"] = time.monotonic()

    def registreer():
        vergrendeld.wait(5)
        wijzig_advies(advies=advies, door=intake, duur_geweld="meer_dan_5_jaar")
        tijden["registratie_vastgelegd"] = time.monotonic()

    (a, fouten_a), (b, fouten_b) = _in_thread(herbereken_en_wacht), _in_thread(registreer)
    a.join()
    b.join()

    assert fouten_a == fouten_b == []
    assert tijden["registratie_vastgelegd"] < tijden["herberekening_vastgelegd"]
