"""Uitsplitsingen: every collected breakdown of the counts, the chosen regions side by side and per gemeente.

The breakdown is one dimension of the count tables (``UITSPLITSINGEN`` in rapportage/tellingen/dimensies.py:
aard, aanvullende informatie, melder groep and category, Impactmonitor group, crisis, structurele onveiligheid,
veiligheidsbeoordeling, vervolgdienst, eerdere betrokkenheid, binnen termijn, and whatever is declared later).
Per soort the dimension applies to, one table with a row per region × year and one with a row per gemeente ×
year; a column per value of the breakdown and the total of the registrations.

Every number is a published cell: one region (or gemeente) × one year × one soort × one value of the breakdown,
or the region's (gemeente's) total, the same cell as on the other pages. A multi-valued breakdown (aard,
aanvullende informatie) counts a registration once under each of its codes, so its values do not add up to the
total. Imported history has no breakdown but melder groep and crisis; other breakdowns exist only for quarters
registered in this application, and an imported or open quarter marks its cell ``(o)``.
"""

from __future__ import annotations

from collections import defaultdict

from django.db.models import BooleanField
from django.utils.translation import gettext as _

from rapportage.analyses.filters import STANDAARD_UITSPLITSING, Filters, uitsplitsing_titel
from rapportage.analyses.gegevens import Gegevens
from rapportage.analyses.landelijk import soort_meervoud
from rapportage.analyses.referentie import Indeling
from rapportage.analyses.tabel import Analyse, Grafiek, Kolom, Tabel
from rapportage.tellingen.dimensies import MEERVOUDIG, TELLING, UITSPLITSINGEN, Dimensie
from vtregistratie import definities

#: The labels of a melder category's codes: an organisation type, or else a relation (``onbekend`` is in both).
_CATEGORIE_LIJSTEN = (definities.MELDER_ORGANISATIETYPE, definities.MELDER_RELATIE)


def is_meervoudig(dimensie: Dimensie) -> bool:
    return dimensie.naam in MEERVOUDIG


def _is_ja_nee(dimensie: Dimensie) -> bool:
    tabel = MEERVOUDIG.get(dimensie.naam, TELLING)
    return isinstance(tabel.model._meta.get_field(dimensie.naam), BooleanField)


def waarden_van(dimensie: Dimensie, gezien: set) -> list:
    """The values of a breakdown in their order: the code list (or yes, no), then any other value counted."""
    if dimensie.codelijst is not None:
        basis: list = dimensie.codelijst.codes()
    elif _is_ja_nee(dimensie):
        basis = [True, False]
    else:
        basis = []
    rest = sorted((w for w in gezien if w not in basis and w not in (None, "")), key=str)
    leeg = [w for w in (None, "") if w in gezien]
    return [*basis, *rest, *leeg]


def waarde_label(dimensie: Dimensie, waarde) -> str:
    """A value as a column header: the code's label, ja/nee, or "leeg" for no value (no vervolgdienst)."""
    if waarde in (None, ""):
        return _("Leeg of niet van toepassing")
    if dimensie.codelijst is None and not isinstance(waarde, bool):
        for lijst in _CATEGORIE_LIJSTEN:
            if waarde in lijst:
                return str(lijst.label(waarde))
    label = dimensie.weergave(waarde)
    return label[:1].upper() + label[1:]


def soorten_van(filters: Filters, dimensie: Dimensie) -> list[str]:
    return [s for s in filters.soorten if s in dimensie.geldt_voor]


def uitsplitsingen(filters: Filters, gegevens: Gegevens | None = None) -> Analyse:
    g = gegevens or Gegevens(filters)
    dimensie = UITSPLITSINGEN[filters.uitsplitsing or STANDAARD_UITSPLITSING]
    naam = dimensie.naam
    niveau = (naam,)
    soorten = soorten_van(filters, dimensie)
    jaren = filters.jaren
    indeling = Indeling()

    per_regio: dict[tuple, int] = defaultdict(int)  # (org, jaar, soort, waarde)
    totaal_regio: dict[tuple, int] = defaultdict(int)  # (org, jaar, soort)
    per_gemeente: dict[tuple, int] = defaultdict(int)  # (org, gemeente, jaar, soort, waarde)
    totaal_gemeente: dict[tuple, int] = defaultdict(int)  # (org, gemeente, jaar, soort)
    gezien: set = set()
    for (org, jaar, _kw, soort, waarde), n in g.tellingen(per=niveau, soorten=soorten).items():
        per_regio[(org, jaar, soort, waarde)] += n
        gezien.add(waarde)
    for (org, jaar, _kw, soort), n in g.tellingen(soorten=soorten).items():
        totaal_regio[(org, jaar, soort)] += n
    for (org, jaar, _kw, soort, waarde, gemeente), n in g.tellingen(
            per=(*niveau, "gemeente_code"), soorten=soorten, historisch=False).items():
        per_gemeente[(org, gemeente, jaar, soort, waarde)] += n
        gezien.add(waarde)
    for (org, jaar, _kw, soort, gemeente), n in g.tellingen(
            per=("gemeente_code",), soorten=soorten, historisch=False).items():
        totaal_gemeente[(org, gemeente, jaar, soort)] += n
    waarden = waarden_van(dimensie, gezien)
    titel = uitsplitsing_titel(dimensie)
    waardekolommen = [Kolom(waarde_label(dimensie, w)) for w in waarden]
    reeksen = list(range(2, 2 + len(waarden)))
    toelichting = (_("Een registratie met meer dan één code telt bij elke code; de codes tellen dus niet op tot het "
                     "totaal aantal registraties.") if is_meervoudig(dimensie) else
                   _("De waarden tellen op tot het totaal aantal registraties."))

    tabellen = []
    for soort in soorten:
        rijen = []
        for org in g.organisaties:
            for jaar in jaren:
                if not g.bestaat_in(org, jaar):
                    continue
                kwartalen = g.kwartalen_van([jaar])
                rijen.append([
                    str(jaar), g.naam(org),
                    *[g.aantal(per_regio.get((org, jaar, soort, w), 0), {org}, kwartalen, niveau, soort)
                      for w in waarden],
                    g.aantal(totaal_regio.get((org, jaar, soort), 0), {org}, kwartalen, soort=soort),
                ])
        tabellen.append(Tabel(
            f"regio_{soort}", _("%(soort)s per regio naar %(uitsplitsing)s") % {
                "soort": soort_meervoud(soort), "uitsplitsing": titel.lower()},
            [Kolom(_("Jaar"), getal=False), Kolom(_("Regio"), getal=False, filter=True), *waardekolommen,
             Kolom(_("Totaal registraties"))],
            rijen, Grafiek(reeksen, eenheid=_("aantal"), label_kolommen=(1, 0), aantallen=True, liggend=True),
            toelichting=toelichting,
        ))

        gemeenten = sorted({(org, gem) for org, gem, _j, s in totaal_gemeente if s == soort},
                           key=lambda og: (g.naam(og[0]), og[1] == "", indeling.naam(og[1]) if og[1] else ""))
        rijen = []
        for org, gemeente in gemeenten:
            label = f"{indeling.naam(gemeente)} ({gemeente})" if gemeente else _("Gemeente onbekend")
            for jaar in jaren:
                kwartalen = g.kwartalen_van([jaar])
                rijen.append([
                    str(jaar), label, g.naam(org),
                    *[g.aantal(per_gemeente.get((org, gemeente, jaar, soort, w), 0), {org}, kwartalen,
                               (*niveau, "gemeente_code"), soort) for w in waarden],
                    g.aantal(totaal_gemeente.get((org, gemeente, jaar, soort), 0), {org}, kwartalen,
                             ("gemeente_code",), soort),
                ])
        tabellen.append(Tabel(
            f"gemeente_{soort}", _("%(soort)s per gemeente naar %(uitsplitsing)s") % {
                "soort": soort_meervoud(soort), "uitsplitsing": titel.lower()},
            [Kolom(_("Jaar"), getal=False), Kolom(_("Gemeente"), getal=False),
             Kolom(_("Regio"), getal=False, filter=True), *waardekolommen, Kolom(_("Totaal registraties"))],
            rijen, Grafiek([r + 1 for r in reeksen], eenheid=_("aantal"), label_kolommen=(1, 0), aantallen=True,
                           liggend=True),
            toelichting=_("Per gemeente van de betrokkenen, onder de regio die registreerde. Alleen gemeenten met "
                          "registraties in de periode.") + " " + toelichting,
        ))
    opmerkingen = [_("Uitsplitsing: %(uitsplitsing)s.") % {"uitsplitsing": titel}]
    if set(filters.soorten) - set(soorten):
        opmerkingen.append(_("%(uitsplitsing)s is er alleen voor %(soorten)s.") % {
            "uitsplitsing": titel, "soorten": ", ".join(soort_meervoud(s).lower() for s in soorten)})
    return Analyse(
        "uitsplitsingen", _("Uitsplitsingen: %(uitsplitsing)s") % {"uitsplitsing": titel},
        _("De gekozen regio's naast elkaar en per gemeente, per jaar, naar één uitsplitsing van de tellingen."),
        tabellen, notities=g.notities, opmerkingen=opmerkingen,
    )
