"""Writes on meldingen and casussen. Each is one transaction and audited as the user.

A melding opens a new casus or joins an existing casus of the same organisation; *eerdere
betrokkenheid* follows from that (docs/definities.md): a new casus is an ``eerste_melding``, a casus
whose VT involvement was still running on the receipt date a ``vervolgmelding``, and a casus whose
involvement had ended a ``hermelding`` (which reopens the casus).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from kwartalen.kwartaal import Kwartaal
from kwartalen.staat import controleer_kwartaal_open
from kwartalen.verouderd import markeer_verouderd
from kwartalen.volgkwartalen import Stand, geraakte_datums, latere_casusdatums
from meldingen.models import Casus, Melding
from meldingen.termijn import beoordelingstermijn
from vtregistratie import definities
from vtregistratie.audit import actor
from vtregistratie.models import Gemeente
from vtregistratie.services.contact import (
    CONTACT_VELDEN,
    Fouten,
    contactvelden,
    controleer_code,
    controleer_datum,
    controleer_organisatie_bestond,
    controleer_reden,
    controleer_versie,
    na_wijziging,
    registrerende_organisatie,
)
from vtregistratie.services.nummering import volgend_nummer

BEOORDELING_VELDEN = ("beoordeling_datum", "beoordeling_uitkomst", "vervolgdienst")
MELDING_VELDEN = (
    "ontvangstdatum", "casus", "acute_onveiligheid", "structurele_onveiligheid", *BEOORDELING_VELDEN, *CONTACT_VELDEN,
)


def eerdere_betrokkenheid(casus: Casus | None, ontvangstdatum: date) -> str:
    if casus is None:
        return "eerste_melding"
    if casus.afgesloten_op is None or ontvangstdatum <= casus.afgesloten_op:
        return "vervolgmelding"
    return "hermelding"


def _valideer_beoordeling(fouten: Fouten, gegevens: dict) -> dict:
    datum = gegevens.get("beoordeling_datum")
    uitkomst = gegevens.get("beoordeling_uitkomst") or ""
    dienst = gegevens.get("vervolgdienst") or ""
    if uitkomst == definities.NOG_NIET_BEOORDEELD:
        uitkomst = ""  # derived from a missing date, never stored
    if datum is None:
        if uitkomst:
            fouten.voeg_toe("beoordeling_datum", _("Vul de datum van de veiligheidsbeoordeling in."))
        if dienst:
            fouten.voeg_toe("vervolgdienst", _("Een vervolgdienst hoort bij een veiligheidsbeoordeling."))
        return {"beoordeling_datum": None, "beoordeling_uitkomst": uitkomst, "vervolgdienst": dienst}
    controleer_datum(fouten, "beoordeling_datum", datum)
    ontvangst = gegevens.get("ontvangstdatum")
    if ontvangst and datum < ontvangst:
        fouten.voeg_toe("beoordeling_datum", _("De veiligheidsbeoordeling ligt vóór de ontvangst van de melding."))
    if not uitkomst:
        fouten.voeg_toe("beoordeling_uitkomst", _("Kies de uitkomst van de veiligheidsbeoordeling."))
    else:
        controleer_code(fouten, "beoordeling_uitkomst", definities.VEILIGHEIDSBEOORDELING_UITKOMST, uitkomst, datum)
    if uitkomst == "vervolgstappen_vt":
        if not dienst:
            fouten.voeg_toe("vervolgdienst", _("Kies de vervolgdienst: onderzoek of voorwaarden en vervolg."))
        else:
            controleer_code(fouten, "vervolgdienst", definities.VERVOLGDIENST, dienst, datum)
    elif dienst:
        fouten.voeg_toe("vervolgdienst", _("Alleen bij 'vervolgstappen Veilig Thuis' hoort een vervolgdienst."))
    return {"beoordeling_datum": datum, "beoordeling_uitkomst": uitkomst, "vervolgdienst": dienst}


def _valideer(fouten: Fouten, gegevens: dict, organisatie) -> dict:
    ontvangstdatum = gegevens.get("ontvangstdatum")
    controleer_datum(fouten, "ontvangstdatum", ontvangstdatum)
    velden = contactvelden(fouten, teldatum=ontvangstdatum, gegevens=gegevens)
    if velden["anoniem"]:
        fouten.voeg_toe("anoniem", _("Een melding kan niet anoniem zijn: de identiteit van de betrokkenen is bekend."))
    casus = gegevens.get("casus")
    if casus is not None:
        if casus.organisatie_id != organisatie.pk:
            fouten.voeg_toe("casus", _("Deze casus hoort niet bij uw organisatie."))
        elif ontvangstdatum and ontvangstdatum < casus.geopend_op:
            fouten.voeg_toe("casus", _("De melding ligt vóór de opening van de casus."))
    crisis = bool(gegevens.get("acute_onveiligheid"))
    # Only from a valid date: for a date far in the future (9999-12-31) there is no deadline to compute.
    termijn_berekenbaar = ontvangstdatum is not None and "ontvangstdatum" not in fouten
    return {
        "ontvangstdatum": ontvangstdatum,
        "beoordelingstermijn": (
            beoordelingstermijn(ontvangstdatum=ontvangstdatum, crisis=crisis) if termijn_berekenbaar else None
        ),
        "acute_onveiligheid": crisis,
        "structurele_onveiligheid": bool(gegevens.get("structurele_onveiligheid")),
        **_valideer_beoordeling(fouten, gegevens),
        **velden,
    }


def _heeft_vervolg(melding: Melding) -> bool:
    """Whether a dienst, overdracht or monitoring follows this melding (the diensten app, above this one, holds
    them; read here through the reverse relations only)."""
    return Melding.objects.filter(pk=melding.pk).filter(
        Q(dienst__isnull=False) | Q(overdrachten__isnull=False) | Q(monitoringen__isnull=False)).exists()


def _wachtstand(beoordeling_datum: date | None, beoordeling_uitkomst: str) -> Stand:
    """A melding without dienst waits from its decision when the outcome is "vervolgstappen Veilig Thuis"."""
    return Stand(besluitdatum=beoordeling_datum if beoordeling_uitkomst == "vervolgstappen_vt" else None)


def _wachtlijstdatums(*, oud: dict, nieuw: dict, vandaag: date) -> list[date]:
    """The quarters whose end-of-quarter waiting list a change of the beoordeling can change: every quarter at
    whose end the melding waits before or after it (a moved decision date changes its age there, another
    vervolgdienst the soort it waits for; ``geraakte_datums`` names the ones it moves in or out of)."""
    voor = _wachtstand(oud["beoordeling_datum"], oud["beoordeling_uitkomst"])
    na = _wachtstand(nieuw["beoordeling_datum"], nieuw["beoordeling_uitkomst"])
    tot = Kwartaal.van_datum(vandaag)
    datums = set(geraakte_datums(oud=voor, nieuw=na, vandaag=vandaag))
    datums |= {k.begin for k in voor.wachtkwartalen(tot=tot) | na.wachtkwartalen(tot=tot)}
    return sorted(datums)


def _casusdatums(*, casus_ids: list[int], datums: list[date]) -> list[date]:
    """The receipt dates of the casus's meldingen whose counts this change can move as well (the rule:
    ``latere_casusdatums``)."""
    ontvangen = Melding.objects.filter(casus_id__in=casus_ids).values_list("ontvangstdatum", flat=True)
    return latere_casusdatums(gewijzigd=datums, casusdatums=ontvangen)


def _controleer_casus_open(fouten: Fouten, *, organisatie, datums: list[date]) -> None:
    """The casus's later meldingen whose counts the change moves (``_casusdatums``) may not lie in a definitief
    quarter either: a change in a reopened quarter would otherwise recount a later, fixed one silently."""
    if not datums:
        return
    eigen = Fouten()
    controleer_kwartaal_open(eigen, organisatie=organisatie, datums=datums, veld="casus")
    if eigen:
        fouten.voeg_toe("casus", _(
            "Deze wijziging verandert de telling van een latere melding in dezelfde casus, in een kwartaal dat "
            "definitief is vastgesteld. Heropen eerst dat kwartaal."))


def _open_casus(*, organisatie, datum: date) -> Casus:
    nummer = volgend_nummer(organisatie=organisatie, prefix="C", jaar=datum.year)
    return Casus.objects.create(
        organisatie=organisatie, jaar=nummer.jaar, volgnummer=nummer.volgnummer, nummer=nummer.tekst,
        geopend_op=datum,
    )


def _koppel_casus(*, casus: Casus | None, organisatie, ontvangstdatum: date) -> tuple[Casus, str]:
    """The casus this melding belongs to and its eerdere betrokkenheid; a hermelding reopens the casus."""
    if casus is None:
        return _open_casus(organisatie=organisatie, datum=ontvangstdatum), "eerste_melding"
    casus = Casus.objects.select_for_update().get(pk=casus.pk)  # the stored state decides, not the caller's copy
    betrokkenheid = eerdere_betrokkenheid(casus, ontvangstdatum)
    if betrokkenheid == "hermelding":
        casus.afgesloten_op = None
        casus.save(update_fields=["afgesloten_op"])
    return casus, betrokkenheid


@transaction.atomic
def registreer_melding(
    *, door, casus: Casus | None = None, ontvangstdatum: date | None = None, gemeente: str | Gemeente | None = None,
    beroepsmatig: bool | None = None, melder_organisatietype: str = "", melder_relatie: str = "",
    melder_functie: str = "", anoniem: bool = False, aard: Sequence[str] = (), aard_subvorm: Sequence[str] = (),
    aanvullende_informatie: Sequence[str] = (), duur_geweld: str = "onbekend", acute_onveiligheid: bool = False,
    structurele_onveiligheid: bool = False,
    beoordeling_datum: date | None = None, beoordeling_uitkomst: str = "", vervolgdienst: str = "",
) -> Melding:
    """Register a melding; without ``casus`` it opens a new one. Every field is a named parameter: a wrong
    name fails at the call, not silently."""
    organisatie = registrerende_organisatie(door)
    fouten = Fouten()
    velden = _valideer(fouten, {
        "casus": casus, "ontvangstdatum": ontvangstdatum, "gemeente": gemeente, "beroepsmatig": beroepsmatig,
        "melder_organisatietype": melder_organisatietype, "melder_relatie": melder_relatie,
        "melder_functie": melder_functie, "anoniem": anoniem,
        "aard": list(aard), "aard_subvorm": list(aard_subvorm),
        "aanvullende_informatie": list(aanvullende_informatie), "duur_geweld": duur_geweld,
        "acute_onveiligheid": acute_onveiligheid, "structurele_onveiligheid": structurele_onveiligheid,
        "beoordeling_datum": beoordeling_datum, "beoordeling_uitkomst": beoordeling_uitkomst,
        "vervolgdienst": vervolgdienst,
    }, organisatie)
    wachtlijst = [] if fouten else _wachtlijstdatums(
        oud={"beoordeling_datum": None, "beoordeling_uitkomst": "", "vervolgdienst": ""}, nieuw=velden,
        vandaag=timezone.localdate())
    controleer_kwartaal_open(fouten, organisatie=organisatie, datums=[velden["ontvangstdatum"], *wachtlijst],
                             veld="ontvangstdatum")
    controleer_organisatie_bestond(fouten, organisatie=organisatie, datum=velden["ontvangstdatum"],
                                   veld="ontvangstdatum")
    # A new casus has no other meldingen whose counts this one could move: no query for them.
    casus_later = [] if casus is None or fouten else _casusdatums(casus_ids=[casus.pk],
                                                                  datums=[velden["ontvangstdatum"]])
    _controleer_casus_open(fouten, organisatie=organisatie, datums=casus_later)
    fouten.werp_op()
    with actor(door):
        casus, betrokkenheid = _koppel_casus(casus=casus, organisatie=organisatie,
                                             ontvangstdatum=velden["ontvangstdatum"])
        nummer = volgend_nummer(organisatie=organisatie, prefix="M", jaar=velden["ontvangstdatum"].year)
        melding = Melding.objects.create(
            organisatie=organisatie, jaar=nummer.jaar, volgnummer=nummer.volgnummer, nummer=nummer.tekst,
            casus=casus, eerdere_betrokkenheid=betrokkenheid, aangemaakt_door=door, **velden,
        )
    markeer_verouderd(organisatie=organisatie, datums=[melding.ontvangstdatum, *wachtlijst, *casus_later])
    return melding


@transaction.atomic
def wijzig_melding(*, melding: Melding, door, versie: str | None = None, **wijzigingen) -> Melding:
    """Change a melding; with ``versie`` (what the user saw) only if nobody changed it since."""
    organisatie = registrerende_organisatie(door)
    melding = Melding.objects.select_for_update().select_related("casus").get(pk=melding.pk, organisatie=organisatie)
    controleer_versie(melding, versie, wijzigingen={k: v for k, v in wijzigingen.items() if k != "casus"})
    onbekend = set(wijzigingen) - set(MELDING_VELDEN)
    if onbekend:
        raise TypeError(f"unknown fields: {sorted(onbekend)}")
    gegevens = na_wijziging(melding, MELDING_VELDEN, wijzigingen)
    fouten = Fouten()
    velden = _valideer(fouten, gegevens, organisatie)
    oude_datum = melding.ontvangstdatum
    oude_beoordeling = {veld: getattr(melding, veld) for veld in BEOORDELING_VELDEN}
    wachtlijst = []
    if any(velden[veld] != oude_beoordeling[veld] for veld in BEOORDELING_VELDEN):
        if _heeft_vervolg(melding):
            fouten.voeg_toe("beoordeling_uitkomst", _(
                "De veiligheidsbeoordeling kan niet meer worden gewijzigd: er is al een vervolg (dienst, overdracht "
                "of monitoring) geregistreerd. Verwijder eerst dat vervolg."))
        elif not fouten:
            wachtlijst = _wachtlijstdatums(oud=oude_beoordeling, nieuw=velden, vandaag=timezone.localdate())
            controleer_kwartaal_open(fouten, organisatie=organisatie, datums=wachtlijst, veld="beoordeling_datum")
    vervallen = _vervallen_uitkomstaarden(melding, velden["aard"])
    if vervallen:
        fouten.voeg_toe("aard", _("Het onderzoek heeft een uitkomst voor %(aarden)s; wijzig eerst die uitkomst.")
                        % {"aarden": ", ".join(str(definities.AARD.label_van(a)) for a in vervallen)})
    controleer_kwartaal_open(fouten, organisatie=organisatie, datums=[oude_datum, velden["ontvangstdatum"]],
                             veld="ontvangstdatum")
    controleer_organisatie_bestond(fouten, organisatie=organisatie, datum=velden["ontvangstdatum"],
                                   veld="ontvangstdatum")
    nieuwe_casus = gegevens["casus"]
    oude_casus = melding.casus_id
    casus_later = []
    if not fouten and ((oude_casus, oude_datum) != (nieuwe_casus.pk, velden["ontvangstdatum"]) or any(
            velden[veld] != oude_beoordeling[veld] for veld in BEOORDELING_VELDEN)):
        casus_later = _casusdatums(casus_ids=[oude_casus, nieuwe_casus.pk],
                                   datums=[oude_datum, velden["ontvangstdatum"]])
        _controleer_casus_open(fouten, organisatie=organisatie, datums=casus_later)
    fouten.werp_op()
    with actor(door):
        if nieuwe_casus.pk != melding.casus_id or velden["ontvangstdatum"] != oude_datum:
            # The facts that decide eerdere betrokkenheid were corrected: derive it again.
            andere = Casus.objects.get(pk=nieuwe_casus.pk)
            eerder = andere.meldingen.exclude(pk=melding.pk).filter(ontvangstdatum__lte=velden["ontvangstdatum"])
            melding.eerdere_betrokkenheid = (
                eerdere_betrokkenheid(andere, velden["ontvangstdatum"]) if eerder.exists() else "eerste_melding"
            )
            melding.casus = andere
        for veld, waarde in velden.items():
            setattr(melding, veld, waarde)
        melding.save()
    markeer_verouderd(organisatie=organisatie,
                      datums=[oude_datum, melding.ontvangstdatum, *wachtlijst, *casus_later])
    return melding


def _vervallen_uitkomstaarden(melding: Melding, aarden) -> list[str]:
    """The aarden with an onderzoek outcome that a change of the melding's aard would drop."""
    if aarden is None:
        return []
    uitkomsten = Melding.objects.filter(pk=melding.pk).values_list("dienst__uitkomsten__aard", flat=True)
    return sorted({aard for aard in uitkomsten if aard and aard not in aarden})


def leg_beoordeling_vast(*, melding: Melding, door, datum: date, uitkomst: str, vervolgdienst: str = "") -> Melding:
    """Record the veiligheidsbeoordeling of a melding."""
    return wijzig_melding(
        melding=melding, door=door, beoordeling_datum=datum, beoordeling_uitkomst=uitkomst, vervolgdienst=vervolgdienst
    )


@transaction.atomic
def verwijder_melding(*, melding: Melding, door, reden: str, versie: str | None = None) -> None:
    """Delete a melding (and its casus with its last melding); the reason is kept in the audit trail."""
    organisatie = registrerende_organisatie(door)
    melding = Melding.objects.select_for_update().get(pk=melding.pk, organisatie=organisatie)
    controleer_versie(melding, versie)
    fouten = Fouten()
    reden = controleer_reden(fouten, reden)
    if _heeft_vervolg(melding):
        fouten.voeg_toe("__all__", _("Melding %(nummer)s heeft een vervolg (dienst, overdracht of monitoring); "
                                     "verwijder eerst dat vervolg.") % {"nummer": melding.nummer})
    wachtlijst = _wachtlijstdatums(
        oud={veld: getattr(melding, veld) for veld in BEOORDELING_VELDEN},
        nieuw={"beoordeling_datum": None, "beoordeling_uitkomst": "", "vervolgdienst": ""},
        vandaag=timezone.localdate())
    controleer_kwartaal_open(fouten, organisatie=organisatie, datums=[melding.ontvangstdatum, *wachtlijst],
                             veld="ontvangstdatum")
    casus_later = _casusdatums(casus_ids=[melding.casus_id], datums=[melding.ontvangstdatum])
    _controleer_casus_open(fouten, organisatie=organisatie, datums=casus_later)
    fouten.werp_op()
    casus = melding.casus
    with actor(door, additional_data={"reden": reden}):
        melding.delete()
        if not casus.meldingen.exists():
            casus.delete()  # a casus exists only through its meldingen
    markeer_verouderd(organisatie=organisatie, datums=[melding.ontvangstdatum, *wachtlijst, *casus_later])


@transaction.atomic
def sluit_casus(*, casus: Casus, door, datum: date) -> Casus:
    """Record that VT involvement in a casus has ended; a later melding on it is a hermelding."""
    organisatie = registrerende_organisatie(door)
    casus = Casus.objects.select_for_update().get(pk=casus.pk, organisatie=organisatie)
    fouten = Fouten()
    controleer_datum(fouten, "afgesloten_op", datum)
    laatste = casus.meldingen.order_by("-ontvangstdatum").values_list("ontvangstdatum", flat=True).first()
    if laatste and datum < laatste:
        fouten.voeg_toe("afgesloten_op", _("De casus kan niet eindigen vóór de laatste melding."))
    fouten.werp_op()
    casus.afgesloten_op = datum
    with actor(door):
        casus.save(update_fields=["afgesloten_op"])
    return casus
