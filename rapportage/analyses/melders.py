"""Per meldergroep: adviezen and meldingen per melder groep (politie, overige professional, niet-professional)
per year, with growth; and per StatLine organisatie category, per rol/functie and per Impactmonitor group.

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


#: The other breakdowns of the melder on this page: StatLine's two melder dimensions and CBS's Impactmonitor groups,
#: each over its own code list. They exist only in the live counts (imported history has no such level), so only
#: organisations whose quarters are all registered in the application (and closed) count in them.
STATLINE_DIMENSIES = (
    ("melder_organisatie", definities.MELDER_ORGANISATIE, "organisatie"),
    ("melder_functie", definities.MELDER_FUNCTIE, "functie"),
    ("impactmonitor_groep", definities.IMPACTMONITOR_GROEP, "impactmonitor"),
)


def _per_dimensie(filters: Filters, g: Gegevens, naam: str, lijst: definities.CodeLijst, codes: list[str],
                  sleutel: str, *, grafiek: bool):
    """One table per soort: the counts per code of ``lijst`` per year, a total row and the growth, over the
    organisations complete at this level for that soort."""
    jaren = filters.jaren
    niveau = (naam,)
    volledige, uitgesloten = g.volledige_sets(jaren, niveau)
    per_code: dict[tuple[str, int, str], int] = defaultdict(int)
    for (org, jaar, _kw, soort, code), n in g.tellingen(per=niveau).items():
        if org in volledige[soort]:
            per_code[(soort, jaar, code)] += n
    jaarparen = paren(jaren)
    tabellen = []
    for soort in filters.soorten:
        volledig = volledige[soort]
        kolommen = [Kolom(lijst.titel, getal=False), *[Kolom(str(j)) for j in jaren],
                    *[Kolom(_("Groei %(a)s–%(b)s (%%)") % {"a": a, "b": b}, eenheid=PROCENT) for a, b in jaarparen]]
        rijen = []
        for code in [*codes, None]:
            cellen = {
                j: g.aantal(sum(per_code.get((soort, j, c), 0) for c in ([code] if code else codes)),
                            volledig, g.kwartalen_van([j]), niveau, soort)
                for j in jaren
            }
            label = str(lijst.label(code)) if code else _("Totaal")
            rijen.append([label, *[cellen[j] for j in jaren], *[groei_cel(cellen[a], cellen[b]) for a, b in jaarparen]])
        titel = (_("%(soort)s per meldergroep") % {"soort": soort_meervoud(soort)} if naam == "melder_groep" else
                 _("%(soort)s per %(lijst)s") % {"soort": soort_meervoud(soort), "lijst": str(lijst.titel).lower()})
        tabellen.append(Tabel(
            f"{sleutel}_{soort}", titel, kolommen, rijen,
            Grafiek(list(range(1, len(jaren) + 1)), eenheid=_("aantal"), aantallen=True, zonder_laatste_rijen=1,
                    per_rij=True, kleuren=tuple(codes)) if grafiek else None,
        ))
    return tabellen, volledige, uitgesloten


def per_melder_groep(filters: Filters, gegevens: Gegevens | None = None) -> Analyse:
    g = gegevens or Gegevens(filters)
    groepen = [c.code for c in definities.MELDER_GROEP
               if not filters.melder_groepen or c.code in filters.melder_groepen]
    tabellen, volledige, uitgesloten = _per_dimensie(filters, g, "melder_groep", definities.MELDER_GROEP, groepen,
                                                     "melders", grafiek=True)
    opmerkingen = [_("Berekend over %(n)s organisaties met een uitsplitsing naar meldergroep over elk jaar van "
                     "%(van)s tot en met %(tot)s.") % {"n": aantal_per_soort(volledige), "van": filters.van_jaar,
                                                      "tot": filters.tot_jaar}]
    gezien = {(u.organisatie, u.reden, u.soort) for u in uitgesloten}
    for naam, lijst, sleutel in STATLINE_DIMENSIES:
        extra, volledige_extra, uitgesloten_extra = _per_dimensie(filters, g, naam, lijst, lijst.codes(), sleutel,
                                                                  grafiek=False)
        tabellen.extend(extra)
        opmerkingen.append(_("%(lijst)s: berekend over %(n)s organisaties die elk kwartaal van %(van)s tot en met "
                             "%(tot)s in de applicatie registreerden en afsloten (de geïmporteerde historie kent deze "
                             "uitsplitsing niet).") % {"lijst": lijst.titel, "n": aantal_per_soort(volledige_extra),
                                                       "van": filters.van_jaar, "tot": filters.tot_jaar})
        for u in uitgesloten_extra:
            if (u.organisatie, u.reden, u.soort) not in gezien:
                gezien.add((u.organisatie, u.reden, u.soort))
                uitgesloten.append(u)
    return Analyse(
        "melders", _("Per meldergroep"),
        _("Adviezen en meldingen per meldergroep per jaar, met de groei; daarnaast naar de organisatie en de "
          "rol/functie van de melder zoals StatLine ze indeelt, en naar de 13 meldergroepen van de CBS "
          "Impactmonitor."),
        tabellen, uitgesloten=uitgesloten, notities=g.notities, opmerkingen=opmerkingen,
    )
