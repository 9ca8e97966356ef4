"""A registration committed for real is counted by a real worker, enqueued on commit."""

import time
from datetime import date

import pytest
from django.db.models import Sum

from kwartalen.models import VerouderdeSleutel
from rapportage.tellingen.models import Telling
from tests.factories import AdviesFactory, GebruikerFactory

pytestmark = pytest.mark.integration


def _wacht_tot(voorwaarde, seconden=90):
    einde = time.monotonic() + seconden
    while time.monotonic() < einde:
        if voorwaarde():
            return True
        time.sleep(0.5)
    return False


def test_a_worker_picks_up_the_recompute_enqueued_on_commit(referentiedata_tx, celery_worker_process):
    intake = GebruikerFactory(rol="intake")
    AdviesFactory(door=intake, startdatum=date(2025, 2, 3))
    AdviesFactory(door=intake, startdatum=date(2025, 2, 4))

    def geteld():
        return Telling.objects.filter(jaar=2025, kwartaal=1).aggregate(n=Sum("aantal"))["n"] == 2

    try:
        assert _wacht_tot(geteld), "the worker did not count the registrations"
        assert not VerouderdeSleutel.objects.exists()
    finally:
        print(celery_worker_process.log_path.read_text())
