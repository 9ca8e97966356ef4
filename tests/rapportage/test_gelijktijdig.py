"""Recomputes and registrations of one key at the same time, on real PostgreSQL connections."""

import threading
from datetime import date

import pytest
from django.db import connection, connections
from django.db.models import Sum

from adviezen.models import Advies
from kwartalen.kwartaal import Kwartaal
from kwartalen.models import VerouderdeSleutel
from meldingen.models import Melding
from rapportage.tellingen.models import Herberekening, Telling
from rapportage.tellingen.services.herberekening import herbereken
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


@pytest.mark.django_db(transaction=True)
def test_concurrent_first_registrations_of_a_quarter_all_succeed_with_one_mark_each(referentiedata_tx):
    """The stale mark of a quarter is made by whichever registration comes first; one that comes at the same
    moment waits for it and then locks it (no unique-constraint error). Adviezen and meldingen have their own
    number counters, so an advies and a melding of one organisation do reach the mark together: in each of
    twelve fresh quarters they start at the same moment."""
    intake = GebruikerFactory(rol="intake")
    kwartalen = [Kwartaal(jaar, kw) for jaar in (2022, 2023, 2024) for kw in (1, 2, 3, 4)]
    samen = threading.Barrier(2)
    fouten = []

    def run(registreer):
        try:
            for kwartaal in kwartalen:
                samen.wait()
                registreer(kwartaal.begin)
        except Exception as exc:  # collected and asserted below
            fouten.append(exc)
            samen.abort()
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(registreer,)) for registreer in (
        lambda dag: AdviesFactory(door=intake, startdatum=dag),
        lambda dag: MeldingFactory(door=intake, ontvangstdatum=dag),
    )]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert fouten == []
    assert Advies.objects.count() == Melding.objects.count() == 12
    gemarkeerd = sorted(VerouderdeSleutel.objects.values_list("jaar", "kwartaal"))
    assert gemarkeerd == [(k.jaar, k.kwartaal) for k in kwartalen]
