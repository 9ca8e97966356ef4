"""Helpers for the analysis tests: count rows made directly (the count table is the analyses' input)."""

import pytest

from kwartalen.models import KwartaalStatus
from rapportage.analyses.filters import Filters
from rapportage.analyses.tabel import toon
from rapportage.tellingen.models import Telling
from vtregistratie.models import Organisatie

pytestmark = pytest.mark.django_db


def org(code: str) -> Organisatie:
    return Organisatie.objects.get(code=code)


def telling(code: str, jaar: int, kwartaal: int, aantal: int, *, soort="advies", melder_groep="politie",
            crisis=False, gemeente="", beoordeling="", eerdere="", binnen_termijn=None) -> Telling:
    return Telling.objects.create(
        organisatie=org(code), jaar=jaar, kwartaal=kwartaal, gemeente_code=gemeente, soort=soort,
        melder_groep=melder_groep, melder_categorie="politie" if melder_groep == "politie" else "huisarts",
        crisis=crisis, beoordeling=beoordeling, eerdere_betrokkenheid=eerdere, binnen_termijn=binnen_termijn,
        aantal=aantal,
    )


def per_kwartaal(code: str, jaar: int, aantal: int, *, kwartalen=(1, 2, 3, 4), **kwargs) -> None:
    for kw in kwartalen:
        telling(code, jaar, kw, aantal, **kwargs)


def sluit(code: str, jaar: int, kwartalen=(1, 2, 3, 4), status="definitief") -> None:
    for kw in kwartalen:
        KwartaalStatus.objects.update_or_create(organisatie=org(code), jaar=jaar, kwartaal=kw,
                                                defaults={"status": status})


def filters(van: int, tot: int, *codes: str, **kwargs) -> Filters:
    ids = tuple(Organisatie.objects.filter(code__in=codes).order_by("code").values_list("pk", flat=True))
    return Filters(van_jaar=van, tot_jaar=tot, organisaties=ids, **kwargs)


def waarden(analyse, sleutel: str, *, eigen=None) -> list[list]:
    """A table as the viewer gets it: download values."""
    return toon(analyse, eigen_organisatie=eigen).tabel(sleutel).download_rijen()


def rij(tabel: list[list], label: str) -> list:
    return next(r for r in tabel if r[0] == label)


def test_helpers_make_counts(referentiedata):
    telling("VT02", 2024, 1, 7)
    sluit("VT02", 2024, (1,))
    assert Telling.objects.get().aantal == 7
    assert KwartaalStatus.objects.get(organisatie=org("VT02"), jaar=2024, kwartaal=1).status == "definitief"
