"""The intake form for adviezen; the shared parts live in ``vtregistratie.intake.forms``.

Forms are thin: they parse what the user typed and hand it to the services, which decide what is
valid. Every field is therefore optional at form level; a missing date, melder or aard is reported by
the service, with all other problems at once, and ``voeg_servicefouten_toe`` puts each message next
to its field.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from adviezen.models import Advies
from vtregistratie.intake.forms import ContactForm, datumveld


class AdviesForm(ContactForm):
    MODEL = Advies
    TELDATUM_VELD = "startdatum"

    startdatum = datumveld(Advies, "startdatum")
    einddatum = datumveld(Advies, "einddatum")
    anoniem = forms.BooleanField(
        label=_("Anonieme adviesvrager"), required=False,
        help_text=_("De adviesvrager heeft zijn of haar naam niet gegeven."),
    )

    field_order = [
        "startdatum", "einddatum", "gemeente", "beroepsmatig", "melder_organisatietype", "melder_functie",
        "melder_relatie", "anoniem", "aard", "aard_subvorm", "aanvullende_informatie", "duur_geweld",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["einddatum"].help_text = _("Leeg zolang het advies nog loopt.")

    @staticmethod
    def initial_van(instance) -> dict:
        return {
            **ContactForm.initial_van(instance),
            "startdatum": instance.startdatum,
            "einddatum": instance.einddatum,
            "anoniem": instance.anoniem,
        }

    def gegevens(self) -> dict:
        d = self.cleaned_data
        return {
            "startdatum": d.get("startdatum"),
            "einddatum": d.get("einddatum"),
            "anoniem": bool(d.get("anoniem")),
            **self.contactgegevens(),
        }
