"""Marking counts stale. Called by every service that creates, changes or deletes a registration,
inside its transaction (DESIGN.md §5: no lost updates)."""

from __future__ import annotations

from datetime import date

from rapportage.kwartaal import Kwartaal
from rapportage.models import VerouderdeSleutel
from vtregistratie.models import Organisatie


def markeer_verouderd(*, organisatie: Organisatie, datum: date) -> None:
    kwartaal = Kwartaal.van_datum(datum)
    VerouderdeSleutel.objects.bulk_create(
        [VerouderdeSleutel(organisatie=organisatie, jaar=kwartaal.jaar, kwartaal=kwartaal.kwartaal)],
        ignore_conflicts=True,
    )
