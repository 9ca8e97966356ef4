"""The worklists "Wachtlijst" and "Lopende diensten" and the display of a melding's follow-up."""

from __future__ import annotations

from datetime import date

import django_tables2 as tables
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from diensten.selectors import norm_dagen, normstatus
from vtregistratie import definities
from vtregistratie.intake.weergave import LEEG, IntakeTabel, code_label


def _crisis(crisis: bool):
    return format_html('<strong class="crisis-label">{}</strong>', _g("Crisis")) if crisis else LEEG


def dagen_tekst(dagen: int) -> str:
    return ngettext("%(n)d dag", "%(n)d dagen", dagen) % {"n": dagen}


NORMSTATUS = {
    "te_laat": ("status-te-laat", _("over de norm")),
    "signaal": ("status-loopt", _("let op: bijna aan de norm")),
    "binnen": ("status-binnen", _("binnen de norm")),
}


def normstatus_html(status: str):
    if not status:
        return LEEG
    klasse, tekst = NORMSTATUS[status]
    return format_html('<span class="{}">{}</span>', klasse, tekst)


class _Tabel(IntakeTabel):
    def __init__(self, *args, vandaag: date | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.vandaag = vandaag or timezone.localdate()


class WachtlijstTabel(_Tabel):
    """Meldingen waiting for their dienst, in the selector's order: crisis first, then the longest wait."""

    bijschrift = _("Meldingen die wachten op de start van een dienst: crisis eerst, dan de langste wachttijd")

    nummer = tables.Column(verbose_name=_("Melding"), linkify=("meldingen:detail", {"pk": tables.A("pk")}),
                           attrs={"td": {"class": "nummer"}})
    crisis = tables.Column(verbose_name=_("Crisis"), accessor="acute_onveiligheid")
    beoordeling_datum = tables.DateColumn(verbose_name=_("Besluit (veiligheidsbeoordeling)"), format="d-m-Y")
    wacht = tables.Column(verbose_name=_("Wacht"), accessor="beoordeling_datum", empty_values=(),
                          attrs={"td": {"class": "getal"}})
    vervolgdienst = tables.Column(verbose_name=_("Wacht op"))
    gemeente = tables.Column(verbose_name=_("Gemeente"), accessor="gemeente__naam", default=_("Onbekend"))
    actie = tables.Column(verbose_name=_("Actie"), empty_values=())

    class Meta(IntakeTabel.Meta):
        orderable = False
        empty_text = _("Er wachten geen meldingen op een dienst.")
        row_attrs = {"class": lambda record: "rij-crisis" if record.acute_onveiligheid else ""}

    def render_crisis(self, value):
        return _crisis(value)

    def render_wacht(self, value):
        return dagen_tekst((self.vandaag - value).days)

    def render_vervolgdienst(self, value):
        return code_label(definities.VERVOLGDIENST, value)

    def render_actie(self, record):
        return format_html('<a href="{}">{}<span class="visueel-verborgen"> {}</span></a>',
                           reverse("diensten:dienst_nieuw", args=[record.pk]), _g("Dienst registreren"),
                           _g("voor melding %(nummer)s") % {"nummer": record.nummer})


class LopendeDienstenTabel(_Tabel):
    """Running diensten, longest running first, with the days against the onderzoek norm."""

    bijschrift = _("Lopende diensten: de langst lopende eerst")

    melding = tables.Column(verbose_name=_("Melding"), accessor="melding__nummer",
                            linkify=("meldingen:detail", {"pk": tables.A("melding_id")}),
                            attrs={"td": {"class": "nummer"}})
    soort = tables.Column(verbose_name=_("Soort dienst"))
    startdatum = tables.DateColumn(verbose_name=_("Gestart"), format="d-m-Y")
    loopt = tables.Column(verbose_name=_("Loopt"), accessor="startdatum", empty_values=(),
                          attrs={"td": {"class": "getal"}})
    norm = tables.Column(verbose_name=_("Norm onderzoek"), empty_values=())
    actie = tables.Column(verbose_name=_("Actie"), empty_values=())

    class Meta(IntakeTabel.Meta):
        orderable = False
        empty_text = _("Er lopen geen diensten.")
        row_attrs = {"class": lambda table, record: "rij-crisis" if normstatus(record, table.vandaag) == "te_laat"
                     else ""}

    def render_soort(self, value):
        return code_label(definities.VERVOLGDIENST, value)

    def render_loopt(self, value):
        return dagen_tekst((self.vandaag - value).days)

    def render_norm(self, record):
        return normstatus_html(normstatus(record, self.vandaag))

    def render_actie(self, record):
        return format_html('<a href="{}">{}<span class="visueel-verborgen"> {}</span></a>',
                           reverse("diensten:dienst_wijzig", args=[record.pk]), _g("Wijzigen of afronden"),
                           _g("dienst bij melding %(nummer)s") % {"nummer": record.melding.nummer})


def normtekst() -> str:
    return _g("Een onderzoek hoort binnen %(weken)d weken (%(dagen)d dagen) te zijn afgerond.") % {
        "weken": norm_dagen() // 7, "dagen": norm_dagen()}
