"""Landelijke ontwikkeling: adviezen and meldingen per year and per quarter, with year-on-year growth.

Computed per soort over the organisations with complete data of that soort for every compared year and not
excluded by a data-quality note (``Gegevens.volledige_sets``), so every year sums the same organisations; the
others are listed with the reason (and the soort, when only one is affected). For those, the national estimate
holds their own figures in every year their data of that soort is complete — an organisation excluded by a note
only keeps all its own figures there — and for the other years an estimate from their own complete years: the
value of the nearest complete year (the earlier one on a tie) times the growth of the complete organisations
between those years. Estimates are shown separately and marked ``(s)``, with their basis; they never enter the
growth figures.
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
                       g.kwartalen_van([jaar]), niveau, soort)
        for jaar in jaren
    }


def groei_cel(oud: Aantal | None, nieuw: Aantal | None):
    return Groei(oud, nieuw) if oud is not None and nieuw is not None else NIET_BEREKEND


def schattingen(g: Gegevens, jaarwaarden, volledig, jaren, soort,
                niveau) -> dict[int, tuple[dict[int, Aantal | None], dict[int, int]]]:
    """Per organisation outside the complete set and per year it existed: its own value when its data of this
    soort is complete that year (also when a data-quality note leaves it out of the national trend), else the
    estimate from its nearest complete year (``None``: no estimate possible); and per estimated year the year
    the estimate was made from (its basis)."""
    totaal = {j: sum(jaarwaarden.get((org, j, soort), 0) for org in volledig) for j in jaren}
    uit: dict[int, tuple[dict[int, Aantal | None], dict[int, int]]] = {}
    for org in g.organisaties:
        if org in volledig or not any(g.bestaat_in(org, j) for j in jaren):
            continue
        complete_jaren = [j for j in jaren
                          if g.bestaat_in(org, j) and g.is_compleet(org, [j], niveau, soort, met_notities=False)]
        per_jaar: dict[int, Aantal | None] = {}
        basis: dict[int, int] = {}
        for jaar in jaren:
            if not g.bestaat_in(org, jaar):
                continue
            if jaar in complete_jaren:
                per_jaar[jaar] = g.aantal(jaarwaarden.get((org, jaar, soort), 0), {org}, g.kwartalen_van([jaar]),
                                          niveau, soort)
                continue
            bronnen = sorted(complete_jaren, key=lambda j, jaar=jaar: (abs(j - jaar), j))
            if not bronnen or not totaal[bronnen[0]]:
                per_jaar[jaar] = None
                continue
            bron = bronnen[0]
            basis[jaar] = bron
            schatting = round(jaarwaarden.get((org, bron, soort), 0) * totaal[jaar] / totaal[bron])
            notities = [t for t in g.tekens([org], g.kwartalen_van([jaar]), soort=soort) if t.startswith("[")]
            # an estimate is published as a cell of its own (protected like any count)
            per_jaar[jaar] = Aantal(schatting, frozenset({org}), (GESCHAT, *notities),
                                    ((("schatting", org, jaar, soort), schatting),) if schatting else ())
        uit[org] = (per_jaar, basis)
    return uit


def beschrijf_basis(basis: dict[int, int], per_jaar: dict[int, Aantal | None]) -> str:
    """The basis of an organisation's row in the estimate, e.g. "2017 geschat uit 2018; 2019 eigen cijfers"."""
    delen = []
    for jaar, cel in per_jaar.items():
        if jaar in basis:
            delen.append(_("%(jaar)s geschat uit %(bron)s") % {"jaar": jaar, "bron": basis[jaar]})
        elif cel is None:
            delen.append(_("%(jaar)s geen schatting mogelijk") % {"jaar": jaar})
        else:
            delen.append(_("%(jaar)s eigen cijfers") % {"jaar": jaar})
    return "; ".join(delen)


def aantal_per_soort(volledige: dict[str, frozenset[int]]) -> str:
    """How many organisations a figure is over: "3", or "2 voor de adviezen, 4 voor de meldingen"."""
    aantallen = {soort: len(v) for soort, v in volledige.items()}
    if len(set(aantallen.values())) <= 1:
        return str(next(iter(aantallen.values()), 0))
    return ", ".join(_("%(n)s voor de %(soort)s") % {"n": n, "soort": soort_meervoud(s).lower()}
                     for s, n in aantallen.items())


def basis_opmerking(g: Gegevens, volledige: dict[str, frozenset[int]], jaren: list[int]) -> str:
    """Which organisations the national figures are over, per soort when that differs."""
    m = len([o for o in g.organisaties if any(g.bestaat_in(o, j) for j in jaren)])
    over = aantal_per_soort(volledige)
    return _("Berekend over %(n)s van de %(m)s organisaties: die met volledige gegevens over elk jaar van "
             "%(van)s tot en met %(tot)s (alle kwartalen voorlopig, definitief of geïmporteerd) en niet uitgesloten "
             "door een datakwaliteitsnotitie.") % {"n": over, "m": m, "van": jaren[0], "tot": jaren[-1]}


def landelijke_ontwikkeling(filters: Filters, gegevens: Gegevens | None = None) -> Analyse:
    g = gegevens or Gegevens(filters)
    jaren = filters.jaren
    niveau = niveau_van(filters)
    volledige, uitgesloten = g.volledige_sets(jaren, niveau)
    waarden = g.tellingen()
    jaarwaarden = per_org_jaar(waarden)
    kwartaalwaarden = per_org_kwartaal(waarden)
    soorten = filters.soorten

    kolommen = [Kolom(_("Jaar"), getal=False)]
    for soort in soorten:
        kolommen += [Kolom(soort_meervoud(soort)), Kolom(_("Groei %(soort)s t.o.v. vorig jaar (%%)") % {
            "soort": soort_meervoud(soort).lower()}, eenheid=PROCENT)]
    totalen = {s: totalen_per_jaar(g, jaarwaarden, volledige[s], s, jaren, niveau) for s in soorten}
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
            volledig = volledige[soort]
            cel = g.aantal(sum(kwartaalwaarden.get((org, kw, soort), 0) for org in volledig), volledig, [kw], niveau,
                           soort)
            kw_totalen[(soort, kw)] = cel
            rij += [cel, groei_cel(kw_totalen.get((soort, Kwartaal(kw.jaar - 1, kw.kwartaal))), cel)]
        rijen_kw.append(rij)
    per_kwartaal = Tabel("kwartaal", _("Per kwartaal"), kolommen_kw, rijen_kw,
                         Grafiek(reeksen, eenheid=_("aantal"), aantallen=True, kleuren=tuple(soorten)))

    tabellen = [per_jaar, per_kwartaal]
    for soort in soorten:
        volledig = volledige[soort]
        geschat = schattingen(g, jaarwaarden, volledig, jaren, soort, niveau)
        if not geschat:
            continue
        kolommen_s = ([Kolom(_("Organisatie"), getal=False)] + [Kolom(str(j)) for j in jaren]
                      + [Kolom(_("Basis"), getal=False)])
        rijen_s = []
        aanvulling: dict[int, Aantal] = {}
        for org, (per_jaar_org, basis) in geschat.items():
            rij = [g.naam(org)]
            for jaar in jaren:
                cel = per_jaar_org.get(jaar, NIET_BEREKEND)
                rij.append(NIET_BEREKEND if cel is None else cel)
                if isinstance(cel, Aantal):
                    aanvulling[jaar] = aanvulling[jaar] + cel if jaar in aanvulling else cel
            rijen_s.append([*rij, beschrijf_basis(basis, per_jaar_org)])
        rijen_s.append([_("Volledige organisaties (%(n)s)") % {"n": len(volledig)},
                        *[totalen[soort][j] for j in jaren], _("eigen cijfers")])
        rijen_s.append([_("Totaal inclusief ontbrekende organisaties (schatting)"), *[
            (totalen[soort][j] + aanvulling[j]) if j in aanvulling else totalen[soort][j] for j in jaren], ""])
        tabellen.append(Tabel(
            f"schatting_{soort}", _("%(soort)s: ontbrekende organisaties en schatting") % {
                "soort": soort_meervoud(soort)},
            kolommen_s, rijen_s,
            toelichting=_(
                "Waarden met (s) zijn een schatting: de waarde van het dichtstbijzijnde volledige jaar van de "
                "organisatie zelf (kolom Basis), maal de groei van de %(n)s volledige organisaties tussen die "
                "jaren. Jaren met volledige gegevens tellen met de eigen cijfers mee, ook van een organisatie die "
                "door een datakwaliteitsnotitie buiten de landelijke ontwikkeling blijft. Schattingen tellen niet "
                "mee in de groeicijfers hierboven.") % {"n": len(volledig)},
        ))

    opmerkingen = [basis_opmerking(g, volledige, jaren)]
    if filters.melder_groepen:
        opmerkingen.append(_("Alleen meldergroep %(groepen)s.") % {"groepen": ", ".join(
            str(definities.MELDER_GROEP.label(m)) for m in filters.melder_groepen)})
    return Analyse(
        "landelijk", _("Landelijke ontwikkeling"),
        _("Adviezen en meldingen per jaar en per kwartaal, met de groei ten opzichte van een jaar eerder."),
        tabellen, uitgesloten=uitgesloten, notities=g.notities, opmerkingen=opmerkingen,
    )
