"""Per gemeente: counts and counts per 10,000 inhabitants of every gemeente, per year.

Only live counts have a gemeente (imported history is per organisation). On the counting date each count
belongs to the gemeente code stored with it; "op indeling van jaar X" maps old codes to their successors
(after a split: the successor that received most addresses), so a merged gemeente shows as one row. The
inhabitants of the counting year (nearest-year rule) are mapped the same way. Which region a gemeente is
shown under: its region on 1 January of the last year of the period, or of X.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

from django.utils.translation import gettext as _

from rapportage.analyses.filters import Filters
from rapportage.analyses.gegevens import Gegevens
from rapportage.analyses.landelijk import niveau_van, soort_meervoud
from rapportage.analyses.referentie import Indeling, Inwonertallen
from rapportage.analyses.regio import indeling_opmerking, inwoners_opmerkingen
from rapportage.analyses.tabel import JAREN, PER_10000, Analyse, Grafiek, Kolom, Tabel
from rapportage.onthulling import NIET_BEREKEND, PerInwoners


def per_gemeente(filters: Filters) -> Analyse:
    indeling = Indeling()
    inwoners = Inwonertallen(indeling)
    jaren = filters.jaren
    x = filters.indeling
    peiljaar = x or filters.tot_jaar
    gekozen = set(filters.organisaties)
    # on a division of year X the chosen regions are those of year X: read every organisation's counts
    g = Gegevens(replace(filters, organisaties=()) if x is not None else filters)
    niveau = (*niveau_van(filters), "gemeente_code")

    waarden: dict[tuple[str, int, str], int] = defaultdict(int)
    bijdragers: dict[tuple[str, int], set[int]] = defaultdict(set)
    for (org, jaar, _kw, soort, gemeente), n in g.tellingen(per=("gemeente_code",), historisch=False).items():
        code = indeling.gemeente_in_jaar(gemeente, x) if (gemeente and x) else gemeente
        if x is not None and gekozen and (indeling.organisatie_van(code, x) if code else org) not in gekozen:
            continue
        waarden[(code, jaar, soort)] += n
        bijdragers[(code, jaar)].add(org)

    # every gemeente of the chosen regions in the period, also those without counts (a rate of 0 says something)
    codes = {code for code, _j, _s in waarden}
    for code, gemeente in indeling.gemeenten.items():
        if gemeente.geldig_van and gemeente.geldig_van >= filters.einde:
            continue
        if gemeente.geldig_tot and gemeente.geldig_tot <= filters.begin:
            continue
        getoond = indeling.gemeente_in_jaar(code, x) if x else code
        regio = indeling.organisatie_van(getoond, peiljaar)
        if regio is not None and (not gekozen or regio in gekozen) and (not x or getoond == code):
            codes.add(getoond)

    def sorteer(code: str):
        return (code == "", indeling.naam(code) if code else "")

    per_jaar_inwoners = {j: inwoners.per_gemeente(j, x) for j in jaren}
    inwonersjaren = {j: inwoners.gebruikt_jaar(j) for j in jaren}
    tabellen = []
    for soort in filters.soorten:
        kolommen = [Kolom(_("Gemeente"), getal=False), Kolom(_("Regio"), getal=False, filter=True)]
        for j in jaren:
            kolommen += [Kolom(str(j)), Kolom(_("%(jaar)s per 10.000 inwoners (inwoners %(bron)s)") % {
                "jaar": j, "bron": inwonersjaren[j] or "–"}, eenheid=PER_10000)]
        rijen = []
        for code in sorted(codes, key=sorteer):
            regio = indeling.organisatie_van(code, peiljaar) if code else None
            rij: list = [f"{indeling.naam(code)} ({code})" if code else _("Gemeente onbekend"),
                         g.naam(regio) if regio else "–"]
            for j in jaren:
                orgs = bijdragers.get((code, j)) or ({regio} if regio else set())
                cel = g.aantal(waarden.get((code, j, soort), 0), orgs, g.kwartalen_van([j]), niveau, soort)
                rij += [cel, PerInwoners(cel, per_jaar_inwoners[j].get(code)) if code else NIET_BEREKEND]
            rijen.append(rij)
        tabellen.append(Tabel(
            f"gemeenten_{soort}", _("%(soort)s per gemeente") % {"soort": soort_meervoud(soort)}, kolommen, rijen,
            Grafiek([3 + 2 * (len(jaren) - 1)], liggend=True, eenheid=_("per 10.000 inwoners"), kleuren=JAREN),
            toelichting=_("De grafiek toont het aantal per 10.000 inwoners in %(jaar)s.") % {"jaar": jaren[-1]},
        ))
    opmerkingen = [indeling_opmerking(x), *inwoners_opmerkingen(inwonersjaren),
                   _("Geïmporteerde cijfers hebben geen gemeente en staan hier niet in.")]
    return Analyse("gemeenten", _("Per gemeente"),
                   _("Aantallen en aantallen per 10.000 inwoners per gemeente."),
                   tabellen, notities=g.notities, opmerkingen=opmerkingen)
