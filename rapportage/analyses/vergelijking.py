"""Comparisons: growth per urbanisation class, the G4 against the other regions, and the 10 regions with the
highest and the 10 with the lowest count per 10,000 inhabitants in a base year, with their growth since.

All over the organisations with complete data of the soort for every year of the period (as *Landelijke
ontwikkeling*), on the division of the counting date. Every group's growth is given twice, labelled: the growth
of its summed counts — *groei van het totaal (gewogen)*, weighted by size like the national figure — and, as the
2017–2019 study compared the groups, the unweighted mean of its regions' own growth — *gemiddelde groei van de
regio's (ongewogen)*, every region counting once.

**Urbanisation class.** Every region's population density comes from ``Stedelijkheid`` (see
``referentie.dichtheid_per_organisatie``), on the division of the last year of the period in which the region
existed. The regions of the last year are split into three equal groups by density — low, average, high; a
region that no longer existed then is placed by the same boundaries.

**Top and bottom 10.** Regions are ranked by their count per 10,000 inhabitants in the base year, computed
from the rounded count (so the ranking gives nothing away that the table does not show). With fewer than 20
regions, each group is half of them.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from rapportage.analyses.filters import G4, Filters
from rapportage.analyses.landelijk import groei_cel, per_org_jaar, soort_meervoud
from rapportage.analyses.referentie import GEMIDDELD, HOOG, LAAG, dichtheid_per_organisatie, dichtheidsklassen
from rapportage.analyses.regio import regioverdeling
from rapportage.analyses.tabel import PER_10000, PROCENT, Analyse, Grafiek, Kolom, Tabel
from rapportage.onthulling import NIET_BEREKEND, GemiddeldeGroei, Groei, PerInwoners, beschermde_waarde

KLASSE_LABEL = {
    LAAG: gettext_lazy("Lage bevolkingsdichtheid"),
    GEMIDDELD: gettext_lazy("Gemiddelde bevolkingsdichtheid"),
    HOOG: gettext_lazy("Hoge bevolkingsdichtheid"),
}


def _klassen(verdeling, jaren, organisaties) -> tuple[dict[int, str], str]:
    g, inwoners = verdeling.gegevens, verdeling.inwoners
    laatste = jaren[-1]
    per_jaar = {laatste: dichtheid_per_organisatie(inwoners, laatste)}
    basis = per_jaar[laatste]
    nu = {org: d for org, d in basis.per_organisatie.items() if g.alle_organisaties[org].is_geldig_op(
        g.kwartalen_van([laatste])[0].begin)}
    klassen = dichtheidsklassen(nu)
    laag = max((nu[o] for o, k in klassen.items() if k == LAAG), default=None)
    hoog = min((nu[o] for o, k in klassen.items() if k == HOOG), default=None)
    uit = {}
    for org in organisaties:
        if org in klassen:
            uit[org] = klassen[org]
            continue
        jaar = max((j for j in jaren if g.bestaat_in(org, j)), default=None)
        if jaar is None:
            continue
        if jaar not in per_jaar:
            per_jaar[jaar] = dichtheid_per_organisatie(inwoners, jaar)
        dichtheid = per_jaar[jaar].per_organisatie.get(org)
        if dichtheid is None or laag is None or hoog is None:
            continue
        uit[org] = LAAG if dichtheid <= laag else HOOG if dichtheid >= hoog else GEMIDDELD
    if laag is None or hoog is None:
        uitleg = _("Geen dichtheidscijfers: geen indeling naar stedelijkheid.")
    else:
        uitleg = _("Stedelijkheidsklassen: de regio's van %(jaar)s in drie even grote groepen naar %(maat)s; laag "
                   "tot en met %(laag)s, hoog vanaf %(hoog)s.") % {
            "jaar": laatste, "maat": basis.omschrijving, "laag": round(laag), "hoog": round(hoog)}
    return uit, uitleg


def vergelijkingen(filters: Filters) -> Analyse:
    verdeling = regioverdeling(filters)
    g = verdeling.gegevens
    jaren = filters.jaren
    eerste, laatste = jaren[0], jaren[-1]
    basisjaar = filters.basisjaar if filters.basisjaar in jaren else eerste
    niveau = verdeling.niveau
    uitgesloten = verdeling.uitgesloten
    jaarwaarden = per_org_jaar(g.tellingen())
    alle_volledig = frozenset().union(*verdeling.volledig.values())
    klassen, klassen_uitleg = _klassen(verdeling, jaren, alle_volledig)
    codes = {org: g.alle_organisaties[org].code for org in alle_volledig}

    def groep_aantal(orgs, jaar, soort):
        return g.aantal(sum(jaarwaarden.get((o, jaar, soort), 0) for o in orgs), orgs, g.kwartalen_van([jaar]),
                        niveau, soort)

    def ongewogen(orgs, van, tot, soort):
        """The unweighted mean of the regions' own growth (the study's comparison)."""
        if not orgs:
            return NIET_BEREKEND
        return GemiddeldeGroei(tuple(Groei(groep_aantal({o}, van, soort), groep_aantal({o}, tot, soort))
                                     for o in sorted(orgs, key=lambda o: codes[o])))

    gewogen_label = _("Groei van het totaal (gewogen) %(a)s–%(b)s (%%)")
    ongewogen_label = _("Gemiddelde groei van de regio's (ongewogen) %(a)s–%(b)s (%%)")
    tabellen = []
    for soort in filters.soorten:
        volledig = verdeling.volledig[soort]
        meervoud = soort_meervoud(soort)
        groepen = []
        for klasse in (LAAG, GEMIDDELD, HOOG):
            orgs = {o for o in volledig if klassen.get(o) == klasse}
            groepen.append((ngettext("%(klasse)s (%(n)s regio)", "%(klasse)s (%(n)s regio's)", len(orgs)) % {
                "klasse": KLASSE_LABEL[klasse], "n": len(orgs)}, orgs))
        g4 = {o for o in volledig if codes[o] in G4}
        groepen.append((ngettext("G4 (%(n)s regio)", "G4 (%(n)s regio's)", len(g4)) % {"n": len(g4)}, g4))
        groepen.append((_("Overige regio's (%(n)s)") % {"n": len(volledig - g4)}, volledig - g4))
        groepen.append((_("Landelijk (%(n)s volledige organisaties)") % {"n": len(volledig)}, set(volledig)))
        rijen = []
        for label, orgs in groepen:
            a, b = groep_aantal(orgs, eerste, soort), groep_aantal(orgs, laatste, soort)
            rijen.append([label, a, b, groei_cel(a, b) if orgs else NIET_BEREKEND,
                          ongewogen(orgs, eerste, laatste, soort)])
        tabellen.append(Tabel(
            f"stedelijkheid_{soort}", _("%(soort)s: groei per stedelijkheidsklasse en G4") % {"soort": meervoud},
            [Kolom(_("Groep"), getal=False), Kolom(str(eerste)), Kolom(str(laatste)),
             Kolom(gewogen_label % {"a": eerste, "b": laatste}, eenheid=PROCENT),
             Kolom(ongewogen_label % {"a": eerste, "b": laatste}, eenheid=PROCENT)],
            rijen, Grafiek([3, 4], liggend=True, eenheid="%"),
            toelichting=_("G4: %(g4)s. Groei van het totaal (gewogen): de groei van de opgetelde aantallen van de "
                          "groep, zoals de landelijke ontwikkeling. Gemiddelde groei van de regio's (ongewogen): het "
                          "gemiddelde van de groei van elke regio afzonderlijk, elke regio even zwaar, zoals het "
                          "onderzoek 2017–2019 de groepen vergeleek.") % {
                "g4": ", ".join(str(o) for o in g.alle_organisaties.values() if o.code in G4)},
        ))

        inwoners_basis = verdeling.inwoners.per_organisatie(basisjaar)
        kandidaten = [o for o in volledig if g.bestaat_in(o, basisjaar) and g.bestaat_in(o, laatste)
                      and inwoners_basis.get(o)]

        def rangcijfer(org, soort=soort, inwoners_basis=inwoners_basis):
            # the protected count, as an outside viewer sees it: the ranking gives nothing away
            return (beschermde_waarde(groep_aantal({org}, basisjaar, soort))[0] or 0) / inwoners_basis[org]

        volgorde = sorted(kandidaten, key=lambda o, r=rangcijfer: (-r(o), codes[o]))
        n = min(10, len(volgorde) // 2)
        rijen = []
        for naam_groep, orgs in ((_("%(n)s hoogste") % {"n": n}, volgorde[:n]),
                                 (_("%(n)s laagste") % {"n": n}, volgorde[len(volgorde) - n:] if n else [])):
            for org in orgs:
                a, b = groep_aantal({org}, basisjaar, soort), groep_aantal({org}, laatste, soort)
                rijen.append([g.naam(org), naam_groep, PerInwoners(a, inwoners_basis[org]), a, b, groei_cel(a, b),
                              ""])
            a, b = groep_aantal(set(orgs), basisjaar, soort), groep_aantal(set(orgs), laatste, soort)
            inw = sum(inwoners_basis[o] for o in orgs)
            rijen.append([_("Samen: %(groep)s") % {"groep": naam_groep}, naam_groep, PerInwoners(a, inw), a, b,
                          groei_cel(a, b) if orgs else NIET_BEREKEND, ongewogen(set(orgs), basisjaar, laatste, soort)])
        landelijk = set(kandidaten)
        a, b = groep_aantal(landelijk, basisjaar, soort), groep_aantal(landelijk, laatste, soort)
        rijen.append([_("Landelijk (%(n)s regio's)") % {"n": len(landelijk)}, "", PerInwoners(
            a, sum(inwoners_basis[o] for o in landelijk)), a, b, groei_cel(a, b) if landelijk else NIET_BEREKEND,
            ongewogen(landelijk, basisjaar, laatste, soort)])
        tabellen.append(Tabel(
            f"top_{soort}", _("%(soort)s: regio's met de meeste en minste per 10.000 inwoners in %(jaar)s") % {
                "soort": meervoud, "jaar": basisjaar},
            [Kolom(_("Regio"), getal=False), Kolom(_("Groep"), getal=False),
             Kolom(_("Per 10.000 inwoners %(jaar)s (inwoners %(bron)s)") % {
                 "jaar": basisjaar, "bron": verdeling.inwoners.gebruikt_jaar(basisjaar) or "–"}, eenheid=PER_10000),
             Kolom(str(basisjaar)), Kolom(str(laatste)),
             Kolom(gewogen_label % {"a": basisjaar, "b": laatste}, eenheid=PROCENT),
             Kolom(ongewogen_label % {"a": basisjaar, "b": laatste}, eenheid=PROCENT)],
            rijen, Grafiek([5], liggend=True, eenheid="%"),
            toelichting=_("Gerangschikt naar het aantal per 10.000 inwoners in het basisjaar, berekend uit het "
                          "afgeronde aantal. Per groep de groei van het totaal (gewogen) en de gemiddelde groei van "
                          "de regio's (ongewogen), zoals het onderzoek 2017–2019 de groepen vergeleek."),
        ))
    opmerkingen = [klassen_uitleg, _("Basisjaar %(jaar)s.") % {"jaar": basisjaar}]
    if filters.basisjaar and filters.basisjaar != basisjaar:
        opmerkingen.append(_("Het gekozen basisjaar valt buiten de periode; gebruikt is %(jaar)s.") % {
            "jaar": basisjaar})
    return Analyse(
        "vergelijking", _("Vergelijkingen"),
        _("Groei per stedelijkheidsklasse, de G4 tegenover de overige regio's, en de regio's met de meeste en de "
          "minste adviezen of meldingen per 10.000 inwoners."),
        tabellen, uitgesloten=uitgesloten, notities=g.notities, opmerkingen=opmerkingen,
    )
