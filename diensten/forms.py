"""Forms of the follow-up: dienst, overdracht, monitoring. Thin: they parse; ``diensten.services`` judges."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from diensten.models import Dienst, Monitoring, Overdracht
from vtregistratie import definities
from vtregistratie.intake.forms import IntakeForm, datumveld, keuzes, markeer_verplicht

NA_BEOORDELING = "beoordeling"


def _codelijst(veld: forms.ChoiceField, lijst: definities.CodeLijst, vandaag, huidig: str, leeg) -> None:
    opties = keuzes(lijst, vandaag, huidig)
    veld.choices = [("", leeg), *opties]
    veld.definities = [lijst.get(code) for code, _label in opties]


class DienstForm(IntakeForm):
    soort = forms.ChoiceField(label=_("Soort dienst"), required=False)
    startdatum = datumveld(Dienst, "startdatum")
    einddatum = datumveld(Dienst, "einddatum")
    afsluitreden = forms.ChoiceField(
        label=_("Voortijdig afgesloten"), required=False,
        help_text=_("Alleen voor een onderzoek dat zonder uitkomst is afgesloten; dan geen uitkomst per aard."))

    def __init__(self, *args, melding, dienst: Dienst | None = None, **kwargs):
        self.melding = melding
        self.dienst = dienst
        if dienst is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "soort": dienst.soort, "startdatum": dienst.startdatum, "einddatum": dienst.einddatum,
                "afsluitreden": dienst.afsluitreden,
                **{f"uitkomst_{u.aard}": u.uitkomst for u in dienst.uitkomsten.all()},
            }
        elif dienst is None and "initial" not in kwargs:
            kwargs["initial"] = {"soort": melding.vervolgdienst}
        super().__init__(*args, **kwargs)
        vandaag = timezone.localdate()
        _codelijst(self.fields["soort"], definities.VERVOLGDIENST, vandaag, getattr(dienst, "soort", ""),
                   _("Kies de soort dienst"))
        _codelijst(self.fields["afsluitreden"], definities.VOORTIJDIG_AFGESLOTEN_REDEN, vandaag,
                   getattr(dienst, "afsluitreden", ""), _("Niet voortijdig afgesloten"))
        markeer_verplicht(self.fields["soort"])
        markeer_verplicht(self.fields["startdatum"])
        if melding.aard:  # a message about the outcomes goes next to the first outcome field
            self.VELD_VOOR_SERVICEFOUT = {"uitkomsten": f"uitkomst_{melding.aard[0]}"}
        uitkomsten = [(c.code, c.label) for c in definities.ONDERZOEK_UITKOMST]
        for aard in melding.aard:
            self.fields[f"uitkomst_{aard}"] = forms.ChoiceField(
                label=_("Uitkomst onderzoek: %(aard)s") % {"aard": definities.AARD.label_van(aard)},
                required=False, choices=[("", _("Nog geen uitkomst")), *uitkomsten],
                help_text=_("Alleen voor een afgerond onderzoek."))

    @property
    def uitkomstvelden(self):
        return [self[naam] for naam in self.fields if naam.startswith("uitkomst_")]

    def gegevens(self) -> dict:
        d = self.cleaned_data
        return {
            "soort": d.get("soort") or "", "startdatum": d.get("startdatum"), "einddatum": d.get("einddatum"),
            "afsluitreden": d.get("afsluitreden") or "",
            "uitkomsten": {naam.removeprefix("uitkomst_"): waarde for naam, waarde in d.items()
                           if naam.startswith("uitkomst_") and waarde},
        }


class _NaDienst(IntakeForm):
    """The moment: after the beoordeling, or after the melding's dienst (when it has one)."""

    moment = forms.ChoiceField(label=_("Na"), required=False, widget=forms.RadioSelect)

    def __init__(self, *args, melding, dienst_van_melding: Dienst | None, **kwargs):
        self.melding = melding
        self.dienst_van_melding = dienst_van_melding
        super().__init__(*args, **kwargs)
        keuzes_ = [(NA_BEOORDELING, _("de veiligheidsbeoordeling"))]
        if dienst_van_melding is not None:
            keuzes_.append((str(dienst_van_melding.pk), _("de dienst (%(soort)s)") % {
                "soort": definities.VERVOLGDIENST.label_van(dienst_van_melding.soort)}))
        self.fields["moment"].choices = keuzes_
        if not self.is_bound and not self.initial.get("moment"):
            self.initial["moment"] = str(dienst_van_melding.pk) if dienst_van_melding else NA_BEOORDELING

    def dienst(self) -> Dienst | None:
        keuze = self.cleaned_data.get("moment")
        if self.dienst_van_melding is not None and keuze == str(self.dienst_van_melding.pk):
            return self.dienst_van_melding
        return None


class OverdrachtForm(_NaDienst):
    VELD_VOOR_SERVICEFOUT = {"dienst": "moment"}

    datum = datumveld(Overdracht, "datum")
    bestemming = forms.ChoiceField(label=definities.OVERDRACHT_BESTEMMING.titel, required=False)
    hulp = forms.ChoiceField(label=definities.HULP_SOORT.titel, required=False, help_text=_("Voor zover bekend."))

    def __init__(self, *args, overdracht: Overdracht | None = None, **kwargs):
        if overdracht is not None and "initial" not in kwargs:
            kwargs["initial"] = {"moment": str(overdracht.dienst_id) if overdracht.dienst_id else NA_BEOORDELING,
                                 "datum": overdracht.datum, "bestemming": overdracht.bestemming,
                                 "hulp": overdracht.hulp}
        super().__init__(*args, **kwargs)
        vandaag = timezone.localdate()
        _codelijst(self.fields["bestemming"], definities.OVERDRACHT_BESTEMMING, vandaag,
                   getattr(overdracht, "bestemming", ""), _("Kies de organisatie"))
        _codelijst(self.fields["hulp"], definities.HULP_SOORT, vandaag, getattr(overdracht, "hulp", ""),
                   _("Niet bekend"))
        markeer_verplicht(self.fields["datum"])
        markeer_verplicht(self.fields["bestemming"])

    def gegevens(self) -> dict:
        d = self.cleaned_data
        return {"datum": d.get("datum"), "bestemming": d.get("bestemming") or "", "hulp": d.get("hulp") or "",
                "dienst": self.dienst()}


class MonitoringForm(_NaDienst):
    VELD_VOOR_SERVICEFOUT = {"dienst": "moment"}

    startdatum = datumveld(Monitoring, "startdatum")
    einddatum = datumveld(Monitoring, "einddatum")

    def __init__(self, *args, monitoring: Monitoring | None = None, **kwargs):
        if monitoring is not None and "initial" not in kwargs:
            kwargs["initial"] = {"moment": str(monitoring.dienst_id) if monitoring.dienst_id else NA_BEOORDELING,
                                 "startdatum": monitoring.startdatum, "einddatum": monitoring.einddatum}
        super().__init__(*args, **kwargs)
        markeer_verplicht(self.fields["startdatum"])

    def gegevens(self) -> dict:
        d = self.cleaned_data
        return {"startdatum": d.get("startdatum"), "einddatum": d.get("einddatum"), "dienst": self.dienst()}
