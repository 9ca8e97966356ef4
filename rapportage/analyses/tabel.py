"""Results of an analysis — tables of disclosure-aware cells — and what a viewer gets of them.

A selector returns an ``Analyse``; ``toon`` applies ``rapportage.onthulling.beveilig`` to every cell of every
table (the only way from a result to a page, a chart, a download or the API) and lays out each table's chart.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

from django.utils.translation import gettext as _

from rapportage.analyses.gegevens import Notitie, Uitgesloten
from rapportage.onthulling import Getoond, afronding, beveilig, formatteer_decimaal

AANTAL, PROCENT, PER_10000 = "aantal", "%", "per 10.000"


@dataclass
class Kolom:
    label: str
    getal: bool = True  # a number column; label columns are not
    eenheid: str = AANTAL  # what the numbers are: counts, percentages or counts per 10,000 inhabitants

    def __post_init__(self):
        self.label = str(self.label)  # lazy translations are evaluated in the request's language


@dataclass
class Grafiek:
    """Which columns a table's chart draws: one series per column, one group of bars per row."""

    reeksen: list[int]
    liggend: bool = False  # horizontal bars, for long lists of regions
    eenheid: str = ""
    label_kolommen: tuple[int, ...] = (0,)
    zonder_laatste_rijen: int = 0  # leave reference rows (a national total) out of the chart
    aantallen: bool = False  # counts: grid steps of at least the rounding base, so no axis label reads "3"


@dataclass
class Tabel:
    sleutel: str
    titel: str
    kolommen: list[Kolom]
    rijen: list[list]
    grafiek: Grafiek | None = None
    toelichting: str = ""


@dataclass
class Analyse:
    sleutel: str
    titel: str
    inleiding: str
    tabellen: list[Tabel]
    uitgesloten: list[Uitgesloten] = field(default_factory=list)
    notities: list[Notitie] = field(default_factory=list)
    opmerkingen: list[str] = field(default_factory=list)

    def tabel(self, sleutel: str) -> Tabel:
        return next(t for t in self.tabellen if t.sleutel == sleutel)


# --- what the viewer gets ---------------------------------------------------------------------------------------------


@dataclass
class Staaf:
    x: float
    y: float
    breedte: float
    hoogte: float
    klasse: str
    titel: str


@dataclass
class Tekst:
    x: float
    y: float
    tekst: str
    anker: str = "middle"
    titel: str = ""
    klasse: str = ""


@dataclass
class Lijn:
    x1: float
    y1: float
    x2: float
    y2: float
    klasse: str = ""


@dataclass
class SvgGrafiek:
    id: str
    titel: str
    beschrijving: str
    breedte: int
    hoogte: int
    staven: list[Staaf]
    teksten: list[Tekst]
    lijnen: list[Lijn]
    legenda: list[tuple[str, str]]  # (class, series name)


@dataclass
class GetoondeTabel:
    sleutel: str
    titel: str
    kolommen: list[Kolom]
    rijen: list[list[Getoond]]
    grafiek: SvgGrafiek | None
    toelichting: str

    def download_rijen(self) -> list[list]:
        return [[cel.waarde for cel in rij] for rij in self.rijen]


@dataclass
class GetoondeAnalyse:
    analyse: Analyse
    tabellen: list[GetoondeTabel]

    def tabel(self, sleutel: str) -> GetoondeTabel | None:
        return next((t for t in self.tabellen if t.sleutel == sleutel), None)


def _in_kolom(getoond: Getoond, kolom: Kolom) -> Getoond:
    if kolom.getal and not getoond.getalcel:
        return replace(getoond, getalcel=True)
    return getoond


def toon(analyse: Analyse, *, eigen_organisatie: int | None) -> GetoondeAnalyse:
    """Apply the disclosure rule to every cell and draw the charts from the protected values."""
    tabellen = []
    for tabel in analyse.tabellen:
        rijen = [
            [_in_kolom(beveilig(cel, eigen_organisatie=eigen_organisatie), kolom)
             for cel, kolom in zip(rij, tabel.kolommen, strict=True)]
            for rij in tabel.rijen
        ]
        getoond = GetoondeTabel(tabel.sleutel, tabel.titel, tabel.kolommen, rijen, None, tabel.toelichting)
        if tabel.grafiek is not None and rijen:
            getoond.grafiek = teken_grafiek(getoond, tabel.grafiek)
        tabellen.append(getoond)
    return GetoondeAnalyse(analyse, tabellen)


# --- charts -----------------------------------------------------------------------------------------------------------

RASTER = 5  # grid lines


def _mooie_stap(bereik: float, minimum: float = 0) -> float:
    return max(_stap(bereik), minimum)


def _stap(bereik: float) -> float:
    if bereik <= 0:
        return 1
    ruw = bereik / RASTER
    macht = 10 ** math.floor(math.log10(ruw))
    for factor in (1, 2, 2.5, 5, 10):
        if ruw <= factor * macht:
            return factor * macht
    return 10 * macht


def _as_label(waarde: float, stap: float) -> str:
    if stap >= 1 and float(waarde).is_integer():
        return f"{int(waarde):,}".replace(",", "\u202f").replace("-", "−")
    return formatteer_decimaal(waarde)


def teken_grafiek(tabel: GetoondeTabel, spec: Grafiek) -> SvgGrafiek | None:
    """An accessible bar chart (inline SVG): one group per row, one bar per series column."""
    rijen = tabel.rijen[:len(tabel.rijen) - spec.zonder_laatste_rijen]
    categorieen = [" ".join(rij[i].tekst for i in spec.label_kolommen) for rij in rijen]
    reeksen = [tabel.kolommen[i].label for i in spec.reeksen]
    waarden = [[rij[i].getal for i in spec.reeksen] for rij in rijen]
    teksten_cel = [[rij[i].tekst for i in spec.reeksen] for rij in rijen]
    if not rijen or not reeksen:
        return None
    alle = [w for rij in waarden for w in rij if w is not None]
    laag, hoog = min([0.0, *alle]), max([0.0, *alle])
    stap = _mooie_stap(hoog - laag, afronding() if spec.aantallen else 0)
    laag = math.floor(laag / stap) * stap
    hoog = max(math.ceil(hoog / stap) * stap, laag + stap)
    n_reeks = max(len(reeksen), 1)

    staven: list[Staaf] = []
    teksten: list[Tekst] = []
    lijnen: list[Lijn] = []
    if spec.liggend:
        links, rechts, boven, band = 230, 20, 10, 6 + 12 * n_reeks
        breedte = 760
        plot = breedte - links - rechts
        hoogte = boven + band * len(categorieen) + 40
        schaal = plot / (hoog - laag)
        nul = links + (0 - laag) * schaal
        for c, categorie in enumerate(categorieen):
            y0 = boven + c * band + 3
            teksten.append(Tekst(links - 6, y0 + band / 2, categorie, "end"))
            for r, waarde in enumerate(waarden[c]):
                y = y0 + r * 12
                titel = f"{categorie} – {reeksen[r]}: {teksten_cel[c][r]}"
                if waarde is None:
                    teksten.append(Tekst(nul + 4, y + 9, teksten_cel[c][r] or "–", "start", titel, "ontbreekt"))
                    continue
                x = nul + min(waarde, 0) * schaal
                staven.append(Staaf(round(x, 1), y, round(abs(waarde) * schaal, 1), 11, f"reeks-{r % 6}", titel))
        as_y = boven + band * len(categorieen)
        t = laag
        while t <= hoog + stap / 2:
            x = links + (t - laag) * schaal
            lijnen.append(Lijn(round(x, 1), boven, round(x, 1), as_y, "raster"))
            teksten.append(Tekst(round(x, 1), as_y + 14, _as_label(t, stap)))
            t += stap
        lijnen.append(Lijn(nul, boven, nul, as_y, "as"))
    else:
        links, rechts, boven, onder = 70, 10, 10, 50
        groep = max(24, 16 * n_reeks + 10, 7 * max(len(c) for c in categorieen) + 10)
        breedte = max(400, links + rechts + groep * len(categorieen))
        hoogte = 300
        plot = hoogte - boven - onder
        schaal = plot / (hoog - laag)
        nul = boven + (hoog - 0) * schaal
        staaf = (groep - 10) / n_reeks
        t = laag
        while t <= hoog + stap / 2:
            y = boven + (hoog - t) * schaal
            lijnen.append(Lijn(links, round(y, 1), breedte - rechts, round(y, 1), "raster"))
            teksten.append(Tekst(links - 6, round(y + 4, 1), _as_label(t, stap), "end"))
            t += stap
        for c, categorie in enumerate(categorieen):
            x0 = links + c * groep + 5
            teksten.append(Tekst(x0 + (groep - 10) / 2, hoogte - onder + 16, categorie))
            for r, waarde in enumerate(waarden[c]):
                x = x0 + r * staaf
                titel = f"{categorie} – {reeksen[r]}: {teksten_cel[c][r]}"
                if waarde is None:
                    teksten.append(
                        Tekst(x + staaf / 2, nul - 4, teksten_cel[c][r] or "–", "middle", titel, "ontbreekt"))
                    continue
                y = nul - max(waarde, 0) * schaal
                staven.append(Staaf(round(x, 1), round(y, 1), round(staaf - 1, 1), round(abs(waarde) * schaal, 1),
                                    f"reeks-{r % 6}", titel))
        lijnen.append(Lijn(links, round(nul, 1), breedte - rechts, round(nul, 1), "as"))
    eenheid = f" ({spec.eenheid})" if spec.eenheid else ""
    beschrijving = _(
        "Staafdiagram%(eenheid)s van %(reeksen)s per %(categorie)s. Elke staaf noemt zijn waarde; "
        "dezelfde getallen staan in de tabel bij deze grafiek. Een punt (.) is een geheimgehouden waarde, "
        "een streepje (–) een waarde die niet te berekenen is."
    ) % {"eenheid": eenheid, "reeksen": ", ".join(reeksen),
         "categorie": " ".join(tabel.kolommen[i].label for i in spec.label_kolommen).lower()}
    return SvgGrafiek(
        id=f"grafiek-{tabel.sleutel}", titel=tabel.titel, beschrijving=beschrijving, breedte=int(breedte),
        hoogte=int(hoogte), staven=staven, teksten=teksten, lijnen=lijnen,
        legenda=[(f"reeks-{r % 6}", naam) for r, naam in enumerate(reeksen)],
    )
