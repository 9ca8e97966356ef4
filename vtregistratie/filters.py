"""Filters shared by the list pages and the API of adviezen and meldingen (django-filter)."""

import django_filters
from django.utils.translation import gettext_lazy as _

from vtregistratie import definities
from vtregistratie.models import Gemeente


class ContactFilter(django_filters.FilterSet):
    """Period, melder groep and gemeente; the concrete filter names its date field in ``DATUM_VELD``."""

    DATUM_VELD = ""

    van = django_filters.DateFilter(label=_("Vanaf datum"), method="filter_van")
    tot = django_filters.DateFilter(label=_("Tot en met datum"), method="filter_tot")
    melder_groep = django_filters.ChoiceFilter(label=_("Meldergroep"), choices=definities.MELDER_GROEP.choices())
    gemeente = django_filters.ModelChoiceFilter(
        label=_("Gemeente"), queryset=Gemeente.objects.order_by("naam"), to_field_name="code"
    )

    def filter_van(self, queryset, name, value):
        return queryset.filter(**{f"{self.DATUM_VELD}__gte": value})

    def filter_tot(self, queryset, name, value):
        return queryset.filter(**{f"{self.DATUM_VELD}__lte": value})
