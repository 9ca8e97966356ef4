"""Importing quarterly totals from before the application was used (``manage.py importeer_historie FILE``).

A file (CSV or XLSX) has one row per figure, in this column order, with or without a header row:

    organisatie;jaar;kwartaal;soort;melder_groep;crisis;aantal
    VT05;2018;1;advies;;;412
    VT05;2018;1;melding;;;230
    VT05;2018;1;melding;politie;;120
    ...

``melder_groep`` empty means all melder groups together, ``crisis`` empty crisis and non-crisis together
(``ja``/``nee``; meldingen only). Every organisation × quarter × soort in the file needs a total (both columns
empty), or a complete breakdown to derive it from; a breakdown by melder groep must name all three groups, by
crisis both values, and every breakdown must add up to the total. A soort the file does not give for an
organisation × quarter stays *unknown* (not 0): the study's case of known meldingen and unknown adviezen.

The import is all or nothing: every row is checked first, and a file with any bad row is refused with the
line number and reason of each; nothing of it is stored. A good file replaces, in one transaction, every
imported figure of each organisation × quarter × soort it contains — importing it twice gives the same figures
once, and a file with only meldingen leaves the imported adviezen of those quarters as they were. A quarter
that already has counts in the application (or is closed there) cannot be imported.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.db import transaction
from django.dispatch import Signal
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from kwartalen.kwartaal import Kwartaal
from kwartalen.models import KwartaalStatus
from rapportage.historie.models import HistorischeTelling
from rapportage.tellingen.models import Telling
from vtregistratie import definities
from vtregistratie.models import Organisatie

KOLOMMEN = ("organisatie", "jaar", "kwartaal", "soort", "melder_groep", "crisis", "aantal")
GROEPEN = tuple(definities.MELDER_GROEP.codes())
CRISIS = {"": "", "ja": "ja", "nee": "nee", "1": "ja", "0": "nee", "true": "ja", "false": "nee",
          "crisis": "ja", "geen crisis": "nee", "niet-crisis": "nee"}
SOORTEN = tuple(definities.SOORT_CONTACT.codes())


# Sent in the import's transaction after it replaced rows (bulk writes send no model signals).
historie_gewijzigd = Signal()

@dataclass(frozen=True)
class Fout:
    regel: int
    reden: str

    def __str__(self):
        return _("regel %(regel)s: %(reden)s") % {"regel": self.regel, "reden": self.reden}


class HistorieFout(Exception):
    """The file was refused; ``fouten`` names every bad row."""

    def __init__(self, fouten: list[Fout]):
        self.fouten = sorted(fouten, key=lambda f: f.regel)
        super().__init__("\n".join(str(f) for f in self.fouten))


@dataclass
class Importrapport:
    bestand: str
    regels: int = 0
    kwartalen: set[tuple[str, Kwartaal]] = field(default_factory=set)
    opgeslagen: int = 0
    vervangen: int = 0

    @property
    def organisaties(self) -> list[str]:
        return sorted({code for code, _kw in self.kwartalen})


@dataclass(frozen=True)
class Regel:
    nummer: int
    organisatie: Organisatie
    kwartaal: Kwartaal
    soort: str
    melder_groep: str
    crisis: str
    aantal: int


class _Puntkomma(csv.excel):
    delimiter = ";"


def lees_rijen(pad: Path) -> list[tuple[int, list[str]]]:
    """(line number, cells) of every non-empty row; the header row, if any, is left out."""
    if pad.suffix.lower() in (".xlsx", ".xlsm"):
        blad = load_workbook(pad, read_only=True, data_only=True).active
        rijen = [(i, ["" if w is None else str(int(w) if isinstance(w, float) and w.is_integer() else w).strip()
                      for w in rij])
                 for i, rij in enumerate(blad.iter_rows(values_only=True), start=1)]
    else:
        tekst = pad.read_bytes().decode("utf-8-sig")
        try:
            dialect = csv.Sniffer().sniff(tekst.splitlines()[0] if tekst else "", delimiters=";,\t")
        except csv.Error:
            dialect = _Puntkomma
        rijen = [(i, [w.strip() for w in rij]) for i, rij in enumerate(csv.reader(io.StringIO(tekst), dialect), 1)]
    rijen = [(i, rij) for i, rij in rijen if any(rij)]
    if rijen and rijen[0][1] and rijen[0][1][0].lower().replace(" ", "_") in ("organisatie", "organisatiecode", "code",
                                                                              "regio"):
        rijen = rijen[1:]
    return rijen


def _ontleed(nummer: int, cellen: list[str], organisaties: dict[str, Organisatie]) -> Regel | Fout:
    cellen = [*cellen, *[""] * (len(KOLOMMEN) - len(cellen))]
    if any(cellen[len(KOLOMMEN):]):
        return Fout(nummer, _("meer dan %(n)s kolommen") % {"n": len(KOLOMMEN)})
    code, jaar, kwartaal, soort, groep, crisis, aantal = cellen[:len(KOLOMMEN)]
    organisatie = organisaties.get(code.upper())
    if organisatie is None:
        return Fout(nummer, _("onbekende organisatie %(code)r") % {"code": code})
    try:
        kw = Kwartaal(int(jaar), int(kwartaal))
    except ValueError:
        return Fout(nummer, _("ongeldig jaar of kwartaal %(jaar)r, %(kw)r (kwartaal 1 tot en met 4)") % {
            "jaar": jaar, "kw": kwartaal})
    if kw.einde > date.today():
        return Fout(nummer, _("kwartaal %(kw)s is nog niet voorbij") % {"kw": kw})
    if fout := organisatie.buiten_bestaan(kw.begin, wanneer=_("in %(kw)s") % {"kw": kw}):
        return Fout(nummer, fout)
    soort = soort.lower()
    if soort not in SOORTEN:
        return Fout(nummer, _("onbekende soort %(soort)r (advies of melding)") % {"soort": soort})
    groep = groep.lower().replace("-", "_").replace(" ", "_")
    if groep and groep not in GROEPEN:
        return Fout(nummer, _("onbekende meldergroep %(groep)r (%(codes)s of leeg)") % {
            "groep": groep, "codes": ", ".join(GROEPEN)})
    if crisis.lower() not in CRISIS:
        return Fout(nummer, _("crisis moet ja, nee of leeg zijn, niet %(crisis)r") % {"crisis": crisis})
    crisis = CRISIS[crisis.lower()]
    if crisis and soort != "melding":
        return Fout(nummer, _("crisis geldt alleen voor meldingen"))
    try:
        waarde = int(aantal)
    except ValueError:
        return Fout(nummer, _("aantal %(aantal)r is geen geheel getal") % {"aantal": aantal})
    if waarde < 0:
        return Fout(nummer, _("aantal mag niet negatief zijn"))
    return Regel(nummer, organisatie, kw, soort, groep, crisis, waarde)


def _normaliseer(regels: dict[tuple[str, str], Regel], soort: str) -> tuple[dict[tuple[str, str], int], list[Fout]]:
    """Every margin derivable from the given rows of one organisation × quarter × soort, checked to add up."""
    eerste = min(r.nummer for r in regels.values())
    waarden = {k: r.aantal for k, r in regels.items()}
    fouten: list[Fout] = []
    crisiswaarden = ("ja", "nee") if soort == "melding" else ()

    def afleiden(sleutel: tuple[str, str], som: int, uit: str) -> None:
        if sleutel in waarden and waarden[sleutel] != som:
            regel = regels[sleutel].nummer if sleutel in regels else eerste
            fouten.append(Fout(regel, _("%(uit)s telt op tot %(som)s, niet tot %(waarde)s") % {
                "uit": uit, "som": som, "waarde": waarden[sleutel]}))
        waarden.setdefault(sleutel, som)

    def volledig(sleutels: set, verwacht: set, wat: str) -> bool:
        if sleutels and sleutels != verwacht:
            ontbreekt = ", ".join("/".join(d for d in s if d) for s in sorted(verwacht - sleutels))
            fouten.append(Fout(min(regels[s].nummer for s in sleutels),
                               _("onvolledige uitsplitsing naar %(wat)s: ontbreekt %(ontbreekt)s") % {
                                   "wat": wat, "ontbreekt": ontbreekt}))
            return False
        return bool(sleutels)

    kruis = {k for k in waarden if k[0] and k[1]}
    if volledig(kruis, {(g, c) for g in GROEPEN for c in crisiswaarden}, _("meldergroep en crisis")):
        for g in GROEPEN:
            afleiden((g, ""), sum(waarden[(g, c)] for c in crisiswaarden), _("de uitsplitsing van %s") % g)
        for c in crisiswaarden:
            afleiden(("", c), sum(waarden[(g, c)] for g in GROEPEN), _("de uitsplitsing van crisis %s") % c)
    groepen = {k for k in waarden if k[0] and not k[1]}
    if volledig(groepen, {(g, "") for g in GROEPEN}, _("meldergroep")):
        afleiden(("", ""), sum(waarden[(g, "")] for g in GROEPEN), _("de uitsplitsing naar meldergroep"))
    crisis = {k for k in waarden if k[1] and not k[0]}
    if volledig(crisis, {("", c) for c in crisiswaarden}, _("crisis")):
        afleiden(("", ""), sum(waarden[("", c)] for c in crisiswaarden), _("de uitsplitsing naar crisis"))
    if ("", "") not in waarden:
        fouten.append(Fout(eerste, _("het totaal ontbreekt (een regel met meldergroep en crisis leeg)")))
    return waarden, fouten


def controleer(rijen: list[tuple[int, list[str]]]) -> tuple[dict[tuple, dict[tuple[str, str], int]], list[Fout]]:
    """Check every row; the normalised figures per (organisation id, quarter, soort), and every error found."""
    organisaties = {o.code: o for o in Organisatie.objects.all()}
    fouten: list[Fout] = []
    per_sleutel: dict[tuple, dict[tuple[str, str], Regel]] = defaultdict(dict)
    for nummer, cellen in rijen:
        regel = _ontleed(nummer, cellen, organisaties)
        if isinstance(regel, Fout):
            fouten.append(regel)
            continue
        sleutel = (regel.organisatie.pk, regel.kwartaal, regel.soort)
        dims = (regel.melder_groep, regel.crisis)
        if dims in per_sleutel[sleutel]:
            fouten.append(Fout(nummer, _("dubbel: dezelfde organisatie, hetzelfde kwartaal, dezelfde soort, "
                                         "meldergroep en crisis als regel %(regel)s") % {
                "regel": per_sleutel[sleutel][dims].nummer}))
            continue
        per_sleutel[sleutel][dims] = regel
    uitkomst: dict[tuple, dict[tuple[str, str], int]] = {}
    for sleutel, regels in per_sleutel.items():
        waarden, extra = _normaliseer(regels, sleutel[2])
        fouten += extra
        uitkomst[sleutel] = waarden
    # a soort left out of an organisation × quarter stays unknown (completeness is per soort), never 0
    kwartalen = defaultdict(dict)
    for (org, kw, soort), regels in per_sleutel.items():
        kwartalen[(org, kw)][soort] = min(r.nummer for r in regels.values())
    # quarters that already have counts in the application
    if kwartalen:
        jaren = {kw.jaar for _org, kw in kwartalen}
        live = set(Telling.objects.filter(jaar__in=jaren).values_list("organisatie_id", "jaar", "kwartaal"))
        live |= set(KwartaalStatus.objects.filter(jaar__in=jaren, status__in=definities.AFGESLOTEN_KWARTAALSTATUSSEN)
                    .values_list("organisatie_id", "jaar", "kwartaal"))
        for (org, kw), soorten in kwartalen.items():
            if (org, kw.jaar, kw.kwartaal) in live:
                fouten.append(Fout(min(soorten.values()), _(
                    "%(org)s %(kw)s heeft al tellingen in de applicatie; alleen kwartalen van voor het gebruik van de "
                    "applicatie kunnen worden geïmporteerd") % {"org": _code(org, organisaties), "kw": kw}))
    return uitkomst, fouten


def _code(org_id: int, organisaties: dict[str, Organisatie]) -> str:
    return next(code for code, o in organisaties.items() if o.pk == org_id)


def importeer_historie(*, pad: Path | str, bestandsnaam: str | None = None) -> Importrapport:
    """Check the whole file and, only when every row is good, replace the imported figures of every
    organisation × quarter in it, in one transaction. ``HistorieFout`` lists every bad row otherwise."""
    pad = Path(pad)
    naam = bestandsnaam or pad.name
    try:
        rijen = lees_rijen(pad)
    except (OSError, UnicodeDecodeError, ValueError, KeyError) as exc:
        raise HistorieFout([Fout(0, _("het bestand is niet te lezen als CSV of XLSX: %(fout)s") % {"fout": exc})]) \
            from exc
    if not rijen:
        raise HistorieFout([Fout(0, _("het bestand bevat geen regels"))])
    figuren, fouten = controleer(rijen)
    if fouten:
        raise HistorieFout(fouten)
    rapport = Importrapport(bestand=naam, regels=len(rijen))
    codes = dict(Organisatie.objects.values_list("pk", "code"))
    with transaction.atomic():
        for org, kw, soort in figuren:
            verwijderd, _per_model = HistorischeTelling.objects.filter(
                organisatie_id=org, jaar=kw.jaar, kwartaal=kw.kwartaal, soort=soort).delete()
            rapport.vervangen += verwijderd
            rapport.kwartalen.add((codes[org], kw))
        nieuw = [
            HistorischeTelling(organisatie_id=org, jaar=kw.jaar, kwartaal=kw.kwartaal, soort=soort,
                               melder_groep=groep, crisis=crisis, aantal=aantal, bestand=naam[:255])
            for (org, kw, soort), waarden in sorted(figuren.items(), key=lambda i: (i[0][0], i[0][1], i[0][2]))
            for (groep, crisis), aantal in sorted(waarden.items())
        ]
        HistorischeTelling.objects.bulk_create(nieuw)
        historie_gewijzigd.send(sender=HistorischeTelling)  # the analyses show imported figures
        rapport.opgeslagen = len(nieuw)
    return rapport
