"""Landelijke ontwikkeling: adviezen and meldingen per year and per quarter, with year-on-year growth.

Computed over the organisations with complete data for every compared year (``Gegevens.volledige_set``), so
every year sums the same organisations; the others are listed with the reason. For those, an estimate per
missing year comes from their own complete years: the value of the nearest complete year (the earlier one
on a tie) times the growth of the complete organisations between those years. Estimates are shown
separately and marked ``(s)``; they never enter the growth figures.
"""

from __future__ import annotations

from collections import defaultdict

from django.utils.translation import gettext as _

from kwartalen.kwartaal import Kwartaal
from rapportage.analyses.filters import Filters
from rapportage.analyses.gegevens import Gegevens
from rapportage.analyses.tabel import PROCENT, Analyse, Grafiek, Kolom, Tabel
from rapportage.onthulling import NIET_BEREKEND, Aantal, Groei
from vtregistratie import definities

GESCHAT = "(s)"


def soort_meervoud(soort: str) -> str:
    return _("Adviezen") if soort == "advies" else _("Meldingen")


def niveau_van(filters: Filters, *extra: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys([*extra, *(("melder_groep",) if filters.melder_groepen else ())]))


def per_org_jaar(waarden: dict[tuple, int]) -> dict[tuple[int, int, str], int]:
    uit: dict[tuple[int, int, str], int] = defaultdict(int)
    for (org, jaar, _kw, soort, *_rest), n in waarden.items():
        uit[(org, jaar, soort)] += n
    return uit


def per_org_kwartaal(waarden: dict[tuple, int]) -> dict[tuple[int, Kwartaal, str], int]:
    uit: dict[tuple[int, Kwartaal, str], int] = defaultdict(int)
    for (org, jaar, kw, soort, *_rest), n in waarden.items():
        uit[(org, Kwartaal(jaar, kw), soort)] += n
    return uit


def totalen_per_jaar(g: Gegevens, jaarwaarden, organisaties, soort: str, jaren, niveau) -> dict[int, Aantal]:
    """The sum over ``organisaties`` per year, as cells with their markers."""
    return {
        jaar: g.aantal(sum(jaarwaarden.get((org, jaar, soort), 0) for org in organisaties), organisaties,
                       g.kwartalen_van([jaar]), niveau)
        for jaar in jaren
    }


def groei_cel(oud: Aantal | None, nieuw: Aantal | None):
    return Groei(oud, nieuw) if oud is not None and nieuw is not None else NIET_BEREKEND


def schattingen(g: Gegevens, jaarwaarden, volledig, jaren, soort, niveau) -> dict[int, dict[int, Aantal | None]]:
    """Per organisation outside the complete set and per year it existed: its own value when that year is
    complete, else the estimate from its nearest complete year (``None``: no estimate possible)."""
    totaal = {j: sum(jaarwaarden.get((org, j, soort), 0) for org in volledig) for j in jaren}
    uit: dict[int, dict[int, Aantal | None]] = {}
    for org in g.organisaties:
        if org in volledig or not any(g.bestaat_in(org, j) for j in jaren):
            continue
        complete_jaren = [j for j in jaren if g.bestaat_in(org, j) and g.is_compleet(org, [j], niveau)]
        per_jaar: dict[int, Aantal | None] = {}
        for jaar in jaren:
            if not g.bestaat_in(org, jaar):
                continue
            if jaar in complete_jaren:
                per_jaar[jaar] = g.aantal(jaarwaarden.get((org, jaar, soort), 0), {org}, g.kwartalen_van([jaar]),
                                          niveau)
                continue
            bronnen = sorted(complete_jaren, key=lambda j, jaar=jaar: (abs(j - jaar), j))
            if not bronnen or not totaal[bronnen[0]]:
                per_jaar[jaar] = None
                continue
            bron = bronnen[0]
            schatting = round(jaarwaarden.get((org, bron, soort), 0) * totaal[jaar] / totaal[bron])
            notities = [t for t in g.tekens([org], g.kwartalen_van([jaar])) if t.startswith("[")]
            # an estimate is published as a cell of its own (protected like any count)
            per_jaar[jaar] = Aantal(schatting, frozenset({org}), (GESCHAT, *notities),
                                    ((("schatting", org, jaar, soort), schatting),) if schatting else ())
        uit[org] = per_jaar
    return uit


def landelijke_ontwikkeling(filters: Filters, gegevens: Gegevens | None = None) -> Analyse:
    g = gegevens or Gegevens(filters)
    jaren = filters.jaren
    niveau = niveau_van(filters)
    volledig, uitgesloten = g.volledige_set(jaren, niveau)
    waarden = g.tellingen()
    jaarwaarden = per_org_jaar(waarden)
    kwartaalwaarden = per_org_kwartaal(waarden)
    soorten = filters.soorten

    kolommen = [Kolom(_("Jaar"), getal=False)]
    for soort in soorten:
        kolommen += [Kolom(soort_meervoud(soort)), Kolom(_("Groei %(soort)s t.o.v. vorig jaar (%%)") % {
            "soort": soort_meervoud(soort).lower()}, eenheid=PROCENT)]
    totalen = {s: totalen_per_jaar(g, jaarwaarden, volledig, s, jaren, niveau) for s in soorten}
    rijen = []
    for i, jaar in enumerate(jaren):
        rij: list = [str(jaar)]
        for soort in soorten:
            rij += [totalen[soort][jaar], groei_cel(totalen[soort].get(jaren[i - 1]) if i else None,
                                                   totalen[soort][jaar])]
        rijen.append(rij)
    reeksen = [1 + 2 * i for i in range(len(soorten))]
    per_jaar = Tabel("jaar", _("Per jaar"), kolommen, rijen, Grafiek(reeksen, eenheid=_("aantal"), aantallen=True,
                                                                     kleuren=tuple(soorten)))

    kolommen_kw = [Kolom(_("Kwartaal"), getal=False)]
    for soort in soorten:
        kolommen_kw += [Kolom(soort_meervoud(soort)), Kolom(
            _("Groei %(soort)s t.o.v. zelfde kwartaal vorig jaar (%%)") % {"soort": soort_meervoud(soort).lower()},
            eenheid=PROCENT)]
    rijen_kw = []
    kw_totalen: dict[tuple[str, Kwartaal], Aantal] = {}
    for kw in filters.kwartalen:
        rij = [str(kw)]
        for soort in soorten:
            cel = g.aantal(sum(kwartaalwaarden.get((org, kw, soort), 0) for org in volledig), volledig, [kw], niveau)
            kw_totalen[(soort, kw)] = cel
            rij += [cel, groei_cel(kw_totalen.get((soort, Kwartaal(kw.jaar - 1, kw.kwartaal))), cel)]
        rijen_kw.append(rij)
    per_kwartaal = Tabel("kwartaal", _("Per kwartaal"), kolommen_kw, rijen_kw,
                         Grafiek(reeksen, eenheid=_("aantal"), aantallen=True, kleuren=tuple(soorten)))

    tabellen = [per_jaar, per_kwartaal]
    for soort in soorten:
        geschat = schattingen(g, jaarwaarden, volledig, jaren, soort, niveau)
        if not geschat:
            continue
        kolommen_s = [Kolom(_("Organisatie"), getal=False)] + [Kolom(str(j)) for j in jaren]
        rijen_s = []
        aanvulling: dict[int, Aantal] = {}
        for org, per_jaar_org in geschat.items():
            rij = [g.naam(org)]
            for jaar in jaren:
                cel = per_jaar_org.get(jaar, NIET_BEREKEND)
                rij.append(NIET_BEREKEND if cel is None else cel)
                if isinstance(cel, Aantal):
                    aanvulling[jaar] = aanvulling[jaar] + cel if jaar in aanvulling else cel
            rijen_s.append(rij)
        rijen_s.append([_("Volledige organisaties (%(n)s)") % {"n": len(volledig)},
                        *[totalen[soort][j] for j in jaren]])
        rijen_s.append([_("Totaal inclusief ontbrekende organisaties (schatting)"), *[
            (totalen[soort][j] + aanvulling[j]) if j in aanvulling else totalen[soort][j] for j in jaren]])
        tabellen.append(Tabel(
            f"schatting_{soort}", _("%(soort)s: ontbrekende organisaties en schatting") % {
                "soort": soort_meervoud(soort)},
            kolommen_s, rijen_s,
            toelichting=_(
                "Waarden met (s) zijn een schatting: de waarde van het dichtstbijzijnde volledige jaar van de "
                "organisatie zelf, maal de groei van de volledige organisaties tussen die jaren. Schattingen tellen "
                "niet mee in de groeicijfers hierboven."),
        ))

    opmerkingen = [_("Berekend over %(n)s van de %(m)s organisaties: die met volledige gegevens over elk jaar van "
                     "%(van)s tot en met %(tot)s (alle kwartalen voorlopig, definitief of geïmporteerd).") % {
        "n": len(volledig), "m": len([o for o in g.organisaties if any(g.bestaat_in(o, j) for j in jaren)]),
        "van": filters.van_jaar, "tot": filters.tot_jaar}]
    if filters.melder_groepen:
        opmerkingen.append(_("Alleen meldergroep %(groepen)s.") % {"groepen": ", ".join(
            str(definities.MELDER_GROEP.label(m)) for m in filters.melder_groepen)})
    return Analyse(
        "landelijk", _("Landelijke ontwikkeling"),
        _("Adviezen en meldingen per jaar en per kwartaal, met de groei ten opzichte van een jaar eerder."),
        tabellen, uitgesloten=uitgesloten, notities=g.notities, opmerkingen=opmerkingen,
    )
