"""Meldingen: crisis share per year, eerste melding / hermelding / vervolgmelding per year, outcomes of the
veiligheidsbeoordeling per quarter and the share assessed within the legal term (5 working days) per quarter.
Each table twice: summed over the chosen regions, and with the chosen regions side by side (``…_regio``, a row
per period × region).

Year comparisons (crisis, eerdere betrokkenheid) are computed over the organisations complete at that level
for every year of the period (crisis can come from imported files that had it; eerdere betrokkenheid,
beoordeling and termijn exist only for quarters registered in this application). The quarterly tables sum
every organisation in scope; incomplete quarters are marked ``(o)``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

from django.conf import settings
from django.utils.translation import gettext as _

from rapportage.analyses.filters import Filters
from rapportage.analyses.gegevens import Gegevens, Uitgesloten
from rapportage.analyses.landelijk import niveau_van
from rapportage.analyses.tabel import PROCENT, Analyse, Grafiek, Kolom, Tabel
from rapportage.onthulling import Percentage
from vtregistratie import definities

MELDING = "melding"


def _som_per(waarden: dict[tuple, int], organisaties, sleutel) -> dict:
    uit: dict = defaultdict(int)
    for (org, jaar, kw, _soort, *rest), n in waarden.items():
        if organisaties is None or org in organisaties:
            uit[sleutel(jaar, kw, *rest)] += n
    return uit


def _som_per_org(waarden: dict[tuple, int], sleutel) -> dict:
    uit: dict = defaultdict(int)
    for (org, jaar, kw, _soort, *rest), n in waarden.items():
        uit[(org, *sleutel(jaar, kw, *rest))] += n
    return uit


def _regios(g: Gegevens, jaar: int) -> list[int]:
    return [org for org in g.organisaties if g.bestaat_in(org, jaar)]


def _per_regio(tabel: Tabel, rijen: list[list], periode: str) -> Tabel:
    """The same table with the chosen regions side by side: a row per period × region, each region's own
    published cells (marked where its quarters are incomplete) instead of their sum."""
    kolommen = [Kolom(periode, getal=False), Kolom(_("Regio"), getal=False, filter=True), *tabel.kolommen[1:]]
    grafiek = None
    if tabel.grafiek is not None:
        grafiek = replace(tabel.grafiek, reeksen=[i + 1 for i in tabel.grafiek.reeksen], label_kolommen=(1, 0))
    return Tabel(f"{tabel.sleutel}_regio", _("%(titel)s, per regio") % {"titel": tabel.titel}, kolommen, rijen,
                 grafiek, toelichting=_("Elke gekozen regio apart, met haar eigen tekens."))


def meldingen(filters: Filters, gegevens: Gegevens | None = None) -> Analyse:
    g = gegevens or Gegevens(filters)
    jaren = filters.jaren
    tabellen = []
    uitgesloten: dict[str, list[str]] = defaultdict(list)

    # --- crisis share per year ---
    niveau = niveau_van(filters, "crisis")
    volledig, weg = g.volledige_set(jaren, niveau, MELDING)
    for u in weg:
        uitgesloten[u.organisatie].append(_("crisis: %(reden)s") % {"reden": u.reden})
    crisis = _som_per(g.tellingen(per=("crisis",), soorten=[MELDING]), volledig, lambda j, _k, c: (j, c))
    rijen = []
    for jaar in jaren:
        ja = g.aantal(crisis.get((jaar, True), 0), volledig, g.kwartalen_van([jaar]), niveau, MELDING)
        nee = g.aantal(crisis.get((jaar, False), 0), volledig, g.kwartalen_van([jaar]), niveau, MELDING)
        rijen.append([str(jaar), ja, nee, ja + nee, Percentage(ja, ja + nee)])
    per_org = _som_per_org(g.tellingen(per=("crisis",), soorten=[MELDING]), lambda j, _k, c: (j, c))
    rijen_regio = []
    for jaar in jaren:
        for org in _regios(g, jaar):
            ja = g.aantal(per_org.get((org, jaar, True), 0), {org}, g.kwartalen_van([jaar]), niveau)
            nee = g.aantal(per_org.get((org, jaar, False), 0), {org}, g.kwartalen_van([jaar]), niveau)
            rijen_regio.append([str(jaar), g.naam(org), ja, nee, ja + nee, Percentage(ja, ja + nee)])
    tabel_crisis = Tabel(
        "crisis", _("Crisismeldingen per jaar"),
        [Kolom(_("Jaar"), getal=False), Kolom(_("Crisis")), Kolom(_("Geen crisis")), Kolom(_("Totaal")),
         Kolom(_("Aandeel crisis (%)"), eenheid=PROCENT)], rijen, Grafiek([4], eenheid="%", kleuren=("melding",)),
        toelichting=_("Over %(n)s organisaties met een uitsplitsing naar crisis over elk jaar.") % {
            "n": len(volledig)},
    )
    tabellen += [tabel_crisis, _per_regio(tabel_crisis, rijen_regio, _("Jaar"))]

    # --- eerste melding / hermelding / vervolgmelding per year ---
    niveau = niveau_van(filters, "eerdere_betrokkenheid")
    volledig, weg = g.volledige_set(jaren, niveau, MELDING)
    for u in weg:
        uitgesloten[u.organisatie].append(_("eerdere betrokkenheid: %(reden)s") % {"reden": u.reden})
    eerder = _som_per(g.tellingen(per=("eerdere_betrokkenheid",), soorten=[MELDING]), volledig,
                      lambda j, _k, e: (j, e))
    codes = definities.EERDERE_BETROKKENHEID.codes()
    kolommen = [Kolom(_("Jaar"), getal=False)]
    for code in codes:
        label = definities.EERDERE_BETROKKENHEID.label(code)
        kolommen += [Kolom(str(label)), Kolom(_("%(label)s (%%)") % {"label": label}, eenheid=PROCENT)]
    kolommen.append(Kolom(_("Totaal")))
    rijen = []
    for jaar in jaren:
        cellen = {c: g.aantal(eerder.get((jaar, c), 0), volledig, g.kwartalen_van([jaar]), niveau, MELDING)
                  for c in codes}
        totaal = g.aantal(sum(eerder.get((jaar, c), 0) for c in codes), volledig, g.kwartalen_van([jaar]), niveau,
                          MELDING)
        rij: list = [str(jaar)]
        for c in codes:
            rij += [cellen[c], Percentage(cellen[c], totaal)]
        rijen.append([*rij, totaal])
    per_org = _som_per_org(g.tellingen(per=("eerdere_betrokkenheid",), soorten=[MELDING]), lambda j, _k, e: (j, e))
    rijen_regio = []
    for jaar in jaren:
        for org in _regios(g, jaar):
            kws = g.kwartalen_van([jaar])
            cellen = {c: g.aantal(per_org.get((org, jaar, c), 0), {org}, kws, niveau) for c in codes}
            totaal = g.aantal(sum(per_org.get((org, jaar, c), 0) for c in codes), {org}, kws, niveau)
            rij = [str(jaar), g.naam(org)]
            for c in codes:
                rij += [cellen[c], Percentage(cellen[c], totaal)]
            rijen_regio.append([*rij, totaal])
    tabel_eerder = Tabel(
        "eerdere_betrokkenheid", _("Eerste melding, hermelding en vervolgmelding per jaar"), kolommen, rijen,
        Grafiek([2 + 2 * i for i in range(len(codes))], eenheid="%"),
        toelichting=_("Over %(n)s organisaties die elk kwartaal van de periode in deze applicatie registreerden "
                      "en afsloten.") % {"n": len(volledig)},
    )
    tabellen += [tabel_eerder, _per_regio(tabel_eerder, rijen_regio, _("Jaar"))]

    # --- veiligheidsbeoordeling per quarter ---
    niveau = niveau_van(filters, "beoordeling")
    scope = set(g.organisaties)
    beoordeling = _som_per(g.tellingen(per=("beoordeling",), soorten=[MELDING]), None,
                           lambda j, k, b: (j, k, b))
    uitkomsten = definities.VEILIGHEIDSBEOORDELING_UITKOMST.codes()
    rijen = []
    for kw in filters.kwartalen:
        cellen = [g.aantal(beoordeling.get((kw.jaar, kw.kwartaal, u), 0), scope, [kw], niveau, MELDING)
                  for u in uitkomsten]
        totaal = g.aantal(sum(beoordeling.get((kw.jaar, kw.kwartaal, u), 0) for u in uitkomsten), scope, [kw], niveau,
                          MELDING)
        rijen.append([str(kw), *cellen, totaal])
    per_org = _som_per_org(g.tellingen(per=("beoordeling",), soorten=[MELDING]), lambda j, k, b: (j, k, b))
    rijen_regio = []
    for kw in filters.kwartalen:
        for org in _regios(g, kw.jaar):
            if not g.bestaat(org, kw):
                continue
            cellen = [g.aantal(per_org.get((org, kw.jaar, kw.kwartaal, u), 0), {org}, [kw], niveau) for u in uitkomsten]
            totaal = g.aantal(sum(per_org.get((org, kw.jaar, kw.kwartaal, u), 0) for u in uitkomsten), {org}, [kw],
                              niveau)
            rijen_regio.append([str(kw), g.naam(org), *cellen, totaal])
    tabel_beoordeling = Tabel(
        "beoordeling", _("Uitkomst van de veiligheidsbeoordeling per kwartaal"),
        [Kolom(_("Kwartaal"), getal=False),
         *[Kolom(str(definities.VEILIGHEIDSBEOORDELING_UITKOMST.label(u))) for u in uitkomsten], Kolom(_("Totaal"))],
        rijen, Grafiek(list(range(1, len(uitkomsten) + 1)), eenheid=_("aantal"), aantallen=True),
        toelichting=_("Meldingen naar kwartaal van ontvangst. Alle gekozen organisaties; (o) bij kwartalen die nog "
                      "open zijn of niet in deze applicatie zijn geregistreerd."),
    )
    tabellen += [tabel_beoordeling, _per_regio(tabel_beoordeling, rijen_regio, _("Kwartaal"))]

    # --- within the legal term per quarter, against the sector's target ---
    doel = settings.DOEL_BEOORDELING_BINNEN_TERMIJN
    termijn = _som_per(g.tellingen(per=("binnen_termijn",), soorten=[MELDING]), None, lambda j, k, t: (j, k, t))
    niveau = niveau_van(filters, "binnen_termijn")
    rijen = []
    for kw in filters.kwartalen:
        binnen = g.aantal(termijn.get((kw.jaar, kw.kwartaal, True), 0), scope, [kw], niveau, MELDING)
        buiten = g.aantal(termijn.get((kw.jaar, kw.kwartaal, False), 0), scope, [kw], niveau, MELDING)
        rijen.append([str(kw), binnen + buiten, binnen, Percentage(binnen, binnen + buiten)])
    per_org = _som_per_org(g.tellingen(per=("binnen_termijn",), soorten=[MELDING]), lambda j, k, t: (j, k, t))
    rijen_regio = []
    for kw in filters.kwartalen:
        for org in _regios(g, kw.jaar):
            if not g.bestaat(org, kw):
                continue
            binnen = g.aantal(per_org.get((org, kw.jaar, kw.kwartaal, True), 0), {org}, [kw], niveau)
            buiten = g.aantal(per_org.get((org, kw.jaar, kw.kwartaal, False), 0), {org}, [kw], niveau)
            rijen_regio.append([str(kw), g.naam(org), binnen + buiten, binnen, Percentage(binnen, binnen + buiten)])
    tabel_termijn = Tabel(
        "termijn", _("Beoordeeld binnen 5 werkdagen per kwartaal"),
        [Kolom(_("Kwartaal"), getal=False), Kolom(_("Beoordeeld")), Kolom(_("Binnen 5 werkdagen")),
         Kolom(_("Binnen 5 werkdagen (%)"), eenheid=PROCENT)], rijen,
        Grafiek([3], eenheid="%", referentie=(_("Doel %(doel)s%%") % {"doel": doel}, doel)),
        toelichting=_("Van de beoordeelde meldingen het deel waarvan de veiligheidsbeoordeling binnen 5 werkdagen "
                      "na ontvangst was (feestdagen niet meegerekend; bij crisis direct). De lijn is het doel van de "
                      "sector: %(doel)s%%.") % {"doel": doel},
    )
    tabellen += [tabel_termijn, _per_regio(tabel_termijn, rijen_regio, _("Kwartaal"))]
    return Analyse(
        "meldingen", _("Meldingen: crisis, eerdere betrokkenheid en veiligheidsbeoordeling"),
        _("Het aandeel crisismeldingen, eerste meldingen, hermeldingen en vervolgmeldingen per jaar, en de "
          "veiligheidsbeoordeling per kwartaal."),
        tabellen, notities=g.notities,
        uitgesloten=[Uitgesloten(org, "; ".join(redenen)) for org, redenen in sorted(uitgesloten.items())],
    )
