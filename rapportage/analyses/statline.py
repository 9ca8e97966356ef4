"""StatLine-shaped tables, filled from the count tables.

The CBS tables are declared as data in rapportage/analyses/statline_tabellen.py. The analysis ``statline`` lays
one table out as StatLine does: a row per
region × period × category (half-years ``2024HJ01``/``2024HJ02`` and the year ``2024JJ00``), a column per CBS
dimension and per measure, for the VT regions or, where CBS publishes gemeenten, per gemeente.

Every cell is a published cell (rapportage/onthulling.py): one region or gemeente × one half-year or year × one
soort × the values of the dimensions the row selects on. A category that is one code is one published cell, the
same as on the other analysis pages; a category that joins several codes (``Beroepsmatig totaal``) is the sum of
their cells and marked ``(a)`` for an outside viewer; a team lead sees the own region exactly.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from itertools import product

from django.db.models import Sum
from django.utils.translation import gettext as _

from kwartalen.kwartaal import Kwartaal
from rapportage.analyses.filters import Filters
from rapportage.analyses.gegevens import Gegevens
from rapportage.analyses.referentie import Indeling
from rapportage.analyses.statline_tabellen import STANDAARD_TABEL, TABELLEN, Maat, Voorwaarde
from rapportage.analyses.tabel import Analyse, Kolom, Tabel
from rapportage.onthulling import Percentage, Telwaarde
from rapportage.tellingen.dimensies import MEERVOUDIG, Teltabel

# --- periods -------------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Periode:
    code: str  # StatLine's: 2024HJ01, 2024HJ02, 2024JJ00
    kwartalen: tuple[Kwartaal, ...]


def periodes(jaren: list[int]) -> list[Periode]:
    uit = []
    for jaar in jaren:
        uit += [Periode(f"{jaar}HJ01", (Kwartaal(jaar, 1), Kwartaal(jaar, 2))),
                Periode(f"{jaar}HJ02", (Kwartaal(jaar, 3), Kwartaal(jaar, 4))),
                Periode(f"{jaar}JJ00", tuple(Kwartaal(jaar, k) for k in (1, 2, 3, 4)))]
    return uit


# --- the analysis ------------------------------------------------------------------------------------------------

def telbaar(dimensies: set[str]) -> bool:
    """Whether the counts hold these dimensions together: a multi-valued one only on its own."""
    return not (dimensies & set(MEERVOUDIG)) or len(dimensies) == 1


def telt(maat: Maat, voorwaarde: Voorwaarde) -> bool:
    """Whether the measure counts a row with this condition: on the registrations' counts where they hold the
    dimensions together, on a count table of the follow-up where it has them."""
    if maat.teltabel is not None:
        return maat.telt(voorwaarde)
    return maat.telt(voorwaarde) and telbaar({naam for naam, _w in (*voorwaarde, *maat.voorwaarde)})


class _Bron:
    """Counts per (geo, year, quarter, soort, values of some dimensions), read once per set of dimensions."""

    def __init__(self, g: Gegevens, per_gemeente: bool):
        self.g, self.per_gemeente = g, per_gemeente
        self._cache: dict[tuple, dict] = {}

    def niveau(self, dimensies: tuple[str, ...]) -> tuple[str, ...]:
        return (*dimensies, "gemeente_code") if self.per_gemeente else dimensies

    def tellingen(self, dimensies: tuple[str, ...], soort: str) -> dict:
        sleutel = (dimensies, soort)
        if sleutel not in self._cache:
            per_kwartaal: dict[tuple, list] = defaultdict(list)
            ruw = self.g.tellingen(per=self.niveau(dimensies), soorten=[soort], historisch=not self.per_gemeente)
            for (org, jaar, kw, _soort, *waarden), n in ruw.items():
                geo = (org, waarden.pop()) if self.per_gemeente else (org,)
                per_kwartaal[(geo, jaar, kw)].append((tuple(waarden), n))
            self._cache[sleutel] = per_kwartaal
        return self._cache[sleutel]

    def volg(self, teltabel: Teltabel, dimensies: tuple[str, ...], cellen: str) -> dict:
        """The same, from a count table of the follow-up (per VT region): each count knows its published cells,
        named ``cellen`` with the values of ``dimensies``."""
        sleutel = (teltabel.model, dimensies)
        if sleutel not in self._cache:
            f = self.g.filters
            per_kwartaal: dict[tuple, list] = defaultdict(list)
            qs = teltabel.model.objects.filter(jaar__gte=f.van_jaar, jaar__lte=f.tot_jaar)
            if f.organisaties:
                qs = qs.filter(organisatie_id__in=f.organisaties)
            velden = ("organisatie_id", "jaar", "kwartaal", *dimensies)
            for org, jaar, kw, *waarden, n in (qs.values(*velden).annotate(n=Sum("aantal")).order_by()
                                               .values_list(*velden, "n")):
                atoom = (org, jaar, kw, cellen, tuple(zip(dimensies, waarden, strict=True)))
                per_kwartaal[((org,), jaar, kw)].append((tuple(waarden), Telwaarde({atoom: n})))
            self._cache[sleutel] = per_kwartaal
        return self._cache[sleutel]

    def geos(self) -> list[tuple]:
        if not self.per_gemeente:
            return [(org,) for org in self.g.organisaties]
        gezien = set()
        for (org, _j, _k, _s, gemeente), _n in self.g.tellingen(per=("gemeente_code",), historisch=False).items():
            gezien.add((org, gemeente))
        return sorted(gezien, key=lambda og: (self.g.naam(og[0]), og[1] == "", og[1]))


def _cel(bron: _Bron, geo: tuple, periode: Periode, maat: Maat, voorwaarde: Voorwaarde):
    dimensies = tuple(naam for naam, _w in voorwaarde)
    if maat.teltabel is None:
        tellingen = bron.tellingen(dimensies, maat.soort)
    else:
        tellingen = bron.volg(maat.teltabel, dimensies, maat.soort)
    waarde = 0
    for kw in periode.kwartalen:
        for waarden, n in tellingen.get((geo, kw.jaar, kw.kwartaal), ()):
            if all(w in toegestaan for w, (_naam, toegestaan) in zip(waarden, voorwaarde, strict=True)):
                waarde += n
    if maat.teltabel is not None:  # the follow-up of meldingen: their markers (notes), never imported history
        return bron.g.aantal(waarde, {geo[0]}, periode.kwartalen, (maat.soort, *dimensies), "melding")
    return bron.g.aantal(waarde, {geo[0]}, periode.kwartalen, bron.niveau(dimensies), maat.soort)


def statline(filters: Filters, gegevens: Gegevens | None = None) -> Analyse:
    g = gegevens or Gegevens(filters)
    tabel = TABELLEN[filters.cbs_tabel or STANDAARD_TABEL]
    per_gemeente = filters.niveau == "gemeente"
    bron = _Bron(g, per_gemeente)
    indeling = Indeling() if per_gemeente else None
    combinaties, niet_gekruist = [], []
    for cats in product(*(d.categorieen for d in tabel.dimensies)):
        voorwaarde = tuple(sorted(p for c in cats for p in c.voorwaarde))
        if any(telt(m, voorwaarde) for m in tabel.maten):
            combinaties.append((cats, voorwaarde))
        else:
            niet_gekruist.append(cats)

    rijen = []
    for geo in bron.geos():
        org = geo[0]
        if per_gemeente:
            regio = f"{indeling.naam(geo[1])} ({geo[1]})" if geo[1] else _("Gemeente onbekend")
        else:
            regio = f"{g.alle_organisaties[org].naam} (VT)"
        for periode in periodes(filters.jaren):
            if not any(g.bestaat(org, kw) for kw in periode.kwartalen):
                continue
            for cats, voorwaarde in combinaties:
                cellen: dict[str, object] = {}
                for maat in tabel.maten:
                    samen = tuple(sorted((dict(voorwaarde) | dict(maat.voorwaarde)).items()))
                    # a measure that cannot count this category leaves its cell empty (84853NED: per aard only
                    # the outcomes)
                    cellen[maat.label] = _cel(bron, geo, periode, maat, samen) if telt(maat, voorwaarde) else None
                for maat in tabel.maten:
                    if maat.relatief_tot:
                        cellen[maat.label] = Percentage(cellen[maat.label], cellen[maat.relatief_tot])
                rij = [periode.code, regio, *(c.label for c in cats), *cellen.values()]
                if per_gemeente:
                    rij.insert(2, g.naam(org))
                rijen.append(rij)

    kolommen = [Kolom(_("Perioden"), getal=False), Kolom(_("Regio's"), getal=False, filter=not per_gemeente)]
    if per_gemeente:
        kolommen.append(Kolom(_("Veilig Thuis-regio"), getal=False, filter=True))
    kolommen += [Kolom(d.label, getal=False) for d in tabel.dimensies]
    kolommen += [Kolom(m.label, eenheid="%" if m.relatief_tot else "aantal") for m in tabel.maten]
    opmerkingen = [tabel.bron]
    if tabel.ontbreekt:
        opmerkingen.append(tabel.ontbreekt)
    if niet_gekruist:
        opmerkingen.append(_("%(n)s combinaties van categorieën zijn niet te tellen en staan er niet in.") % {
            "n": len(niet_gekruist)})
    if per_gemeente:
        opmerkingen.append(_("Per gemeente zoals in %(code)s; alleen registraties uit deze applicatie.") % {
            "code": tabel.gemeenten})
    return Analyse(
        "statline", f"{tabel.code}: {tabel.titel}",
        _("De tabel zoals CBS StatLine haar publiceert: een rij per regio, periode (halfjaar en jaar) en categorie, "
          "met de labels van CBS, zodat u uw cijfers regel voor regel naast StatLine kunt leggen."),
        [Tabel(tabel.code, f"{tabel.code}: {tabel.titel}", kolommen, rijen, None,
               toelichting=_("Perioden als op StatLine: JJJJHJ01 en JJJJHJ02 zijn de halfjaren, JJJJJJ00 het jaar."))],
        notities=g.notities, opmerkingen=opmerkingen,
    )
