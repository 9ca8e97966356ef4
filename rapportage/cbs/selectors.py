"""Reads for the CBS delivery: quarter states of a half-year, deliveries of a user, reminders."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db.models import Count, QuerySet

from kwartalen.kwartaal import Kwartaal
from kwartalen.models import KwartaalStatus
from rapportage.cbs.models import Aanlevering
from rapportage.cbs.periode import Halfjaar
from vtregistratie import definities
from vtregistratie.models import Organisatie
from vtregistratie.werkdagen import plus_werkdagen

#: Only closed quarters go to CBS (docs/rollup.md).
GELEVERDE_STATUSSEN = definities.AFGESLOTEN_KWARTAALSTATUSSEN
EERSTE_HALFJAAR = Halfjaar(2019, 1)  # Informatieprotocol 2.0 is in force since 1 January 2019


def kwartaalstatussen(*, organisatie: Organisatie, halfjaar: Halfjaar) -> dict[Kwartaal, str]:
    """The state of both quarters of the half-year; a quarter without a row is ``open``."""
    rijen = dict(
        KwartaalStatus.objects.filter(
            organisatie=organisatie, jaar=halfjaar.jaar, kwartaal__in=[kw.kwartaal for kw in halfjaar.kwartalen]
        ).values_list("kwartaal", "status")
    )
    return {kw: rijen.get(kw.kwartaal, "open") for kw in halfjaar.kwartalen}


def geleverde_kwartalen(statussen: dict[Kwartaal, str]) -> list[Kwartaal]:
    return sorted(kw for kw, status in statussen.items() if status in GELEVERDE_STATUSSEN)


def aanleveringen_voor(user) -> QuerySet[Aanlevering]:
    """Every delivery the user may see (their organisation's, for its team leads), newest first."""
    return Aanlevering.objects.for_user(user).select_related("organisatie", "aangemaakt_door", "vervangen_door")


def geldige_aanlevering(*, organisatie: Organisatie, halfjaar: Halfjaar) -> Aanlevering | None:
    """The current (not replaced) version of a half-year, if any."""
    return Aanlevering.objects.geldig().filter(
        organisatie=organisatie, jaar=halfjaar.jaar, halfjaar=halfjaar.halfjaar
    ).first()


def aanmaakdatum(halfjaar: Halfjaar) -> date:
    """The day the scheduled job creates the deliveries of a half-year: by default the first working day
    after it ends (``CBS_AANLEVERING_WERKDAG`` = which working day after the end)."""
    return plus_werkdagen(halfjaar.laatste_dag, max(1, getattr(settings, "CBS_AANLEVERING_WERKDAG", 1)))


def gereed_voor_aanlevering(halfjaar: Halfjaar) -> QuerySet[Organisatie]:
    """Organisations whose two quarters of the half-year are both voorlopig or definitief."""
    gereed = (
        KwartaalStatus.objects.filter(
            jaar=halfjaar.jaar, kwartaal__in=[kw.kwartaal for kw in halfjaar.kwartalen],
            status__in=GELEVERDE_STATUSSEN,
        ).values("organisatie_id").annotate(n=Count("id")).filter(n=2).values("organisatie_id")
    )
    return Organisatie.objects.filter(pk__in=gereed).order_by("code")


def aan_te_leveren_perioden(*, organisatie: Organisatie, vandaag: date) -> list[Halfjaar]:
    """Ended half-years (newest first) with at least one quarter voorlopig or definitief: what can be made."""
    laatste = Halfjaar.laatst_afgelopen(vandaag)
    perioden = {
        Halfjaar.van_kwartaal(Kwartaal(jaar, kw))
        for jaar, kw in KwartaalStatus.objects.filter(
            organisatie=organisatie, status__in=GELEVERDE_STATUSSEN
        ).values_list("jaar", "kwartaal")
    }
    return sorted((p for p in perioden if EERSTE_HALFJAAR <= p <= laatste), reverse=True)


@dataclass(frozen=True)
class Herinnering:
    halfjaar: Halfjaar
    uiterste_datum: date
    te_laat: bool
    aanlevering: Aanlevering | None  # the current version when there is one
    kwartalen_gereed: bool  # both quarters voorlopig or definitief


def stand_aanlevering(*, organisatie: Organisatie, vandaag: date) -> Herinnering:
    """Where the delivery of the last ended half-year stands: its current version (if any), the due date,
    and whether both quarters are closed. ``te_laat`` only while it is not yet downloaded."""
    halfjaar = Halfjaar.laatst_afgelopen(vandaag)
    aanlevering = geldige_aanlevering(organisatie=organisatie, halfjaar=halfjaar)
    gedownload = aanlevering is not None and aanlevering.status == Aanlevering.Status.GEDOWNLOAD
    statussen = kwartaalstatussen(organisatie=organisatie, halfjaar=halfjaar)
    return Herinnering(
        halfjaar=halfjaar, uiterste_datum=halfjaar.uiterste_datum,
        te_laat=not gedownload and vandaag > halfjaar.uiterste_datum,
        aanlevering=aanlevering, kwartalen_gereed=len(geleverde_kwartalen(statussen)) == 2,
    )


def herinnering(*, organisatie: Organisatie, vandaag: date) -> Herinnering | None:
    """A reminder while the delivery of the last ended half-year is missing or not yet downloaded."""
    stand = stand_aanlevering(organisatie=organisatie, vandaag=vandaag)
    if stand.aanlevering is not None and stand.aanlevering.status == Aanlevering.Status.GEDOWNLOAD:
        return None
    return stand
