"""Per regio: totals per year, growth per pair of years against the weighted national total, and counts per
10,000 inhabitants.

**Division.** By default a count belongs to the organisation that registered it — the region of its gemeente
on the counting date. With "op indeling van jaar X" every live count is moved to the region its gemeente
(mapped to its successor after a merger) belongs to on 1 January of X, so years before and after a change of
region compare like with like. Counts without a gemeente and imported figures (which have no gemeente) stay
with the registering organisation.

**Complete.** A region's year of a soort is complete when every organisation that contributed to it has
complete data of that soort for that year; growth is shown only between complete years. A data-quality note
that leaves an organisation out of the *national* trend does not take its own figures or growth away here.
The national reference is the total over the organisations complete for every year of the period (as on
*Landelijke ontwikkeling*, per soort), which is the weighted average of the regions' growth.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from itertools import pairwise

from django.utils.translation import gettext as _

from rapportage.analyses.filters import Filters
from rapportage.analyses.gegevens import Gegevens
from rapportage.analyses.landelijk import groei_cel, niveau_van, per_org_jaar, soort_meervoud, totalen_per_jaar
from rapportage.analyses.referentie import Indeling, Inwonertallen
from rapportage.analyses.tabel import JAREN, PER_10000, PROCENT, Analyse, Grafiek, Kolom, Tabel
from rapportage.onthulling import NIET_BEREKEND, Aantal, PerInwoners


@dataclass
class Regio:
    """One row of the per-region tables: a region of the division, or a registering organisation whose
    counts could not be placed in it."""

    sleutel: int | str
    naam: str
    waarden: dict[tuple[int, str], int] = field(default_factory=lambda: defaultdict(int))  # (jaar, soort) -> n
    bijdragers: dict[int, set[int]] = field(default_factory=lambda: defaultdict(set))  # jaar -> organisations


@dataclass
class Regioverdeling:
    gegevens: Gegevens
    regios: dict[int | str, Regio]
    volledig: dict[str, frozenset[int]]  # per soort
    uitgesloten: list
    niveau: tuple[str, ...]
    indeling: Indeling
    inwoners: Inwonertallen

    def compleet(self, regio: Regio, jaar: int, soort: str) -> bool:
        """Complete data of this soort for the year (a note excluding it from the national trend aside)."""
        bijdragers = regio.bijdragers.get(jaar, set())
        return bool(bijdragers) and all(self.gegevens.is_compleet(o, [jaar], self.niveau, soort, met_notities=False)
                                        for o in bijdragers)

    def cel(self, regio: Regio, jaar: int, soort: str) -> Aantal:
        bijdragers = regio.bijdragers.get(jaar) or ({regio.sleutel} if isinstance(regio.sleutel, int) else set())
        return self.gegevens.aantal(regio.waarden.get((jaar, soort), 0), bijdragers,
                                    self.gegevens.kwartalen_van([jaar]), self.niveau, soort)

    def inwoners_van(self, regio: Regio, jaar: int, indeling_jaar: int | None) -> int | None:
        if not isinstance(regio.sleutel, int):
            return None
        return self.inwoners.per_organisatie(jaar, indeling_jaar).get(regio.sleutel)


def regioverdeling(filters: Filters, *, niveau_extra: tuple[str, ...] = ()) -> Regioverdeling:
    """Counts per region and year for the filters, on the counting date or on the division of a year."""
    indeling = Indeling()
    inwoners = Inwonertallen(indeling)
    niveau = niveau_van(filters, *niveau_extra)
    jaren = filters.jaren
    x = filters.indeling
    if x is None:
        g = Gegevens(filters)
        regios: dict[int | str, Regio] = {org: Regio(org, g.naam(org)) for org in g.organisaties}
        for (org, jaar, soort), n in per_org_jaar(g.tellingen()).items():
            regio = regios.setdefault(org, Regio(org, g.naam(org)))
            regio.waarden[(jaar, soort)] += n
        for regio in regios.values():
            for jaar in jaren:
                if isinstance(regio.sleutel, int) and g.bestaat_in(regio.sleutel, jaar):
                    regio.bijdragers[jaar].add(regio.sleutel)
    else:
        # every organisation's counts, then placed in the regions of year X; the region filter applies after
        g = Gegevens(replace(filters, organisaties=()))
        gekozen = set(filters.organisaties)
        peil = g.kwartalen_van([x])[0]
        regios = {org: Regio(org, g.naam(org)) for org, o in g.alle_organisaties.items()
                  if o.is_geldig_op(peil.begin) and (not gekozen or org in gekozen)}

        def plaats(org: int, gemeente: str, jaar: int, soort: str, n: int) -> None:
            doel = (indeling.organisatie_van(gemeente, x) if gemeente else None) or org
            if doel not in regios:
                if g.alle_organisaties[doel].is_geldig_op(peil.begin) or (gekozen and org not in gekozen):
                    return  # a region of year X that was not chosen
                sleutel = f"los-{org}"
                regios.setdefault(sleutel, Regio(sleutel, _("%(org)s (niet in de indeling van %(jaar)s)") % {
                    "org": g.naam(org), "jaar": x}))
                doel = sleutel
            regios[doel].waarden[(jaar, soort)] += n
            regios[doel].bijdragers[jaar].add(org)

        for (org, jaar, _kw, soort, gemeente), n in g.tellingen(per=("gemeente_code",), historisch=False).items():
            plaats(org, gemeente, jaar, soort, n)
        for (org, jaar, _kw, soort), n in g.tellingen(live=False).items():
            plaats(org, "", jaar, soort, n)
        for regio in regios.values():
            for jaar in jaren:
                if isinstance(regio.sleutel, int) and g.bestaat_in(regio.sleutel, jaar):
                    regio.bijdragers[jaar].add(regio.sleutel)
    volledig, uitgesloten = g.volledige_sets(jaren, niveau)
    return Regioverdeling(g, regios, volledig, uitgesloten, niveau, indeling, inwoners)


def paren(jaren: list[int]) -> list[tuple[int, int]]:
    uit = list(pairwise(jaren))
    if len(jaren) > 2:
        uit.append((jaren[0], jaren[-1]))
    return uit


def per_regio(filters: Filters) -> Analyse:
    verdeling = regioverdeling(filters)
    g = verdeling.gegevens
    jaren = filters.jaren
    x = filters.indeling
    # the national reference is national: over every organisation, whatever regions were chosen
    landelijk_g = Gegevens(replace(filters, organisaties=())) if filters.organisaties else g
    volledige, uitgesloten = landelijk_g.volledige_sets(jaren, verdeling.niveau)
    jaarwaarden = per_org_jaar(landelijk_g.tellingen())
    regios = sorted(verdeling.regios.values(), key=lambda r: (not isinstance(r.sleutel, int), r.naam))
    inwonersjaren = {j: verdeling.inwoners.gebruikt_jaar(j) for j in jaren}
    tabellen = []
    for soort in filters.soorten:
        volledig = volledige[soort]
        landelijk_label = _("Landelijk (%(n)s volledige organisaties)") % {"n": len(volledig)}
        meervoud = soort_meervoud(soort)
        landelijk = totalen_per_jaar(landelijk_g, jaarwaarden, volledig, soort, jaren, verdeling.niveau)

        rijen = [[r.naam, *[verdeling.cel(r, j, soort) for j in jaren]] for r in regios]
        rijen.append([landelijk_label, *[landelijk[j] for j in jaren]])
        tabellen.append(Tabel(
            f"aantallen_{soort}", _("%(soort)s per regio per jaar") % {"soort": meervoud},
            [Kolom(_("Regio"), getal=False), *[Kolom(str(j)) for j in jaren]], rijen,
            Grafiek(list(range(1, len(jaren) + 1)), liggend=True, eenheid=_("aantal"), aantallen=True,
                    zonder_laatste_rijen=1, kleuren=JAREN),
            toelichting=_("De grafiek toont de regio's; het landelijke totaal staat alleen in de tabel."),
        ))

        jaarparen = paren(jaren)
        if jaarparen:
            rijen = []
            for r in regios:
                rij: list = [r.naam]
                for a, b in jaarparen:
                    if verdeling.compleet(r, a, soort) and verdeling.compleet(r, b, soort):
                        rij.append(groei_cel(verdeling.cel(r, a, soort), verdeling.cel(r, b, soort)))
                    else:
                        rij.append(NIET_BEREKEND)
                rijen.append(rij)
            rijen.append([landelijk_label, *[groei_cel(landelijk[a], landelijk[b]) for a, b in jaarparen]])
            tabellen.append(Tabel(
                f"groei_{soort}", _("Groei %(soort)s per regio (%%)") % {"soort": meervoud.lower()},
                [Kolom(_("Regio"), getal=False), *[Kolom(f"{a}–{b}", eenheid=PROCENT) for a, b in jaarparen]], rijen,
                Grafiek(list(range(1, len(jaarparen) + 1)), liggend=True, eenheid="%"),
                toelichting=_("Alleen tussen jaren waarin de regio volledige gegevens heeft (anders –); een regio "
                              "die een datakwaliteitsnotitie buiten de landelijke ontwikkeling laat, houdt hier haar "
                              "eigen groei. De laatste regel is de landelijke ontwikkeling: het gewogen gemiddelde "
                              "over de organisaties met volledige gegevens over de hele periode."),
            ))

        rijen = []
        for r in regios:
            rijen.append([r.naam, *[PerInwoners(verdeling.cel(r, j, soort), verdeling.inwoners_van(r, j, x))
                                    for j in jaren]])
        landelijk_inw = {j: sum(verdeling.inwoners.per_organisatie(j).get(o, 0) for o in volledig)
                         for j in jaren}
        rijen.append([landelijk_label, *[PerInwoners(landelijk[j], landelijk_inw[j]) for j in jaren]])
        tabellen.append(Tabel(
            f"per10000_{soort}", _("%(soort)s per 10.000 inwoners per regio") % {"soort": meervoud},
            [Kolom(_("Regio"), getal=False), *[
                Kolom(_("%(jaar)s (inwoners %(bron)s)") % {"jaar": j, "bron": inwonersjaren[j] or "–"},
                      eenheid=PER_10000)
                for j in jaren]],
            rijen,
            Grafiek(list(range(1, len(jaren) + 1)), liggend=True, eenheid=_("per 10.000 inwoners"), kleuren=JAREN),
        ))
    return Analyse(
        "regio", _("Per regio"),
        _("Aantallen, groei en aantallen per 10.000 inwoners per Veilig Thuis-regio."),
        tabellen, uitgesloten=uitgesloten, notities=g.notities,
        opmerkingen=[indeling_opmerking(x), *inwoners_opmerkingen(inwonersjaren)],
    )


def indeling_opmerking(x: int | None) -> str:
    if x is None:
        return _("Regio-indeling op de teldatum: elk aantal telt bij de organisatie die het registreerde.")
    return _("Op indeling van %(jaar)s: elk aantal telt bij de regio waartoe de gemeente op 1 januari %(jaar)s "
             "behoorde (opgeheven gemeenten via hun opvolger). Aantallen zonder gemeente en geïmporteerde cijfers "
             "blijven bij de registrerende organisatie.") % {"jaar": x}


def inwoners_opmerkingen(inwonersjaren: dict[int, int | None]) -> list[str]:
    uit = []
    for jaar, bron in inwonersjaren.items():
        if bron is None:
            uit.append(_("Geen inwonertallen beschikbaar voor %(jaar)s.") % {"jaar": jaar})
        elif bron != jaar:
            uit.append(_("Inwoners %(jaar)s ontbreken in de referentiedata; gebruikt zijn die van 1 januari "
                         "%(bron)s.") % {"jaar": jaar, "bron": bron})
        else:
            uit.append(_("Inwoners %(jaar)s: 1 januari %(jaar)s (CBS).") % {"jaar": jaar})
    return uit
