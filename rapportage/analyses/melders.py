"""Per meldergroep: adviezen and meldingen per melder groep (politie, overige professional, niet-professional)
per year, with growth.

Over the organisations that can split by melder groep in every quarter of every year of the period: all
quarters registered in the application, imported quarters only when the file had the breakdown.
"""

from __future__ import annotations

from collections import defaultdict

from django.utils.translation import gettext as _

from rapportage.analyses.filters import Filters
from rapportage.analyses.gegevens import Gegevens
from rapportage.analyses.landelijk import aantal_per_soort, groei_cel, soort_meervoud
from rapportage.analyses.regio import paren
from rapportage.analyses.tabel import PROCENT, Analyse, Grafiek, Kolom, Tabel
from vtregistratie import definities

NIVEAU = ("melder_groep",)


def per_melder_groep(filters: Filters, gegevens: Gegevens | None = None) -> Analyse:
    g = gegevens or Gegevens(filters)
    jaren = filters.jaren
    volledige, uitgesloten = g.volledige_sets(jaren, NIVEAU)
    per_groep: dict[tuple[str, int, str], int] = defaultdict(int)
    for (org, jaar, _kw, soort, groep), n in g.tellingen(per=NIVEAU).items():
        if org in volledige[soort]:
            per_groep[(soort, jaar, groep)] += n
    groepen = [c.code for c in definities.MELDER_GROEP
               if not filters.melder_groepen or c.code in filters.melder_groepen]
    jaarparen = paren(jaren)
    tabellen = []
    for soort in filters.soorten:
        volledig = volledige[soort]
        kolommen = [Kolom(definities.MELDER_GROEP.titel, getal=False), *[Kolom(str(j)) for j in jaren],
                    *[Kolom(_("Groei %(a)s–%(b)s (%%)") % {"a": a, "b": b}, eenheid=PROCENT) for a, b in jaarparen]]
        rijen = []
        for groep in [*groepen, None]:
            cellen = {
                j: g.aantal(sum(per_groep.get((soort, j, gr), 0) for gr in ([groep] if groep else groepen)),
                            volledig, g.kwartalen_van([j]), NIVEAU, soort)
                for j in jaren
            }
            label = str(definities.MELDER_GROEP.label(groep)) if groep else _("Totaal")
            rijen.append([label, *[cellen[j] for j in jaren], *[groei_cel(cellen[a], cellen[b]) for a, b in jaarparen]])
        tabellen.append(Tabel(
            f"melders_{soort}", _("%(soort)s per meldergroep") % {"soort": soort_meervoud(soort)}, kolommen, rijen,
            Grafiek(list(range(1, len(jaren) + 1)), eenheid=_("aantal"), aantallen=True, zonder_laatste_rijen=1,
                    per_rij=True, kleuren=tuple(groepen)),
        ))
    return Analyse(
        "melders", _("Per meldergroep"),
        _("Adviezen en meldingen per meldergroep per jaar, met de groei."),
        tabellen, uitgesloten=uitgesloten, notities=g.notities,
        opmerkingen=[_("Berekend over %(n)s organisaties met een uitsplitsing naar meldergroep over elk jaar van "
                       "%(van)s tot en met %(tot)s.") % {"n": aantal_per_soort(volledige), "van": filters.van_jaar,
                                                        "tot": filters.tot_jaar}],
    )
