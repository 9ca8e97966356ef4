"""Celery tasks of the rollup. Thin: IDs in, a service call, idempotent (they are acknowledged late)."""

import logging

from celery import shared_task

from kwartalen.kwartaal import Kwartaal
from rapportage.tellingen.services.controle import controleer_tellingen
from rapportage.tellingen.services.herberekening import (
    herbereken_als_verouderd,
    herbereken_open_kwartalen,
    herbereken_verouderde,
    markeer_kwartaalwissel,
)

logger = logging.getLogger(__name__)


@shared_task(name="rapportage.herbereken_sleutel")
def herbereken_sleutel(organisatie_id: int, jaar: int, kwartaal: int) -> int:
    """Rows written, or 0 when another recompute had already counted the key."""
    run = herbereken_als_verouderd(organisatie_id=organisatie_id, kwartaal=Kwartaal(jaar, kwartaal), aanleiding="taak")
    return run.rijen if run else 0


@shared_task(name="rapportage.veeg_verouderde")
def veeg_verouderde() -> int:
    return herbereken_verouderde(aanleiding="sweep")


@shared_task(name="rapportage.herbereken_open_kwartalen", soft_time_limit=3000, time_limit=3300)
def herbereken_open_kwartalen_taak() -> int:
    return herbereken_open_kwartalen(aanleiding="nachtelijk")


@shared_task(name="rapportage.controleer_tellingen", soft_time_limit=3000, time_limit=3300)
def controleer_tellingen_taak() -> int:
    afwijkingen = controleer_tellingen()
    for a in afwijkingen:
        logger.error("count mismatch %s %s-K%s %s: counted %s, registered %s",
                     a.organisatie_id, a.jaar, a.kwartaal, a.wat, a.telling, a.werkelijk)
    return len(afwijkingen)


@shared_task(name="rapportage.kwartaalwissel")
def kwartaalwissel() -> int:
    """First day of a quarter: the waiting list's stock of the ended and the new quarter is recomputed."""
    return markeer_kwartaalwissel()

