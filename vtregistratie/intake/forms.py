"""What every intake form shares: the advies and melding forms build on these.

Forms are thin: they parse what the user typed and hand it to the services, which decide what is
valid. Every field is therefore optional at form level; a missing date, melder or aard is reported by
the service, with all other problems at once, and ``voeg_servicefouten_toe`` puts each message next
to its field.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TypeVar

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from vtregistratie import definities
from vtregistratie.contact import Contact
from vtregistratie.models import Gemeente
from vtregistratie.selectors.indeling import gemeenten_op, gemeenten_van_organisatie
from vtregistratie.services.contact import VersieConflict

T = TypeVar("T")

JA_NEE = [("ja", _("Ja")), ("nee", _("Nee"))]


def _label(model, veld: str) -> str:
    return capfirst(model._meta.get_field(veld).verbose_name)


def _hulp(model, veld: str) -> str:
    return model._meta.get_field(veld).help_text


def _ja_nee(waarde: str) -> bool | None:
    return {"ja": True, "nee": False}.get(waarde)


def ja_nee_waarde(waarde: bool | None) -> str | None:
    """The radio value ('ja'/'nee') for a stored boolean, to prefill a form."""
    return None if waarde is None else ("ja" if waarde else "nee")


def keuzes(lijst: definities.CodeLijst, op: date, *huidig: str) -> list[tuple[str, str]]:
    """The codes of ``lijst`` valid on ``op``, plus the codes a record already has (so a change keeps them)."""
    return [(c.code, c.label) for c in lijst if c.is_geldig_op(op) or c.code in huidig]


class DatumInvoer(forms.DateInput):
    """A native date picker; its value is always ISO (yyyy-mm-dd), whatever the language."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class DefinitieCheckboxen(forms.CheckboxSelectMultiple):
    """Checkboxes that carry each code's definition, rendered as a hint below its label."""

    def __init__(self, lijst: definities.CodeLijst, attrs=None):
        super().__init__(attrs=attrs)
        self.definities = {c.code: c.definitie for c in lijst}

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        optie = super().create_option(name, value, label, selected, index, subindex=subindex, attrs=attrs)
        optie["definitie"] = self.definities.get(value, "")
        if optie["definitie"] and optie["attrs"].get("id"):
            optie["attrs"]["aria-describedby"] = f"{optie['attrs']['id']}_definitie"
        return optie


class SubvormCheckboxen(DefinitieCheckboxen):
    """The sub-forms of an aard: each checkbox names its aard (``data-aard``), so intake.js can tick the aard
    along with it; the template groups them under their aard (includes/subvormen.html)."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        optie = super().create_option(name, value, label, selected, index, subindex=subindex, attrs=attrs)
        if value in definities.AARD_PER_SUBVORM:
            optie["attrs"]["data-aard"] = definities.AARD_PER_SUBVORM[value]
        return optie


class IntakeForm(forms.Form):
    """Shared behaviour: service errors onto fields, an error summary, and the first field focused."""

    #: service error key -> form field name, where the two differ
    VELD_VOOR_SERVICEFOUT: dict[str, str] = {}
    #: the service refused because someone else changed the record after the user opened it
    versieconflict = False

    def voeg_servicefouten_toe(self, fout: ValidationError) -> None:
        """Put each message of a service's ValidationError next to its field; other keys go to the top."""
        if not hasattr(fout, "error_dict"):
            self.add_error(None, fout.messages)
            return
        for sleutel, berichten in fout.message_dict.items():
            veld = self.VELD_VOOR_SERVICEFOUT.get(sleutel, sleutel)
            if veld == NON_FIELD_ERRORS or veld not in self.fields:
                self.add_error(None, berichten)
            else:
                self.add_error(veld, berichten)

    def foutoverzicht(self) -> list[dict]:
        """Every error in page order: general ones first, then per field with the id to jump to."""
        regels = [{"anker": "", "label": "", "tekst": tekst} for tekst in self.non_field_errors()]
        for veld in self:
            anker = f"{veld.auto_id}_0" if veld.use_fieldset else veld.auto_id
            regels.extend({"anker": anker, "label": veld.label, "tekst": tekst} for tekst in veld.errors)
        return regels

    def bewaar(self, opslaan: Callable[[], T]) -> T | None:
        """Run ``opslaan`` (a service call) when the values parse; its refusals become form errors.

        Returns what the service returned, or None when there are errors to show. A user the service
        refuses to let register at all gets 403.
        """
        if not self.is_valid():
            return None
        try:
            return opslaan()
        except ValidationError as fout:
            self.versieconflict = isinstance(fout, VersieConflict)
            self.voeg_servicefouten_toe(fout)
        except PermissionError as fout:
            raise PermissionDenied from fout
        return None

    def bereid_weergave_voor(self) -> None:
        """Autofocus the first field of a fresh form; with errors, the error summary takes the focus."""
        eerste = next(iter(self.fields.values()), None)
        if eerste is None:
            return
        if self.is_bound and self.errors:
            eerste.widget.attrs.pop("autofocus", None)
        else:
            eerste.widget.attrs["autofocus"] = True


def markeer_verplicht(veld: forms.Field) -> None:
    """Show (and announce) that the service needs a value, without making the form refuse on its own."""
    veld.verplicht = True
    if not veld.widget.use_fieldset:
        veld.widget.attrs["aria-required"] = "true"


def datumveld(model, veld: str, *, vandaag: date | None = None, required: bool = False) -> forms.DateField:
    return forms.DateField(
        label=_label(model, veld), help_text=_hulp(model, veld), required=required, widget=DatumInvoer,
        initial=vandaag,
    )


class ContactForm(IntakeForm):
    """The fields an advies and a melding share: gemeente, melder, aard, aanvullende informatie, duur."""

    MODEL = Contact  # labels and help texts of the shared fields; each form names its own model
    TELDATUM_VELD = "startdatum"

    gemeente = forms.ModelChoiceField(
        label=_("Gemeente"), queryset=Gemeente.objects.none(), to_field_name="code", required=False,
        empty_label=_("Onbekend"),
    )
    beroepsmatig = forms.TypedChoiceField(
        label=_("Beroepsmatige melder"), choices=JA_NEE, coerce=_ja_nee, empty_value=None, required=False,
        widget=forms.RadioSelect,
    )
    melder_organisatietype = forms.ChoiceField(label=definities.MELDER_ORGANISATIETYPE.titel, required=False)
    melder_relatie = forms.ChoiceField(label=definities.MELDER_RELATIE.titel, required=False)
    melder_functie = forms.ChoiceField(label=definities.MELDER_FUNCTIE.titel, required=False)
    aard = forms.MultipleChoiceField(
        label=definities.AARD.titel, required=False, widget=DefinitieCheckboxen(definities.AARD),
        help_text=_("Kies er een of meer; 'Onbekend' als de aard nog niet bekend is. 'Onbekend', 'Geen huiselijk "
                    "geweld of kindermishandeling' en 'Andere problematiek' kiest u alleen, zonder andere aard."),
    )
    aard_subvorm = forms.MultipleChoiceField(
        label=definities.AARD_SUBVORM.titel, required=False, widget=SubvormCheckboxen(definities.AARD_SUBVORM),
        help_text=_("Waar het CBS een aard onderverdeelt: kies de vormen die van toepassing zijn; niets kiezen mag. "
                    "Een vorm hoort bij zijn aard: kies die aard ook."),
    )
    aanvullende_informatie = forms.MultipleChoiceField(
        label=definities.AANVULLENDE_INFORMATIE.titel, required=False,
        widget=DefinitieCheckboxen(definities.AANVULLENDE_INFORMATIE),
        help_text=_("Kies wat van toepassing is; niets kiezen mag."),
    )
    duur_geweld = forms.ChoiceField(label=definities.DUUR_GEWELD.titel, required=False, initial="onbekend")

    def __init__(self, *args, instance=None, organisatie=None, **kwargs):
        self.instance = instance
        self.organisatie = organisatie
        self.vandaag = timezone.localdate()
        if instance is not None and "initial" not in kwargs:
            kwargs["initial"] = self.initial_van(instance)
        super().__init__(*args, **kwargs)
        if instance is None:
            self.fields[self.TELDATUM_VELD].initial = self.vandaag
        self.fields["beroepsmatig"].help_text = _hulp(self.MODEL, "beroepsmatig")
        self.fields["gemeente"].help_text = _hulp(self.MODEL, "gemeente")
        self._zet_gemeenten()
        self.fields["melder_organisatietype"].help_text = _("Alleen bij een beroepsmatige melder.")
        self.fields["melder_relatie"].help_text = _("Alleen bij een niet-beroepsmatige melder.")
        self.fields["melder_functie"].help_text = _("Alleen bij een beroepsmatige melder; leeg laten als de "
                                                    "rol/functie onbekend is.")
        for naam in (self.TELDATUM_VELD, "beroepsmatig", "aard"):
            markeer_verplicht(self.fields[naam])
        self._zet_codelijst("melder_organisatietype", definities.MELDER_ORGANISATIETYPE, leeg=_("Kies het type"))
        self._zet_codelijst("melder_relatie", definities.MELDER_RELATIE, leeg=_("Kies de relatie"))
        self._zet_codelijst("melder_functie", definities.MELDER_FUNCTIE, leeg=_("Onbekend"),
                            zonder=(definities.FUNCTIE_NIET_VAN_TOEPASSING, definities.FUNCTIE_ONBEKEND))
        self._zet_codelijst("aard", definities.AARD)
        self._zet_codelijst("aard_subvorm", definities.AARD_SUBVORM)
        self._groepeer_subvormen()
        self._zet_codelijst("aanvullende_informatie", definities.AANVULLENDE_INFORMATIE)
        self._zet_codelijst("duur_geweld", definities.DUUR_GEWELD)

    def teldatum(self) -> date:
        """The date the registration counts on, as far as known: the one typed (after an error), the record's,
        or today."""
        if self.is_bound:
            try:
                return date.fromisoformat(self.data.get(self.TELDATUM_VELD) or "")
            except ValueError:
                return self.vandaag
        return self.instance.teldatum if self.instance is not None else self.vandaag

    def _zet_gemeenten(self) -> None:
        """The gemeenten that exist on the registration's date (plus the record's own), those of the user's
        region first: 343 names are many to scroll through."""
        veld = self.fields["gemeente"]
        datum = self.teldatum()
        huidige = getattr(self.instance, "gemeente_id", None) or ""
        veld.queryset = Gemeente.objects.filter(
            Q(pk__in=gemeenten_op(datum).values("pk")) | Q(code=huidige)).order_by("naam")
        eigen = set()
        if self.organisatie is not None:
            eigen = set(gemeenten_van_organisatie(self.organisatie, datum).values_list("code", flat=True))
        veld.widget.choices = gegroepeerde_gemeenten(list(veld.queryset.values_list("code", "naam")), eigen,
                                                     veld.empty_label)

    def _groepeer_subvormen(self) -> None:
        """The offered sub-forms grouped by their aard, in the order of the aarden: (aard, label, codes)."""
        aangeboden = {code for code, _label in self.fields["aard_subvorm"].choices}
        self.fields["aard_subvorm"].groepen = [
            (aard.code, aard.label, [c.code for c in definities.subvormen_van(aard.code) if c.code in aangeboden])
            for aard in definities.AARD if any(c.code in aangeboden for c in definities.subvormen_van(aard.code))
        ]

    def _zet_codelijst(self, naam: str, lijst: definities.CodeLijst, *, leeg=None, zonder=()) -> None:
        """Choices valid today (plus the record's own), and the definitions for the help text. ``zonder``: codes
        never offered (the empty choice stands for them)."""
        veld = self.fields[naam]
        huidig = getattr(self.instance, naam, None) or []
        huidig = [c for c in (huidig if isinstance(huidig, list) else [huidig]) if c not in zonder]
        opties = [(code, label) for code, label in keuzes(lijst, self.vandaag, *huidig) if code not in zonder]
        veld.choices = ([("", leeg)] if leeg is not None else []) + opties
        veld.definities = [lijst.get(code) for code, _label in opties]

    @staticmethod
    def initial_van(instance) -> dict:
        return {
            "gemeente": instance.gemeente_id,
            "beroepsmatig": ja_nee_waarde(instance.beroepsmatig),
            "melder_organisatietype": instance.melder_organisatietype,
            "melder_relatie": instance.melder_relatie,
            # 'onbekend' is shown as the empty choice
            "melder_functie": "" if instance.melder_functie == definities.FUNCTIE_ONBEKEND else instance.melder_functie,
            "aard": list(instance.aard),
            "aard_subvorm": list(instance.aard_subvorm),
            "aanvullende_informatie": list(instance.aanvullende_informatie),
            "duur_geweld": instance.duur_geweld,
        }

    def contactgegevens(self) -> dict:
        """The shared fields as the services take them."""
        d = self.cleaned_data
        return {
            "gemeente": d.get("gemeente"),
            "beroepsmatig": d.get("beroepsmatig"),
            "melder_organisatietype": d.get("melder_organisatietype") or "",
            "melder_relatie": d.get("melder_relatie") or "",
            # the empty choice of a professional is 'onbekend' (as the service stores it, so a version check compares
            # like with like); a non-professional's choice goes to the service, which refuses it at the field
            "melder_functie": (d.get("melder_functie") or definities.FUNCTIE_ONBEKEND) if d.get("beroepsmatig")
            else (d.get("melder_functie") or ""),
            "aard": d.get("aard") or [],
            "aard_subvorm": d.get("aard_subvorm") or [],
            "aanvullende_informatie": d.get("aanvullende_informatie") or [],
            "duur_geweld": d.get("duur_geweld") or "onbekend",
        }


def gegroepeerde_gemeenten(gemeenten: list[tuple[str, str]], eigen: set[str], leeg) -> list:
    """Select choices: the empty one, then the user's region's gemeenten, then the others."""
    if not eigen:
        return [("", leeg), *gemeenten]
    return [
        ("", leeg),
        (_("Gemeenten van uw regio"), [(code, naam) for code, naam in gemeenten if code in eigen]),
        (_("Overige gemeenten"), [(code, naam) for code, naam in gemeenten if code not in eigen]),
    ]


def verfijn_filterformulier(filterset, *, organisatie=None) -> None:
    """Make a django-filter form pleasant to use: date pickers, 'Alle' instead of dashes, yes/no in Dutch.

    The gemeente filter offers the gemeenten of the user's region today and those the listed registrations
    have, not every gemeente that ever existed."""
    for veld in filterset.form.fields.values():
        if isinstance(veld, forms.DateField):
            veld.widget = DatumInvoer()
        elif isinstance(veld, forms.NullBooleanField):
            veld.widget = forms.Select(choices=[("", _("Alle")), ("true", _("Ja")), ("false", _("Nee"))])
        elif isinstance(veld, forms.ChoiceField) and getattr(veld, "empty_label", None) is not None:
            veld.empty_label = _("Alle")  # django-filter's choice fields read it while rendering ...
            veld.widget.choices = veld.choices  # ... through the field's own iterator, not a copy's
            if isinstance(veld, forms.ModelChoiceField):
                veld.label_from_instance = lambda obj: obj.naam
    gemeente = filterset.form.fields.get("gemeente")
    if organisatie is not None and isinstance(gemeente, forms.ModelChoiceField):
        eigen = gemeenten_van_organisatie(organisatie, timezone.localdate())
        gebruikt = filterset.queryset.order_by().values("gemeente_id").distinct()
        gemeente.queryset = Gemeente.objects.filter(Q(pk__in=eigen.values("pk")) | Q(code__in=gebruikt)).order_by(
            "naam")
        gemeente.widget.choices = gegroepeerde_gemeenten(
            list(gemeente.queryset.values_list("code", "naam")), set(eigen.values_list("code", flat=True)),
            gemeente.empty_label)


class VerwijderForm(IntakeForm):
    """The confirmation of a deletion, with its reason (kept in the audit trail; the service requires it)."""

    reden = forms.CharField(
        label=_("Reden van verwijderen"), required=False, max_length=500,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text=_("Bijvoorbeeld: dubbel geregistreerd, of bij de verkeerde organisatie. Geen namen of andere "
                    "persoonsgegevens."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        markeer_verplicht(self.fields["reden"])
