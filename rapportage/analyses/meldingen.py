"""Meldingen: crisis share per year, eerste melding / hermelding / vervolgmelding per year, outcomes of the
veiligheidsbeoordeling per quarter and the share assessed within the legal term (5 working days) per quarter.

Year comparisons (crisis, eerdere betrokkenheid) are computed over the organisations complete at that level
for every year of the period (crisis can come from imported files that had it; eerdere betrokkenheid,
beoordeling and termijn exist only for quarters registered in this application). The quarterly tables sum
every organisation in scope; incomplete quarters are marked ``(o)``.
"""

from __future__ import annotations

from collections import defaultdict

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


def meldingen(filters: Filters, gegevens: Gegevens | None = None) -> Analyse:
    g = gegevens or Gegevens(filters)
    jaren = filters.jaren
    tabellen = []
    uitgesloten: dict[str, list[str]] = defaultdict(list)

    # --- crisis share per year ---
    niveau = niveau_van(filters, "crisis")
    volledig, weg = g.volledige_set(jaren, niveau)
    for u in weg:
        uitgesloten[u.organisatie].append(_("crisis: %(reden)s") % {"reden": u.reden})
    crisis = _som_per(g.tellingen(per=("crisis",), soorten=[MELDING]), volledig, lambda j, _k, c: (j, c))
    rijen = []
    for jaar in jaren:
        ja = g.aantal(crisis.get((jaar, True), 0), volledig, g.kwartalen_van([jaar]), niveau)
        nee = g.aantal(crisis.get((jaar, False), 0), volledig, g.kwartalen_van([jaar]), niveau)
        rijen.append([str(jaar), ja, nee, ja + nee, Percentage(ja, ja + nee)])
    tabellen.append(Tabel(
        "crisis", _("Crisismeldingen per jaar"),
        [Kolom(_("Jaar"), getal=False), Kolom(_("Crisis")), Kolom(_("Geen crisis")), Kolom(_("Totaal")),
         Kolom(_("Aandeel crisis (%)"), eenheid=PROCENT)], rijen, Grafiek([4], eenheid="%", kleuren=("melding",)),
        toelichting=_("Over %(n)s organisaties met een uitsplitsing naar crisis over elk jaar.") % {
            "n": len(volledig)},
    ))

    # --- eerste melding / hermelding / vervolgmelding per year ---
    niveau = niveau_van(filters, "eerdere_betrokkenheid")
    volledig, weg = g.volledige_set(jaren, niveau)
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
        cellen = {c: g.aantal(eerder.get((jaar, c), 0), volledig, g.kwartalen_van([jaar]), niveau) for c in codes}
        totaal = g.aantal(sum(eerder.get((jaar, c), 0) for c in codes), volledig, g.kwartalen_van([jaar]), niveau)
        rij: list = [str(jaar)]
        for c in codes:
            rij += [cellen[c], Percentage(cellen[c], totaal)]
        rijen.append([*rij, totaal])
    tabellen.append(Tabel(
        "eerdere_betrokkenheid", _("Eerste melding, hermelding en vervolgmelding per jaar"), kolommen, rijen,
        Grafiek([2 + 2 * i for i in range(len(codes))], eenheid="%"),
        toelichting=_("Over %(n)s organisaties die elk kwartaal van de periode in deze applicatie registreerden "
                      "en afsloten.") % {"n": len(volledig)},
    ))

    # --- veiligheidsbeoordeling per quarter ---
    niveau = niveau_van(filters, "beoordeling")
    scope = set(g.organisaties)
    beoordeling = _som_per(g.tellingen(per=("beoordeling",), soorten=[MELDING]), None,
                           lambda j, k, b: (j, k, b))
    uitkomsten = definities.VEILIGHEIDSBEOORDELING_UITKOMST.codes()
    rijen = []
    for kw in filters.kwartalen:
        cellen = [g.aantal(beoordeling.get((kw.jaar, kw.kwartaal, u), 0), scope, [kw], niveau) for u in uitkomsten]
        totaal = g.aantal(sum(beoordeling.get((kw.jaar, kw.kwartaal, u), 0) for u in uitkomsten), scope, [kw], niveau)
        rijen.append([str(kw), *cellen, totaal])
    tabellen.append(Tabel(
        "beoordeling", _("Uitkomst van de veiligheidsbeoordeling per kwartaal"),
        [Kolom(_("Kwartaal"), getal=False),
         *[Kolom(str(definities.VEILIGHEIDSBEOORDELING_UITKOMST.label(u))) for u in uitkomsten], Kolom(_("Totaal"))],
        rijen, Grafiek(list(range(1, len(uitkomsten) + 1)), eenheid=_("aantal"), aantallen=True),
        toelichting=_("Meldingen naar kwartaal van ontvangst. Alle gekozen organisaties; (o) bij kwartalen die nog "
                      "open zijn of niet in deze applicatie zijn geregistreerd."),
    ))

    # --- within the legal term per quarter, against the sector's target ---
    doel = settings.DOEL_BEOORDELING_BINNEN_TERMIJN
    termijn = _som_per(g.tellingen(per=("binnen_termijn",), soorten=[MELDING]), None, lambda j, k, t: (j, k, t))
    niveau = niveau_van(filters, "binnen_termijn")
    rijen = []
    for kw in filters.kwartalen:
        binnen = g.aantal(termijn.get((kw.jaar, kw.kwartaal, True), 0), scope, [kw], niveau)
        buiten = g.aantal(termijn.get((kw.jaar, kw.kwartaal, False), 0), scope, [kw], niveau)
        rijen.append([str(kw), binnen + buiten, binnen, Percentage(binnen, binnen + buiten)])
    tabellen.append(Tabel(
        "termijn", _("Beoordeeld binnen 5 werkdagen per kwartaal"),
        [Kolom(_("Kwartaal"), getal=False), Kolom(_("Beoordeeld")), Kolom(_("Binnen 5 werkdagen")),
         Kolom(_("Binnen 5 werkdagen (%)"), eenheid=PROCENT)], rijen,
        Grafiek([3], eenheid="%", referentie=(_("Doel %(doel)s%%") % {"doel": doel}, doel)),
        toelichting=_("Van de beoordeelde meldingen het deel waarvan de veiligheidsbeoordeling binnen 5 werkdagen "
                      "na ontvangst was (feestdagen niet meegerekend; bij crisis direct). De lijn is het doel van de "
                      "sector: %(doel)s%%.") % {"doel": doel},
    ))
    return Analyse(
        "meldingen", _("Meldingen: crisis, eerdere betrokkenheid en veiligheidsbeoordeling"),
        _("Het aandeel crisismeldingen, eerste meldingen, hermeldingen en vervolgmeldingen per jaar, en de "
          "veiligheidsbeoordeling per kwartaal."),
        tabellen, notities=g.notities,
        uitgesloten=[Uitgesloten(org, "; ".join(redenen)) for org, redenen in sorted(uitgesloten.items())],
    )
