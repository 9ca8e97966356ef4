"""Writing a delivery file: streaming, record by record, hashing as it goes.

The registrations are read with ``.iterator(chunk_size=…)`` as plain tuples (no model instances) and
written in blocks of ``BLOK`` records to a binary file object, so memory stays flat however large the
half-year is. The header is written first, the trailer last with the record counts and the SHA-256 of
every byte before it. Layout: ``rapportage.cbs.layout``; documentation: docs/cbs-aanlevering.md.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from functools import reduce
from operator import or_
from typing import BinaryIO

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from adviezen.models import Advies
from diensten.models import Dienst, OnderzoekUitkomst, Overdracht
from kwartalen.kwartaal import Kwartaal
from meldingen.models import Melding
from rapportage.cbs import layout
from rapportage.cbs.periode import Halfjaar
from rapportage.tellingen.dimensies import (
    BRONNEN,
    MOMENT,
    beoordeling,
    binnen_termijn,
    impactmonitor_groep,
    melder_functie,
    pad,
    teldatum,
)
from vtregistratie import definities
from vtregistratie.models import Organisatie

CHUNK = 2000  # rows per database round trip
BLOK = 1000  # records per write
MAX_PROBLEMEN = 500  # problems kept in a report; the rest are only counted

# Derived values come from the count rules (rapportage/tellingen/dimensies.py), annotated in the query: the file says
# what the counts count.
AFGELEID = {"impactmonitor": impactmonitor_groep, "telbeoordeling": beoordeling, "termijn_gehaald": binnen_termijn,
            "telfunctie": melder_functie}
ADVIES_KOLOMMEN = (
    "nummer", teldatum("advies"), "einddatum", "gemeente", "beroepsmatig", "melder_organisatietype",
    "melder_relatie", "melder_groep", "impactmonitor", "anoniem", "aard", "aard_subvorm", "aanvullende_informatie",
    "duur_geweld", "definities_versie", "telfunctie",
)
MELDING_KOLOMMEN = (
    "nummer", "casus__nummer", teldatum("melding"), "gemeente", "beroepsmatig", "melder_organisatietype",
    "melder_relatie", "melder_groep", "impactmonitor", "anoniem", "aard", "aard_subvorm", "aanvullende_informatie",
    "duur_geweld", "acute_onveiligheid", "structurele_onveiligheid", "eerdere_betrokkenheid", "beoordelingstermijn",
    "beoordeling_datum", "telbeoordeling", "vervolgdienst", "termijn_gehaald", "definities_versie", "telfunctie",
)


# The follow-up: a dienst is in the file when it started or ended in a delivered quarter (its two counting dates),
# an overdracht when its date is in one (rapportage/tellingen/dimensies.py, BRONNEN).
DIENST_DATUMS = (BRONNEN["dienst_gestart"].teldatum, BRONNEN["dienst_afgerond"].teldatum)
DIENST_KOLOMMEN = (
    "melding__nummer", "melding__casus__nummer", pad("dienst_gestart", "gemeente_id"), "soort", "besluitdatum",
    "startdatum", "einddatum", "afsluitreden", "pk",
)
OVERDRACHT_KOLOMMEN = (
    "melding__nummer", "melding__casus__nummer", pad("overdracht", "gemeente_id"), "moment",
    BRONNEN["overdracht"].teldatum, "bestemming", "hulp",
)
UITKOMSTEN = tuple(definities.ONDERZOEK_UITKOMST.codes())  # the order of the outcome fields of a D record


def diensten_in(organisatie: Organisatie, kwartalen: Iterable[Kwartaal]):
    kwartalen = list(kwartalen)
    return Dienst.objects.filter(reduce(or_, (periodefilter(veld, kwartalen) for veld in DIENST_DATUMS)),
                                 organisatie=organisatie)


def overdrachten_in(organisatie: Organisatie, kwartalen: Iterable[Kwartaal]):
    return Overdracht.objects.filter(periodefilter(BRONNEN["overdracht"].teldatum, kwartalen), organisatie=organisatie)


@dataclass
class Resultaat:
    aantal_adviezen: int = 0
    aantal_meldingen: int = 0
    aantal_casussen: int = 0
    aantal_diensten: int = 0
    aantal_overdrachten: int = 0
    aantal_records: int = 0
    grootte: int = 0
    sha256: str = ""
    problemen: list[dict] = field(default_factory=list)
    aantal_problemen: int = 0


class _Uitvoer:
    """Collects records in blocks, writes them and keeps the running SHA-256, size and count."""

    def __init__(self, uit: BinaryIO, resultaat: Resultaat, voortgang: Callable[[int], None] | None):
        self.uit, self.resultaat, self.voortgang = uit, resultaat, voortgang
        self.hash = hashlib.sha256()
        self.blok: list[str] = []
        self.regelnummer = 0  # number of the record last added (1 = header)

    def voeg_toe(self, regel: str) -> None:
        self.blok.append(regel)
        self.regelnummer += 1
        if len(self.blok) >= BLOK:
            self.leeg()

    def leeg(self) -> None:
        if not self.blok:
            return
        data = ("\r\n".join(self.blok) + "\r\n").encode(layout.CODERING)  # strict: the layout only makes ASCII
        self.uit.write(data)
        self.hash.update(data)
        self.resultaat.grootte += len(data)
        if self.voortgang:
            self.voortgang(len(self.blok))
        self.blok.clear()

    def probleem(self, soort: str, sleutel: str, veld: str, melding: str) -> None:
        self.resultaat.aantal_problemen += 1
        if len(self.resultaat.problemen) < MAX_PROBLEMEN:
            self.resultaat.problemen.append(
                {"record": self.regelnummer + 1, "soort": soort, "sleutel": sleutel, "veld": veld, "melding": melding}
            )

    def record(self, soort: layout.Recordsoort, sleutel: str, waarden: tuple) -> None:
        try:
            regel = soort.regel(waarden)
        except layout.Veldfout:
            regel, fouten = soort.regel_met_fouten(waarden)
            for fout in fouten:
                self.probleem(soort.code, sleutel, fout.veld,
                              _("Niet te schrijven, leeg gelaten: %(fout)s") % {"fout": fout.bericht})
        self.voeg_toe(regel)


def periodefilter(veld: str, kwartalen: Iterable[Kwartaal]) -> Q:
    """Rows whose ``veld`` date lies in one of ``kwartalen`` (none: no rows)."""
    kwartalen = sorted(kwartalen)
    if not kwartalen:
        return Q(pk__in=[])
    if len(kwartalen) == 2 and kwartalen[0].volgende() == kwartalen[1]:
        return Q(**{f"{veld}__gte": kwartalen[0].begin, f"{veld}__lt": kwartalen[1].einde})
    return reduce(or_, (Q(**{f"{veld}__gte": kw.begin, f"{veld}__lt": kw.einde}) for kw in kwartalen))


def tel_records(*, organisatie: Organisatie, kwartalen: Iterable[Kwartaal]) -> int:
    """How many A, M and C records a file over these quarters gets (for a progress bar)."""
    kwartalen = list(kwartalen)
    adviezen = Advies.objects.filter(periodefilter(teldatum("advies"), kwartalen), organisatie=organisatie).count()
    meldingen = Melding.objects.filter(periodefilter(teldatum("melding"), kwartalen), organisatie=organisatie)
    return (adviezen + meldingen.count() + meldingen.values("casus_id").distinct().count()
            + diensten_in(organisatie, kwartalen).count() + overdrachten_in(organisatie, kwartalen).count())


def schrijf_bestand(
    uit: BinaryIO, *, organisatie: Organisatie, halfjaar: Halfjaar, versie: int, aangemaakt_op: datetime,
    kwartaalstatussen: dict[Kwartaal, str], geleverd: Iterable[Kwartaal],
    voortgang: Callable[[int], None] | None = None,
) -> Resultaat:
    """Write the whole file for one organisation and half-year to ``uit`` and return what was written.

    Only registrations counted in a quarter of ``geleverd`` are written. Values that do not fit their
    field are left blank and returned as problems (the validation then refuses the file).
    """
    geleverd = sorted(geleverd)
    resultaat = Resultaat()
    u = _Uitvoer(uit, resultaat, voortgang)
    code = organisatie.code
    eerste, tweede = halfjaar.kwartalen

    u.record(layout.HEADER, "", (
        code, organisatie.naam_op(halfjaar.laatste_dag), halfjaar.jaar, halfjaar.halfjaar, versie,
        timezone.localtime(aangemaakt_op),
        eerste.kwartaal, kwartaalstatussen[eerste], eerste in geleverd,
        tweede.kwartaal, kwartaalstatussen[tweede], tweede in geleverd,
        definities.VERSIE, layout.LAYOUTVERSIE, layout.RECORDLENGTE,
    ))

    adviezen = (
        Advies.objects.filter(periodefilter(teldatum("advies"), geleverd), organisatie=organisatie)
        .annotate(**{naam: maak() for naam, maak in AFGELEID.items() if naam in ADVIES_KOLOMMEN})
        .order_by(teldatum("advies"), "nummer").values_list(*ADVIES_KOLOMMEN).iterator(chunk_size=CHUNK)
    )
    for waarden in adviezen:
        u.record(layout.ADVIES, waarden[0], (code, *waarden))
        resultaat.aantal_adviezen += 1

    meldingen = Melding.objects.filter(periodefilter(teldatum("melding"), geleverd), organisatie=organisatie)
    for waarden in (
        meldingen.annotate(**{naam: maak() for naam, maak in AFGELEID.items()})
        .order_by(teldatum("melding"), "nummer").values_list(*MELDING_KOLOMMEN).iterator(chunk_size=CHUNK)
    ):
        u.record(layout.MELDING, waarden[0], (code, *waarden))
        resultaat.aantal_meldingen += 1

    casussen = (
        meldingen.values("casus__nummer", "casus__geopend_op", "casus__afgesloten_op")
        .annotate(n=Count("id")).order_by("casus__nummer")
        .values_list("casus__nummer", "casus__geopend_op", "casus__afgesloten_op", "n")
    )
    for nummer, geopend, afgesloten, n in casussen.iterator(chunk_size=CHUNK):
        u.record(layout.CASUS, nummer, (code, nummer, geopend, afgesloten, n))
        resultaat.aantal_casussen += 1

    diensten = diensten_in(organisatie, geleverd)
    uitkomsten: dict[int, dict[str, list[str]]] = {}
    for dienst_id, aard, uitkomst in OnderzoekUitkomst.objects.filter(dienst__in=diensten).values_list(
            "dienst_id", "aard", "uitkomst").iterator(chunk_size=CHUNK):
        uitkomsten.setdefault(dienst_id, {}).setdefault(uitkomst, []).append(aard)
    for *waarden, pk in diensten.order_by("startdatum", "melding__nummer").values_list(
            *DIENST_KOLOMMEN).iterator(chunk_size=CHUNK):
        per_uitkomst = uitkomsten.get(pk, {})
        u.record(layout.DIENST, waarden[0], (code, *waarden, *(per_uitkomst.get(x, []) for x in UITKOMSTEN)))
        resultaat.aantal_diensten += 1

    for waarden in (
        overdrachten_in(organisatie, geleverd).annotate(moment=MOMENT.voor("overdracht"))
        .order_by(BRONNEN["overdracht"].teldatum, "melding__nummer", "bestemming")
        .values_list(*OVERDRACHT_KOLOMMEN).iterator(chunk_size=CHUNK)
    ):
        u.record(layout.OVERDRACHT, waarden[0], (code, *waarden))
        resultaat.aantal_overdrachten += 1

    u.leeg()
    resultaat.aantal_records = u.regelnummer + 1
    u.record(layout.TRAILER, "", (
        code, halfjaar.jaar, halfjaar.halfjaar, versie, resultaat.aantal_adviezen, resultaat.aantal_meldingen,
        resultaat.aantal_casussen, resultaat.aantal_diensten, resultaat.aantal_overdrachten,
        resultaat.aantal_records, u.hash.hexdigest(),
    ))
    u.leeg()
    resultaat.sha256 = u.hash.hexdigest()
    return resultaat
