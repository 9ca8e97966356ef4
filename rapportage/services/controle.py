"""The invariant check: the counts equal the raw registrations for every key that is not stale."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, Sum
from django.db.models.functions import Coalesce, ExtractQuarter, ExtractYear

from adviezen.models import Advies
from meldingen.models import Melding
from rapportage.models import Telling, TellingAard, VerouderdeSleutel


@dataclass(frozen=True)
class Afwijking:
    organisatie_id: int
    jaar: int
    kwartaal: int
    wat: str
    telling: int
    werkelijk: int


def _ruwe_tellingen() -> Counter:
    """(org, jaar, kwartaal, soort, melder_groep, crisis) -> number of registrations."""
    totaal: Counter = Counter()
    for soort, model, datum, crisis in (
        ("advies", Advies, "startdatum", None),
        ("melding", Melding, "ontvangstdatum", "acute_onveiligheid"),
    ):
        velden = ["organisatie_id", "j", "k", "melder_groep"] + ([crisis] if crisis else [])
        rijen = (
            model.objects.annotate(j=ExtractYear(datum), k=ExtractQuarter(datum))
            .values(*velden).annotate(n=Count("id")).values_list(*velden, "n")
        )
        for rij in rijen:
            org, j, k, groep = rij[:4]
            totaal[(org, j, k, soort, groep, bool(rij[4]) if crisis else False)] += rij[-1]
    return totaal


def _ruwe_aard() -> Counter:
    """(org, jaar, kwartaal, soort, aard) -> number, streamed so memory stays flat."""
    totaal: Counter = Counter()
    for soort, model, datum in (("advies", Advies, "startdatum"), ("melding", Melding, "ontvangstdatum")):
        for org, dag, aarden in model.objects.values_list("organisatie_id", datum, "aard").iterator(chunk_size=5000):
            for aard in aarden:
                totaal[(org, dag.year, (dag.month - 1) // 3 + 1, soort, aard)] += 1
    return totaal


def controleer_tellingen() -> list[Afwijking]:
    verouderd = set(VerouderdeSleutel.objects.values_list("organisatie_id", "jaar", "kwartaal"))
    afwijkingen: list[Afwijking] = []

    geteld: Counter = Counter()
    for org, j, k, soort, groep, crisis, n in (
        Telling.objects.values("organisatie_id", "jaar", "kwartaal", "soort", "melder_groep", "crisis")
        .annotate(n=Coalesce(Sum("aantal"), 0))
        .values_list("organisatie_id", "jaar", "kwartaal", "soort", "melder_groep", "crisis", "n")
    ):
        geteld[(org, j, k, soort, groep, crisis)] += n
    afwijkingen += _vergelijk(geteld, _ruwe_tellingen(), verouderd, lambda s: f"{s[3]}/{s[4]}/crisis={s[5]}")

    geteld_aard: Counter = Counter()
    for org, j, k, soort, aard, n in (
        TellingAard.objects.values("organisatie_id", "jaar", "kwartaal", "soort", "aard")
        .annotate(n=Sum("aantal")).values_list("organisatie_id", "jaar", "kwartaal", "soort", "aard", "n")
    ):
        geteld_aard[(org, j, k, soort, aard)] += n
    afwijkingen += _vergelijk(geteld_aard, _ruwe_aard(), verouderd, lambda s: f"{s[3]}/aard={s[4]}")
    return afwijkingen


def _vergelijk(geteld: Counter, werkelijk: Counter, verouderd: set, omschrijf) -> list[Afwijking]:
    uit = []
    for sleutel in sorted(set(geteld) | set(werkelijk), key=str):
        if sleutel[:3] in verouderd or geteld[sleutel] == werkelijk[sleutel]:
            continue
        uit.append(Afwijking(*sleutel[:3], omschrijf(sleutel), geteld[sleutel], werkelijk[sleutel]))
    return uit
