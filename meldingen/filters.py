import django_filters
from django.utils.translation import gettext_lazy as _

from meldingen.models import Casus, Melding
from vtregistratie import definities
from vtregistratie.filters import ContactFilter, StrengJaNeeFilter


class MeldingFilter(ContactFilter):
    DATUM_VELD = "ontvangstdatum"
    NUMMER_VELDEN = ("nummer", "casus__nummer")

    crisis = StrengJaNeeFilter(field_name="acute_onveiligheid", label=_("Crisis"))
    beoordeling = django_filters.ChoiceFilter(
        label=_("Veiligheidsbeoordeling"), choices=definities.VEILIGHEIDSBEOORDELING_UITKOMST.choices(),
        method="filter_beoordeling",
    )
    eerdere_betrokkenheid = django_filters.ChoiceFilter(
        label=_("Eerdere betrokkenheid"), choices=definities.EERDERE_BETROKKENHEID.choices()
    )
    casus = django_filters.CharFilter(field_name="casus__nummer", label=_("Casusnummer"))

    class Meta:
        model = Melding
        fields = ["zoek", "van", "tot", "melder_groep", "gemeente", "crisis", "beoordeling", "eerdere_betrokkenheid",
                  "casus"]

    def filter_beoordeling(self, queryset, name, value):
        if value == definities.NOG_NIET_BEOORDEELD:
            return queryset.filter(beoordeling_datum__isnull=True)
        return queryset.filter(beoordeling_uitkomst=value)


class CasusFilter(django_filters.FilterSet):
    open = StrengJaNeeFilter(field_name="afgesloten_op", lookup_expr="isnull", label=_("Open"))
    nummer = django_filters.CharFilter(field_name="nummer", label=_("Casusnummer"))

    class Meta:
        model = Casus
        fields = ["open", "nummer"]
