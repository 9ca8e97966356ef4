"""Marking counts stale. Called by every service that creates, changes or deletes a registration,
inside its transaction (docs/rollup.md, "No lost updates")."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import date
from functools import partial

from celery import current_app
from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from kwartalen.kwartaal import Kwartaal
from kwartalen.models import VerouderdeSleutel
from vtregistratie.models import Organisatie

logger = logging.getLogger(__name__)

# The rollup task that recomputes one key (rapportage/tellingen/tasks.py).
HERBEREKEN_SLEUTEL = "rapportage.herbereken_sleutel"

_INVOEGEN = (
    f"INSERT INTO {VerouderdeSleutel._meta.db_table} (organisatie_id, jaar, kwartaal, sinds) VALUES (%s, %s, %s, %s) "
    "ON CONFLICT (organisatie_id, jaar, kwartaal) DO NOTHING RETURNING id"
)


def markeer_verouderd(*, organisatie: Organisatie, datums: Iterable[date]) -> None:
    """Mark the quarters of these dates stale in the caller's transaction; enqueue the recompute of a
    quarter that was not stale yet, on commit and after ``ROLLUP_VERTRAGING`` seconds.

    A change that moves a record passes its old and its new date; a quarter is marked once. An existing
    mark is row-locked (updated), so a recompute running at the same moment waits for this transaction
    instead of clearing a mark it has not counted yet. A quarter that already has a mark has a recompute
    waiting (enqueued when the mark was made; or the sweep's, if the broker was down), which will count
    this change too: under a stream of registrations a key is recomputed once per delay, not once per
    registration. If the broker is down, the enqueue fails quietly: the mark stays and the sweep counts it.
    """
    for kwartaal in sorted({Kwartaal.van_datum(datum) for datum in datums}):
        if _markeer(organisatie.pk, kwartaal):
            transaction.on_commit(
                partial(_plan_herberekening, organisatie.pk, kwartaal.jaar, kwartaal.kwartaal), robust=True
            )


def _markeer(organisatie_id: int, kwartaal: Kwartaal) -> bool:
    """Insert or row-lock the mark of one key; True when it was inserted (the key was not stale yet)."""
    nu = timezone.now()
    sleutel = [organisatie_id, kwartaal.jaar, kwartaal.kwartaal]
    bestaand = VerouderdeSleutel.objects.filter(organisatie_id=organisatie_id, jaar=kwartaal.jaar,
                                                kwartaal=kwartaal.kwartaal)
    with connection.cursor() as cursor:
        while True:
            if bestaand.update(sinds=nu):
                return False
            # No mark: insert one. If a concurrent change inserts it first, the next round locks that one.
            cursor.execute(_INVOEGEN, [*sleutel, nu])
            if cursor.fetchone() is not None:
                return True


def _plan_herberekening(organisatie_id: int, jaar: int, kwartaal: int) -> None:
    # By name: the rollup sits above the registrations, which must not import it.
    try:
        current_app.signature(HERBEREKEN_SLEUTEL, args=(organisatie_id, jaar, kwartaal)).apply_async(
            retry=False, countdown=settings.ROLLUP_VERTRAGING)
    except Exception:  # the broker is unreachable: the stale mark stays, the sweep picks it up
        logger.warning("could not enqueue the recompute of %s %s-K%s; the sweep will", organisatie_id, jaar, kwartaal)
