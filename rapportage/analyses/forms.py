"""The team lead's small form for a data-quality note on the analyses page."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kwartalen.kwartaal import Kwartaal
from rapportage.analyses.filters import beschikbare_jaren
from vtregistratie import definities


class KwartaalVeld(forms.TypedChoiceField):
    def __init__(self, **kwargs):
        super().__init__(coerce=Kwartaal.parse, **kwargs)


class NotitieForm(forms.Form):
    van = KwartaalVeld(label=_("Vanaf kwartaal"))
    tot = KwartaalVeld(label=_("Tot en met kwartaal"))
    soort = forms.ChoiceField(
        label=_("Geldt voor"), required=False,
        choices=[("", _("Adviezen en meldingen")), *definities.SOORT_CONTACT.choices()],
        help_text=_("Kies een soort als alleen die cijfers het betreft, bijvoorbeeld alleen de adviezen."),
    )
    tekst = forms.CharField(label=_("Toelichting"), widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
                            max_length=2000)
    uitsluiten_landelijke_trend = forms.BooleanField(
        label=_("Deze periode buiten de landelijke ontwikkeling laten"), required=False,
        help_text=_("Voor cijfers die door een registratiewijziging niet vergelijkbaar zijn."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        keuzes = [(str(Kwartaal(j, k)), str(Kwartaal(j, k))) for j in beschikbare_jaren() for k in (1, 2, 3, 4)]
        self.fields["van"].choices = keuzes
        self.fields["tot"].choices = keuzes
