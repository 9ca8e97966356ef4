"""Faults: the broker is down, a worker dies mid-recompute, the database refuses a write halfway."""

import contextlib
import os
import signal
import time
from datetime import date

import psycopg
import pytest
from django.db import DatabaseError, connection
from django.db.models import Sum

from config.celery import app
from kwartalen.kwartaal import Kwartaal
from kwartalen.models import VerouderdeSleutel
from meldingen.models import Casus, Melding
from rapportage.tellingen.models import Telling
from rapportage.tellingen.services.herberekening import herbereken, herbereken_verouderde
from tests.factories import AdviesFactory, GebruikerFactory, MeldingFactory

pytestmark = pytest.mark.integration
alleen_postgres = pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL")


def _geteld(jaar=2025, kwartaal=1) -> int:
    return Telling.objects.filter(jaar=jaar, kwartaal=kwartaal).aggregate(n=Sum("aantal"))["n"] or 0


@contextlib.contextmanager
def broker_onbereikbaar():
    """Point the Celery app at an address where no broker listens, then restore it."""
    oud = app.conf.broker_url, app.conf.broker_write_url
    app.conf.broker_url = app.conf.broker_write_url = "redis://127.0.0.1:1/0"
    app._pool = None
    app.amqp._producer_pool = None
    try:
        yield
    finally:
        app.conf.broker_url, app.conf.broker_write_url = oud
        app._pool = None
        app.amqp._producer_pool = None


def test_broker_down_while_saving_keeps_the_registration_and_the_sweep_counts_it(
    referentiedata_tx, celery_worker_process, caplog
):
    intake = GebruikerFactory(rol="intake")
    with broker_onbereikbaar():
        advies = AdviesFactory(door=intake, startdatum=date(2025, 2, 3))
    assert advies.pk is not None
    assert "could not enqueue" in caplog.text
    assert VerouderdeSleutel.objects.filter(jaar=2025, kwartaal=1).exists()
    assert _geteld() == 0

    # The broker is back: the periodic sweep, run by a real worker, counts what was missed.
    from rapportage.tellingen.tasks import veeg_verouderde

    assert veeg_verouderde.delay().get(timeout=90) >= 1
    assert _geteld() == 1 and not VerouderdeSleutel.objects.exists()


def _lock_wachtenden(dsn: str) -> int:
    with psycopg.connect(dsn, autocommit=True) as c:
        return c.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()"
        ).fetchone()[0]


@alleen_postgres
def test_a_worker_killed_mid_recompute_leaves_the_old_counts_and_the_sweep_completes(
    referentiedata_tx, celery_worker_process
):
    intake = GebruikerFactory(rol="intake")
    AdviesFactory(door=intake, startdatum=date(2025, 2, 3))
    AdviesFactory(door=intake, startdatum=date(2025, 2, 4))
    herbereken_verouderde()
    assert _geteld() == 2

    s = connection.settings_dict
    dsn = f"host={s['HOST'] or '127.0.0.1'} port={s['PORT'] or 5432} dbname={s['NAME']} user={s['USER']}"
    # Holds the key's recompute lock so the worker's recompute stops halfway; a registration's
    # FOR KEY SHARE on the same row does not conflict with it, so the next advies still commits.
    houder = psycopg.connect(dsn)
    houder.execute(
        "SELECT 1 FROM rapportage_kwartaalstatus WHERE organisatie_id = %s AND jaar = 2025 AND kwartaal = 1 "
        "FOR NO KEY UPDATE", [intake.organisatie_id],
    )
    try:
        AdviesFactory(door=intake, startdatum=date(2025, 2, 5))  # commits; its recompute goes to the worker
        einde = time.monotonic() + 90
        while _lock_wachtenden(dsn) == 0:
            assert time.monotonic() < einde, "the worker never started the recompute"
            time.sleep(0.2)
        os.kill(celery_worker_process.pid, signal.SIGKILL)
        celery_worker_process.wait(timeout=30)
    finally:
        houder.rollback()
        houder.close()

    assert _geteld() == 2  # the killed run changed nothing
    assert VerouderdeSleutel.objects.filter(jaar=2025, kwartaal=1).exists()
    herbereken_verouderde()  # the next sweep
    assert _geteld() == 3


@alleen_postgres
def test_the_database_refusing_a_write_halfway_leaves_nothing_half_written(referentiedata_tx):
    intake = GebruikerFactory(rol="intake")
    with connection.cursor() as c:
        c.execute("""
            CREATE FUNCTION weiger() RETURNS trigger AS $$
            BEGIN RAISE EXCEPTION 'schijf vol'; END $$ LANGUAGE plpgsql;
            CREATE TRIGGER weiger_melding BEFORE INSERT ON meldingen_melding FOR EACH ROW EXECUTE FUNCTION weiger();
        """)
    try:
        with pytest.raises(DatabaseError):
            MeldingFactory(door=intake, ontvangstdatum=date(2025, 2, 3))  # the casus is written first
        assert not Casus.objects.exists() and not Melding.objects.exists()
        assert not VerouderdeSleutel.objects.exists()
    finally:
        with connection.cursor() as c:
            c.execute("DROP TRIGGER weiger_melding ON meldingen_melding; DROP FUNCTION weiger();")
    assert herbereken(organisatie_id=intake.organisatie_id, kwartaal=Kwartaal(2025, 1)).rijen == 0
