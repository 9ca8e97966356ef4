"""Dutch names and descriptions for the browsable API (DRF's ``VIEW_NAME_FUNCTION`` and
``VIEW_DESCRIPTION_FUNCTION``).

DRF derives a name from the class ("AdviesViewSet" → "Advies List") and a description from the docstring,
which is English here. Each view says instead, in Dutch, what it is: ``titel``, or ``titels`` per DRF suffix
for a viewset ("List", "Instance"), and ``omschrijving``."""

from __future__ import annotations

from django.utils.html import format_html
from rest_framework.views import get_view_name


def view_naam(view) -> str:
    naam = getattr(view, "name", None)  # @action(name=...) or as_view(name=...)
    if naam:
        return str(naam)
    titels = getattr(view, "titels", None)
    if titels:
        return str(titels.get(getattr(view, "suffix", None)) or titels["List"])
    titel = getattr(view, "titel", None)
    return str(titel) if titel else get_view_name(view)


def view_omschrijving(view, html: bool = False) -> str:
    tekst = str(getattr(view, "description", None) or getattr(view, "omschrijving", ""))
    if html:
        return format_html("<p>{}</p>", tekst) if tekst else ""
    return tekst
