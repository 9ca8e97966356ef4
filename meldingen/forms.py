"""Intake forms for meldingen: the melding itself, the veiligheidsbeoordeling and closing a casus.

Thin, like the advies form: values are parsed here and judged by ``meldingen.services``. The one
thing the form resolves itself is the casus number the user types, looked up among the casussen of
the user's own organisation (``casussen_voor``).
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from meldingen.models import Casus, Melding
from meldingen.selectors import casussen_voor
from vtregistratie import definities
from vtregistratie.intake.forms import ContactForm, IntakeForm, datumveld, keuzes

NIEUWE_CASUS = "nieuw"
BESTAANDE_CASUS = "bestaand"


class BeoordelingVelden(forms.Form):
    """The three fields of the veiligheidsbeoordeling, shared by the melding form and the worklist form."""

    beoordeling_datum = datumveld(Melding, "beoordeling_datum")
    beoordeling_uitkomst = forms.ChoiceField(label=_("Uitkomst veiligheidsbeoordeling"), required=False)
    vervolgdienst = forms.ChoiceField(
        label=definities.VERVOLGDIENST.titel, required=False,
        help_text=_("Alleen bij 'Vervolgstappen Veilig Thuis'."),
    )

    def _zet_beoordelingskeuzes(self, vandaag, instance=None) -> None:
        uitkomsten = [
            (code, label) for code, label in keuzes(
                definities.VEILIGHEIDSBEOORDELING_UITKOMST, vandaag, getattr(instance, "beoordeling_uitkomst", "")
            ) if code != definities.NOG_NIET_BEOORDEELD
        ]
        diensten = keuzes(definities.VERVOLGDIENST, vandaag, getattr(instance, "vervolgdienst", ""))
        self.fields["beoordeling_uitkomst"].choices = [("", _("Kies de uitkomst")), *uitkomsten]
        self.fields["beoordeling_uitkomst"].definities = [
            definities.VEILIGHEIDSBEOORDELING_UITKOMST.get(code) for code, _label in uitkomsten
        ]
        self.fields["vervolgdienst"].choices = [("", _("Kies de vervolgdienst")), *diensten]
        self.fields["vervolgdienst"].definities = [definities.VERVOLGDIENST.get(code) for code, _label in diensten]


class MeldingForm(BeoordelingVelden, ContactForm):
    MODEL = Melding
    TELDATUM_VELD = "ontvangstdatum"
    VELD_VOOR_SERVICEFOUT = {"casus": "casusnummer"}

    ontvangstdatum = datumveld(Melding, "ontvangstdatum")
    acute_onveiligheid = forms.BooleanField(
        label=_("Crisis (acute onveiligheid)"), required=False, help_text=definities.CRISIS_DEFINITIE
    )
    structurele_onveiligheid = forms.BooleanField(
        label=_("Structurele onveiligheid"), required=False, help_text=definities.STRUCTURELE_ONVEILIGHEID_DEFINITIE
    )
    casus_keuze = forms.ChoiceField(
        label=_("Bij welke casus hoort de melding?"), required=False, initial=NIEUWE_CASUS, widget=forms.RadioSelect,
        choices=[(NIEUWE_CASUS, _("Nieuwe casus")), (BESTAANDE_CASUS, _("Bestaande casus van uw organisatie"))],
        help_text=_("Een melding over (deels) dezelfde betrokkenen hoort bij hun bestaande casus."),
    )
    casusnummer = forms.CharField(
        label=_("Casusnummer"), required=False, max_length=16,
        help_text=_("Bijvoorbeeld C-2025-000012."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    field_order = [
        "ontvangstdatum", "gemeente", "beroepsmatig", "melder_organisatietype", "melder_functie", "melder_relatie",
        "aard", "aard_subvorm", "aanvullende_informatie", "duur_geweld", "acute_onveiligheid",
        "structurele_onveiligheid", "casus_keuze", "casusnummer", "beoordeling_datum", "beoordeling_uitkomst",
        "vervolgdienst",
    ]

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        self._zet_beoordelingskeuzes(self.vandaag, self.instance)
        if self.instance is not None:
            # A melding that exists stays in a casus: the service moves it to another, never to a new one.
            del self.fields["casus_keuze"]
            self.fields["casusnummer"].help_text = _(
                "Om de melding bij een andere casus van uw organisatie te zetten; bijvoorbeeld C-2025-000012."
            )

    @staticmethod
    def initial_van(instance) -> dict:
        return {
            **ContactForm.initial_van(instance),
            "ontvangstdatum": instance.ontvangstdatum,
            "acute_onveiligheid": instance.acute_onveiligheid,
            "structurele_onveiligheid": instance.structurele_onveiligheid,
            "casusnummer": instance.casus.nummer,
            "beoordeling_datum": instance.beoordeling_datum,
            "beoordeling_uitkomst": instance.beoordeling_uitkomst,
            "vervolgdienst": instance.vervolgdienst,
        }

    def clean(self):
        gegevens = super().clean()
        nummer = (gegevens.get("casusnummer") or "").strip().upper()
        gegevens["casusnummer"] = nummer
        gegevens["casus"] = None
        bestaand = self.instance is not None or gegevens.get("casus_keuze") == BESTAANDE_CASUS
        if not bestaand:
            if nummer:
                self.add_error("casusnummer", _(
                    "Kies 'Bestaande casus' om dit casusnummer te gebruiken, of maak het veld leeg voor een nieuwe "
                    "casus."
                ))
        elif not nummer:
            self.add_error("casusnummer", _("Vul het casusnummer in, bijvoorbeeld C-2025-000012."))
        else:
            casus = casussen_voor(self.user).filter(nummer=nummer).first()
            if casus is None:
                self.add_error("casusnummer", _("Casus %(nummer)s bestaat niet bij uw organisatie.")
                               % {"nummer": nummer})
            gegevens["casus"] = casus
        return gegevens

    @property
    def casus(self) -> Casus | None:
        return self.cleaned_data.get("casus")

    def gegevens(self) -> dict:
        d = self.cleaned_data
        return {
            "ontvangstdatum": d.get("ontvangstdatum"),
            "acute_onveiligheid": bool(d.get("acute_onveiligheid")),
            "structurele_onveiligheid": bool(d.get("structurele_onveiligheid")),
            "beoordeling_datum": d.get("beoordeling_datum"),
            "beoordeling_uitkomst": d.get("beoordeling_uitkomst") or "",
            "vervolgdienst": d.get("vervolgdienst") or "",
            **self.contactgegevens(),
        }


class BeoordelingForm(BeoordelingVelden, IntakeForm):
    """'Veiligheidsbeoordeling vastleggen' from the worklist: date (today by default), outcome, service."""

    def __init__(self, *args, melding: Melding, vandaag, **kwargs):
        self.melding = melding
        if "initial" not in kwargs:
            kwargs["initial"] = {
                "beoordeling_datum": melding.beoordeling_datum or vandaag,
                "beoordeling_uitkomst": melding.beoordeling_uitkomst,
                "vervolgdienst": melding.vervolgdienst,
            }
        super().__init__(*args, **kwargs)
        self.fields["beoordeling_datum"].required = True
        self.fields["beoordeling_datum"].error_messages["required"] = _(
            "Vul de datum van de veiligheidsbeoordeling in."
        )
        self.fields["beoordeling_uitkomst"].required = True
        self.fields["beoordeling_uitkomst"].error_messages["required"] = _(
            "Kies de uitkomst van de veiligheidsbeoordeling."
        )
        self._zet_beoordelingskeuzes(vandaag, melding)


class SluitCasusForm(IntakeForm):
    """Record the date VT involvement in a casus ended."""

    VELD_VOOR_SERVICEFOUT = {"afgesloten_op": "datum"}

    datum = datumveld(Casus, "afgesloten_op", required=True)

    def __init__(self, *args, vandaag, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["datum"].initial = vandaag
        self.fields["datum"].help_text = _("Na deze datum is een nieuwe melding over deze casus een hermelding.")
        self.fields["datum"].error_messages["required"] = _("Vul de datum in waarop de betrokkenheid eindigde.")
