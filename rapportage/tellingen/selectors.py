"""Reads on the counts of one organisation, for its team lead (exact figures)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Max, Q, Sum

from kwartalen.kwartaal import Kwartaal
from kwartalen.models import KwartaalStatus, VerouderdeSleutel
from rapportage.tellingen.dimensies import BEOORDELING, CRISIS, EERDERE_BETROKKENHEID, MELDER_GROEP, SOORT
from rapportage.tellingen.models import Herberekening, Telling
from vtregistratie.models import Gemeente, Organisatie

#: The dimensions of the team lead's quarter table (declared in rapportage/tellingen/dimensies.py).
DIMENSIES = (SOORT, MELDER_GROEP, CRISIS, BEOORDELING, EERDERE_BETROKKENHEID)


@dataclass
class KwartaalRegel:
    kwartaal: Kwartaal
    status: str
    adviezen: int
    meldingen: int
    laatste_herberekening: datetime | None
    laatste_mislukt: bool
    verouderd: bool


def kwartaaloverzicht(organisatie: Organisatie) -> list[KwartaalRegel]:
    """Every quarter of the organisation that has counts, a state or a stale mark; newest first."""
    totalen: dict[tuple, dict] = {}
    for jaar, kw, soort, n in (
        Telling.objects.filter(organisatie=organisatie).values("jaar", "kwartaal", "soort")
        .annotate(n=Sum("aantal")).values_list("jaar", "kwartaal", "soort", "n")
    ):
        totalen.setdefault((jaar, kw), {})[soort] = n
    statussen = {
        (j, k): s for j, k, s in
        KwartaalStatus.objects.filter(organisatie=organisatie).values_list("jaar", "kwartaal", "status")
    }
    runs = {
        (r["jaar"], r["kwartaal"]): r
        for r in Herberekening.objects.filter(organisatie=organisatie).values("jaar", "kwartaal").annotate(
            gelukt=Max("klaar_op", filter=Q(status="gelukt")), mislukt=Max("klaar_op", filter=Q(status="mislukt"))
        )
    }
    verouderd = set(VerouderdeSleutel.objects.filter(organisatie=organisatie).values_list("jaar", "kwartaal"))
    regels = []
    for sleutel in sorted(set(totalen) | set(statussen) | verouderd, reverse=True):
        run = runs.get(sleutel, {})
        gelukt, mislukt = run.get("gelukt"), run.get("mislukt")
        regels.append(KwartaalRegel(
            kwartaal=Kwartaal(*sleutel),
            status=statussen.get(sleutel, "open"),
            adviezen=totalen.get(sleutel, {}).get("advies", 0),
            meldingen=totalen.get(sleutel, {}).get("melding", 0),
            laatste_herberekening=gelukt,
            laatste_mislukt=bool(mislukt and (not gelukt or mislukt > gelukt)),
            verouderd=sleutel in verouderd,
        ))
    return regels


def kwartaaltabel(organisatie: Organisatie, kwartaal: Kwartaal) -> list[dict]:
    """Exact counts per value of every dimension of ``DIMENSIES``."""
    namen = [d.naam for d in DIMENSIES]
    return list(
        Telling.objects.filter(organisatie=organisatie, jaar=kwartaal.jaar, kwartaal=kwartaal.kwartaal)
        .values(*namen).annotate(aantal=Sum("aantal")).order_by(*namen)
    )


def kwartaal_per_gemeente(organisatie: Organisatie, kwartaal: Kwartaal) -> list[dict]:
    rijen = (
        Telling.objects.filter(organisatie=organisatie, jaar=kwartaal.jaar, kwartaal=kwartaal.kwartaal)
        .values("gemeente_code")
        .annotate(adviezen=Sum("aantal", filter=Q(soort="advies")), meldingen=Sum("aantal", filter=Q(soort="melding")))
        .order_by("gemeente_code")
    )
    namen = dict(Gemeente.objects.values_list("code", "naam"))
    return [
        {"gemeente_code": r["gemeente_code"], "gemeente": namen.get(r["gemeente_code"], "onbekend"),
         "adviezen": r["adviezen"] or 0, "meldingen": r["meldingen"] or 0}
        for r in rijen
    ]
