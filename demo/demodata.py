"""Synthetic registrations for demos and load tests: adviezen, meldingen and their casussen for every
organisation, calibrated to the published national totals (docs/demodata.md).

Every row obeys the rules the registration services check (codes and gemeente valid on the date, the
gemeente belongs to the organisation on the date, melder fields consistent, derived fields computed by
the same functions, gapless numbers continued by ``Nummerreeks``), but rows are written with
``bulk_create`` instead of one service call per row: the full scale is about 1.8 million rows.
Generated rows have no audit-log entries and no ``aangemaakt_door``.

Reproducible: the same seed and arguments give the same rows. Every organisation draws from its own
random streams (one for adviezen, one for meldingen), so its rows do not depend on the others.
"""

from __future__ import annotations

import heapq
import math
import random
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from itertools import pairwise
from typing import Generic, TypeVar

from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models import Max, Min
from django.utils import timezone

from adviezen.models import Advies
from diensten.models import Dienst, Monitoring, OnderzoekUitkomst, Overdracht
from kwartalen.kwartaal import Kwartaal
from kwartalen.models import KwartaalStatus, VerouderdeSleutel
from kwartalen.volgkwartalen import Stand, geraakte_kwartalen
from meldingen.models import Casus, Melding
from meldingen.termijn import beoordelingstermijn
from rapportage.tellingen.dimensies import TELTABELLEN, VOLGTABELLEN
from rapportage.tellingen.services.herberekening import herbereken_alles
from rapportage.tellingen.services.kwartalen import zet_kwartaal_door
from vtregistratie import definities
from vtregistratie.models import Gebruiker, Gemeente, Inwoners, Lidmaatschap, Nummerreeks, Organisatie
from vtregistratie.selectors.indeling import organisaties_op
from vtregistratie.werkdagen import is_werkdag, plus_werkdagen

T = TypeVar("T")

ADVIES, MELDING, CASUS = "advies", "melding", "casus"
DIENST = "dienst"  # in Samenvatting.aantallen: diensten per year of their melding
PREFIX = {ADVIES: "A", MELDING: "M", CASUS: "C"}
EERSTE_JAAR = definities.PROTOCOL_BEGIN.year

# --- Calibration ----------------------------------------------------------------------------------

#: National totals per year as published by CBS (Veilig Thuis, StatLine), rounded to hundreds.
GEPUBLICEERDE_TOTALEN: dict[str, dict[int, int]] = {
    ADVIES: {2019: 107_700, 2020: 122_100, 2021: 134_200, 2023: 143_200},
    MELDING: {2019: 131_800, 2020: 127_400, 2021: 119_400, 2023: 127_300},
}


def landelijk_jaartotaal(soort: str, jaar: int) -> float:
    """The national total of a full year: published, interpolated linearly between published years, and
    after the last published year held at that year's level (no trend: the published series flattens)."""
    cijfers = GEPUBLICEERDE_TOTALEN[soort]
    if jaar in cijfers:
        return float(cijfers[jaar])
    eerder = [j for j in cijfers if j < jaar]
    later = [j for j in cijfers if j > jaar]
    if not eerder:
        raise ValueError(f"no national total before {min(cijfers)}")
    j0 = max(eerder)
    if not later:
        return float(cijfers[j0])
    j1 = min(later)
    return cijfers[j0] + (cijfers[j1] - cijfers[j0]) * (jaar - j0) / (j1 - j0)


#: Seasonal pattern: more in spring and autumn, fewer in the summer holidays and December.
MAANDFACTOR = {1: 1.0, 2: 1.0, 3: 1.1, 4: 1.05, 5: 1.1, 6: 1.05, 7: 0.85, 8: 0.8, 9: 1.05, 10: 1.1, 11: 1.05,
               12: 0.85}
#: Weight of a weekend day or public holiday against a working day: intake works on working days, but the
#: police reports every day and crisis meldingen are registered at once.
NIET_WERKDAG_FACTOR = {ADVIES: 0.05, MELDING: 0.12}
AANDEEL_GEMEENTE_ONBEKEND = 0.03

# --- Distributions (percentages; each is checked against the code lists at import) ----------------

MELDER_MELDING_BEROEPSMATIG = {
    # police and justice: 67 %
    "politie": 60.0, "openbaar_ministerie": 1.5, "reclassering": 2.5, "justitie_overig": 3.0,
    # other professionals: 26 %
    "huisarts": 2.0, "ziekenhuis": 2.0, "jgz_ggd": 1.5, "verloskunde_kraamzorg": 0.5, "gezondheidszorg_overig": 1.5,
    "ggz": 2.0, "kinderopvang": 0.5, "onderwijs": 3.0, "leerplicht": 0.5, "jeugdhulp": 2.5,
    "gecertificeerde_instelling": 2.0, "maatschappelijk_werk": 1.0, "wijkteam_gemeente": 3.0, "vt_andere_regio": 1.5,
    "vt_regionaal_maatwerk": 0.5, "organisatie_overig": 1.0, "onbekend": 0.5,
}
MELDER_MELDING_NIET_BEROEPSMATIG = {  # 7 %
    "betrokkene_jeugdige": 0.3, "betrokkene_volwassene": 2.0, "familielid": 2.0, "sociaal_netwerk": 1.0,
    "buurtbewoner": 1.2, "vrijwilliger": 0.1, "anders": 0.3, "onbekend": 0.1,
}
MELDER_ADVIES_BEROEPSMATIG = {  # 68 %
    "onderwijs": 12.0, "huisarts": 5.0, "jgz_ggd": 5.0, "ziekenhuis": 3.0, "verloskunde_kraamzorg": 1.0,
    "gezondheidszorg_overig": 4.0, "ggz": 5.0, "kinderopvang": 4.0, "leerplicht": 1.0, "jeugdhulp": 8.0,
    "gecertificeerde_instelling": 2.0, "politie": 2.0, "openbaar_ministerie": 0.3, "reclassering": 0.7,
    "justitie_overig": 1.0, "maatschappelijk_werk": 3.0, "wijkteam_gemeente": 7.0, "vt_andere_regio": 1.0,
    "vt_regionaal_maatwerk": 0.5, "organisatie_overig": 2.0, "onbekend": 0.5,
}
MELDER_ADVIES_NIET_BEROEPSMATIG = {  # 32 %
    "betrokkene_jeugdige": 1.5, "betrokkene_volwassene": 10.0, "familielid": 9.0, "sociaal_netwerk": 5.0,
    "buurtbewoner": 4.0, "vrijwilliger": 0.5, "anders": 1.5, "onbekend": 0.5,
}
# Ambulance: a small share of the health care melders (the type exists since the StatLine mapping, issue 15).
MELDER_MELDING_BEROEPSMATIG["ambulance"] = 0.3
MELDER_ADVIES_BEROEPSMATIG["ambulance"] = 0.2

#: The rol/functie of a professional melder per organisation type (shares within the type; ``onbekend`` is the
#: share intake does not ask or hear). A plausible spread, not a published one.
FUNCTIE_PER_ORGANISATIETYPE: dict[str, dict[str, float]] = {
    "huisarts": {"medisch_huisarts": 80, "medisch_verpleegkundige": 8, "medisch_overig": 4, "onbekend": 8},
    "ziekenhuis": {"medisch_specialist": 60, "medisch_verpleegkundige": 20, "psycholoog": 5,
                   "beroepsmatig_anders": 7, "onbekend": 8},
    "jgz_ggd": {"medisch_jeugdarts": 40, "medisch_verpleegkundige": 45, "medisch_overig": 5, "onbekend": 10},
    "verloskunde_kraamzorg": {"medisch_verloskundige": 80, "medisch_verpleegkundige": 10, "onbekend": 10},
    "ambulance": {"medisch_verpleegkundige": 60, "medisch_overig": 30, "onbekend": 10},
    "gezondheidszorg_overig": {"paramedisch": 35, "medisch_overig": 30, "medisch_verpleegkundige": 20,
                               "onbekend": 15},
    "ggz": {"psycholoog": 55, "medisch_specialist": 15, "medisch_verpleegkundige": 10, "beroepsmatig_anders": 10,
            "onbekend": 10},
    "kinderopvang": {"kinderopvang": 90, "onbekend": 10},
    "onderwijs": {"onderwijs": 88, "psycholoog": 4, "onbekend": 8},
    "leerplicht": {"beroepsmatig_anders": 85, "onbekend": 15},
    "jeugdhulp": {"beroepsmatig_anders": 70, "psycholoog": 15, "onbekend": 15},
    "gecertificeerde_instelling": {"beroepsmatig_anders": 60, "justitie_anders": 25, "onbekend": 15},
    "politie": {"justitie_politieagent": 95, "onbekend": 5},
    "openbaar_ministerie": {"justitie_officier": 80, "justitie_anders": 15, "onbekend": 5},
    "reclassering": {"justitie_anders": 90, "onbekend": 10},
    "justitie_overig": {"justitie_anders": 85, "onbekend": 15},
    "maatschappelijk_werk": {"beroepsmatig_anders": 85, "onbekend": 15},
    "wijkteam_gemeente": {"beroepsmatig_anders": 75, "medisch_verpleegkundige": 5, "psycholoog": 5, "onbekend": 15},
    "vt_andere_regio": {"beroepsmatig_anders": 80, "onbekend": 20},
    "vt_regionaal_maatwerk": {"beroepsmatig_anders": 80, "onbekend": 20},
    "organisatie_overig": {"beroepsmatig_anders": 70, "onbekend": 30},
    "onbekend": {"onbekend": 70, "beroepsmatig_anders": 30},
}

#: An advies may be anonymous: mostly callers from the family or neighbourhood.
KANS_ANONIEM = {True: 0.03, False: 0.30}

AARD_MELDING = {
    "partnergeweld": 40, "kindermishandeling": 35, "huiselijk_geweld_overig": 10, "geweld_tegen_ouders": 6,
    "ouderenmishandeling": 4, "andere_problematiek": 2, "geen_hg_km": 1, "onbekend": 2,
}
AARD_ADVIES = {
    "kindermishandeling": 45, "partnergeweld": 25, "huiselijk_geweld_overig": 9, "geweld_tegen_ouders": 5,
    "ouderenmishandeling": 5, "andere_problematiek": 5, "geen_hg_km": 3, "onbekend": 3,
}
#: A second aard only alongside real violence: "onbekend" or "geen huiselijk geweld" stand alone.
AARD_COMBINEERBAAR = ("kindermishandeling", "partnergeweld", "huiselijk_geweld_overig", "geweld_tegen_ouders",
                      "ouderenmishandeling")
KANS_TWEEDE_AARD = 0.2
#: StatLine's sub-forms of kindermishandeling (84850NED): how often a registration with that aard names one, how
#: often a second, and their shares (witnessing domestic violence the most common form, PCF rare). Drawn from a
#: stream of their own, so every other draw of a run is what it was before the sub-forms existed.
KANS_SUBVORM = {ADVIES: 0.7, MELDING: 0.85}
KANS_TWEEDE_SUBVORM = 0.25
SUBVORM_AANDELEN = {
    "km_getuige_huiselijk_geweld": 30, "km_lichamelijke_mishandeling": 18, "km_emotionele_mishandeling": 16,
    "km_emotionele_verwaarlozing": 12, "km_lichamelijke_verwaarlozing": 11, "km_seksueel_misbruik": 7,
    "km_anders": 5.5, "km_pcf": 0.5,
}
AANVULLEND_AANDELEN = {"eergerelateerd_geweld": 40, "huwelijksdwang": 20, "mensenhandel": 15,
                       "vrouwelijke_genitale_verminking": 15, "achterlating": 10}
KANS_AANVULLENDE_INFORMATIE = 0.04
DUUR_AANDELEN = {"tot_1_week": 8, "1_week_tot_1_maand": 7, "1_tot_6_maanden": 12, "6_tot_12_maanden": 8,
                 "1_tot_5_jaar": 15, "meer_dan_5_jaar": 8, "onbekend": 42}

#: Days between an advies's start and end date; an end after today stays empty (still running).
ADVIES_DUUR_DAGEN = {0: 45, 1: 10, 2: 8, 3: 7, 5: 10, 7: 8, 10: 5, 14: 4, 28: 3}

BETROKKENHEID_AANDELEN = {"eerste_melding": 34, "hermelding": 38, "vervolgmelding": 28}
KANS_CRISIS = 0.06
KANS_STRUCTUREEL = 1 / 3

#: The outcomes of an assessment without a dienst of Veilig Thuis itself; whether there is one is drawn first, from the
#: calibrated chances of the follow-up (``DIENSTEN_2023`` below).
UITKOMST_AANDELEN = {"overdracht": 45, "geen_vervolgstappen": 18, "regionaal_maatwerk": 7}
KANS_BINNEN_TERMIJN = 0.8
#: Working days after receipt of an assessment within the term (0 = the same day) and of a late one.
WERKDAGEN_BINNEN_TERMIJN = {0: 10, 1: 20, 2: 20, 3: 20, 4: 15, 5: 15}
WERKDAGEN_TE_LAAT = (6, 20)
#: Meldingen received in the last days before today are often not assessed yet.
RECENT_DAGEN = 10
KANS_RECENT_NIET_BEOORDEELD = 0.5
#: How long VT stays involved after the assessment, in days (uniform between the bounds), per outcome;
#: the casus is closed at the end, and a melding after that is a hermelding.
BETROKKENHEID_DAGEN = {
    "geen_vervolgstappen": (0, 10),
    "overdracht": (5, 35),
    "regionaal_maatwerk": (14, 90),
    "onderzoek": (42, 140),
    "voorwaarden_en_vervolg": (90, 300),
}
#: A hermelding joins a recently closed casus more often than an old one: on average one a third back
#: in the list of closed casussen.
HERMELDING_RECENTHEID = 3.0

BATCH_GROOTTE = 5000
#: Keeps one INSERT under PostgreSQL's 65,535 parameters per statement.
MAX_PARAMETERS = 65_000


def _controleer_codes(gewichten: Iterable[str], lijst: definities.CodeLijst) -> None:
    onbekend = [code for code in gewichten if code not in lijst]
    if onbekend:
        raise RuntimeError(f"demo data weights name codes outside {lijst.naam}: {onbekend}")


for _gewichten, _lijst in (
    (MELDER_MELDING_BEROEPSMATIG, definities.MELDER_ORGANISATIETYPE),
    (MELDER_ADVIES_BEROEPSMATIG, definities.MELDER_ORGANISATIETYPE),
    (MELDER_MELDING_NIET_BEROEPSMATIG, definities.MELDER_RELATIE),
    (MELDER_ADVIES_NIET_BEROEPSMATIG, definities.MELDER_RELATIE),
    (AARD_MELDING, definities.AARD), (AARD_ADVIES, definities.AARD), (AARD_COMBINEERBAAR, definities.AARD),
    (SUBVORM_AANDELEN, definities.AARD_SUBVORM),
    (AANVULLEND_AANDELEN, definities.AANVULLENDE_INFORMATIE), (DUUR_AANDELEN, definities.DUUR_GEWELD),
    (BETROKKENHEID_AANDELEN, definities.EERDERE_BETROKKENHEID),
    (UITKOMST_AANDELEN, definities.VEILIGHEIDSBEOORDELING_UITKOMST),
):
    _controleer_codes(_gewichten, _lijst)
if set(FUNCTIE_PER_ORGANISATIETYPE) != set(definities.MELDER_ORGANISATIETYPE.codes()):
    raise RuntimeError("FUNCTIE_PER_ORGANISATIETYPE does not cover exactly the organisation types")
for _aandelen in FUNCTIE_PER_ORGANISATIETYPE.values():
    _controleer_codes(_aandelen, definities.MELDER_FUNCTIE)
    if definities.FUNCTIE_NIET_VAN_TOEPASSING in _aandelen:
        raise RuntimeError("a professional melder never has rol/functie niet_van_toepassing")


class DemodataGeweigerd(Exception):
    """The generator refuses to run; the message (Dutch) says why and what to do."""


@dataclass
class Samenvatting:
    """What a run made: rows per soort (advies, melding, casus) and year, and what became of the rollup."""

    aantallen: Counter = field(default_factory=Counter)  # (soort, jaar) -> rows
    herberekening: str = ""
    kwartalen: Counter = field(default_factory=Counter)  # quarters closed per state (the demo slice)

    def jaren(self) -> list[int]:
        return sorted({jaar for _, jaar in self.aantallen})

    def totaal(self, soort: str) -> int:
        return sum(n for (s, _), n in self.aantallen.items() if s == soort)


Voortgang = Callable[[str, int], None]  # (the organisation-year just stored, the number of organisation-years)


# --- Weighted draws -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Loterij(Generic[T]):
    """A weighted draw: one ``random()`` and a bisection, fast enough for millions of draws."""

    uitkomsten: tuple[T, ...]
    grenzen: tuple[float, ...]  # cumulative weights

    @classmethod
    def van(cls, gewichten: Mapping[T, float]) -> Loterij[T]:
        paren = [(uitkomst, gewicht) for uitkomst, gewicht in gewichten.items() if gewicht > 0]
        if not paren:
            raise ValueError("a draw needs at least one outcome with a positive weight")
        grenzen, som = [], 0.0
        for _, gewicht in paren:
            som += gewicht
            grenzen.append(som)
        return cls(tuple(u for u, _ in paren), tuple(grenzen))

    def trek(self, rng: random.Random) -> T:
        plek = bisect_right(self.grenzen, rng.random() * self.grenzen[-1])
        return self.uitkomsten[min(plek, len(self.uitkomsten) - 1)]  # guards against float rounding to the end


@dataclass(frozen=True)
class Melder:
    beroepsmatig: bool
    organisatietype: str
    relatie: str
    groep: str  # derived by definities.melder_groep, as the services do
    functie: str = ""  # the rol/functie of a professional ('onbekend' when not known); empty for anyone else


def _geldig_in(lijst: definities.CodeLijst, code: str, van: date, tot: date) -> bool:
    """Valid on every day from ``van`` to ``tot``: validity periods are intervals, so the two ends suffice."""
    return lijst.is_geldig(code, van) and lijst.is_geldig(code, tot)


def _codeloterij(lijst: definities.CodeLijst, gewichten: Mapping[str, float], van: date, tot: date) -> Loterij[str]:
    return Loterij.van({code: g for code, g in gewichten.items() if _geldig_in(lijst, code, van, tot)})


def _melderloterij(beroepsmatig: Mapping[str, float], niet_beroepsmatig: Mapping[str, float],
                   geldig: Callable[[definities.CodeLijst, str], bool]) -> Loterij[Melder]:
    gewichten: dict[Melder, float] = {}
    for code, gewicht in beroepsmatig.items():
        if geldig(definities.MELDER_ORGANISATIETYPE, code):
            groep = definities.melder_groep(beroepsmatig=True, organisatietype=code)
            aandelen = FUNCTIE_PER_ORGANISATIETYPE[code]
            totaal = sum(aandelen.values())
            for functie, aandeel in aandelen.items():
                if geldig(definities.MELDER_FUNCTIE, functie):
                    gewichten[Melder(True, code, "", groep, functie)] = gewicht * aandeel / totaal
    for code, gewicht in niet_beroepsmatig.items():
        if geldig(definities.MELDER_RELATIE, code):
            groep = definities.melder_groep(beroepsmatig=False, organisatietype=None)
            gewichten[Melder(False, "", code, groep)] = gewicht
    return Loterij.van(gewichten)


@dataclass(frozen=True)
class Keuzes:
    """The draws for one soort over one period, limited to the codes valid on every day of that period.

    A code that begins or ends inside the period is left out for the whole period.
    """

    melder: Loterij[Melder]
    aard: Loterij[str]
    tweede_aard: Loterij[str]
    aanvullend: Loterij[str]
    duur: Loterij[str]
    subvorm: Loterij[str]
    kans_subvorm: float
    #: the stream the sub-forms are drawn from (see SUBVORM_AANDELEN)
    subvorm_rng: random.Random

    @classmethod
    def voor(cls, soort: str, van: date, tot: date, *, stroom: str = "") -> Keuzes:
        def geldig(lijst: definities.CodeLijst, code: str) -> bool:
            return _geldig_in(lijst, code, van, tot)

        def loterij(lijst: definities.CodeLijst, gewichten: Mapping[str, float]) -> Loterij[str]:
            return _codeloterij(lijst, gewichten, van, tot)

        aard = AARD_ADVIES if soort == ADVIES else AARD_MELDING
        melder = (
            (MELDER_ADVIES_BEROEPSMATIG, MELDER_ADVIES_NIET_BEROEPSMATIG) if soort == ADVIES
            else (MELDER_MELDING_BEROEPSMATIG, MELDER_MELDING_NIET_BEROEPSMATIG)
        )
        return cls(
            melder=_melderloterij(*melder, geldig),
            aard=loterij(definities.AARD, aard),
            tweede_aard=loterij(definities.AARD, {code: aard[code] for code in AARD_COMBINEERBAAR}),
            aanvullend=loterij(definities.AANVULLENDE_INFORMATIE, AANVULLEND_AANDELEN),
            duur=loterij(definities.DUUR_GEWELD, DUUR_AANDELEN),
            subvorm=loterij(definities.AARD_SUBVORM, SUBVORM_AANDELEN),
            kans_subvorm=KANS_SUBVORM[soort],
            subvorm_rng=random.Random(f"subvorm-{stroom}-{soort}-{van}"),
        )

    def aarden(self, rng: random.Random) -> list[str]:
        """One or two codes, sorted and unique as the services store them."""
        eerste = self.aard.trek(rng)
        if eerste in AARD_COMBINEERBAAR and rng.random() < KANS_TWEEDE_AARD:
            tweede = self.tweede_aard.trek(rng)
            return sorted({eerste, tweede})
        return [eerste]

    def subvormen(self, aarden: list[str]) -> list[str]:
        """None, one or two sub-forms of the aarden that StatLine splits (only kindermishandeling), sorted and
        unique as the services store them; never one without its aard."""
        rng = self.subvorm_rng
        if not any(definities.subvormen_van(aard) for aard in aarden) or rng.random() >= self.kans_subvorm:
            return []
        vormen = {self.subvorm.trek(rng)}
        if rng.random() < KANS_TWEEDE_SUBVORM:
            vormen.add(self.subvorm.trek(rng))
        return sorted(v for v in vormen if definities.AARD_PER_SUBVORM[v] in aarden)

    def aanvullende_informatie(self, rng: random.Random) -> list[str]:
        return [self.aanvullend.trek(rng)] if rng.random() < KANS_AANVULLENDE_INFORMATIE else []


@dataclass(frozen=True)
class Meldingkeuzes:
    """The draws only a melding has, limited to codes valid on every day of the period."""

    betrokkenheid: Loterij[str]
    uitkomst: Loterij[str]

    @classmethod
    def voor(cls, van: date, tot: date) -> Meldingkeuzes:
        return cls(
            betrokkenheid=Loterij.van(BETROKKENHEID_AANDELEN),  # derived, not a code that is entered
            uitkomst=_codeloterij(definities.VEILIGHEIDSBEOORDELING_UITKOMST, UITKOMST_AANDELEN, van, tot),
        )


# --- Calendar -------------------------------------------------------------------------------------

# The legal term and working-day arithmetic come from the same functions the services use; a run asks
# the same few thousand (date, n) pairs over and over, so they are cached.
_termijn = lru_cache(maxsize=None)(beoordelingstermijn)
_plus_werkdagen = lru_cache(maxsize=None)(plus_werkdagen)
_is_werkdag = lru_cache(maxsize=None)(is_werkdag)


def dagen_van(jaar: int) -> list[date]:
    begin = date(jaar, 1, 1)
    return [begin + timedelta(days=i) for i in range((date(jaar + 1, 1, 1) - begin).days)]


def daggewicht(soort: str, dag: date) -> float:
    return MAANDFACTOR[dag.month] * (1.0 if _is_werkdag(dag) else NIET_WERKDAG_FACTOR[soort])


# --- The regional division ------------------------------------------------------------------------


class Inwonertallen:
    """Inhabitants per gemeente and year. For a year without figures, the nearest earlier year is used
    (the nearest later one when there is none), as the per-10,000 figures do (docs/rollup.md)."""

    def __init__(self):
        self._per_gemeente: dict[str, dict[int, int]] = defaultdict(dict)
        for code, jaar, aantal in Inwoners.objects.values_list("gemeente__code", "jaar", "aantal"):
            self._per_gemeente[code][jaar] = aantal

    def van(self, gemeente_code: str, jaar: int) -> int:
        cijfers = self._per_gemeente.get(gemeente_code)
        if not cijfers:
            return 0  # a gemeente without any figure gets no registrations
        eerder = [j for j in cijfers if j <= jaar]
        return cijfers[max(eerder)] if eerder else cijfers[min(cijfers)]


@dataclass(frozen=True)
class Indelingsperiode:
    """Days over which no organisation, gemeente or membership begins or ends: one fixed division."""

    van: date
    tot: date  # exclusive
    gemeenten: dict[int, Loterij[str]]  # organisation id -> its gemeenten, weighted by inhabitants
    gemeentecodes: dict[int, frozenset[str]]
    inwoners: dict[int, int]  # organisation id -> inhabitants

    @property
    def landelijk(self) -> int:
        return sum(self.inwoners.values())


def _wisseldatums() -> list[date]:
    """Every date on which an organisation, a gemeente or a membership begins or ends."""
    datums: set[date] = set()
    for model in (Organisatie, Gemeente, Lidmaatschap):
        for van, tot in model.objects.values_list("geldig_van", "geldig_tot"):
            datums.update(d for d in (van, tot) if d is not None)
    return sorted(datums)


def _indeling_op(dag: date, tot: date, inwonertallen: Inwonertallen) -> Indelingsperiode:
    organisatie_ids = list(organisaties_op(dag).values_list("pk", flat=True))
    leden = (
        Lidmaatschap.objects.geldig_op(dag)
        .filter(organisatie_id__in=organisatie_ids, gemeente__in=Gemeente.objects.geldig_op(dag))
        .order_by("organisatie_id", "gemeente__code")
        .values_list("organisatie_id", "gemeente__code")
    )
    per_organisatie: dict[int, dict[str, int]] = defaultdict(dict)
    for organisatie_id, code in leden:
        per_organisatie[organisatie_id][code] = inwonertallen.van(code, dag.year)
    bewoond = {o: g for o, g in per_organisatie.items() if sum(g.values()) > 0}
    return Indelingsperiode(
        van=dag, tot=tot,
        gemeenten={o: Loterij.van(g) for o, g in bewoond.items()},
        gemeentecodes={o: frozenset(g) for o, g in bewoond.items()},
        inwoners={o: sum(g.values()) for o, g in bewoond.items()},
    )


class Indeling:
    """The division of one year into periods, looked up by date."""

    def __init__(self, jaar: int, wisseldatums: list[date], inwonertallen: Inwonertallen):
        begin, einde = date(jaar, 1, 1), date(jaar + 1, 1, 1)
        grenzen = [begin, *(d for d in wisseldatums if begin < d < einde), einde]
        self.perioden = [_indeling_op(van, tot, inwonertallen) for van, tot in pairwise(grenzen)]
        self._begins = [p.van for p in self.perioden]

    def op(self, dag: date) -> Indelingsperiode:
        return self.perioden[bisect_right(self._begins, dag) - 1]


# --- How many, when, where ------------------------------------------------------------------------


@dataclass
class Organisatiejaar:
    """One organisation's year: its days up to today with the weight of each, and how many of each soort."""

    organisatie: Organisatie
    jaar: int
    indeling: Indeling
    dagen: list[date] = field(default_factory=list)
    cumulatief: dict[str, list[float]] = field(default_factory=lambda: {ADVIES: [], MELDING: []})
    aantal: dict[str, int] = field(default_factory=dict)  # soort -> count (rounded so the nation adds up)

    @property
    def omschrijving(self) -> str:
        return f"{self.organisatie.code} {self.jaar}"

    def voeg_dag_toe(self, dag: date, verwachting: Mapping[str, float]) -> None:
        self.dagen.append(dag)
        for soort, reeks in self.cumulatief.items():
            reeks.append((reeks[-1] if reeks else 0.0) + verwachting[soort])

    def verwacht(self, soort: str) -> float:
        reeks = self.cumulatief[soort]
        return reeks[-1] if reeks else 0.0

    def trek_datums(self, rng: random.Random, soort: str) -> list[date]:
        if not self.aantal.get(soort):
            return []
        return sorted(rng.choices(self.dagen, cum_weights=self.cumulatief[soort], k=self.aantal[soort]))

    def trek_gemeente(self, rng: random.Random, dag: date) -> str | None:
        if rng.random() < AANDEEL_GEMEENTE_ONBEKEND:
            return None
        return self.indeling.op(dag).gemeenten[self.organisatie.pk].trek(rng)

    def hoort_bij(self, gemeente_code: str | None, dag: date) -> bool:
        """Whether the gemeente belongs to this organisation on ``dag`` (unknown always does)."""
        return gemeente_code is None or gemeente_code in self.indeling.op(dag).gemeentecodes[self.organisatie.pk]


def _grootste_rest(verwacht: dict[T, float]) -> dict[T, int]:
    """Whole numbers, each the expected count rounded down or up, that add up to the rounded total."""
    aantallen = {k: int(v) for k, v in verwacht.items()}
    over = round(sum(verwacht.values())) - sum(aantallen.values())
    for k in sorted(verwacht, key=lambda k: (int(verwacht[k]) - verwacht[k], str(k)))[:max(over, 0)]:
        aantallen[k] += 1
    return aantallen


def meldingfactoren(organisaties: dict[int, Organisatie], wisseldatums: list[date],
                    inwonertallen: Inwonertallen) -> dict[int, float]:
    """Meldingen per inhabitant against the rest of the country, for the regions whose own 2023 total is published
    (``REGIONALE_CIJFERS_2023``): the factor that gives the region that total in 2023 while the nation keeps its own.
    Every other region has factor 1; the factor holds for every year."""
    perioden = Indeling(2023, wisseldatums, inwonertallen).perioden
    per_code = {o.code: pk for pk, o in organisaties.items()}
    factoren = {}
    for code, cijfers in REGIONALE_CIJFERS_2023.items():
        pk = per_code.get(code)
        if pk is None:
            continue
        aandeel = sum((p.tot - p.van).days * p.inwoners.get(pk, 0) / p.landelijk for p in perioden) / 365
        doel = cijfers[MELDING] / landelijk_jaartotaal(MELDING, 2023)
        if 0 < aandeel < 1:
            factoren[pk] = doel * (1 - aandeel) / (aandeel * (1 - doel))
    return factoren


def _plan_jaar(jaar: int, schaal: float, vandaag: date, organisaties: dict[int, Organisatie],
               indeling: Indeling, meldingfactor: Mapping[int, float]) -> list[Organisatiejaar]:
    """Spread the year's national totals over the organisations by inhabitants, day by day.

    The expected count of an organisation on a day is the national total × the day's share of the
    year (season, working day) × the organisation's share of the inhabitants on that day. Days after
    today get nothing, so the current year is the year to date.
    """
    dagen = dagen_van(jaar)
    per_gewicht = {
        soort: landelijk_jaartotaal(soort, jaar) * schaal / sum(daggewicht(soort, dag) for dag in dagen)
        for soort in (ADVIES, MELDING)
    }
    plan: dict[int, Organisatiejaar] = {}
    for dag in dagen:
        if dag > vandaag:
            break
        periode = indeling.op(dag)
        gewogen = {soort: {o: n * (meldingfactor.get(o, 1.0) if soort == MELDING else 1.0)
                           for o, n in periode.inwoners.items()} for soort in per_gewicht}
        landelijk = {soort: per_gewicht[soort] * daggewicht(soort, dag) / sum(gewogen[soort].values())
                     for soort in per_gewicht}
        for organisatie_id in periode.inwoners:
            oj = plan.setdefault(organisatie_id, Organisatiejaar(organisaties[organisatie_id], jaar, indeling))
            oj.voeg_dag_toe(dag, {soort: per_inwoner * gewogen[soort][organisatie_id]
                                  for soort, per_inwoner in landelijk.items()})
    for soort in (ADVIES, MELDING):
        for organisatie_id, aantal in _grootste_rest({o: oj.verwacht(soort) for o, oj in plan.items()}).items():
            plan[organisatie_id].aantal[soort] = aantal
    return [plan[o] for o in sorted(plan, key=lambda o: organisaties[o].code)]


def maak_plan(*, van: int, tot: int, schaal: float, vandaag: date) -> dict[Organisatie, list[Organisatiejaar]]:
    """Per organisation (by code), its years from ``van`` to ``tot`` up to today with their counts."""
    organisaties = {o.pk: o for o in Organisatie.objects.all()}
    wisseldatums = _wisseldatums()
    inwonertallen = Inwonertallen()
    factoren = meldingfactoren(organisaties, wisseldatums, inwonertallen)
    per_organisatie: dict[Organisatie, list[Organisatiejaar]] = defaultdict(list)
    for jaar in range(van, min(tot, vandaag.year) + 1):
        indeling = Indeling(jaar, wisseldatums, inwonertallen)
        for oj in _plan_jaar(jaar, schaal, vandaag, organisaties, indeling, factoren):
            per_organisatie[oj.organisatie].append(oj)
    return dict(sorted(per_organisatie.items(), key=lambda item: item[0].code))


# --- Numbers --------------------------------------------------------------------------------------


class Nummers:
    """Gapless numbers per prefix and year for one organisation, continuing after ``Nummerreeks``."""

    def __init__(self, organisatie: Organisatie):
        self.organisatie = organisatie
        self.laatste: dict[tuple[str, int], int] = {
            (prefix, jaar): laatste
            for prefix, jaar, laatste in Nummerreeks.objects.filter(organisatie=organisatie)
            .values_list("prefix", "jaar", "laatste")
        }
        self._gewijzigd: set[tuple[str, int]] = set()

    def volgend(self, soort: str, jaar: int) -> tuple[int, str]:
        prefix = PREFIX[soort]
        volgnummer = self.laatste.get((prefix, jaar), 0) + 1
        self.laatste[(prefix, jaar)] = volgnummer
        self._gewijzigd.add((prefix, jaar))
        return volgnummer, f"{prefix}-{jaar}-{volgnummer:06d}"  # the format of services.nummering

    def bewaar(self, jaar: int) -> None:
        """Store the counters of ``jaar`` so later registrations through the services continue after them."""
        rijen = [
            Nummerreeks(organisatie=self.organisatie, prefix=prefix, jaar=j, laatste=self.laatste[(prefix, j)])
            for prefix, j in sorted(self._gewijzigd) if j == jaar
        ]
        Nummerreeks.objects.bulk_create(
            rijen, update_conflicts=True, unique_fields=["organisatie", "prefix", "jaar"], update_fields=["laatste"]
        )


# --- Adviezen -------------------------------------------------------------------------------------


def _maak_adviezen(rng: random.Random, oj: Organisatiejaar, nummers: Nummers, vandaag: date) -> list[Advies]:
    if not oj.dagen:
        return []
    keuzes = Keuzes.voor(ADVIES, oj.dagen[0], oj.dagen[-1], stroom=oj.organisatie.code)
    adviezen = []
    for startdatum in oj.trek_datums(rng, ADVIES):
        melder = keuzes.melder.trek(rng)
        einddatum = startdatum + timedelta(days=_ADVIES_DUUR.trek(rng))
        volgnummer, nummer = nummers.volgend(ADVIES, oj.jaar)
        adviezen.append(Advies(
            organisatie=oj.organisatie, jaar=oj.jaar, volgnummer=volgnummer, nummer=nummer,
            startdatum=startdatum, einddatum=einddatum if einddatum <= vandaag else None,
            gemeente_id=oj.trek_gemeente(rng, startdatum),
            beroepsmatig=melder.beroepsmatig, melder_organisatietype=melder.organisatietype,
            melder_relatie=melder.relatie, melder_functie=melder.functie, melder_groep=melder.groep,
            anoniem=rng.random() < KANS_ANONIEM[melder.beroepsmatig],
            # the walrus keeps the order of the draws from rng as it was
            aard=(aarden := keuzes.aarden(rng)), aard_subvorm=keuzes.subvormen(aarden),
            aanvullende_informatie=keuzes.aanvullende_informatie(rng),
            duur_geweld=keuzes.duur.trek(rng), definities_versie=definities.VERSIE,
        ))
    return adviezen


# --- Meldingen and casussen -----------------------------------------------------------------------

NOOIT = date.max  # the planned end of an involvement that runs past today


@dataclass(eq=False)
class Casusverloop:
    """A casus during the simulation: its row, its gemeente and the planned end of VT involvement."""

    casus: Casus
    gemeente: str | None
    einde: date
    versie: int = 0
    plek: int = -1  # index in the list of running casussen, -1 when closed


class Casussen:
    """One organisation's casussen while its meldingen are replayed in date order.

    On the current date a casus is either running (its involvement ends on or after the date: a melding
    joining it is a vervolgmelding) or closed (it ended before: a melding joining it is a hermelding
    and reopens it). Planned ends sit in a heap; ``naar`` moves the casussen whose end has passed.
    """

    def __init__(self):
        self.lopend: list[Casusverloop] = []
        self.afgesloten: list[Casusverloop] = []  # in order of closing
        self._einden: list[tuple[date, int, int, Casusverloop]] = []
        self._volgorde = 0
        self.alle: list[Casusverloop] = []

    def naar(self, dag: date) -> None:
        while self._einden and self._einden[0][0] < dag:
            _, _, versie, verloop = heapq.heappop(self._einden)
            if versie == verloop.versie and verloop.plek >= 0:
                self._haal_uit_lopend(verloop)
                self.afgesloten.append(verloop)

    def kan(self, betrokkenheid: str) -> bool:
        return bool(self.lopend if betrokkenheid == "vervolgmelding" else self.afgesloten)

    def open(self, casus: Casus, gemeente: str | None, einde: date) -> Casusverloop:
        verloop = Casusverloop(casus=casus, gemeente=gemeente, einde=einde)
        self.alle.append(verloop)
        self._zet_lopend(verloop, einde)
        return verloop

    def kies_lopend(self, rng: random.Random) -> Casusverloop:
        return self.lopend[rng.randrange(len(self.lopend))]

    def heropen(self, rng: random.Random, einde: date) -> Casusverloop:
        """Take a closed casus, recently closed ones more likely, and make it run until ``einde``."""
        terug = min(int(rng.expovariate(HERMELDING_RECENTHEID) * len(self.afgesloten)), len(self.afgesloten) - 1)
        verloop = self.afgesloten.pop(len(self.afgesloten) - 1 - terug)
        self._zet_lopend(verloop, einde)
        return verloop

    def verleng(self, verloop: Casusverloop, einde: date) -> None:
        if einde > verloop.einde:
            verloop.einde = einde
            self._plan_einde(verloop)

    def _zet_lopend(self, verloop: Casusverloop, einde: date) -> None:
        verloop.einde = einde
        verloop.plek = len(self.lopend)
        self.lopend.append(verloop)
        self._plan_einde(verloop)

    def _plan_einde(self, verloop: Casusverloop) -> None:
        verloop.versie += 1  # earlier heap entries of this casus are now stale
        if verloop.einde != NOOIT:
            self._volgorde += 1
            heapq.heappush(self._einden, (verloop.einde, self._volgorde, verloop.versie, verloop))

    def _haal_uit_lopend(self, verloop: Casusverloop) -> None:
        laatste = self.lopend.pop()
        if laatste is not verloop:
            self.lopend[verloop.plek] = laatste
            laatste.plek = verloop.plek
        verloop.plek = -1

    def sluit_af(self, vandaag: date) -> None:
        """Write the final state: a casus whose involvement has ended by today is closed on that date."""
        for verloop in self.alle:
            verloop.casus.afgesloten_op = verloop.einde if verloop.einde <= vandaag else None


@dataclass(frozen=True)
class Beoordeling:
    datum: date | None = None
    uitkomst: str = ""
    vervolgdienst: str = ""

    def einde_betrokkenheid(self, rng: random.Random) -> date:
        """When VT involvement ends after this assessment; never while it is not assessed yet."""
        if self.datum is None:
            return NOOIT
        kortst, langst = BETROKKENHEID_DAGEN[self.vervolgdienst or self.uitkomst]
        return self.datum + timedelta(days=rng.randint(kortst, langst))


_WERKDAGEN_BINNEN_TERMIJN = Loterij.van(WERKDAGEN_BINNEN_TERMIJN)
_ADVIES_DUUR = Loterij.van(ADVIES_DUUR_DAGEN)


def _beoordeling(rng: random.Random, keuzes: Meldingkeuzes, ontvangst: date, crisis: bool,
                 vandaag: date, aarden: list[str], dienstkansen: Mapping[str, float]) -> Beoordeling:
    """Most within the legal term (the same day in a crisis), the rest late; none yet when that date lies
    after today, and often none yet for the last few days' meldingen."""
    if rng.random() < KANS_BINNEN_TERMIJN:
        werkdagen = 0 if crisis else _WERKDAGEN_BINNEN_TERMIJN.trek(rng)
        if werkdagen == 0 and not crisis and not _is_werkdag(ontvangst):
            werkdagen = 1  # received in the weekend: assessed on the next working day
        datum = ontvangst if crisis else _plus_werkdagen(ontvangst, werkdagen)
    elif crisis:
        datum = ontvangst + timedelta(days=rng.randint(1, 3))
    else:
        datum = _plus_werkdagen(ontvangst, rng.randint(*WERKDAGEN_TE_LAAT))
    recent = (vandaag - ontvangst).days <= RECENT_DAGEN
    if datum > vandaag or (recent and rng.random() < KANS_RECENT_NIET_BEOORDEELD):
        return Beoordeling()
    dienst = _trek_vervolgdienst(rng, aarden, dienstkansen)
    return Beoordeling(datum, "vervolgstappen_vt" if dienst else keuzes.uitkomst.trek(rng), dienst)


# --- Diensten, overdracht en monitoring (the follow-up of an assessment) ---------------------------------
# Calibrated to CBS StatLine 84853NED (2023): 7,350 onderzoeken afgerond nationally, 5,595 of them not closed
# early, with these outcomes per aard; and to one region's published year (Drenthe, 2023). docs/demodata.md.

#: Published figures of 2023 the follow-up is calibrated to. The national number of voorwaarden en vervolg is not in
#: 84853NED: it is set at Drenthe's ratio to onderzoeken (125 : 145), an assumption.
DIENSTEN_2023 = {"melding": 127_300, "onderzoek": 7_350, "voorwaarden_en_vervolg": 6_340}
#: Regions whose own 2023 figures are published: meldingen, casussen with a melding in the year, afgeronde diensten.
#: Their meldingen per inhabitant and their chances of a dienst follow these; the other regions share the rest.
REGIONALE_CIJFERS_2023 = {
    "VT02": {"melding": 1_905, "casus": 1_495, "onderzoek": 145, "voorwaarden_en_vervolg": 125},  # Drenthe
}
NIET_VOORTIJDIG_AFGESLOTEN_2023 = 5_595
KANS_VOORTIJDIG_AFGESLOTEN = 1 - NIET_VOORTIJDIG_AFGESLOTEN_2023 / DIENSTEN_2023["onderzoek"]  # 23.9 %
AFSLUITREDEN_AANDELEN = {"verhuisd_andere_regio": 55, "vertrokken_onbekende_bestemming": 40, "overleden": 5}
#: Outcomes per aard of the onderzoeken not closed early (84853NED, 2023): kindermishandeling 2,900 / 1,155 / 140,
#: partnergeweld 1,500 / 390 / 20, geweld tegen ouders 90 / 20 / (suppressed); other aarden as the average.
ONDERZOEK_UITKOMST_AANDELEN = {
    "kindermishandeling": {"bevestigd": 2_900, "niet_bevestigd": 1_155, "weerlegd": 140},
    "partnergeweld": {"bevestigd": 1_500, "niet_bevestigd": 390, "weerlegd": 20},
    "geweld_tegen_ouders": {"bevestigd": 90, "niet_bevestigd": 20, "weerlegd": 2},
}
ONDERZOEK_UITKOMST_OVERIG = {"bevestigd": 4_490, "niet_bevestigd": 1_565, "weerlegd": 162}
#: How much more likely an onderzoek is for a melding with this aard (summed over its aarden): fitted so that, with
#: the meldingen' aard shares above, 75 % of the onderzoeken concern kindermishandeling and 34 % partnergeweld —
#: the shares the outcomes above imply (4,195 and 1,910 of 5,595).
ONDERZOEK_AARDGEWICHT = {
    "kindermishandeling": 3.6, "partnergeweld": 1.0, "huiselijk_geweld_overig": 0.5, "geweld_tegen_ouders": 0.5,
    "ouderenmishandeling": 0.5, "andere_problematiek": 0.1, "onbekend": 0.1, "geen_hg_km": 0.0,
}
#: Waiting time (assessment → start) and doorlooptijd (start → end) in days: log-normal around a median. Each region
#: has its own median wait (between the bounds) and a third of them see it grow every year from 2021 on; doorlooptijden
#: scatter around the 10-week norm of an onderzoek (70 days), about a third over it.
WACHTTIJD_MEDIAAN = (6.0, 30.0)
WACHTTIJD_GROEI = (0.15, 0.4)  # per year, for the regions whose wait grows
WACHTTIJD_SPREIDING = 0.7
WACHTTIJD_MAX = 365
WACHTTIJD_VV_FACTOR = 0.6  # voorwaarden en vervolg waits shorter
WACHTTIJD_CRISIS = (0, 2)  # a crisis starts at once
DOORLOOPTIJD_MEDIAAN = {"onderzoek": 62.0, "voorwaarden_en_vervolg": 140.0}
DOORLOOPTIJD_SPREIDING = {"onderzoek": 0.35, "voorwaarden_en_vervolg": 0.4}
DOORLOOPTIJD_REGIO = (0.85, 1.2)  # a region's factor on the medians
DOORLOOPTIJD_VOORTIJDIG = (3, 56)
OVERDRACHT_NA_BEOORDELING = {
    "lokaal_veld": 70, "politie_om": 6, "jeugdhulpaanbieder": 6, "ggz": 4, "huisarts": 3, "raad_kinderbescherming": 3,
    "gecertificeerde_instelling": 3, "vrouwenopvang": 2, "verslavingszorg": 1, "anders": 2,
}
OVERDRACHT_NA_DIENST = {
    "lokaal_veld": 50, "jeugdhulpaanbieder": 12, "raad_kinderbescherming": 10, "ggz": 8,
    "gecertificeerde_instelling": 6, "vrouwenopvang": 4, "verslavingszorg": 3, "politie_om": 3, "huisarts": 2,
    "anders": 2,
}
HULP_AANDELEN = {"ambulante_hulp": 40, "onbekend": 35, "beschermingsmaatregel": 8, "anders": 7, "verblijf_opvang": 5,
                 "strafrechtelijk": 5}
KANS_OVERDRACHT_NA_DIENST = 0.85
KANS_TWEEDE_BESTEMMING = 0.1
KANS_MONITORING = {"na_dienst": 0.4, "na_overdracht": 0.1}
MONITORING_DAGEN = {"na_dienst": (60, 180), "na_overdracht": (30, 120)}

for _gewichten, _lijst in (
    (AFSLUITREDEN_AANDELEN, definities.VOORTIJDIG_AFGESLOTEN_REDEN),
    (ONDERZOEK_UITKOMST_OVERIG, definities.ONDERZOEK_UITKOMST),
    (ONDERZOEK_AARDGEWICHT, definities.AARD), (ONDERZOEK_UITKOMST_AANDELEN, definities.AARD),
    (OVERDRACHT_NA_BEOORDELING, definities.OVERDRACHT_BESTEMMING),
    (OVERDRACHT_NA_DIENST, definities.OVERDRACHT_BESTEMMING),
    (HULP_AANDELEN, definities.HULP_SOORT), (DIENSTEN_2023.keys() - {MELDING}, definities.VERVOLGDIENST),
    *((aandelen, definities.ONDERZOEK_UITKOMST) for aandelen in ONDERZOEK_UITKOMST_AANDELEN.values()),
):
    _controleer_codes(_gewichten, _lijst)


def _aardgewicht(aarden: Iterable[str]) -> float:
    return sum(ONDERZOEK_AARDGEWICHT[aard] for aard in aarden)


def _verwacht_aardgewicht() -> float:
    """The mean of ``_aardgewicht`` over the meldingen' aarden as ``Keuzes.aarden`` draws them (exact): dividing by
    it keeps the chance of an onderzoek per melding at the calibrated mean."""
    totaal, combineerbaar = sum(AARD_MELDING.values()), sum(AARD_MELDING[a] for a in AARD_COMBINEERBAAR)
    verwacht = 0.0
    for eerste, gewicht in AARD_MELDING.items():
        kans = gewicht / totaal
        if eerste not in AARD_COMBINEERBAAR:
            verwacht += kans * _aardgewicht([eerste])
            continue
        verwacht += kans * (1 - KANS_TWEEDE_AARD) * _aardgewicht([eerste])
        for tweede in AARD_COMBINEERBAAR:
            verwacht += (kans * KANS_TWEEDE_AARD * AARD_MELDING[tweede] / combineerbaar
                         * _aardgewicht({eerste, tweede}))
    return verwacht


VERWACHT_AARDGEWICHT = _verwacht_aardgewicht()


def _trek_vervolgdienst(rng: random.Random, aarden: list[str], kansen: Mapping[str, float]) -> str:
    """The dienst of Veilig Thuis itself after an assessment ('' when none): an onderzoek with the region's chance
    weighted by the aard, voorwaarden en vervolg with the region's chance."""
    kans_onderzoek = kansen["onderzoek"] * _aardgewicht(aarden) / VERWACHT_AARDGEWICHT
    u = rng.random()
    if u < kans_onderzoek:
        return "onderzoek"
    if u < kans_onderzoek + kansen["voorwaarden_en_vervolg"]:
        return "voorwaarden_en_vervolg"
    return ""


@dataclass(frozen=True)
class Vervolgprofiel:
    """One region's follow-up: the chance of each dienst per assessed melding, its median wait per year (onderzoek)
    and its factor on the doorlooptijden. The same for every seed: the regions' story does not change per run."""

    dienstkansen: dict[str, float]
    wachttijd_2020: float
    groei: float
    duurfactor: float

    @classmethod
    def voor(cls, organisatie_code: str) -> Vervolgprofiel:
        rng = random.Random(f"vervolgprofiel-{organisatie_code}")
        groeit = rng.random() < 1 / 3
        return cls(
            dienstkansen=dienstkansen(organisatie_code),
            wachttijd_2020=rng.uniform(*WACHTTIJD_MEDIAAN),
            groei=rng.uniform(*WACHTTIJD_GROEI) if groeit else 0.0,
            duurfactor=rng.uniform(*DOORLOOPTIJD_REGIO),
        )

    def wachttijd_mediaan(self, jaar: int) -> float:
        """The median wait of an onderzoek decided in ``jaar``: level until 2020, then growing for some regions."""
        return min(self.wachttijd_2020 * (1 + self.groei) ** max(jaar - 2020, 0), WACHTTIJD_MAX / 2)


def dienstkansen(organisatie_code: str) -> dict[str, float]:
    """The chance of each dienst per melding: a region's published ratio, the others share the national rest."""
    eigen = REGIONALE_CIJFERS_2023.get(organisatie_code)
    if eigen is not None:
        return {dienst: eigen[dienst] / eigen[MELDING] for dienst in ("onderzoek", "voorwaarden_en_vervolg")}
    rest = {k: DIENSTEN_2023[k] - sum(r[k] for r in REGIONALE_CIJFERS_2023.values()) for k in DIENSTEN_2023}
    return {dienst: rest[dienst] / rest[MELDING] for dienst in ("onderzoek", "voorwaarden_en_vervolg")}


@dataclass
class Vervolgplan:
    """The follow-up of one melding as plain values; ``einde`` is when VT involvement ends because of it (None: the
    assessment's own rule, ``NOOIT`` while a dienst waits or runs past today)."""

    einde: date | None = None
    dienst: tuple[str, date, date, date | None, str] | None = None  # soort, besluit, start, end, afsluitreden
    uitkomsten: list[tuple[str, str]] = field(default_factory=list)  # aard, uitkomst
    overdrachten: list[tuple[bool, date, str, str]] = field(default_factory=list)  # na dienst, date, to, hulp
    monitoringen: list[tuple[bool, date, date | None]] = field(default_factory=list)  # na dienst, start, end
    wacht_sinds: date | None = None  # a melding with vervolgstappen whose dienst has not started by today


@dataclass
class Vervolgrijen:
    """The rows of one organisation-year's follow-up and the quarters whose counts they touch."""

    diensten: list[Dienst] = field(default_factory=list)
    uitkomsten: list[OnderzoekUitkomst] = field(default_factory=list)
    overdrachten: list[Overdracht] = field(default_factory=list)
    monitoringen: list[Monitoring] = field(default_factory=list)
    kwartalen: set[Kwartaal] = field(default_factory=set)


def _lognormaal(rng: random.Random, mediaan: float, spreiding: float, grens: int) -> int:
    return min(round(mediaan * math.exp(rng.gauss(0.0, spreiding))), grens)


_AFSLUITREDEN = Loterij.van(AFSLUITREDEN_AANDELEN)
_UITKOMST_PER_AARD = {aard: Loterij.van(a) for aard, a in ONDERZOEK_UITKOMST_AANDELEN.items()}
_UITKOMST_OVERIG = Loterij.van(ONDERZOEK_UITKOMST_OVERIG)
_BESTEMMING = {False: Loterij.van(OVERDRACHT_NA_BEOORDELING), True: Loterij.van(OVERDRACHT_NA_DIENST)}
_HULP = Loterij.van(HULP_AANDELEN)


class Vervolgsimulatie:
    """Plans each melding's follow-up from its own random stream (so the meldingen' draws do not shift) and keeps
    the rows per year of the melding, stored in that organisation-year's transaction.

    Every rule the follow-up services check holds by construction: a dienst only after "vervolgstappen Veilig
    Thuis", starting on or after the assessment, ending on or after the start, no date after today (a dienst that
    would start later is on today's waiting list; one that would end later is running); outcomes (one per aard of the
    melding) and an early-closing reason only for an ended onderzoek, never both; an overdracht after the assessment
    only with the outcome overdracht, after a dienst only when it ended, each destination once; monitoring only after
    an ended dienst or an overdracht.
    """

    def __init__(self, rng: random.Random, organisatie: Organisatie, vandaag: date):
        self.rng, self.organisatie, self.vandaag = rng, organisatie, vandaag
        self.profiel = Vervolgprofiel.voor(organisatie.code)
        self.rijen: dict[int, Vervolgrijen] = defaultdict(Vervolgrijen)

    def plan(self, beoordeling: Beoordeling, aarden: list[str], crisis: bool) -> Vervolgplan:
        if beoordeling.datum is None:
            return Vervolgplan()
        if beoordeling.vervolgdienst:
            return self._dienst(beoordeling.datum, beoordeling.vervolgdienst, aarden, crisis)
        if beoordeling.uitkomst == "overdracht":
            return self._overdracht(beoordeling.datum)
        return Vervolgplan()

    def _dienst(self, besluit: date, soort: str, aarden: list[str], crisis: bool) -> Vervolgplan:
        rng, profiel = self.rng, self.profiel
        if crisis:
            wacht = rng.randint(*WACHTTIJD_CRISIS)
        else:
            mediaan = profiel.wachttijd_mediaan(besluit.year) * (1 if soort == "onderzoek" else WACHTTIJD_VV_FACTOR)
            wacht = _lognormaal(rng, mediaan, WACHTTIJD_SPREIDING, WACHTTIJD_MAX)
        start = besluit + timedelta(days=wacht)
        if start > self.vandaag:
            return Vervolgplan(einde=NOOIT, wacht_sinds=besluit)
        voortijdig = soort == "onderzoek" and rng.random() < KANS_VOORTIJDIG_AFGESLOTEN
        if voortijdig:
            duur = rng.randint(*DOORLOOPTIJD_VOORTIJDIG)
        else:
            duur = _lognormaal(rng, DOORLOOPTIJD_MEDIAAN[soort] * profiel.duurfactor, DOORLOOPTIJD_SPREIDING[soort],
                               WACHTTIJD_MAX * 2)
        eind = start + timedelta(days=duur)
        if eind > self.vandaag:
            return Vervolgplan(einde=NOOIT, dienst=(soort, besluit, start, None, ""))
        plan = Vervolgplan(einde=eind, dienst=(soort, besluit, start, eind,
                                                _AFSLUITREDEN.trek(rng) if voortijdig else ""))
        if voortijdig:
            return plan
        if soort == "onderzoek":
            plan.uitkomsten = [(aard, _UITKOMST_PER_AARD.get(aard, _UITKOMST_OVERIG).trek(rng)) for aard in aarden]
        if rng.random() < KANS_OVERDRACHT_NA_DIENST:
            plan.overdrachten = self._bestemmingen(True, eind)
        self._monitoring(plan, "na_dienst", eind)
        return plan

    def _overdracht(self, besluit: date) -> Vervolgplan:
        plan = Vervolgplan(overdrachten=self._bestemmingen(False, besluit))
        self._monitoring(plan, "na_overdracht", besluit)
        return plan

    def _bestemmingen(self, na_dienst: bool, datum: date) -> list[tuple[bool, date, str, str]]:
        bestemmingen = {_BESTEMMING[na_dienst].trek(self.rng)}
        if self.rng.random() < KANS_TWEEDE_BESTEMMING:
            bestemmingen.add(_BESTEMMING[na_dienst].trek(self.rng))  # the same one twice stays one row
        return [(na_dienst, datum, bestemming, _HULP.trek(self.rng)) for bestemming in sorted(bestemmingen)]

    def _monitoring(self, plan: Vervolgplan, moment: str, start: date) -> None:
        if self.rng.random() >= KANS_MONITORING[moment]:
            return
        eind = start + timedelta(days=self.rng.randint(*MONITORING_DAGEN[moment]))
        plan.monitoringen = [(moment == "na_dienst", start, eind if eind <= self.vandaag else None)]
        plan.einde = eind if eind <= self.vandaag else NOOIT

    def bewaar_bij(self, melding: Melding, plan: Vervolgplan) -> None:
        """Turn the plan into rows of ``melding`` and note the quarters they count in."""
        rijen = self.rijen[melding.jaar]
        dienst = None
        if plan.dienst is not None:
            soort, besluit, start, eind, afsluitreden = plan.dienst
            dienst = Dienst(organisatie=self.organisatie, melding=melding, soort=soort, besluitdatum=besluit,
                            startdatum=start, einddatum=eind, afsluitreden=afsluitreden)
            rijen.diensten.append(dienst)
            rijen.uitkomsten.extend(OnderzoekUitkomst(dienst=dienst, aard=aard, uitkomst=uitkomst)
                                    for aard, uitkomst in plan.uitkomsten)
            stand = Stand(besluitdatum=besluit, startdatum=start, einddatum=eind)
        else:
            stand = Stand(besluitdatum=plan.wacht_sinds)
        rijen.kwartalen |= geraakte_kwartalen(oud=Stand(), nieuw=stand, vandaag=self.vandaag)
        for na_dienst, datum, bestemming, hulp in plan.overdrachten:
            rijen.overdrachten.append(Overdracht(organisatie=self.organisatie, melding=melding,
                                                 dienst=dienst if na_dienst else None, datum=datum,
                                                 bestemming=bestemming, hulp="" if hulp == "onbekend" else hulp))
            rijen.kwartalen.add(Kwartaal.van_datum(datum))
        for na_dienst, start, eind in plan.monitoringen:
            rijen.monitoringen.append(Monitoring(organisatie=self.organisatie, melding=melding,
                                                 dienst=dienst if na_dienst else None, startdatum=start,
                                                 einddatum=eind))
            rijen.kwartalen.add(Kwartaal.van_datum(start))


class Meldingsimulatie:
    """Replays one organisation's meldingen in date order, linking each to a casus.

    The share of eerste meldingen, hermeldingen and vervolgmeldingen is drawn per melding. When no casus
    fits (early in the first year nothing has been closed yet), the melding opens a new casus and the
    missing kind is owed; later eerste-melding draws pay that back, so the shares still come out.
    """

    def __init__(self, rng: random.Random, nummers: Nummers, vandaag: date, vervolg: Vervolgsimulatie):
        self.rng = rng
        self.vervolg = vervolg
        self.nummers = nummers
        self.vandaag = vandaag
        self.casussen = Casussen()
        self.schuld: Counter = Counter()
        self.nieuwe_casussen: dict[int, list[Casus]] = defaultdict(list)  # by year of opening
        self.meldingen: dict[int, list[Melding]] = defaultdict(list)

    def speel_jaar(self, oj: Organisatiejaar) -> None:
        if not oj.dagen:
            return
        keuzes = Keuzes.voor(MELDING, oj.dagen[0], oj.dagen[-1], stroom=oj.organisatie.code)
        meldingkeuzes = Meldingkeuzes.voor(oj.dagen[0], oj.dagen[-1])
        for ontvangst in oj.trek_datums(self.rng, MELDING):
            self._melding(oj, keuzes, meldingkeuzes, ontvangst)

    def _betrokkenheid(self, keuzes: Meldingkeuzes) -> str:
        gewenst = keuzes.betrokkenheid.trek(self.rng)
        if gewenst == "eerste_melding":
            for inhaal in ("hermelding", "vervolgmelding"):
                if self.schuld[inhaal] and self.casussen.kan(inhaal):
                    self.schuld[inhaal] -= 1
                    return inhaal
            return gewenst
        if self.casussen.kan(gewenst):
            return gewenst
        self.schuld[gewenst] += 1
        return "eerste_melding"

    def _melding(self, oj: Organisatiejaar, keuzes: Keuzes, meldingkeuzes: Meldingkeuzes, ontvangst: date) -> None:
        rng = self.rng
        self.casussen.naar(ontvangst)
        crisis = rng.random() < KANS_CRISIS
        aarden = keuzes.aarden(rng)  # before the assessment: whether VT investigates depends on the aard
        beoordeling = _beoordeling(rng, meldingkeuzes, ontvangst, crisis, self.vandaag, aarden,
                                   self.vervolg.profiel.dienstkansen)
        vervolg = self.vervolg.plan(beoordeling, aarden, crisis)
        einde = vervolg.einde if vervolg.einde is not None else beoordeling.einde_betrokkenheid(rng)
        betrokkenheid = self._betrokkenheid(meldingkeuzes)
        if betrokkenheid == "eerste_melding":
            verloop = self.casussen.open(self._nieuwe_casus(ontvangst), oj.trek_gemeente(rng, ontvangst), einde)
        elif betrokkenheid == "hermelding":
            verloop = self.casussen.heropen(rng, einde)
        else:
            verloop = self.casussen.kies_lopend(rng)
            self.casussen.verleng(verloop, einde)
        # The same people, so the same gemeente, unless it no longer belongs to this organisation.
        gemeente = verloop.gemeente if oj.hoort_bij(verloop.gemeente, ontvangst) else oj.trek_gemeente(rng, ontvangst)
        melder = keuzes.melder.trek(rng)
        volgnummer, nummer = self.nummers.volgend(MELDING, ontvangst.year)
        melding = Melding(
            organisatie=oj.organisatie, jaar=ontvangst.year, volgnummer=volgnummer, nummer=nummer,
            ontvangstdatum=ontvangst, gemeente_id=gemeente, casus=verloop.casus, eerdere_betrokkenheid=betrokkenheid,
            acute_onveiligheid=crisis, structurele_onveiligheid=rng.random() < KANS_STRUCTUREEL,
            beoordelingstermijn=_termijn(ontvangstdatum=ontvangst, crisis=crisis),
            beoordeling_datum=beoordeling.datum, beoordeling_uitkomst=beoordeling.uitkomst,
            vervolgdienst=beoordeling.vervolgdienst,
            beroepsmatig=melder.beroepsmatig, melder_organisatietype=melder.organisatietype,
            melder_relatie=melder.relatie, melder_functie=melder.functie, melder_groep=melder.groep, anoniem=False,
            aard=aarden, aard_subvorm=keuzes.subvormen(aarden),
            aanvullende_informatie=keuzes.aanvullende_informatie(rng),
            duur_geweld=keuzes.duur.trek(rng), definities_versie=definities.VERSIE,
        )
        self.meldingen[ontvangst.year].append(melding)
        self.vervolg.bewaar_bij(melding, vervolg)

    def _nieuwe_casus(self, geopend_op: date) -> Casus:
        volgnummer, nummer = self.nummers.volgend(CASUS, geopend_op.year)
        casus = Casus(organisatie=self.nummers.organisatie, jaar=geopend_op.year, volgnummer=volgnummer,
                      nummer=nummer, geopend_op=geopend_op)
        self.nieuwe_casussen[geopend_op.year].append(casus)
        return casus


# --- Storing --------------------------------------------------------------------------------------


def _batch(model) -> int:
    return min(BATCH_GROOTTE, MAX_PARAMETERS // len(model._meta.concrete_fields))


def _kwartalen(datums: Iterable[date]) -> set[Kwartaal]:
    return {Kwartaal.van_datum(d) for d in datums}


@transaction.atomic
def _bewaar_organisatiejaar(oj: Organisatiejaar, nummers: Nummers, adviezen: list[Advies], casussen: list[Casus],
                            meldingen: list[Melding]) -> None:
    """One organisation-year in one transaction: its rows, its number counters and its stale marks."""
    Advies.objects.bulk_create(adviezen, batch_size=_batch(Advies))
    Casus.objects.bulk_create(casussen, batch_size=_batch(Casus))  # before the meldingen that point to them
    Melding.objects.bulk_create(meldingen, batch_size=_batch(Melding))
    nummers.bewaar(oj.jaar)
    kwartalen = _kwartalen(a.startdatum for a in adviezen) | _kwartalen(m.ontvangstdatum for m in meldingen)
    VerouderdeSleutel.objects.bulk_create(
        [VerouderdeSleutel(organisatie=oj.organisatie, jaar=kw.jaar, kwartaal=kw.kwartaal) for kw in sorted(kwartalen)],
        ignore_conflicts=True,
    )


@transaction.atomic
def _bewaar_vervolg(oj: Organisatiejaar, rijen: Vervolgrijen) -> None:
    """The follow-up of one organisation-year's meldingen (stored just before) and its stale marks."""
    Dienst.objects.bulk_create(rijen.diensten, batch_size=_batch(Dienst))
    OnderzoekUitkomst.objects.bulk_create(rijen.uitkomsten, batch_size=_batch(OnderzoekUitkomst))
    Overdracht.objects.bulk_create(rijen.overdrachten, batch_size=_batch(Overdracht))
    Monitoring.objects.bulk_create(rijen.monitoringen, batch_size=_batch(Monitoring))
    VerouderdeSleutel.objects.bulk_create(
        [VerouderdeSleutel(organisatie=oj.organisatie, jaar=kw.jaar, kwartaal=kw.kwartaal)
         for kw in sorted(rijen.kwartalen)],
        ignore_conflicts=True,
    )


def _genereer_organisatie(jaren: list[Organisatiejaar], seed: int, vandaag: date, samenvatting: Samenvatting,
                          voortgang: Callable[[str], None]) -> None:
    """All years of one organisation. The meldingen of all years are replayed first, because a hermelding
    in a later year reopens a casus of an earlier one and the casus row is stored in its final state."""
    organisatie = jaren[0].organisatie
    nummers = Nummers(organisatie)
    # Own streams per organisation and soort: a change elsewhere never shifts this organisation's rows.
    rng_advies = random.Random(f"{seed}-{organisatie.code}-{ADVIES}")
    vervolg = Vervolgsimulatie(random.Random(f"{seed}-{organisatie.code}-vervolg"), organisatie, vandaag)
    simulatie = Meldingsimulatie(random.Random(f"{seed}-{organisatie.code}-{MELDING}"), nummers, vandaag, vervolg)
    for oj in jaren:
        simulatie.speel_jaar(oj)
    simulatie.casussen.sluit_af(vandaag)
    for oj in jaren:
        adviezen = _maak_adviezen(rng_advies, oj, nummers, vandaag)
        casussen, meldingen = simulatie.nieuwe_casussen.pop(oj.jaar, []), simulatie.meldingen.pop(oj.jaar, [])
        rijen = vervolg.rijen.pop(oj.jaar, Vervolgrijen())
        _bewaar_organisatiejaar(oj, nummers, adviezen, casussen, meldingen)
        _bewaar_vervolg(oj, rijen)
        samenvatting.aantallen.update({(ADVIES, oj.jaar): len(adviezen), (MELDING, oj.jaar): len(meldingen),
                                       (CASUS, oj.jaar): len(casussen), (DIENST, oj.jaar): len(rijen.diensten)})
        voortgang(oj.omschrijving)


# --- Public entry points --------------------------------------------------------------------------


def heeft_registraties() -> bool:
    return Advies.objects.exists() or Melding.objects.exists() or Casus.objects.exists()


def _markeer_getelde_kwartalen_verouderd() -> None:
    """Mark every key that has counts stale, so the rollup brings them to zero after a wipe."""
    sleutels = set()
    for model in (tabel.model for tabel in (*TELTABELLEN, *VOLGTABELLEN)):
        sleutels.update(model.objects.values_list("organisatie_id", "jaar", "kwartaal").distinct())
    VerouderdeSleutel.objects.bulk_create(
        [VerouderdeSleutel(organisatie_id=o, jaar=j, kwartaal=k) for o, j, k in sorted(sleutels)],
        ignore_conflicts=True, batch_size=_batch(VerouderdeSleutel),
    )


@transaction.atomic
def wis_registraties() -> None:
    """Delete every advies, melding and casus with the meldingen's follow-up, and the A-, M- and C-number counters.

    A raw delete: the ORM's delete would load every row to send its signals (and write an audit-log
    entry per row), which takes far longer than the generation at full scale.
    """
    _markeer_getelde_kwartalen_verouderd()
    for qs in (OnderzoekUitkomst.objects.all(), Overdracht.objects.all(), Monitoring.objects.all(),
               Dienst.objects.all(), Melding.objects.all(), Casus.objects.all(), Advies.objects.all(),
               Nummerreeks.objects.filter(prefix__in=PREFIX.values())):
        qs._raw_delete(qs.db)


def _controleer_mag(*, van: int, tot: int, schaal: float, wis: bool, vandaag: date) -> None:
    if van < EERSTE_JAAR:
        raise DemodataGeweigerd(f"Registraties beginnen op 1 januari {EERSTE_JAAR} (Informatieprotocol 2.0).")
    if tot < van:
        raise DemodataGeweigerd("--tot ligt vóór --van.")
    if van > vandaag.year:
        raise DemodataGeweigerd("Registraties in de toekomst maakt de generator niet.")
    if schaal <= 0:
        raise DemodataGeweigerd("--schaal moet groter dan 0 zijn.")
    if not Organisatie.objects.exists():
        raise DemodataGeweigerd("Er zijn geen organisaties: laad eerst de referentiedata (laad_referentiedata).")
    if heeft_registraties() and not wis:
        raise DemodataGeweigerd("Er zijn al registraties. Gebruik --wis om ze eerst allemaal te verwijderen.")
    definitief = KwartaalStatus.objects.filter(status="definitief")
    if not wis:
        definitief = definitief.filter(jaar__gte=van, jaar__lte=tot)
    if definitief.exists():
        raise DemodataGeweigerd(
            "Er zijn definitief vastgestelde kwartalen; registraties daarin mogen niet worden toegevoegd of "
            "verwijderd. Heropen ze eerst of gebruik een lege database."
        )


def _herbereken(samenvatting: Samenvatting) -> None:
    """Recompute every stale key once."""
    periode = VerouderdeSleutel.objects.aggregate(van=Min("jaar"), tot=Max("jaar"))
    if periode["van"] is None:
        samenvatting.herberekening = "Niets te herberekenen."
        return
    aantal = herbereken_alles(van=Kwartaal(periode["van"], 1), tot=Kwartaal(periode["tot"], 4), aanleiding="demodata")
    samenvatting.herberekening = f"{aantal} kwartaalsleutels herberekend."


def genereer_demodata(*, van: int, tot: int, schaal: float = 1.0, seed: int = 1, wis: bool = False,
                      vandaag: date | None = None, voortgang: Voortgang | None = None) -> Samenvatting:
    """Generate adviezen, meldingen and casussen for every organisation, for the years ``van`` to ``tot``
    (inclusive, never after today), at ``schaal`` × the national totals.

    Refuses (``DemodataGeweigerd``) when registrations exist, unless ``wis`` deletes them first. Marks
    every touched (organisation, quarter) stale and recomputes the counts at the end. ``voortgang`` is
    called after each organisation-year with its description and the number of organisation-years.
    """
    vandaag = vandaag or timezone.localdate()
    _controleer_mag(van=van, tot=tot, schaal=schaal, wis=wis, vandaag=vandaag)
    if wis:
        wis_registraties()
    plan = maak_plan(van=van, tot=tot, schaal=schaal, vandaag=vandaag)
    totaal = sum(len(jaren) for jaren in plan.values())
    stap = (lambda omschrijving: voortgang(omschrijving, totaal)) if voortgang else (lambda omschrijving: None)
    samenvatting = Samenvatting()
    for jaren in plan.values():
        _genereer_organisatie(jaren, seed, vandaag, samenvatting, stap)
    _herbereken(samenvatting)
    return samenvatting


#: The slice `make run` loads into an empty database: 2 % of the last three years and this year to date, so the
#: analyses' default period (three complete years) has figures on the first visit.
KLEINE_SCHAAL = 0.02
KLEINE_SEED = 1
KLEINE_JAREN = 4


def maak_demodata_als_leeg(*, vandaag: date | None = None, voortgang: Voortgang | None = None) -> Samenvatting | None:
    """Generate a small slice when there are no registrations yet and close its past quarters; otherwise do
    nothing (None)."""
    if heeft_registraties():
        return None
    vandaag = vandaag or timezone.localdate()
    samenvatting = genereer_demodata(van=vandaag.year - KLEINE_JAREN + 1, tot=vandaag.year, schaal=KLEINE_SCHAAL,
                                     seed=KLEINE_SEED, vandaag=vandaag, voortgang=voortgang)
    samenvatting.kwartalen = sluit_demokwartalen(van=vandaag.year - KLEINE_JAREN + 1, vandaag=vandaag)
    return samenvatting


def demo_teamleider(organisatie: Organisatie) -> Gebruiker:
    """The team lead who closes an organisation's demo quarters: a real user with the role, so the change is
    audited as any team lead's, but without a password (nobody logs in as it)."""
    gebruiker, nieuw = Gebruiker.objects.get_or_create(
        username=f"teamleider-{organisatie.code.lower()}", defaults={"organisatie": organisatie})
    if nieuw:
        gebruiker.set_unusable_password()
        gebruiker.save(update_fields=["password"])
        gebruiker.groups.set([Group.objects.get(name="teamleider")])
    return gebruiker


def sluit_demokwartalen(*, van: int, vandaag: date) -> Counter:
    """Close every quarter from ``van``-K1 up to the last one that is over, for every organisation that existed
    in it, the way its team lead would: through ``zet_kwartaal_door``, so each step is checked and audited.
    The last quarter that is over becomes ``voorlopig``, every earlier one ``definitief``; the current one
    stays open. Returns the number of quarters per state."""
    kwartalen = []
    kwartaal = Kwartaal(van, 1)
    while kwartaal.einde <= vandaag:
        kwartalen.append(kwartaal)
        kwartaal = kwartaal.volgende()
    statussen: Counter = Counter()
    for organisatie in Organisatie.objects.order_by("code"):
        bestaande = [kw for kw in kwartalen if (organisatie.geldig_van is None or organisatie.geldig_van < kw.einde)
                     and (organisatie.geldig_tot is None or organisatie.geldig_tot > kw.begin)]
        if not bestaande:
            continue
        with transaction.atomic():  # one commit per organisation, not two per quarter (SQLite syncs each)
            door = demo_teamleider(organisatie)
            for kw in bestaande:
                zet_kwartaal_door(organisatie=organisatie, kwartaal=kw, door=door, naar="voorlopig")
                if kw != kwartalen[-1]:
                    zet_kwartaal_door(organisatie=organisatie, kwartaal=kw, door=door, naar="definitief")
                statussen["definitief" if kw != kwartalen[-1] else "voorlopig"] += 1
    return statussen
