"""Sequence numbers under concurrent registration, on a real PostgreSQL with real connections."""

import threading
from datetime import date

import pytest
from django.db import connection, connections

from adviezen.models import Advies
from tests.factories import AdviesFactory, GebruikerFactory

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="needs concurrent PostgreSQL connections")


@pytest.mark.django_db(transaction=True)
def test_concurrent_registrations_get_unique_gapless_numbers(referentiedata_tx):
    intake = GebruikerFactory(rol="intake")
    aantal_threads, per_thread = 8, 5
    start = threading.Barrier(aantal_threads)
    fouten = []

    def registreer():
        try:
            start.wait()
            for _ in range(per_thread):
                AdviesFactory(door=intake, startdatum=date(2025, 2, 3))
        except Exception as exc:
            fouten.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=registreer) for _ in range(aantal_threads)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert fouten == []
    nummers = sorted(Advies.objects.values_list("volgnummer", flat=True))
    assert nummers == list(range(1, aantal_threads * per_thread + 1))
