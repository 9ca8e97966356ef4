"""Results of an analysis — tables of disclosure-aware cells — and what a viewer gets of them.

A selector returns an ``Analyse``; ``toon`` applies ``rapportage.onthulling.beveilig`` to every cell of every
table (the only way from a result to a page, a chart, a download or the API) and lays out each table's chart.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field, replace

from django.utils.translation import gettext as _

from rapportage.analyses.gegevens import Notitie, Uitgesloten
from rapportage.onthulling import Getoond, afronding, beveilig, formatteer_decimaal

AANTAL, PROCENT, PER_10000, DAGEN = "aantal", "%", "per 10.000", "dagen"


@dataclass
class Kolom:
    label: str
    getal: bool = True  # a number column; label columns are not
    filter: bool = False  # a label column to filter a long table by (the region)
    eenheid: str = AANTAL  # what the numbers are: counts, percentages, counts per 10,000 inhabitants or days

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
    # Colours per series: keys of KLEUREN (a soort or melder groep, always the same colour), or JAREN
    # (one shade per year, the last year darkest); empty: the other colours by position.
    kleuren: tuple[str, ...] | str = ()
    per_rij: bool = False  # one series per row (e.g. per melder groep) over the series columns (the years)
    lijn: bool = False  # lines instead of bars (a trend over many quarters)
    categorie: str = ""  # the category axis's title when the series are per row (default "Jaar")
    # A reference line across the chart (a target): (name, value), drawn as one more line dataset.
    referentie: tuple[str, float] | None = None


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
class Reeks:
    naam: str
    kleur: str
    waarden: list[float | None]  # what the chart draws: protected values, None where nothing may be drawn
    teksten: list[str]  # the table's texts of the same cells (markers included), for the tooltip


@dataclass
class GrafiekGegevens:
    """A table's chart as data for static/js/analyses.js (Chart.js), passed to the page with ``json_script``."""

    id: str
    titel: str
    beschrijving: str
    liggend: bool
    eenheid: str  # the value axis's title
    categorie: str  # the category axis's title
    labels: list[str]
    reeksen: list[Reeks]
    stap: float | None  # the value axis's step when it must not be finer (counts), else Chart.js chooses
    rijen: bool  # each label is a row of the table (in order), so a sorted or paged table can redraw it
    lijn: bool = False  # a line chart
    referentie: dict | None = None  # {"naam", "waarde", "tekst"}: a horizontal reference line (a target)

    @property
    def json_id(self) -> str:
        return f"{self.id}-gegevens"

    def als_json(self) -> dict:
        return asdict(self)


@dataclass
class GetoondeTabel:
    sleutel: str
    titel: str
    kolommen: list[Kolom]
    rijen: list[list[Getoond]]
    grafiek: GrafiekGegevens | None
    toelichting: str

    def download_rijen(self) -> list[list]:
        return [[cel.waarde for cel in rij] for rij in self.rijen]

    def rekentabel(self) -> tuple[list[str], list[list]]:
        """The table to compute with (the CSV and XLSX downloads): every number column becomes its value — a
        number, empty when suppressed or not computable — and a column with whatever else the cell shows (its
        markers, or the symbol . or – in place of the value)."""
        kolommen: list[str] = []
        for kolom in self.kolommen:
            kolommen.append(kolom.label)
            if kolom.getal:
                kolommen.append(_("%(kolom)s (tekens)") % {"kolom": kolom.label})
        rijen = []
        for rij in self.rijen:
            uit: list = []
            for cel, kolom in zip(rij, self.kolommen, strict=True):
                if kolom.getal:
                    uit += [_rekenwaarde(cel, kolom), _tekens(cel)]
                else:
                    uit.append(cel.tekst)
            rijen.append(uit)
        return kolommen, rijen


    def rekenwaarden(self) -> list[list]:
        """Every cell as a value to compute with: the number (None when suppressed, unknown or not computable),
        or the text of a label column."""
        return [[_rekenwaarde(cel, kolom) if kolom.getal else cel.tekst for cel, kolom in
                 zip(rij, self.kolommen, strict=True)] for rij in self.rijen]

    def tekenlijsten(self) -> list[list[list[str]]]:
        """Every cell's markers as a list (the symbol . or – in place of a value among them)."""
        return [[_tekens(cel).split() if kolom.getal else [] for cel, kolom in zip(rij, self.kolommen, strict=True)]
                for rij in self.rijen]


def _rekenwaarde(cel: Getoond, kolom: Kolom) -> int | float | None:
    if cel.getal is None:
        return None
    return int(cel.getal) if kolom.eenheid == AANTAL and float(cel.getal).is_integer() else cel.getal


def _tekens(cel: Getoond) -> str:
    # A shown value is one token (digits grouped by a narrow no-break space); what follows it are markers.
    if cel.getal is None:
        return cel.tekst
    return cel.tekst.partition(" ")[2]


@dataclass
class GetoondeAnalyse:
    #: the analysis's texts (title, remarks, exclusions, notes) without its raw cells: a viewer gets only the
    #: protected tables, and the analysis cache need not keep — and unpickle on every request — the raw cells
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
    return GetoondeAnalyse(replace(analyse, tabellen=[]), tabellen)


# --- charts -----------------------------------------------------------------------------------------------------------

# One colour per soort and per melder groep, the same in every chart; dark enough for 3:1 against white.
KLEUREN = {
    "advies": "#154273", "melding": "#b34700",
    "politie": "#1f5e8c", "overige_professional": "#2e7d32", "niet_professional": "#8e2a72",
}
JAREN = "jaren"
JAAR_KLEUREN = ["#9db8d2", "#6a8fb7", "#3d6897", "#154273"]  # light (oldest) to dark (last year)
OVERIGE_KLEUREN = ["#007b8a", "#6b4fa0", "#9e7700", "#5a5a5a", "#b0003a", "#4d7300"]  # none a soort's or group's
RASTER = 5  # grid lines


def _stap(bereik: float) -> float:
    if bereik <= 0:
        return 1
    ruw = bereik / RASTER
    macht = 10 ** math.floor(math.log10(ruw))
    for factor in (1, 2, 2.5, 5, 10):
        if ruw <= factor * macht:
            return factor * macht
    return 10 * macht


def _kleuren(spec: Grafiek, aantal: int) -> list[str]:
    if spec.kleuren == JAREN:  # the last years get the palette's last shades; more years share the lightest
        return [JAAR_KLEUREN[max(0, len(JAAR_KLEUREN) - aantal + i)] for i in range(aantal)]
    if spec.kleuren:
        return [KLEUREN[sleutel] for sleutel in spec.kleuren][:aantal]
    return [OVERIGE_KLEUREN[i % len(OVERIGE_KLEUREN)] for i in range(aantal)]


def teken_grafiek(tabel: GetoondeTabel, spec: Grafiek) -> GrafiekGegevens | None:
    """A table's bar chart from its protected cells: one group per row and one series per series column, or
    (``per_rij``) one series per row over the series columns."""
    rijen = tabel.rijen[:len(tabel.rijen) - spec.zonder_laatste_rijen]
    if not rijen or not spec.reeksen:
        return None
    rijlabels = [" ".join(rij[i].tekst for i in spec.label_kolommen) for rij in rijen]
    kolomlabels = [tabel.kolommen[i].label for i in spec.reeksen]
    if spec.per_rij:
        labels, namen = kolomlabels, rijlabels
        cellen = [[rij[i] for i in spec.reeksen] for rij in rijen]
        categorie = spec.categorie or _("Jaar")
    else:
        labels, namen = rijlabels, kolomlabels
        cellen = [[rij[i] for rij in rijen] for i in spec.reeksen]
        categorie = " ".join(tabel.kolommen[i].label for i in spec.label_kolommen)
    reeksen = [Reeks(naam, kleur, [cel.getal for cel in reeks], [cel.tekst for cel in reeks])
               for naam, kleur, reeks in zip(namen, _kleuren(spec, len(namen)), cellen, strict=True)]
    stap = None
    if spec.aantallen:  # so no axis label reads like a small count
        alle = [w for reeks in reeksen for w in reeks.waarden if w is not None]
        stap = max(_stap(max([0.0, *alle]) - min([0.0, *alle])), afronding())
    eenheid = spec.eenheid or _("aantal")
    referentie = None
    if spec.referentie is not None:
        naam, waarde = spec.referentie
        referentie = {"naam": str(naam), "waarde": waarde, "tekst": formatteer_decimaal(waarde)}
    if spec.lijn:
        beschrijving = _(
            "Lijndiagram (%(eenheid)s) van %(reeksen)s per %(categorie)s. Dezelfde getallen staan in de tabel bij "
            "deze grafiek. Een geheimgehouden waarde (.) of een onbekende of niet te berekenen waarde (–) heeft "
            "geen punt."
        ) % {"eenheid": eenheid, "reeksen": ", ".join(namen), "categorie": categorie.lower()}
    else:
        beschrijving = _(
            "Staafdiagram (%(eenheid)s) van %(reeksen)s per %(categorie)s. Dezelfde getallen staan in de tabel bij "
            "deze grafiek. Een geheimgehouden waarde (.) of een onbekende of niet te berekenen waarde (–) heeft "
            "geen staaf."
        ) % {"eenheid": eenheid, "reeksen": ", ".join(namen), "categorie": categorie.lower()}
    if referentie is not None:
        beschrijving += " " + _("De stippellijn is %(naam)s.") % {"naam": referentie["naam"].lower()}
    return GrafiekGegevens(
        id=f"grafiek-{tabel.sleutel}", titel=tabel.titel, beschrijving=beschrijving, liggend=spec.liggend,
        eenheid=eenheid, categorie=categorie, labels=labels, reeksen=reeksen, stap=stap,
        rijen=not spec.per_rij, lijn=spec.lijn, referentie=referentie,
    )
