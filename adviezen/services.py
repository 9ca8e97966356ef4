"""Writes on adviezen: register, change, delete. Each is one transaction and audited as the user."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from adviezen.models import Advies
from kwartalen.staat import controleer_kwartaal_open
from kwartalen.verouderd import markeer_verouderd
from vtregistratie.audit import actor
from vtregistratie.models import Gemeente
from vtregistratie.services.contact import (
    CONTACT_VELDEN,
    Fouten,
    contactvelden,
    controleer_datum,
    controleer_organisatie_bestond,
    controleer_reden,
    controleer_versie,
    na_wijziging,
    registrerende_organisatie,
)
from vtregistratie.services.nummering import volgend_nummer

ADVIES_VELDEN = ("startdatum", "einddatum", *CONTACT_VELDEN)


def _valideer(fouten: Fouten, gegevens: dict) -> dict:
    startdatum: date | None = gegevens.get("startdatum")
    einddatum: date | None = gegevens.get("einddatum")
    controleer_datum(fouten, "startdatum", startdatum)
    controleer_datum(fouten, "einddatum", einddatum, verplicht=False)
    if startdatum and einddatum and einddatum < startdatum:
        fouten.voeg_toe("einddatum", _("De einddatum ligt vóór de startdatum."))
    velden = contactvelden(fouten, teldatum=startdatum, gegevens=gegevens)
    return {"startdatum": startdatum, "einddatum": einddatum, **velden}


@transaction.atomic
def registreer_advies(
    *, door, startdatum: date | None = None, einddatum: date | None = None, gemeente: str | Gemeente | None = None,
    beroepsmatig: bool | None = None, melder_organisatietype: str = "", melder_relatie: str = "",
    melder_functie: str = "", anoniem: bool = False, aard: Sequence[str] = (), aard_subvorm: Sequence[str] = (),
    aanvullende_informatie: Sequence[str] = (), duur_geweld: str = "onbekend",
) -> Advies:
    """Register an advies. Every field is a named parameter: a wrong name fails at the call, not silently."""
    organisatie = registrerende_organisatie(door)
    fouten = Fouten()
    velden = _valideer(fouten, {
        "startdatum": startdatum, "einddatum": einddatum, "gemeente": gemeente, "beroepsmatig": beroepsmatig,
        "melder_organisatietype": melder_organisatietype, "melder_relatie": melder_relatie,
        "melder_functie": melder_functie, "anoniem": anoniem,
        "aard": list(aard), "aard_subvorm": list(aard_subvorm),
        "aanvullende_informatie": list(aanvullende_informatie), "duur_geweld": duur_geweld,
    })
    controleer_kwartaal_open(fouten, organisatie=organisatie, datums=[velden["startdatum"]], veld="startdatum")
    controleer_organisatie_bestond(fouten, organisatie=organisatie, datum=velden["startdatum"], veld="startdatum")
    fouten.werp_op()
    nummer = volgend_nummer(organisatie=organisatie, prefix="A", jaar=velden["startdatum"].year)
    with actor(door):
        advies = Advies.objects.create(
            organisatie=organisatie, jaar=nummer.jaar, volgnummer=nummer.volgnummer, nummer=nummer.tekst,
            aangemaakt_door=door, **velden,
        )
    markeer_verouderd(organisatie=organisatie, datums=[advies.startdatum])
    return advies


@transaction.atomic
def wijzig_advies(*, advies: Advies, door, versie: str | None = None, **wijzigingen) -> Advies:
    """Change an advies; with ``versie`` (what the user saw) only if nobody changed it since."""
    organisatie = registrerende_organisatie(door)
    advies = Advies.objects.select_for_update().get(pk=advies.pk, organisatie=organisatie)
    controleer_versie(advies, versie, wijzigingen=wijzigingen)
    onbekend = set(wijzigingen) - set(ADVIES_VELDEN)
    if onbekend:
        raise TypeError(f"unknown fields: {sorted(onbekend)}")
    gegevens = na_wijziging(advies, ADVIES_VELDEN, wijzigingen)
    fouten = Fouten()
    velden = _valideer(fouten, gegevens)
    oude_datum = advies.startdatum
    controleer_kwartaal_open(fouten, organisatie=organisatie, datums=[oude_datum, velden["startdatum"]],
                             veld="startdatum")
    controleer_organisatie_bestond(fouten, organisatie=organisatie, datum=velden["startdatum"], veld="startdatum")
    fouten.werp_op()
    for veld, waarde in velden.items():
        setattr(advies, veld, waarde)
    with actor(door):
        advies.save()
    markeer_verouderd(organisatie=organisatie, datums=[oude_datum, advies.startdatum])
    return advies


@transaction.atomic
def verwijder_advies(*, advies: Advies, door, reden: str, versie: str | None = None) -> None:
    """Delete an advies; the reason is kept with the deletion in the audit trail."""
    organisatie = registrerende_organisatie(door)
    advies = Advies.objects.select_for_update().get(pk=advies.pk, organisatie=organisatie)
    controleer_versie(advies, versie)
    fouten = Fouten()
    reden = controleer_reden(fouten, reden)
    controleer_kwartaal_open(fouten, organisatie=organisatie, datums=[advies.startdatum], veld="startdatum")
    fouten.werp_op()
    with actor(door, additional_data={"reden": reden}):
        advies.delete()
    markeer_verouderd(organisatie=organisatie, datums=[advies.startdatum])
