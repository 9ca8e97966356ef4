"""The aggregate file of a half-year: a StatLine-style CSV of counts, with disclosure control.

Read from the count table (``Telling``, docs/rollup.md), never from registrations: per region × soort ×
melder groep × crisis × veiligheidsbeoordeling × eerdere betrokkenheid, summed over the quarters of the
half-year that are voorlopig or definitief (half-years are sums of quarters, §3), plus a total per
region and soort (and for the whole country when the file covers more than one region).

The file leaves the organisation, so every value goes through the disclosure control of docs/analyses.md:
counts rounded to a multiple of ``ONTHULLING_AFRONDING`` (5), and a true value from 1 up to
``ONTHULLING_DREMPEL`` (10, exclusive) shown as ``.``. ``rapportage/onthulling.py`` did not exist when
this was written, so the rule is implemented here (``beveilig``) with the same setting names.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal
from typing import TextIO

from django.conf import settings
from django.db.models import Exists, OuterRef, Sum
from django.utils import translation

from kwartalen.models import KwartaalStatus
from rapportage.cbs.periode import Halfjaar
from rapportage.cbs.selectors import GELEVERDE_STATUSSEN
from rapportage.tellingen.dimensies import BEOORDELING, CRISIS, EERDERE_BETROKKENHEID, MELDER_GROEP, SOORT
from rapportage.tellingen.models import Telling
from vtregistratie.models import Organisatie

#: The declared dimensions of the file (rapportage/tellingen/dimensies.py), after period and region.
DIMENSIES = (SOORT, MELDER_GROEP, CRISIS, BEOORDELING, EERDERE_BETROKKENHEID)


def _statline(dimensie) -> str:
    """StatLine's column name: the Dutch label in CamelCase (``eerdere betrokkenheid`` → ``EerdereBetrokkenheid``)."""
    with translation.override("nl"):
        return "".join(woord[:1].upper() + woord[1:] for woord in str(dimensie.label).split())


KOLOMMEN = ("Perioden", "Regio", *(_statline(d) for d in DIMENSIES), "Aantal")
TOTAAL = "totaal"
NEDERLAND = "NL"
GEHEIM = "."


def beveilig(waarde: int) -> str:
    """Disclosure control (docs/analyses.md): 0 stays 0; 1 up to the threshold is ``.``; anything else
    rounded to a multiple of 5."""
    afronding = getattr(settings, "ONTHULLING_AFRONDING", 5)
    drempel = getattr(settings, "ONTHULLING_DREMPEL", 10)
    if waarde == 0:
        return "0"
    if 0 < waarde < drempel:
        return GEHEIM
    return str(int((Decimal(waarde) / afronding).quantize(Decimal(1), rounding=ROUND_HALF_UP)) * afronding)


def _tellingen(halfjaar: Halfjaar, organisaties):
    geleverd = KwartaalStatus.objects.filter(
        organisatie=OuterRef("organisatie"), jaar=OuterRef("jaar"), kwartaal=OuterRef("kwartaal"),
        status__in=GELEVERDE_STATUSSEN,
    )
    rijen = Telling.objects.filter(
        Exists(geleverd), jaar=halfjaar.jaar, kwartaal__in=[kw.kwartaal for kw in halfjaar.kwartalen]
    )
    if organisaties is not None:
        rijen = rijen.filter(organisatie__in=organisaties)
    velden = ["organisatie__code", *(d.naam for d in DIMENSIES)]
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
    totalen: dict[tuple[str, str], int] = defaultdict(int)
    plaats = DIMENSIES.index(SOORT)
    for regio, *waarden, n in _tellingen(halfjaar, organisaties).iterator():
        soort = waarden[plaats]
        totalen[(regio, soort)] += n
        totalen[(NEDERLAND, soort)] += n
        yield (periode, regio, *(_waarde(d, soort, w) for d, w in zip(DIMENSIES, waarden, strict=True)), beveilig(n))
    regios = sorted({regio for regio, _ in totalen if regio != NEDERLAND})
    for regio in [*regios, *([NEDERLAND] if len(regios) > 1 else [])]:
        for soort in ("advies", "melding"):
            if (regio, soort) in totalen:
                yield (periode, regio, *(soort if d is SOORT else TOTAAL for d in DIMENSIES),
                       beveilig(totalen[(regio, soort)]))


def schrijf_aggregaat(uit: TextIO, *, halfjaar: Halfjaar, organisaties: list[Organisatie] | None = None) -> int:
    """Write the CSV (semicolon-separated, UTF-8, codes of vtregistratie.definities) and return its data rows."""
    schrijver = csv.writer(uit, delimiter=";", lineterminator="\r\n")
    schrijver.writerow(KOLOMMEN)
    aantal = 0
    for regel in aggregaat_regels(halfjaar=halfjaar, organisaties=organisaties):
        schrijver.writerow(regel)
        aantal += 1
    return aantal
