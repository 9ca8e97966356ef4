"""Reads on meldingen and casussen, always scoped to the user's organisation."""

from __future__ import annotations

from django.db.models import QuerySet

from meldingen.models import Casus, Melding


def meldingen_voor(user) -> QuerySet[Melding]:
    return Melding.objects.for_user(user).select_related("gemeente", "casus")


def te_beoordelen(user) -> QuerySet[Melding]:
    """Meldingen without a veiligheidsbeoordeling, the nearest deadline first."""
    return meldingen_voor(user).filter(beoordeling_datum__isnull=True).order_by("beoordelingstermijn", "volgnummer")


def casussen_voor(user) -> QuerySet[Casus]:
    return Casus.objects.for_user(user)
