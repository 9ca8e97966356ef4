"""Fixtures of the reporting tests: count rows made directly (the count tables are the analyses' input).

Each fixture hands the test a small function, so a test asks for exactly the helpers it uses.
"""

import random
import re

import pytest

from kwartalen.models import KwartaalStatus
from rapportage.analyses.filters import Filters
from rapportage.analyses.models import DatakwaliteitNotitie
from rapportage.analyses.tabel import toon
from rapportage.historie.models import HistorischeTelling
from rapportage.tellingen.models import (
    Telling,
    TellingDienst,
    TellingDuur,
    TellingOverdracht,
    TellingUitkomst,
    TellingWachtlijst,
)
from vtregistratie.models import Organisatie


@pytest.fixture
def org(referentiedata):
    """An organisation by its code."""

    def org(code: str) -> Organisatie:
        return Organisatie.objects.get(code=code)

    return org


MELDER_PER_GROEP = {
    "politie": {"melder_categorie": "politie", "melder_organisatie": "justitie_politie",
                "melder_functie": "justitie_politieagent", "impactmonitor_groep": "politie"},
    "overige_professional": {"melder_categorie": "huisarts", "melder_organisatie": "gezondheidszorg",
                             "melder_functie": "medisch_huisarts", "impactmonitor_groep": "huisarts"},
    "niet_professional": {"melder_categorie": "familielid", "melder_organisatie": "niet_van_toepassing",
                          "melder_functie": "niet_van_toepassing", "impactmonitor_groep": "burger"},
}


@pytest.fixture
def telling(org):
    """One count row; dimensions that are not given take a plain default."""

    def telling(code: str, jaar: int, kwartaal: int, aantal: int, *, soort="advies", melder_groep="politie",
                crisis=False, gemeente="", beoordeling="", eerdere="", binnen_termijn=None, **melder) -> Telling:
        # the melder dimensions follow the melder groep (a police officer, a GP, a family member) unless given
        standaard = MELDER_PER_GROEP[melder_groep]
        return Telling.objects.create(
            organisatie=org(code), jaar=jaar, kwartaal=kwartaal, gemeente_code=gemeente, soort=soort,
            melder_groep=melder_groep, crisis=crisis, beoordeling=beoordeling, eerdere_betrokkenheid=eerdere,
            binnen_termijn=binnen_termijn, aantal=aantal, **{**standaard, **melder},
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


#: Regions of the small-counts fixture and two of their gemeenten each.
REGIOS = {"VT02": ["GM0106", "GM0114"], "VT03": ["GM0034", "GM0050"], "VT04": ["GM0080", "GM0086"],
          "VT01": ["GM0363", "GM0457"], "VT18": ["GM0599", "GM0606"], "VT20": ["GM0344", "GM0457"]}
MARKERS = re.compile(r"\s*(\*|\(i\)|\(o\)|\(s\)|\(a\)|\[\d+\])\s*")


@pytest.fixture
def kleine_aantallen(referentiedata, org, sluit, telling):
    """Counts of 1 to 9 (and a few larger) in every dimension, closed and open quarters, history, a note."""
    rnd = random.Random(20240601)
    for code, gemeenten in REGIOS.items():
        for jaar in (2023, 2024):
            for kw in (1, 2, 3, 4):
                for gemeente in [*gemeenten, ""]:
                    for soort in ("advies", "melding"):
                        for groep in ("politie", "overige_professional", "niet_professional"):
                            melding = soort == "melding"
                            telling(code, jaar, kw, rnd.choice([1, 2, 3, 4, 6, 7, 8, 9, 9, 12, 23]), soort=soort,
                                    melder_groep=groep, gemeente=gemeente, crisis=melding and rnd.random() < .3,
                                    beoordeling=rnd.choice(["overdracht", "nog_niet_beoordeeld"]) if melding else "",
                                    eerdere=rnd.choice(["eerste_melding", "hermelding"]) if melding else "",
                                    binnen_termijn=rnd.choice([True, False, None]) if melding else None)
            if not (code == "VT03" and jaar == 2024):
                sluit(code, jaar)
    _kleine_dienstaantallen(rnd, org)
    sluit("VT03", 2024, (1, 2), status="voorlopig")
    # sparse regions: a handful of registrations in a whole year
    for code, gemeente, jaar, kw, soort, groep, n in [
        ("VT05", "GM0202", 2023, 1, "advies", "politie", 3), ("VT05", "GM0202", 2024, 2, "melding", "politie", 1),
        ("VT06", "GM0268", 2024, 2, "melding", "niet_professional", 4), ("VT06", "", 2023, 3, "advies", "politie", 2),
        ("VT07", "GM0402", 2023, 4, "advies", "overige_professional", 6),
        ("VT07", "GM0402", 2024, 4, "melding", "politie", 9),
    ]:
        telling(code, jaar, kw, n, soort=soort, melder_groep=groep, gemeente=gemeente, crisis=soort == "melding",
                beoordeling="overdracht" if soort == "melding" else "",
                eerdere="hermelding" if soort == "melding" else "", binnen_termijn=True if soort == "melding" else None)
    for code in ("VT05", "VT06", "VT07"):
        sluit(code, 2023)
        sluit(code, 2024)
    for kw in (1, 2, 3, 4):  # VT23 Zeeland: imported history with small numbers and a breakdown
        for groep, n in (("", 8), ("politie", 3), ("overige_professional", 2), ("niet_professional", 3)):
            HistorischeTelling.objects.create(organisatie=org("VT23"), jaar=2023, kwartaal=kw, soort="advies",
                                              melder_groep=groep, aantal=n, bestand="t.csv")
    DatakwaliteitNotitie.objects.create(organisatie=org("VT02"), van_jaar=2024, van_kwartaal=2, tot_jaar=2024,
                                        tot_kwartaal=3, tekst="Andere telwijze", uitsluiten_landelijke_trend=True)


def _kleine_dienstaantallen(rnd: random.Random, org) -> None:
    """The diensten count tables with 1 to 9 (and a few larger) per cell: waiting times and doorlooptijden on a few
    days each, the waiting list, started and afgerond, outcomes and overdrachten."""
    rijen: dict[type, list] = {m: [] for m in (TellingDuur, TellingWachtlijst, TellingDienst, TellingUitkomst,
                                               TellingOverdracht)}
    for code, gemeenten in REGIOS.items():
        for jaar in (2023, 2024):
            for kw in (1, 2, 3, 4):
                sleutel = {"organisatie": org(code), "jaar": jaar, "kwartaal": kw, "gemeente_code": gemeenten[0]}
                for dienst in ("onderzoek", "voorwaarden_en_vervolg"):
                    for maat in ("wachttijd", "doorlooptijd"):
                        for dagen in rnd.sample(range(0, 200), 3):
                            rijen[TellingDuur].append(TellingDuur(**sleutel, dienst=dienst, maat=maat, dagen=dagen,
                                                                  aantal=rnd.choice([1, 2, 3, 5, 8, 9, 12])))
                    rijen[TellingWachtlijst].append(TellingWachtlijst(**sleutel, dienst=dienst,
                                                                      dagen=rnd.randrange(0, 400),
                                                                      aantal=rnd.choice([1, 3, 7, 9, 14])))
                    for gebeurtenis in ("gestart", "afgerond"):
                        rijen[TellingDienst].append(TellingDienst(**sleutel, dienst=dienst, gebeurtenis=gebeurtenis,
                                                                  aantal=rnd.choice([2, 4, 6, 9, 11, 23])))
                for uitkomst in ("bevestigd", "niet_bevestigd", "weerlegd"):
                    rijen[TellingUitkomst].append(TellingUitkomst(**sleutel, aard="kindermishandeling",
                                                                  uitkomst=uitkomst, aantal=rnd.choice([1, 4, 8, 12])))
                for bestemming in ("lokaal_veld", "politie_om"):
                    rijen[TellingOverdracht].append(TellingOverdracht(**sleutel, moment="na_beoordeling",
                                                                      bestemming=bestemming,
                                                                      aantal=rnd.choice([1, 5, 9, 13])))
    for model, lijst in rijen.items():
        model.objects.bulk_create(lijst)


#: Filter combinations the disclosure tests walk for every analysis, on pages and through the API.
VARIANTEN = [
    "van=2023&tot=2024",
    "van=2023&tot=2024&soort=melding&melder_groep=politie",
    "van=2024&tot=2024&regio=VT02&regio=VT03&regio=VT20",
    "van=2023&tot=2024&indeling=2024",
    "van=2023&tot=2024&basisjaar=2024&soort=advies",
]


@pytest.fixture
def varianten():
    return VARIANTEN


@pytest.fixture
def regios():
    return REGIOS


@pytest.fixture
def geen_klein_aantal():
    """Assert that a count shown outside: ".", or 0, or a multiple of 5 of at least 10. Decimals (rates,
    percentages) pass."""

    def kaal(tekst: str) -> str:
        return MARKERS.sub(" ", tekst).replace("\u202f", "").strip()

    def geen_klein_aantal(waarde, waar: str) -> None:
        if isinstance(waarde, float):
            return
        if isinstance(waarde, int):
            getal = waarde
        else:
            tekst = kaal(str(waarde))
            if not re.fullmatch(r"\d+", tekst):
                return
            getal = int(tekst)
        assert getal == 0 or (getal % 5 == 0 and getal >= 10), f"{waar}: {waarde!r}"

    return geen_klein_aantal
