"""Validation and derived fields shared by the advies and melding services.

Every rule a registration must meet, whatever path it comes in by (screen, API, import), is
checked here, and all problems are reported at once as a ``ValidationError`` keyed by field name
with Dutch messages.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from vtregistratie import definities, regels
from vtregistratie.models import Gemeente, Organisatie

MELDER_VELDEN = ("beroepsmatig", "melder_organisatietype", "melder_relatie", "melder_functie")
CONTACT_VELDEN = (
    "gemeente", *MELDER_VELDEN, "anoniem", "aard", "aard_subvorm", "aanvullende_informatie", "duur_geweld",
)


class Fouten(dict):
    """Field name -> list of messages; raised as one ValidationError."""

    def voeg_toe(self, veld: str, bericht: str) -> None:
        self.setdefault(veld, []).append(bericht)

    def werp_op(self) -> None:
        if self:
            raise ValidationError(dict(self))


class VersieConflict(ValidationError):
    """The record changed after the reader saw it: their change or delete is refused, nothing is stored."""

    def __init__(self, bericht: str, *, huidig):
        super().__init__({NON_FIELD_ERRORS: [bericht]})
        self.huidig = huidig


def controleer_versie(record, versie: str | None, *, wijzigingen: dict | None = None) -> None:
    """Refuse a change or delete based on an older version than the stored one (``versie`` None: not asked).

    Call after the record was read with ``select_for_update``, so no change can come in between. The
    message names the stored values that differ from what the user sent: the other person's values."""
    if versie is None or versie == record.versie:
        return
    verschillen = []
    for veld, waarde in (wijzigingen or {}).items():
        opgeslagen = getattr(record, veld if veld != "gemeente" else "gemeente_id", None)
        if veld == "gemeente" and waarde is not None and not isinstance(waarde, str):
            waarde = waarde.pk
        if opgeslagen != waarde and not (opgeslagen in (None, "", []) and waarde in (None, "", [])):
            veldmodel = record._meta.get_field(veld)
            labels = dict(veldmodel.flatchoices)

            def label(w, labels=labels):
                return _weergave(labels.get(w, w) if isinstance(w, str) else w)

            verschillen.append(_("%(veld)s: %(nu)s (u stuurde: %(u)s)") % {
                "veld": capfirst(veldmodel.verbose_name), "nu": label(opgeslagen), "u": label(waarde)})
    bericht = _("%(nummer)s is gewijzigd door iemand anders nadat u het opende (om %(tijd)s); uw wijziging is "
                "niet opgeslagen.") % {"nummer": getattr(record, "nummer", None) or str(record),
                                        "tijd": timezone.localtime(record.gewijzigd_op).strftime("%H:%M:%S")}
    if verschillen:
        bericht += " " + _("Opgeslagen is nu: %(lijst)s.") % {"lijst": "; ".join(verschillen)}
    raise VersieConflict(bericht, huidig=record)


def _weergave(waarde) -> str:
    if waarde in (None, "", []):
        return _("leeg")
    if isinstance(waarde, bool):
        return _("ja") if waarde else _("nee")
    if isinstance(waarde, date):
        return waarde.strftime("%d-%m-%Y")
    if isinstance(waarde, list):
        return ", ".join(str(w) for w in waarde)
    return str(waarde)


def registrerende_organisatie(door) -> Organisatie:
    organisatie = regels.registrerende_organisatie(door)
    if organisatie is None:
        raise PermissionError("user may not register for any organisation")
    return organisatie


def controleer_datum(fouten: Fouten, veld: str, datum: date | None, *, verplicht: bool = True) -> None:
    if datum is None:
        if verplicht:
            fouten.voeg_toe(veld, _("Vul een datum in."))
        return
    if datum > timezone.localdate():
        fouten.voeg_toe(veld, _("Deze datum ligt in de toekomst; dat kan niet."))
    if datum < date(2019, 1, 1):
        fouten.voeg_toe(veld, _("Registraties vóór 1 januari 2019 vallen niet onder het Informatieprotocol 2.0."))


def controleer_organisatie_bestond(fouten: Fouten, *, organisatie: Organisatie, datum: date | None,
                                   veld: str) -> None:
    if datum is not None and (fout := organisatie.buiten_bestaan(
            datum, wanneer=_("op %(datum)s") % {"datum": datum.strftime("%d-%m-%Y")})):
        fouten.voeg_toe(veld, fout)


def controleer_code(fouten: Fouten, veld: str, lijst: definities.CodeLijst, code: str, op: date | None) -> None:
    if code not in lijst:
        fouten.voeg_toe(veld, _("Onbekende code '%(code)s'.") % {"code": code})
    elif op is not None and not lijst.is_geldig(code, op):
        fouten.voeg_toe(veld, _("Code '%(code)s' is niet geldig op %(datum)s.") % {"code": code, "datum": op})


def controleer_codes(fouten: Fouten, veld: str, lijst: definities.CodeLijst, codes: Iterable[str], op) -> list[str]:
    codes = list(codes or [])
    if len(set(codes)) != len(codes):
        fouten.voeg_toe(veld, _("Een code staat er meer dan eens in."))
    for code in codes:
        controleer_code(fouten, veld, lijst, code, op)
    return sorted(set(codes))


def zoek_gemeente(fouten: Fouten, code: str | Gemeente | None, op: date | None) -> Gemeente | None:
    """The gemeente for a code, if it exists on the contact date. Empty means unknown (allowed)."""
    if code in (None, ""):
        return None
    gemeente = code if isinstance(code, Gemeente) else Gemeente.objects.filter(code=code).first()
    if gemeente is None:
        fouten.voeg_toe("gemeente", _("Onbekende gemeentecode '%(code)s'.") % {"code": code})
        return None
    if op is not None and not gemeente.is_geldig_op(op):
        fouten.voeg_toe(
            "gemeente",
            _("Gemeente %(naam)s bestond niet op %(datum)s.") % {"naam": gemeente.naam, "datum": op},
        )
    return gemeente


def controleer_melder(fouten: Fouten, *, beroepsmatig, melder_organisatietype: str, melder_relatie: str,
                     melder_functie: str = "", op) -> str:
    """Check the melder fields and return the derived melder groep (or '' when invalid)."""
    if beroepsmatig is None:
        fouten.voeg_toe("beroepsmatig", _("Geef aan of de melder beroepsmatig contact opneemt."))
        return ""
    if beroepsmatig:
        if not melder_organisatietype:
            fouten.voeg_toe("melder_organisatietype", _("Kies het type organisatie van de beroepsmatige melder."))
        else:
            controleer_code(fouten, "melder_organisatietype", definities.MELDER_ORGANISATIETYPE,
                            melder_organisatietype, op)
        if melder_relatie:
            fouten.voeg_toe("melder_relatie", _("Een beroepsmatige melder heeft geen relatie tot de betrokkenen."))
        if melder_functie == definities.FUNCTIE_NIET_VAN_TOEPASSING:
            fouten.voeg_toe("melder_functie", _("'Niet van toepassing' is alleen voor een niet-beroepsmatige melder; "
                                                "kies de rol/functie, of laat het veld leeg als die onbekend is."))
        elif melder_functie:
            controleer_code(fouten, "melder_functie", definities.MELDER_FUNCTIE, melder_functie, op)
    else:
        if not melder_relatie:
            fouten.voeg_toe("melder_relatie", _("Kies de relatie van de melder tot de betrokkenen."))
        else:
            controleer_code(fouten, "melder_relatie", definities.MELDER_RELATIE, melder_relatie, op)
        if melder_organisatietype:
            fouten.voeg_toe("melder_organisatietype", _("Een niet-beroepsmatige melder heeft geen organisatietype."))
        if melder_functie:
            fouten.voeg_toe("melder_functie", _("Een niet-beroepsmatige melder heeft geen rol/functie."))
    if any(veld in fouten for veld in MELDER_VELDEN):
        return ""
    return definities.melder_groep(beroepsmatig=beroepsmatig, organisatietype=melder_organisatietype or None)


def na_wijziging(record, velden: Iterable[str], wijzigingen: dict) -> dict:
    """The fields of a changed registration: the stored ones with the changes over them. The rol/functie belongs to
    a professional melder only, so a change that makes the melder non-professional without naming a rol/functie
    drops the stored one (as a changed organisation type must be named, the relation replaces it)."""
    gegevens = {veld: getattr(record, veld) for veld in velden} | wijzigingen
    if "melder_functie" not in wijzigingen and not gegevens.get("beroepsmatig"):
        gegevens["melder_functie"] = ""
    return gegevens


def controleer_reden(fouten: Fouten, reden: str | None) -> str:
    """A deletion carries its reason into the audit trail; without one it is refused."""
    reden = (reden or "").strip()
    if not reden:
        fouten.voeg_toe("reden", _("Geef een reden op voor het verwijderen."))
    elif "\x00" in reden:  # PostgreSQL refuses a NUL in a text: a 400 here, not a database error later
        fouten.voeg_toe("reden", _("Null-tekens zijn niet toegestaan."))
    return reden


def contactvelden(fouten: Fouten, *, teldatum: date | None, gegevens: dict) -> dict:
    """Validate the fields every contact has and return them as model field values, derived ones included."""
    gemeente = zoek_gemeente(fouten, gegevens.get("gemeente"), teldatum)
    melder_groep = controleer_melder(
        fouten,
        beroepsmatig=gegevens.get("beroepsmatig"),
        melder_organisatietype=gegevens.get("melder_organisatietype") or "",
        melder_relatie=gegevens.get("melder_relatie") or "",
        melder_functie=gegevens.get("melder_functie") or "",
        op=teldatum,
    )
    aard = controleer_codes(fouten, "aard", definities.AARD, gegevens.get("aard") or [], teldatum)
    if not aard:
        fouten.voeg_toe("aard", _("Kies ten minste één aard (eventueel 'onbekend')."))
    subvormen = controleer_codes(fouten, "aard_subvorm", definities.AARD_SUBVORM,
                                 gegevens.get("aard_subvorm") or [], teldatum)
    for tegenstrijdig in definities.tegenstrijdigheden(aard=aard, subvormen=subvormen):
        fouten.voeg_toe(tegenstrijdig.veld, tegenstrijdig.bericht)
    aanvullend = controleer_codes(
        fouten, "aanvullende_informatie", definities.AANVULLENDE_INFORMATIE,
        gegevens.get("aanvullende_informatie") or [], teldatum,
    )
    duur = gegevens.get("duur_geweld") or "onbekend"
    controleer_code(fouten, "duur_geweld", definities.DUUR_GEWELD, duur, teldatum)
    return {
        "gemeente": gemeente,
        "beroepsmatig": bool(gegevens.get("beroepsmatig")),
        "melder_organisatietype": gegevens.get("melder_organisatietype") or "",
        "melder_relatie": gegevens.get("melder_relatie") or "",
        # a professional without a rol/functie is stored as 'onbekend'; a non-professional has none
        "melder_functie": (gegevens.get("melder_functie") or definities.FUNCTIE_ONBEKEND)
        if gegevens.get("beroepsmatig") else "",
        "melder_groep": melder_groep,
        "anoniem": bool(gegevens.get("anoniem", False)),
        "aard": aard,
        "aard_subvorm": subvormen,
        "aanvullende_informatie": aanvullend,
        "duur_geweld": duur,
        "definities_versie": definities.VERSIE,
    }
