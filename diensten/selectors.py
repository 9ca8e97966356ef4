"""Reads on the follow-up, always scoped to the user's organisation: the records, the worklists "Wachtlijst" and
"Lopende diensten", and the counts of the start page (docs/diensten.md, *Worklists*)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db.models import Count, Min, Q, QuerySet

from diensten.models import Dienst, Monitoring, Overdracht
from meldingen.models import Melding

VERVOLGSTAPPEN = "vervolgstappen_vt"


def diensten_voor(user) -> QuerySet[Dienst]:
    return Dienst.objects.for_user(user).select_related("melding")


def overdrachten_voor(user) -> QuerySet[Overdracht]:
    return Overdracht.objects.for_user(user).select_related("melding", "dienst")


def monitoringen_voor(user) -> QuerySet[Monitoring]:
    return Monitoring.objects.for_user(user).select_related("melding", "dienst")


def norm_dagen() -> int:
    """An onderzoek is finished within the norm when it took at most this many days (``NORM_ONDERZOEK_WEKEN``)."""
    return settings.NORM_ONDERZOEK_WEKEN * 7


def signaal_dagen() -> int:
    """A running onderzoek is flagged from this many days (``NORM_SIGNAAL_WEKEN``)."""
    return settings.NORM_SIGNAAL_WEKEN * 7


def _wachtend(user) -> QuerySet[Melding]:
    return Melding.objects.for_user(user).filter(beoordeling_uitkomst=VERVOLGSTAPPEN, beoordeling_datum__isnull=False,
                                                 dienst__isnull=True)


def wachtlijst(user) -> QuerySet[Melding]:
    """Meldingen with "vervolgstappen Veilig Thuis" whose dienst has not started (no dienst registered): crisis
    first, then the longest wait (the earliest decision), then the number."""
    return _wachtend(user).select_related("gemeente").order_by(
        "-acute_onveiligheid", "beoordeling_datum", "jaar", "volgnummer")


def lopende_diensten(user) -> QuerySet[Dienst]:
    """Diensten without an end date, longest running first."""
    return diensten_voor(user).filter(einddatum__isnull=True).order_by("startdatum", "pk")


def normstatus(dienst: Dienst, vandaag: date) -> str:
    """'te_laat' (an onderzoek past the norm), 'signaal' (from the signal weeks), 'binnen' or '' (the norm is the
    onderzoek's; a voorwaarden en vervolg has none)."""
    if dienst.soort != "onderzoek":
        return ""
    dagen = (vandaag - dienst.startdatum).days
    if dagen > norm_dagen():
        return "te_laat"
    if dagen >= signaal_dagen():
        return "signaal"
    return "binnen"


@dataclass(frozen=True)
class StandVervolg:
    wachtend: int
    langste_wacht: int | None  # days, None when nobody waits
    te_laat: int  # running onderzoeken past the norm
    signaal: int  # running onderzoeken from the signal weeks, not yet past the norm


def stand_vervolg(user, *, vandaag: date) -> StandVervolg:
    """The counts of the start page, today, in two queries."""
    wacht = _wachtend(user).aggregate(aantal=Count("pk"), vroegste=Min("beoordeling_datum"))
    lopend = Dienst.objects.for_user(user).filter(einddatum__isnull=True, soort="onderzoek")
    grens_te_laat = vandaag - timedelta(days=norm_dagen())
    grens_signaal = vandaag - timedelta(days=signaal_dagen())
    tellingen = lopend.aggregate(
        te_laat=Count("pk", filter=Q(startdatum__lt=grens_te_laat)),
        signaal=Count("pk", filter=Q(startdatum__gte=grens_te_laat, startdatum__lte=grens_signaal)),
    )
    return StandVervolg(
        wachtend=wacht["aantal"],
        langste_wacht=(vandaag - wacht["vroegste"]).days if wacht["vroegste"] else None,
        **tellingen,
    )
