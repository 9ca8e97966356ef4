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

from kwartalen.models import KwartaalStatus
from rapportage.cbs.periode import Halfjaar
from rapportage.cbs.selectors import GELEVERDE_STATUSSEN
from rapportage.tellingen.models import Telling
from vtregistratie.models import Organisatie

KOLOMMEN = ("Perioden", "Regio", "Soort", "Meldergroep", "Crisis", "Veiligheidsbeoordeling",
            "EerdereBetrokkenheid", "Aantal")
TOTAAL = "totaal"
NEDERLAND = "NL"
GEHEIM = "."
DIMENSIES = ("organisatie__code", "soort", "melder_groep", "crisis", "beoordeling", "eerdere_betrokkenheid")


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
    return rijen.values(*DIMENSIES).annotate(n=Sum("aantal")).order_by(*DIMENSIES).values_list(*DIMENSIES, "n")


def aggregaat_regels(*, halfjaar: Halfjaar, organisaties: list[Organisatie] | None = None) -> Iterator[tuple]:
    """The rows of the file (without the header), values already protected."""
    periode = halfjaar.statline
    totalen: dict[tuple[str, str], int] = defaultdict(int)
    for regio, soort, groep, crisis, beoordeling, eerder, n in _tellingen(halfjaar, organisaties).iterator():
        totalen[(regio, soort)] += n
        totalen[(NEDERLAND, soort)] += n
        yield (periode, regio, soort, groep, ("ja" if crisis else "nee") if soort == "melding" else "",
               beoordeling, eerder, beveilig(n))
    regios = sorted({regio for regio, _ in totalen if regio != NEDERLAND})
    for regio in [*regios, *([NEDERLAND] if len(regios) > 1 else [])]:
        for soort in ("advies", "melding"):
            if (regio, soort) in totalen:
                yield (periode, regio, soort, TOTAAL, TOTAAL, TOTAAL, TOTAAL, beveilig(totalen[(regio, soort)]))


def schrijf_aggregaat(uit: TextIO, *, halfjaar: Halfjaar, organisaties: list[Organisatie] | None = None) -> int:
    """Write the CSV (semicolon-separated, UTF-8, codes of vtregistratie.definities) and return its data rows."""
    schrijver = csv.writer(uit, delimiter=";", lineterminator="\r\n")
    schrijver.writerow(KOLOMMEN)
    aantal = 0
    for regel in aggregaat_regels(halfjaar=halfjaar, organisaties=organisaties):
        schrijver.writerow(regel)
        aantal += 1
    return aantal
