from __future__ import annotations

from datetime import date

from rapportage.kwartaal import Kwartaal
from rapportage.models import KwartaalStatus
from vtregistratie.models import Organisatie


def kwartaal_status(*, organisatie: Organisatie, kwartaal: Kwartaal) -> str:
    """The state of a quarter; a quarter nobody closed is ``open``."""
    rij = KwartaalStatus.objects.filter(
        organisatie=organisatie, jaar=kwartaal.jaar, kwartaal=kwartaal.kwartaal
    ).values_list("status", flat=True).first()
    return rij or "open"


def is_definitief(*, organisatie: Organisatie, datum: date) -> bool:
    return kwartaal_status(organisatie=organisatie, kwartaal=Kwartaal.van_datum(datum)) == "definitief"
