"""How meldingen and casussen are shown: list, worklist and casus tables, and the detail fields."""

from __future__ import annotations

from datetime import date

import django_tables2 as tables
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _

from meldingen.models import Casus, Melding
from meldingen.termijn import Termijnstatus, termijnstatus
from vtregistratie import definities
from vtregistratie.intake.weergave import (
    LEEG,
    IntakeTabel,
    code_label,
    contactgegevens,
    datum,
    ja_nee,
    registratiegegevens,
)


def status_van(melding: Melding, vandaag: date | None = None) -> Termijnstatus:
    """The deadline status of the veiligheidsbeoordeling: 'binnen termijn', 'te laat', 'nog N werkdagen'."""
    return termijnstatus(
        ontvangstdatum=melding.ontvangstdatum, crisis=melding.acute_onveiligheid,
        beoordeling_datum=melding.beoordeling_datum, vandaag=vandaag or timezone.localdate(),
    )


def status_html(status: Termijnstatus):
    klasse = {"te_laat": "status-te-laat", "binnen_termijn": "status-binnen"}.get(status.code, "status-loopt")
    return format_html('<span class="{}">{}</span>', klasse, status.tekst)


def crisis_html(crisis: bool):
    return format_html('<strong class="crisis-label">{}</strong>', _g("Crisis")) if crisis else LEEG


def casus_link(casus: Casus):
    return format_html('<a href="{}">{}</a>', reverse("meldingen:casus_detail", args=[casus.pk]), casus.nummer)


def beoordeling_label(melding: Melding) -> str:
    return code_label(definities.VEILIGHEIDSBEOORDELING_UITKOMST, melding.beoordeling)


def gegevens_melding(melding: Melding, vandaag: date | None = None) -> list[tuple[str, str]]:
    status = status_van(melding, vandaag)
    return [
        (_g("Nummer"), melding.nummer),
        (_g("Ontvangstdatum"), datum(melding.ontvangstdatum)),
        (_g("Casus"), casus_link(melding.casus)),
        (str(definities.EERDERE_BETROKKENHEID.titel),
         code_label(definities.EERDERE_BETROKKENHEID, melding.eerdere_betrokkenheid)),
        *contactgegevens(melding),
        (_g("Crisis (acute onveiligheid)"), ja_nee(melding.acute_onveiligheid)),
        (_g("Structurele onveiligheid"), ja_nee(melding.structurele_onveiligheid)),
        (_g("Uiterste datum veiligheidsbeoordeling"), datum(melding.beoordelingstermijn)),
        (_g("Termijn"), status_html(status)),
        (_g("Datum veiligheidsbeoordeling"), datum(melding.beoordeling_datum)),
        (_g("Uitkomst veiligheidsbeoordeling"), beoordeling_label(melding)),
        (str(definities.VERVOLGDIENST.titel), code_label(definities.VERVOLGDIENST, melding.vervolgdienst)),
        *registratiegegevens(melding),
    ]


def gegevens_casus(casus: Casus) -> list[tuple[str, str]]:
    return [
        (_g("Casusnummer"), casus.nummer),
        (_g("Geopend op"), datum(casus.geopend_op)),
        (_g("Betrokkenheid Veilig Thuis"),
         _g("loopt") if casus.is_open else _g("beëindigd op %(datum)s") % {"datum": datum(casus.afgesloten_op)}),
    ]


class _MeldingKolommen(IntakeTabel):
    """Columns shared by the list, the worklist and the casus page; ``vandaag`` is fixed per table."""

    nummer = tables.Column(
        verbose_name=_("Nummer"), linkify=("meldingen:detail", {"pk": tables.A("pk")}),
        order_by=("jaar", "volgnummer"), attrs={"td": {"class": "nummer"}},
    )
    ontvangstdatum = tables.DateColumn(verbose_name=_("Ontvangen"), format="d-m-Y")
    casus = tables.Column(
        verbose_name=_("Casus"), accessor="casus__nummer",
        linkify=("meldingen:casus_detail", {"pk": tables.A("casus_id")}), order_by=("casus__jaar", "casus__volgnummer"),
        attrs={"td": {"class": "nummer"}},
    )
    gemeente = tables.Column(verbose_name=_("Gemeente"), accessor="gemeente__naam", default=_("Onbekend"))
    melder_groep = tables.Column(verbose_name=_("Meldergroep"))
    crisis = tables.Column(verbose_name=_("Crisis"), accessor="acute_onveiligheid")
    eerdere_betrokkenheid = tables.Column(verbose_name=_("Eerdere betrokkenheid"))
    beoordelingstermijn = tables.DateColumn(verbose_name=_("Uiterlijk beoordelen"), format="d-m-Y")
    beoordeling = tables.Column(
        verbose_name=_("Veiligheidsbeoordeling"), accessor="beoordeling_uitkomst", empty_values=(),
        order_by=("beoordeling_datum", "beoordeling_uitkomst"),
    )
    termijn = tables.Column(verbose_name=_("Termijn"), empty_values=(), orderable=False)

    class Meta(IntakeTabel.Meta):
        row_attrs = {"class": lambda record: "rij-crisis" if record.acute_onveiligheid else ""}

    def __init__(self, *args, vandaag: date | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.vandaag = vandaag or timezone.localdate()

    def render_melder_groep(self, record):
        return code_label(definities.MELDER_GROEP, record.melder_groep)

    def render_crisis(self, value):
        return crisis_html(value)

    def render_eerdere_betrokkenheid(self, value):
        return code_label(definities.EERDERE_BETROKKENHEID, value)

    def render_beoordeling(self, record):
        return beoordeling_label(record)

    def render_termijn(self, record):
        return status_html(status_van(record, self.vandaag))


class MeldingTabel(_MeldingKolommen):
    bijschrift = _("Meldingen van uw organisatie")

    class Meta(_MeldingKolommen.Meta):
        sequence = ("nummer", "ontvangstdatum", "casus", "gemeente", "melder_groep", "crisis",
                    "eerdere_betrokkenheid", "beoordeling", "termijn")
        exclude = ("beoordelingstermijn",)


class CasusMeldingenTabel(_MeldingKolommen):
    bijschrift = _("Meldingen in deze casus")

    class Meta(_MeldingKolommen.Meta):
        sequence = ("nummer", "ontvangstdatum", "melder_groep", "crisis", "eerdere_betrokkenheid", "beoordeling",
                    "termijn")
        exclude = ("casus", "gemeente", "beoordelingstermijn")
        empty_text = _("Deze casus heeft geen meldingen.")


class WerklijstTabel(_MeldingKolommen):
    """Meldingen without a veiligheidsbeoordeling, crisis first, then the nearest deadline (the selector's order)."""

    bijschrift = _("Meldingen zonder veiligheidsbeoordeling: crisis eerst, dan de kortste termijn")

    actie = tables.Column(verbose_name=_("Actie"), empty_values=(), orderable=False)

    class Meta(_MeldingKolommen.Meta):
        orderable = False
        sequence = ("nummer", "beoordelingstermijn", "termijn", "crisis", "ontvangstdatum", "melder_groep", "casus",
                    "actie")
        exclude = ("gemeente", "eerdere_betrokkenheid", "beoordeling")
        empty_text = _("Alle meldingen zijn beoordeeld.")

    def render_actie(self, record):
        return format_html(
            '<a href="{}">{}<span class="visueel-verborgen"> {}</span></a>',
            reverse("meldingen:beoordeel", args=[record.pk]), _g("Veiligheidsbeoordeling vastleggen"),
            _g("voor melding %(nummer)s") % {"nummer": record.nummer},
        )
