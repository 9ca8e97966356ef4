"""CSV and XLSX downloads of exactly the table shown on a page."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from django.http import HttpResponse
from openpyxl import Workbook

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _veilig(waarde):
    # A cell starting with = + - @ would run as a formula in a spreadsheet (CSV injection).
    if isinstance(waarde, str) and waarde[:1] in ("=", "+", "-", "@"):
        return "'" + waarde
    return waarde


def als_csv(kolommen: Sequence[str], rijen: Iterable[Sequence], bestandsnaam: str) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{bestandsnaam}.csv"'
    response.write("\ufeff")  # Excel opens UTF-8 CSV correctly only with a BOM
    writer = csv.writer(response, delimiter=";")
    writer.writerow(kolommen)
    for rij in rijen:
        writer.writerow([_veilig(w) for w in rij])
    return response


def als_xlsx(kolommen: Sequence[str], rijen: Iterable[Sequence], bestandsnaam: str, titel: str = "Tabel"):
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title=titel[:31])
    ws.append(list(kolommen))
    for rij in rijen:
        ws.append([_veilig(w) for w in rij])
    buffer = io.BytesIO()
    wb.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{bestandsnaam}.xlsx"'
    return response


def download(formaat: str, kolommen, rijen, bestandsnaam: str, titel: str = "Tabel") -> HttpResponse | None:
    if formaat == "csv":
        return als_csv(kolommen, rijen, bestandsnaam)
    if formaat == "xlsx":
        return als_xlsx(kolommen, rijen, bestandsnaam, titel)
    return None
