"""Marking counts stale. Called by every service that creates, changes or deletes a registration,
inside its transaction (DESIGN.md §5: no lost updates)."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import date
from functools import partial

from django.db import transaction
from django.utils import timezone

from rapportage.kwartaal import Kwartaal
from rapportage.models import VerouderdeSleutel
from vtregistratie.models import Organisatie

logger = logging.getLogger(__name__)


def markeer_verouderd(*, organisatie: Organisatie, datums: Iterable[date]) -> None:
    """Mark the quarters of these dates stale in the caller's transaction; enqueue their recompute on commit.

    A change that moves a record passes its old and its new date; a quarter is marked (and enqueued)
    once. The upsert (not insert-or-ignore) row-locks an existing mark, so a recompute running at
    the same moment waits for this transaction instead of clearing a mark it has not counted yet.
    If the broker is down, the enqueue fails quietly: the mark stays and the sweep recomputes it.
    """
    for kwartaal in sorted({Kwartaal.van_datum(datum) for datum in datums}):
        VerouderdeSleutel.objects.bulk_create(
            [VerouderdeSleutel(organisatie=organisatie, jaar=kwartaal.jaar, kwartaal=kwartaal.kwartaal,
                               sinds=timezone.now())],
            update_conflicts=True,
            unique_fields=["organisatie", "jaar", "kwartaal"],
            update_fields=["sinds"],
        )
        transaction.on_commit(
            partial(_plan_herberekening, organisatie.pk, kwartaal.jaar, kwartaal.kwartaal), robust=True
        )


def _plan_herberekening(organisatie_id: int, jaar: int, kwartaal: int) -> None:
    from rapportage.tasks import herbereken_sleutel

    try:
        herbereken_sleutel.apply_async((organisatie_id, jaar, kwartaal), retry=False)
    except Exception:  # the broker is unreachable: the stale mark stays, the sweep picks it up
        logger.warning("could not enqueue the recompute of %s %s-K%s; the sweep will", organisatie_id, jaar, kwartaal)
