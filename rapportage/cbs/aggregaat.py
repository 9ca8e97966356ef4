"""The aggregate file of a half-year: a StatLine-style CSV of counts, with disclosure control.

Read from the count tables (``Telling``, and for the follow-up ``TellingDienst`` and ``TellingCasus``,
docs/rollup.md), never from registrations: per region × soort ×
melder groep × crisis × veiligheidsbeoordeling × eerdere betrokkenheid, summed over the quarters of the
half-year that are voorlopig or definitief (half-years are sums of quarters), plus a total per region and soort
(and for the whole country when the file covers more than one region).

The file leaves the organisation, so every value is what an outside viewer of the analyses would see: the
disclosure rule of ``rapportage/onthulling.py`` (``beschermde_waarde``). Every row is a published cell
(region × half-year × its breakdown); the national total is the sum of the regions' protected totals, like
every national figure of the analyses.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Iterator
from typing import TextIO

from django.db.models import Exists, OuterRef, Sum
from django.utils import translation

from kwartalen.models import KwartaalStatus
from rapportage.cbs.periode import Halfjaar
from rapportage.cbs.selectors import GELEVERDE_STATUSSEN
from rapportage.onthulling import GEHEIM, Aantal, beschermde_waarde, publicatiecellen
from rapportage.tellingen.dimensies import (
    BEOORDELING,
    CRISIS,
    EERDERE_BETROKKENHEID,
    MELDER_FUNCTIE,
    MELDER_ORGANISATIE,
    SOORT,
)
from rapportage.tellingen.models import Telling, TellingCasus, TellingDienst
from vtregistratie import definities
from vtregistratie.models import Organisatie

#: The declared dimensions of the file (rapportage/tellingen/dimensies.py), after period and region.
# StatLine's own melder dimensions (84848/84849NED: organisatie and rol/functie), not the application's groups.
DIMENSIES = (SOORT, MELDER_ORGANISATIE, MELDER_FUNCTIE, CRISIS, BEOORDELING, EERDERE_BETROKKENHEID)


def _statline(dimensie) -> str:
    """StatLine's column name: the Dutch label in CamelCase (``eerdere betrokkenheid`` → ``EerdereBetrokkenheid``,
    ``rol/functie melder`` → ``RolFunctieMelder``)."""
    with translation.override("nl"):
        return "".join(woord[:1].upper() + woord[1:] for woord in str(dimensie.label).replace("/", " ").split())


KOLOMMEN = ("Perioden", "Regio", *(_statline(d) for d in DIMENSIES), "Aantal")
TOTAAL = "totaal"
NEDERLAND = "NL"

#: The follow-up's rows, one per region (and NL): the value of the Soort column, the count table (docs/rollup.md)
#: and the rows of it that count; its published cell is named by the table's source and that selection, as the
#: analyses name theirs ("dienst" with its gebeurtenis). "Afgeronde diensten" per soort as StatLine counts them (by
#: end date); "casussen met ontvangen melding(en)": unique casussen in the half-year, the sum of its quarters'
#: casussen flagged as the first quarter of the half-year with a melding of the casus.
VOLGREGELS: tuple[tuple[str, type, dict, str], ...] = (
    *((f"afgeronde_diensten_{dienst}", TellingDienst, {"gebeurtenis": "afgerond", "dienst": dienst}, "dienst")
      for dienst in definities.VERVOLGDIENST.codes()),
    ("casussen_met_ontvangen_meldingen", TellingCasus, {"eerste_in_halfjaar": True}, "casus"),
)


def tekst(aantal: Aantal) -> str:
    """A cell of the file: its protected value, ``.`` when suppressed."""
    waarde, _afgeleid = beschermde_waarde(aantal)
    return GEHEIM if waarde is None else str(waarde)


def _geleverd(model, halfjaar: Halfjaar, organisaties):
    """The rows of a count table in the half-year's quarters that are delivered (voorlopig or definitief)."""
    geleverd = KwartaalStatus.objects.filter(
        organisatie=OuterRef("organisatie"), jaar=OuterRef("jaar"), kwartaal=OuterRef("kwartaal"),
        status__in=GELEVERDE_STATUSSEN,
    )
    rijen = model.objects.filter(
        Exists(geleverd), jaar=halfjaar.jaar, kwartaal__in=[kw.kwartaal for kw in halfjaar.kwartalen]
    )
    if organisaties is not None:
        rijen = rijen.filter(organisatie__in=organisaties)
    return rijen


def _tellingen(halfjaar: Halfjaar, organisaties):
    rijen = _geleverd(Telling, halfjaar, organisaties)
    velden = ["organisatie__code", *(d.naam for d in DIMENSIES), "organisatie_id", "kwartaal"]
    return rijen.values(*velden).annotate(n=Sum("aantal")).order_by(*velden).values_list(*velden, "n")


def _waarde(dimensie, soort: str, waarde) -> str:
    """A code as is, a yes/no as ``ja``/``nee``; blank for a dimension that does not apply to the soort (the
    declaration counts it with a fixed value, such as crisis false for an advies)."""
    if soort not in dimensie.geldt_voor:
        return ""
    if isinstance(waarde, bool):
        return "ja" if waarde else "nee"
    return "" if waarde is None else str(waarde)


def aggregaat_regels(*, halfjaar: Halfjaar, organisaties: list[Organisatie] | None = None) -> Iterator[tuple]:
    """The rows of the file (without the header), values already protected."""
    periode = halfjaar.statline
    kwartalen = [(kw.jaar, kw.kwartaal) for kw in halfjaar.kwartalen]
    plaats = DIMENSIES.index(SOORT)
    cellen: dict[tuple, dict[tuple, int]] = defaultdict(dict)  # row -> the atoms of its published cell
    totalen: dict[tuple[str, str], dict[tuple, int]] = defaultdict(dict)
    codes: dict[str, int] = {}
    for regio, *waarden, org, kwartaal, n in _tellingen(halfjaar, organisaties).iterator():
        soort = waarden[plaats]
        dims = tuple((d.naam, w) for d, w in zip(DIMENSIES, waarden, strict=True) if d is not SOORT)
        cellen[(regio, tuple(waarden))][(org, halfjaar.jaar, kwartaal, soort, dims)] = n
        totaal = totalen[(regio, soort)]
        sleutel = (org, halfjaar.jaar, kwartaal, soort, ())
        totaal[sleutel] = totaal.get(sleutel, 0) + n
        codes[regio] = org

    def cel(regio: str, atomen: dict) -> Aantal:
        return Aantal(sum(atomen.values()), frozenset({codes[regio]}), (), publicatiecellen(atomen, kwartalen))

    for (regio, waarden), atomen in cellen.items():
        soort = waarden[plaats]
        yield (periode, regio, *(_waarde(d, soort, w) for d, w in zip(DIMENSIES, waarden, strict=True)),
               tekst(cel(regio, atomen)))
    regio_totalen = {sleutel: cel(sleutel[0], atomen) for sleutel, atomen in totalen.items()}
    for regio in sorted(codes):
        for soort in ("advies", "melding"):
            if (regio, soort) in regio_totalen:
                yield (periode, regio, *(soort if d is SOORT else TOTAAL for d in DIMENSIES),
                       tekst(regio_totalen[(regio, soort)]))
    if len(codes) > 1:
        for soort in ("advies", "melding"):
            delen = [aantal for (_regio, s), aantal in sorted(regio_totalen.items()) if s == soort]
            if delen:
                yield (periode, NEDERLAND, *(soort if d is SOORT else TOTAAL for d in DIMENSIES),
                       tekst(sum(delen[1:], delen[0])))
    yield from _volgregels(halfjaar, organisaties, codes, kwartalen)


def _volgregels(halfjaar: Halfjaar, organisaties, codes: dict[str, int], kwartalen) -> Iterator[tuple]:
    """The follow-up's rows (``VOLGREGELS``) for every region with delivered counts, protected like the totals;
    the other columns are empty (not a breakdown)."""
    for kolom, model, filter, celsoort in VOLGREGELS:
        atomen: dict[int, dict[tuple, int]] = defaultdict(dict)
        for org, kwartaal, n in (_geleverd(model, halfjaar, organisaties).filter(**filter)
                                 .values("organisatie_id", "kwartaal").annotate(n=Sum("aantal")).order_by()
                                 .values_list("organisatie_id", "kwartaal", "n")):
            atomen[org][(org, halfjaar.jaar, kwartaal, celsoort, tuple(sorted(filter.items())))] = n
        per_regio = {regio: Aantal(sum(atomen[org].values()), frozenset({org}), (),
                                   publicatiecellen(atomen[org], kwartalen)) for regio, org in sorted(codes.items())}
        for regio, aantal in per_regio.items():
            yield (halfjaar.statline, regio, *(kolom if d is SOORT else "" for d in DIMENSIES), tekst(aantal))
        if len(per_regio) > 1:
            delen = list(per_regio.values())
            yield (halfjaar.statline, NEDERLAND, *(kolom if d is SOORT else "" for d in DIMENSIES),
                   tekst(sum(delen[1:], delen[0])))


def schrijf_aggregaat(uit: TextIO, *, halfjaar: Halfjaar, organisaties: list[Organisatie] | None = None) -> int:
    """Write the CSV (semicolon-separated, UTF-8, codes of vtregistratie.definities) and return its data rows."""
    schrijver = csv.writer(uit, delimiter=";", lineterminator="\r\n")
    schrijver.writerow(KOLOMMEN)
    aantal = 0
    for regel in aggregaat_regels(halfjaar=halfjaar, organisaties=organisaties):
        schrijver.writerow(regel)
        aantal += 1
    return aantal
