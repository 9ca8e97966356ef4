"""How adviezen are shown: the list table and the fields of the detail page."""

from __future__ import annotations

import django_tables2 as tables
from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _

from adviezen.models import Advies
from vtregistratie import definities
from vtregistratie.intake.weergave import (
    LEEG,
    IntakeTabel,
    code_label,
    code_labels,
    contactgegevens,
    datum,
    ja_nee,
    registratiegegevens,
)


def gegevens_advies(advies: Advies) -> list[tuple[str, str]]:
    return [
        (_g("Nummer"), advies.nummer),
        (_g("Startdatum"), datum(advies.startdatum)),
        (_g("Einddatum"), datum(advies.einddatum)),
        *contactgegevens(advies),
        (_g("Anoniem"), ja_nee(advies.anoniem)),
        *registratiegegevens(advies),
    ]


class AdviesTabel(IntakeTabel):
    bijschrift = _("Adviezen van uw organisatie")

    nummer = tables.Column(
        verbose_name=_("Nummer"), linkify=("adviezen:detail", {"pk": tables.A("pk")}),
        order_by=("jaar", "volgnummer"), attrs={"td": {"class": "nummer"}},
    )
    startdatum = tables.DateColumn(verbose_name=_("Startdatum"), format="d-m-Y")
    einddatum = tables.DateColumn(verbose_name=_("Einddatum"), format="d-m-Y", default=LEEG)
    gemeente = tables.Column(verbose_name=_("Gemeente"), accessor="gemeente__naam", default=_("Onbekend"))
    melder_groep = tables.Column(verbose_name=_("Meldergroep"))
    melder = tables.Column(verbose_name=_("Melder"), empty_values=(), orderable=False)
    aard = tables.Column(verbose_name=_("Aard"), orderable=False)

    class Meta(IntakeTabel.Meta):
        sequence = ("nummer", "startdatum", "einddatum", "gemeente", "melder_groep", "melder", "aard")

    def render_melder_groep(self, record):
        return code_label(definities.MELDER_GROEP, record.melder_groep)

    def render_melder(self, record):
        return code_label(definities.MELDER_ORGANISATIETYPE, record.melder_organisatietype) if record.beroepsmatig \
            else code_label(definities.MELDER_RELATIE, record.melder_relatie)

    def render_aard(self, value):
        return code_labels(definities.AARD, value)
