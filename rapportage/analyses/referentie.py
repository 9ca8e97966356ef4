"""Reference data for the analyses: the regional division per year, inhabitants and population density.

All read once per request into memory (a few hundred gemeenten) and looked up from there.

- **Division of a year** is the membership (``Lidmaatschap``) on 1 January of that year. A gemeente code that
  no longer existed then is first mapped to its successor (``Herindeling``; after a split, the successor that
  received the largest share of the addresses), repeatedly. A gemeente that did not exist yet keeps its own
  code and its first membership.
- **Inhabitants of a counting year** are those of 1 January of that year (CBS). When that year is missing
  from the reference data, the nearest earlier year is used, and the nearest later one when there is no
  earlier one; every figure says which year it used. The inhabitants of that year are mapped onto the
  division (or gemeente codes) of the year that is counted, so a merger or a move between regions in
  between is accounted for.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from vtregistratie.models import Gemeente, Herindeling, Inwoners, Lidmaatschap, Stedelijkheid


class Indeling:
    """Which gemeente and which organisation a gemeente code stands for in the division of a year."""

    def __init__(self):
        self.gemeenten = {g.code: g for g in Gemeente.objects.all()}
        self._leden: dict[str, list[tuple[date, date | None, int]]] = defaultdict(list)
        for code, van, tot, org in Lidmaatschap.objects.values_list(
            "gemeente__code", "geldig_van", "geldig_tot", "organisatie_id"
        ).order_by("gemeente__code", "geldig_van"):
            self._leden[code].append((van, tot, org))
        self._opvolgers: dict[str, list[tuple[date, str, float]]] = defaultdict(list)
        for oud, nieuw, datum, aandeel in Herindeling.objects.values_list(
            "oude_gemeente__code", "nieuwe_gemeente__code", "datum", "aandeel_adressen"
        ):
            self._opvolgers[oud].append((datum, nieuw, float(aandeel)))
        self._gemeente_cache: dict[tuple[str, int], str] = {}
        self._organisatie_cache: dict[tuple[str, int], int | None] = {}

    def gemeente_in_jaar(self, code: str, jaar: int) -> str:
        """The gemeente code that stands for ``code`` on 1 January of ``jaar`` (its successor after a merger)."""
        sleutel = (code, jaar)
        if sleutel not in self._gemeente_cache:
            peildatum = date(jaar, 1, 1)
            gezien = {code}
            huidig = code
            while True:
                gemeente = self.gemeenten.get(huidig)
                if gemeente is None or gemeente.geldig_tot is None or gemeente.geldig_tot > peildatum:
                    break
                opvolgers = [o for o in self._opvolgers.get(huidig, []) if o[0] <= peildatum]
                if not opvolgers:
                    break
                volgende = max(opvolgers, key=lambda o: (o[2], o[1]))[1]
                if volgende in gezien:
                    break
                gezien.add(volgende)
                huidig = volgende
            self._gemeente_cache[sleutel] = huidig
        return self._gemeente_cache[sleutel]

    def organisatie_van(self, code: str, jaar: int) -> int | None:
        """The organisation (id) a gemeente code belongs to in the division of ``jaar``."""
        sleutel = (code, jaar)
        if sleutel not in self._organisatie_cache:
            peildatum = date(jaar, 1, 1)
            leden = self._leden.get(self.gemeente_in_jaar(code, jaar), [])
            gevonden = next((org for van, tot, org in leden if van <= peildatum and (tot is None or peildatum < tot)),
                            None)
            if gevonden is None and leden and peildatum < leden[0][0]:
                gevonden = leden[0][2]  # did not exist yet: its first membership
            self._organisatie_cache[sleutel] = gevonden
        return self._organisatie_cache[sleutel]

    def naam(self, code: str) -> str:
        gemeente = self.gemeenten.get(code)
        return gemeente.naam if gemeente else (code or _("onbekend"))


class Inwonertallen:
    """Inhabitants on 1 January, with the nearest-year rule of docs/rollup.md."""

    def __init__(self, indeling: Indeling):
        self.indeling = indeling
        self.per_jaar: dict[int, dict[str, int]] = defaultdict(dict)
        for code, jaar, aantal in Inwoners.objects.values_list("gemeente__code", "jaar", "aantal"):
            self.per_jaar[jaar][code] = aantal
        self.jaren = sorted(self.per_jaar)

    def gebruikt_jaar(self, jaar: int) -> int | None:
        """``jaar`` itself when present, else the nearest earlier year, else the nearest later; ``None``: no data."""
        if jaar in self.per_jaar:
            return jaar
        eerder = [j for j in self.jaren if j < jaar]
        if eerder:
            return eerder[-1]
        later = [j for j in self.jaren if j > jaar]
        return later[0] if later else None

    def per_organisatie(self, jaar: int, indeling_jaar: int | None = None) -> dict[int, int]:
        """Inhabitants per organisation for counting year ``jaar``, on the division of ``indeling_jaar`` (default:
        of ``jaar`` itself)."""
        bron = self.gebruikt_jaar(jaar)
        uit: dict[int, int] = defaultdict(int)
        if bron is None:
            return uit
        peil = indeling_jaar or jaar
        for code, aantal in self.per_jaar[bron].items():
            org = self.indeling.organisatie_van(code, peil)
            if org is not None:
                uit[org] += aantal
        return uit

    def per_gemeente(self, jaar: int, indeling_jaar: int | None = None) -> dict[str, int]:
        """Inhabitants per gemeente code as counted in ``jaar`` (or on the division of ``indeling_jaar``)."""
        bron = self.gebruikt_jaar(jaar)
        uit: dict[str, int] = defaultdict(int)
        if bron is None:
            return uit
        peil = indeling_jaar or jaar
        for code, aantal in self.per_jaar[bron].items():
            uit[self.indeling.gemeente_in_jaar(code, peil)] += aantal
        return uit


@dataclass(frozen=True)
class Dichtheid:
    """Population density per organisation and the measure it was computed from."""

    maat: str  # "bevolkingsdichtheid" or "omgevingsadressendichtheid"
    jaar: int | None
    per_organisatie: dict[int, float]

    @property
    def omschrijving(self) -> str:
        if self.jaar is None:
            return _("geen dichtheidscijfers beschikbaar")
        if self.maat == "bevolkingsdichtheid":
            return _("bevolkingsdichtheid (inwoners per km² land) van %(jaar)s") % {"jaar": self.jaar}
        return _("omgevingsadressendichtheid (adressen per km²) van %(jaar)s, gewogen naar inwoners") % {
            "jaar": self.jaar}


def dichtheid_per_organisatie(inwoners: Inwonertallen, indeling_jaar: int) -> Dichtheid:
    """The population density of every region in the division of ``indeling_jaar``.

    From ``Stedelijkheid``: the bevolkingsdichtheid (inhabitants per km² of land) of the year nearest to
    ``indeling_jaar`` that has it; a region's density is its inhabitants divided by its land area (each
    gemeente's area being its inhabitants divided by its density). When no year has that measure, the
    omgevingsadressendichtheid of the nearest year, averaged over the region's gemeenten weighted by
    inhabitants.
    """
    rijen = list(Stedelijkheid.objects.values_list(
        "gemeente__code", "jaar", "bevolkingsdichtheid", "omgevingsadressendichtheid"))
    for maat, index in (("bevolkingsdichtheid", 2), ("omgevingsadressendichtheid", 3)):
        jaren = sorted({r[1] for r in rijen if r[index]}, key=lambda j: (abs(j - indeling_jaar), -j))
        if not jaren:
            continue
        jaar = jaren[0]
        inw = inwoners.per_jaar.get(inwoners.gebruikt_jaar(jaar) or -1, {})
        teller: dict[int, float] = defaultdict(float)
        noemer: dict[int, float] = defaultdict(float)
        for code, rij_jaar, *waarden in rijen:
            waarde = waarden[index - 2]
            if rij_jaar != jaar or not waarde or not inw.get(code):
                continue
            org = inwoners.indeling.organisatie_van(code, indeling_jaar)
            if org is None:
                continue
            if maat == "bevolkingsdichtheid":
                teller[org] += inw[code]
                noemer[org] += inw[code] / waarde  # km² of land
            else:
                teller[org] += inw[code] * waarde
                noemer[org] += inw[code]
        return Dichtheid(maat, jaar, {org: teller[org] / noemer[org] for org in teller if noemer[org]})
    return Dichtheid("bevolkingsdichtheid", None, {})


LAAG, GEMIDDELD, HOOG = "laag", "gemiddeld", "hoog"


def dichtheidsklassen(dichtheid: dict[int, float]) -> dict[int, str]:
    """Regions in three equal groups by density: the lowest third ``laag``, the highest third ``hoog``.

    With n regions, ``round(n / 3)`` lowest are low and as many highest are high; the rest is average.
    Ties are broken by organisation id, so the grouping is stable.
    """
    volgorde = sorted(dichtheid, key=lambda org: (dichtheid[org], org))
    derde = round(len(volgorde) / 3)
    klassen = {}
    for plaats, org in enumerate(volgorde):
        if plaats < derde:
            klassen[org] = LAAG
        elif plaats >= len(volgorde) - derde:
            klassen[org] = HOOG
        else:
            klassen[org] = GEMIDDELD
    return klassen
