"""CSV and XLSX downloads of exactly the table shown on a page, in a form to compute with.

Numbers stay numbers: an XLSX cell is numeric, a CSV value is written the Dutch way (decimal comma, no thousands
separator), as Excel in Dutch reads it. The CSV is UTF-8 with a BOM and ``;``-separated. What explains the
table (the period, the markers, data-quality notes) follows it: in the CSV after an empty line, in the XLSX on a
second sheet, so the table itself has one header row and nothing but data under it.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from django.http import HttpResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
Toelichting = Sequence[tuple[str, str]]  # (what, text): "Periode" → "2023 t/m 2025"


def _veilig(waarde):
    # A cell starting with = + - @ would run as a formula in a spreadsheet (CSV injection).
    if isinstance(waarde, str) and waarde[:1] in ("=", "+", "-", "@"):
        return "'" + waarde
    return waarde


def csv_waarde(waarde):
    """A value as a Dutch spreadsheet reads it: ``12,5`` and ``5,0``; integers and text unchanged; nothing as
    empty."""
    if waarde is None:
        return ""
    if isinstance(waarde, float):
        return str(waarde).replace(".", ",")
    return _veilig(waarde)


def als_csv(kolommen: Sequence[str], rijen: Iterable[Sequence], bestandsnaam: str,
            toelichting: Toelichting = ()) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{bestandsnaam}.csv"'
    response.write("\ufeff")  # Excel opens UTF-8 CSV correctly only with a BOM
    writer = csv.writer(response, delimiter=";", lineterminator="\r\n")
    writer.writerow(kolommen)
    for rij in rijen:
        writer.writerow([csv_waarde(w) for w in rij])
    if toelichting:
        writer.writerow([])
        for wat, tekst in toelichting:
            writer.writerow([_veilig(wat), _veilig(tekst)])
    return response


def als_xlsx(kolommen: Sequence[str], rijen: Iterable[Sequence], bestandsnaam: str, titel: str = "Tabel",
             toelichting: Toelichting = ()):
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title=titel[:31])
    ws.append(list(kolommen))
    for rij in rijen:
        cellen = []
        for waarde in rij:
            cel = WriteOnlyCell(ws, value=_veilig(waarde))
            if isinstance(waarde, float):
                cel.number_format = "0.0"
            cellen.append(cel)
        ws.append(cellen)
    if toelichting:
        uitleg = wb.create_sheet(title=_("Toelichting"))
        for wat, tekst in toelichting:
            uitleg.append([_veilig(wat), _veilig(tekst)])
    buffer = io.BytesIO()
    wb.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{bestandsnaam}.xlsx"'
    return response


def download(formaat: str, kolommen, rijen, bestandsnaam: str, titel: str = "Tabel",
             toelichting: Toelichting = ()) -> HttpResponse | None:
    if formaat == "csv":
        return als_csv(kolommen, rijen, bestandsnaam, toelichting)
    if formaat == "xlsx":
        return als_xlsx(kolommen, rijen, bestandsnaam, titel, toelichting)
    return None
