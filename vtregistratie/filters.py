"""Filters shared by the list pages and the API of adviezen and meldingen (django-filter).

Strict: an unknown or impossible value (``crisis=maybe``, ``melder_groep=x``, ``van`` after ``tot``) is a form
error — a 400 naming the parameter in the API, an error on the page — never silently "all".
"""

import re

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from vtregistratie import definities
from vtregistratie.models import Gemeente
from vtregistratie.services.nummering import nummertekst

#: A whole number as people type it: "m 2025 12", "M-2025-000012", "c2025-7".
_NUMMER = re.compile(r"^\s*([AMC])\s*-?\s*(\d{4})\s*-?\s*(\d{1,6})\s*$", re.IGNORECASE)


class JaNeeVeld(forms.NullBooleanField):
    """Yes, no or empty (all). Django's own field reads any other text as "all"; this one refuses it."""

    WAARDEN = {"true": True, "false": False, "ja": True, "nee": False, "1": True, "0": False}
    widget = forms.TextInput

    def to_python(self, value):
        if value in (None, "") or isinstance(value, bool):
            return value if isinstance(value, bool) else None
        try:
            return self.WAARDEN[str(value).strip().lower()]
        except KeyError:
            raise ValidationError(_("Kies true (ja) of false (nee)."), code="invalid") from None

    def validate(self, value):
        pass


class StrengJaNeeFilter(django_filters.BooleanFilter):
    field_class = JaNeeVeld


class ContactFilter(django_filters.FilterSet):
    """Period, melder groep and gemeente; the concrete filter names its date field in ``DATUM_VELD``."""

    DATUM_VELD = ""
    #: the number fields the search looks in (a melding is also found by its casus number)
    NUMMER_VELDEN: tuple[str, ...] = ("nummer",)

    zoek = django_filters.CharFilter(
        label=_("Nummer"), method="filter_nummer",
        help_text=_("Een A-, M- of C-nummer, ook zonder voorloopnullen (M-2025-12), of een deel ervan."),
    )
    van = django_filters.DateFilter(label=_("Vanaf datum"), method="filter_van")
    tot = django_filters.DateFilter(label=_("Tot en met datum"), method="filter_tot")
    melder_groep = django_filters.ChoiceFilter(label=_("Meldergroep"), choices=definities.MELDER_GROEP.choices())
    gemeente = django_filters.ModelChoiceFilter(
        label=_("Gemeente"), queryset=Gemeente.objects.order_by("naam"), to_field_name="code"
    )

    def get_form_class(self):
        basis = super().get_form_class()

        class Formulier(basis):
            def clean(self):
                gegevens = super().clean()
                van, tot = gegevens.get("van"), gegevens.get("tot")
                if van and tot and van > tot:
                    self.add_error("tot", _("De einddatum mag niet voor de begindatum liggen."))
                return gegevens

        return Formulier

    def filter_nummer(self, queryset, name, value):
        gevonden = _NUMMER.match(value or "")
        if gevonden:
            prefix, jaar, volgnummer = gevonden.groups()
            tekst, opzoeken = nummertekst(prefix.upper(), int(jaar), int(volgnummer)), "exact"
        else:
            tekst, opzoeken = (value or "").strip().upper(), "icontains"
        if not tekst:
            return queryset
        voorwaarde = Q()
        for veld in self.NUMMER_VELDEN:
            voorwaarde |= Q(**{f"{veld}__{opzoeken}": tekst})
        return queryset.filter(voorwaarde)

    def filter_van(self, queryset, name, value):
        return queryset.filter(**{f"{self.DATUM_VELD}__gte": value})

    def filter_tot(self, queryset, name, value):
        return queryset.filter(**{f"{self.DATUM_VELD}__lte": value})


def gefilterd(filterset):
    """The rows of a list page and its status: the filtered rows, or none and 400 when a filter is invalid (the
    form shows why) — an invalid filter never silently shows every row."""
    if filterset.is_valid():
        return filterset.qs, 200
    return filterset.queryset.none(), 400
