"""Reads on meldingen and casussen, always scoped to the user's organisation."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q, QuerySet

from meldingen.models import Casus, Melding


def meldingen_voor(user) -> QuerySet[Melding]:
    return Melding.objects.for_user(user).select_related("gemeente", "casus")


def te_beoordelen(user) -> QuerySet[Melding]:
    """Meldingen without a veiligheidsbeoordeling: crisis first (it must be assessed at once, so a crisis due
    today goes above an overdue melding without one), then the nearest deadline."""
    return meldingen_voor(user).filter(beoordeling_datum__isnull=True).order_by(
        "-acute_onveiligheid", "beoordelingstermijn", "jaar", "volgnummer")


@dataclass(frozen=True)
class Werkvoorraad:
    te_beoordelen: int
    te_laat: int
    crisis: int


def werkvoorraad(user, *, vandaag: date) -> Werkvoorraad:
    """The counts of the start page for intake staff, in one query."""
    open_ = Q(beoordeling_datum__isnull=True)
    tellingen = Melding.objects.for_user(user).aggregate(
        te_beoordelen=Count("pk", filter=open_),
        te_laat=Count("pk", filter=open_ & Q(beoordelingstermijn__lt=vandaag)),
        crisis=Count("pk", filter=open_ & Q(acute_onveiligheid=True)),
    )
    return Werkvoorraad(**tellingen)


def casussen_voor(user) -> QuerySet[Casus]:
    return Casus.objects.for_user(user)


def gemeente_van_casus(casus: Casus) -> str | None:
    """The gemeente code of the casus's latest melding: a new melding in the casus starts with it."""
    return casus.meldingen.order_by("-ontvangstdatum", "-jaar", "-volgnummer").values_list(
        "gemeente_id", flat=True).first()
