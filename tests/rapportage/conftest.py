"""Fixtures of the reporting tests: count rows made directly (the count tables are the analyses' input).

Each fixture hands the test a small function, so a test asks for exactly the helpers it uses.
"""

import pytest

from kwartalen.models import KwartaalStatus
from rapportage.analyses.filters import Filters
from rapportage.analyses.tabel import toon
from rapportage.tellingen.models import Telling
from vtregistratie.models import Organisatie


@pytest.fixture
def org(referentiedata):
    """An organisation by its code."""

    def org(code: str) -> Organisatie:
        return Organisatie.objects.get(code=code)

    return org


@pytest.fixture
def telling(org):
    """One count row; dimensions that are not given take a plain default."""

    def telling(code: str, jaar: int, kwartaal: int, aantal: int, *, soort="advies", melder_groep="politie",
                crisis=False, gemeente="", beoordeling="", eerdere="", binnen_termijn=None) -> Telling:
        return Telling.objects.create(
            organisatie=org(code), jaar=jaar, kwartaal=kwartaal, gemeente_code=gemeente, soort=soort,
            melder_groep=melder_groep, melder_categorie="politie" if melder_groep == "politie" else "huisarts",
            crisis=crisis, beoordeling=beoordeling, eerdere_betrokkenheid=eerdere, binnen_termijn=binnen_termijn,
            aantal=aantal,
        )

    return telling


@pytest.fixture
def per_kwartaal(telling):
    """The same count in several quarters of a year."""

    def per_kwartaal(code: str, jaar: int, aantal: int, *, kwartalen=(1, 2, 3, 4), **kwargs) -> None:
        for kw in kwartalen:
            telling(code, jaar, kw, aantal, **kwargs)

    return per_kwartaal


@pytest.fixture
def sluit(org):
    """Put quarters of an organisation in a state (``definitief`` unless given)."""

    def sluit(code: str, jaar: int, kwartalen=(1, 2, 3, 4), status="definitief") -> None:
        for kw in kwartalen:
            KwartaalStatus.objects.update_or_create(organisatie=org(code), jaar=jaar, kwartaal=kw,
                                                    defaults={"status": status})

    return sluit


@pytest.fixture
def filters(referentiedata):
    """The analyses' filters for whole years and some organisations by code."""

    def filters(van: int, tot: int, *codes: str, **kwargs) -> Filters:
        ids = tuple(Organisatie.objects.filter(code__in=codes).order_by("code").values_list("pk", flat=True))
        return Filters(van_jaar=van, tot_jaar=tot, organisaties=ids, **kwargs)

    return filters


@pytest.fixture
def waarden():
    """A table of an analysis as the viewer gets it: its download values, after disclosure control."""

    def waarden(analyse, sleutel: str, *, eigen=None) -> list[list]:
        return toon(analyse, eigen_organisatie=eigen).tabel(sleutel).download_rijen()

    return waarden


@pytest.fixture
def rij():
    """The row of a table with this label."""

    def rij(tabel: list[list], label: str) -> list:
        return next(r for r in tabel if r[0] == label)

    return rij
