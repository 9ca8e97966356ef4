"""How registrations are shown, for the advies and melding screens alike: Dutch labels for stored
codes, the fields of a detail page, the change history and the shared table look."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

import django_tables2 as tables
from django.db import models
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _

from vtregistratie import definities
from vtregistratie.models import Gemeente
from vtregistratie.selectors.historie import historie_van

PER_PAGINA = 25
LEEG = "–"


def code_label(lijst: definities.CodeLijst, code: str | None) -> str:
    """The Dutch label of a code; the code itself when a list no longer knows it; a dash when empty."""
    if not code:
        return LEEG
    return str(lijst.label(code)) if code in lijst else code


def code_labels(lijst: definities.CodeLijst, codes: Iterable[str]) -> str:
    return ", ".join(code_label(lijst, code) for code in codes) or LEEG


def ja_nee(waarde: bool | None) -> str:
    if waarde is None:
        return LEEG
    return _g("ja") if waarde else _g("nee")


def datum(waarde: date | None) -> str:
    return formats.date_format(waarde, "d-m-Y") if waarde else LEEG


def melder(contact) -> str:
    """'Beroepsmatig: Huisarts (Medisch: huisarts)' / 'Niet beroepsmatig: Familielid'."""
    if contact.beroepsmatig:
        return _g("Beroepsmatig: %(type)s (%(functie)s)") % {
            "type": code_label(definities.MELDER_ORGANISATIETYPE, contact.melder_organisatietype),
            "functie": code_label(definities.MELDER_FUNCTIE, contact.melder_functie or definities.FUNCTIE_ONBEKEND)}
    return _g("Niet beroepsmatig: %(relatie)s") % {"relatie": code_label(definities.MELDER_RELATIE,
                                                                           contact.melder_relatie)}


def gemeente_naam(contact) -> str:
    return contact.gemeente.naam if contact.gemeente_id else _g("Onbekend")


def contactgegevens(contact) -> list[tuple[str, str]]:
    """The fields every contact has, as (Dutch label, display value)."""
    return [
        (_g("Gemeente"), gemeente_naam(contact)),
        (_g("Melder"), melder(contact)),
        (str(definities.MELDER_GROEP.titel), code_label(definities.MELDER_GROEP, contact.melder_groep)),
        (str(definities.AARD.titel), code_labels(definities.AARD, contact.aard)),
        (str(definities.AARD_SUBVORM.titel), code_labels(definities.AARD_SUBVORM, contact.aard_subvorm)),
        (str(definities.AANVULLENDE_INFORMATIE.titel),
         code_labels(definities.AANVULLENDE_INFORMATIE, contact.aanvullende_informatie)),
        (str(definities.DUUR_GEWELD.titel), code_label(definities.DUUR_GEWELD, contact.duur_geweld)),
    ]


def registratiegegevens(contact) -> list[tuple[str, str]]:
    door = contact.aangemaakt_door
    return [
        (_g("Geregistreerd op"),
         formats.date_format(timezone.localtime(contact.aangemaakt_op), "d-m-Y H:i") if contact.aangemaakt_op
         else LEEG),
        (_g("Geregistreerd door"), (door.get_full_name() or door.username) if door else LEEG),
        (_g("Versie definities"), contact.definities_versie),
    ]


# --- Change history ---------------------------------------------------------------------------------

#: Bookkeeping fields that are set once by the application and say nothing to the reader of the history.
TECHNISCHE_VELDEN = {
    "id", "organisatie", "jaar", "volgnummer", "nummer", "definities_versie", "aangemaakt_op", "gewijzigd_op",
    "aangemaakt_door",
}
CODELIJST_PER_VELD = {
    "aard": definities.AARD,
    "aard_subvorm": definities.AARD_SUBVORM,
    "aanvullende_informatie": definities.AANVULLENDE_INFORMATIE,
}


@dataclass
class Historieregel:
    wanneer: datetime
    wie: str
    actie: str
    wijzigingen: list[tuple[str, str, str]] = field(default_factory=list)  # (veld, oud, nieuw)


def _waarde(veld: models.Field | None, naam: str, ruw: str, opzoeken: dict[str, dict[str, str]]) -> str:
    if ruw in ("None", ""):
        return LEEG
    if naam in opzoeken:
        return opzoeken[naam].get(ruw, ruw)
    if naam in CODELIJST_PER_VELD:
        try:
            return code_labels(CODELIJST_PER_VELD[naam], json.loads(ruw))
        except (ValueError, TypeError):
            return ruw
    if veld is None:
        return ruw
    if veld.choices:
        return str(dict(veld.flatchoices).get(ruw, ruw))
    if isinstance(veld, models.BooleanField):
        return ja_nee(ruw == "True")
    if isinstance(veld, models.DateField) and not isinstance(veld, models.DateTimeField):
        try:
            return datum(date.fromisoformat(ruw))
        except ValueError:
            return ruw
    return ruw


def historie_regels(obj, *, verwijzingen: dict[str, Callable[[set[str]], dict[str, str]]] | None = None):
    """The change history of ``obj`` for display: who, when, and per field the old and new value (labels).

    ``verwijzingen`` maps a foreign-key field to a function that turns a set of stored keys into display
    values, so a history of N entries costs one query per such field, not one per value. Gemeenten
    are looked up by code in the reference data.
    """
    verwijzingen = {"gemeente": _gemeentenamen, **(verwijzingen or {})}
    entries = list(historie_van(obj))
    sleutels: dict[str, set[str]] = {naam: set() for naam in verwijzingen}
    for entry in entries:
        for naam, waarden in entry.changes_dict.items():
            if naam in sleutels:
                sleutels[naam].update(w for w in waarden if w not in ("None", ""))
    opzoeken = {naam: (functie(sleutels[naam]) if sleutels[naam] else {}) for naam, functie in verwijzingen.items()}
    velden = {f.name: f for f in obj._meta.get_fields() if isinstance(f, models.Field)}
    acties = {0: _g("Geregistreerd"), 1: _g("Gewijzigd"), 2: _g("Verwijderd")}
    regels = []
    for entry in entries:
        regel = Historieregel(
            wanneer=entry.timestamp,
            wie=(entry.actor.get_full_name() or entry.actor.username) if entry.actor else _g("onbekend"),
            actie=acties.get(entry.action, _g("Gewijzigd")),
        )
        if entry.action == 1:
            for naam, (oud, nieuw) in entry.changes_dict.items():
                if naam in TECHNISCHE_VELDEN:
                    continue
                veld = velden.get(naam)
                label = capfirst(veld.verbose_name) if veld is not None else naam
                regel.wijzigingen.append((str(label), _waarde(veld, naam, oud, opzoeken),
                                          _waarde(veld, naam, nieuw, opzoeken)))
        regels.append(regel)
    return regels


def _gemeentenamen(codes: set[str]) -> dict[str, str]:
    return {code: f"{naam} ({code})" for code, naam in Gemeente.objects.filter(code__in=codes).values_list(
        "code", "naam")}


# --- Tables -----------------------------------------------------------------------------------------


class IntakeTabel(tables.Table):
    """Shared look: our accessible template, Dutch empty text, a caption for screen readers."""

    bijschrift = ""

    class Meta:
        template_name = "includes/tabel.html"
        attrs = {"class": "tabel"}
        empty_text = _("Er zijn geen registraties die aan de filters voldoen.")
