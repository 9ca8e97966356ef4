"""Two recomputes of one key at the same time, on real PostgreSQL connections."""

import threading
from datetime import date

import pytest
from django.db import connection, connections
from django.db.models import Sum

from rapportage.kwartaal import Kwartaal
from rapportage.models import Herberekening, Telling
from rapportage.services.herberekening import herbereken
from tests.factories import AdviesFactory, GebruikerFactory, MeldingFactory

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="needs concurrent PostgreSQL connections")


@pytest.mark.django_db(transaction=True)
def test_concurrent_recomputes_of_one_key_give_exact_counts(referentiedata_tx):
    intake = GebruikerFactory(rol="intake")
    for dag in range(1, 21):
        AdviesFactory(door=intake, startdatum=date(2025, 1, dag))
        MeldingFactory(door=intake, ontvangstdatum=date(2025, 2, dag))
    start = threading.Barrier(4)
    fouten = []

    def run():
        try:
            start.wait()
            for _ in range(3):
                herbereken(organisatie_id=intake.organisatie_id, kwartaal=Kwartaal(2025, 1))
        except Exception as exc:  # collected and asserted below
            fouten.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert fouten == []
    assert Herberekening.objects.filter(status="gelukt").count() == 12
    assert Telling.objects.filter(soort="advies").aggregate(n=Sum("aantal"))["n"] == 20
    assert Telling.objects.filter(soort="melding").aggregate(n=Sum("aantal"))["n"] == 20
