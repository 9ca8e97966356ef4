"""Writes on what follows a melding's veiligheidsbeoordeling: the dienst (with an onderzoek's outcomes per aard or
its early closing), overdrachten and monitoring (docs/diensten.md).

Like the registration services: typed, keyword-only, one transaction, audited as the user, scoped to the user's
organisation, a version check on change and delete, Dutch messages per field (``Fouten``). Every change passes the
quarters it touches (``kwartalen.volgkwartalen``: the dates' quarters and the waiting-list quarters it moves the
melding in or out of) to the quarter lock and to the stale marks.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from diensten.models import Dienst, Monitoring, OnderzoekUitkomst, Overdracht
from kwartalen.kwartaal import Kwartaal
from kwartalen.staat import controleer_kwartaal_open
from kwartalen.verouderd import markeer_verouderd
from kwartalen.volgkwartalen import Stand, geraakte_datums
from meldingen.models import Melding
from vtregistratie import definities
from vtregistratie.audit import actor
from vtregistratie.services.contact import (
    Fouten,
    controleer_code,
    controleer_datum,
    controleer_reden,
    controleer_versie,
    registrerende_organisatie,
)

VERVOLGSTAPPEN = "vervolgstappen_vt"
DIENST_VELDEN = ("soort", "startdatum", "einddatum", "afsluitreden", "uitkomsten")
OVERDRACHT_VELDEN = ("datum", "bestemming", "hulp", "dienst")
MONITORING_VELDEN = ("startdatum", "einddatum", "dienst")


def _datum(d: date | None) -> str:
    return d.strftime("%d-%m-%Y") if d else ""


def _melding(melding: Melding, organisatie) -> Melding:
    """The melding, row-locked, of the user's own organisation (another's is refused as unknown)."""
    gevonden = Melding.objects.select_for_update().filter(pk=melding.pk, organisatie=organisatie).first()
    if gevonden is None:
        fouten = Fouten()
        fouten.voeg_toe("melding", _("Deze melding hoort niet bij uw organisatie."))
        fouten.werp_op()
    return gevonden


def _stand(melding: Melding, dienst: Dienst | None = None) -> Stand:
    """Where a melding's follow-up counts: waiting from its decision (only with vervolgstappen), then the dienst."""
    if melding.beoordeling_uitkomst != VERVOLGSTAPPEN or melding.beoordeling_datum is None:
        return Stand()
    if dienst is None:
        return Stand(besluitdatum=melding.beoordeling_datum)
    return Stand(besluitdatum=dienst.besluitdatum, startdatum=dienst.startdatum, einddatum=dienst.einddatum)


def _vergrendel(fouten: Fouten, *, organisatie, datums: list[date], veld: str) -> list[date]:
    """The quarter lock on ``datums`` (kept share-locked until the transaction ends); returns them to mark."""
    controleer_kwartaal_open(fouten, organisatie=organisatie, datums=datums, veld=veld)
    return datums


def _markeer(organisatie, datums: list[date]) -> None:
    if datums:
        markeer_verouderd(organisatie=organisatie, datums=datums)


# --- dienst ---------------------------------------------------------------------------------------------------


def _valideer_dienst(fouten: Fouten, *, melding: Melding, besluit: date | None, soort: str,
                     startdatum: date | None, einddatum: date | None, afsluitreden: str,
                     uitkomsten: Mapping[str, str]) -> dict:
    if not soort:
        fouten.voeg_toe("soort", _("Kies de soort dienst: onderzoek of voorwaarden en vervolg."))
    else:
        controleer_code(fouten, "soort", definities.VERVOLGDIENST, soort, startdatum)
    controleer_datum(fouten, "startdatum", startdatum)
    controleer_datum(fouten, "einddatum", einddatum, verplicht=False)
    if startdatum and besluit and startdatum < besluit:
        fouten.voeg_toe("startdatum", _("De dienst kan niet starten vóór de veiligheidsbeoordeling (%(datum)s).")
                        % {"datum": _datum(besluit)})
    if startdatum and einddatum and einddatum < startdatum:
        fouten.voeg_toe("einddatum", _("De einddatum ligt vóór de startdatum."))
    onderzoek = soort == "onderzoek"
    if afsluitreden:
        controleer_code(fouten, "afsluitreden", definities.VOORTIJDIG_AFGESLOTEN_REDEN, afsluitreden, einddatum)
        if not onderzoek:
            fouten.voeg_toe("afsluitreden", _("Alleen een onderzoek kan voortijdig worden afgesloten."))
        elif einddatum is None:
            fouten.voeg_toe("einddatum", _("Vul de einddatum in van het voortijdig afgesloten onderzoek."))
    uitkomsten = dict(uitkomsten)
    if uitkomsten:
        if not onderzoek:
            fouten.voeg_toe("uitkomsten", _("Alleen een onderzoek heeft een uitkomst per aard."))
        elif afsluitreden:
            fouten.voeg_toe("uitkomsten", _("Een voortijdig afgesloten onderzoek heeft geen uitkomst; kies het een "
                                            "of het ander."))
        elif einddatum is None:
            fouten.voeg_toe("uitkomsten", _("Een uitkomst hoort bij een afgerond onderzoek: vul de einddatum in."))
        vreemd = sorted(set(uitkomsten) - set(melding.aard))
        if vreemd:
            fouten.voeg_toe("uitkomsten", _("Een uitkomst kan alleen voor een aard van de melding: %(aarden)s hoort "
                                            "er niet bij.") % {"aarden": ", ".join(vreemd)})
        for uitkomst in uitkomsten.values():
            controleer_code(fouten, "uitkomsten", definities.ONDERZOEK_UITKOMST, uitkomst, einddatum)
    elif onderzoek and einddatum is not None and not afsluitreden:
        fouten.voeg_toe("uitkomsten", _("Een afgerond onderzoek heeft een uitkomst per aard, of is voortijdig "
                                        "afgesloten met een reden."))
    if onderzoek and uitkomsten and einddatum is not None and not afsluitreden:
        ontbrekend = [aard for aard in melding.aard if aard not in uitkomsten]
        if ontbrekend:
            fouten.voeg_toe("uitkomsten", _("Geef de uitkomst voor elke aard van de melding; ontbreekt: "
                                            "%(aarden)s.") % {"aarden": ", ".join(
                                                str(definities.AARD.label_van(a)) for a in ontbrekend)})
    return {"soort": soort, "startdatum": startdatum, "einddatum": einddatum, "afsluitreden": afsluitreden or "",
            "uitkomsten": uitkomsten}


def _bewaar_uitkomsten(dienst: Dienst, uitkomsten: Mapping[str, str]) -> None:
    bestaand = {u.aard: u for u in dienst.uitkomsten.all()}
    for aard, rij in bestaand.items():
        if aard not in uitkomsten:
            rij.delete()
    for aard, uitkomst in uitkomsten.items():
        rij = bestaand.get(aard)
        if rij is None:
            OnderzoekUitkomst.objects.create(dienst=dienst, aard=aard, uitkomst=uitkomst)
        elif rij.uitkomst != uitkomst:
            rij.uitkomst = uitkomst
            rij.save(update_fields=["uitkomst"])


@transaction.atomic
def registreer_dienst(
    *, melding: Melding, door, soort: str = "", startdatum: date | None = None, einddatum: date | None = None,
    afsluitreden: str = "", uitkomsten: Mapping[str, str] | None = None,
) -> Dienst:
    """Register the dienst of a melding with "vervolgstappen Veilig Thuis" (one per melding); without ``soort``
    the vervolgdienst chosen at the beoordeling. ``uitkomsten``: aard -> outcome, for an ended onderzoek."""
    organisatie = registrerende_organisatie(door)
    melding = _melding(melding, organisatie)
    fouten = Fouten()
    if melding.beoordeling_uitkomst != VERVOLGSTAPPEN or melding.beoordeling_datum is None:
        fouten.voeg_toe("melding", _("Alleen een melding met de veiligheidsbeoordeling 'Vervolgstappen Veilig Thuis' "
                                     "krijgt een dienst."))
    if Dienst.objects.filter(melding=melding).exists():
        fouten.voeg_toe("melding", _("Melding %(nummer)s heeft al een dienst; wijzig die.")
                        % {"nummer": melding.nummer})
    velden = _valideer_dienst(fouten, melding=melding, besluit=melding.beoordeling_datum,
                              soort=soort or melding.vervolgdienst, startdatum=startdatum, einddatum=einddatum,
                              afsluitreden=afsluitreden, uitkomsten=uitkomsten or {})
    datums = []
    if not fouten:
        nieuw = Stand(besluitdatum=melding.beoordeling_datum, startdatum=startdatum, einddatum=einddatum)
        datums = _vergrendel(fouten, organisatie=organisatie, veld="startdatum", datums=geraakte_datums(
            oud=_stand(melding), nieuw=nieuw, vandaag=timezone.localdate()))
    fouten.werp_op()
    uitkomsten = velden.pop("uitkomsten")
    with actor(door):
        dienst = Dienst.objects.create(organisatie=organisatie, melding=melding,
                                       besluitdatum=melding.beoordeling_datum, **velden)
        _bewaar_uitkomsten(dienst, uitkomsten)
    _markeer(organisatie, datums)
    return dienst


@transaction.atomic
def wijzig_dienst(*, dienst: Dienst, door, versie: str | None = None, **wijzigingen) -> Dienst:
    """Change a dienst (any of soort, startdatum, einddatum, afsluitreden, uitkomsten); with ``versie`` (what the
    user saw) only if nobody changed it since."""
    onbekend = set(wijzigingen) - set(DIENST_VELDEN)
    if onbekend:
        raise TypeError(f"unknown fields: {sorted(onbekend)}")
    organisatie = registrerende_organisatie(door)
    dienst = Dienst.objects.select_for_update().get(pk=dienst.pk, organisatie=organisatie)
    melding = _melding(dienst.melding, organisatie)
    controleer_versie(dienst, versie, wijzigingen={k: v for k, v in wijzigingen.items() if k != "uitkomsten"})
    huidig = {"soort": dienst.soort, "startdatum": dienst.startdatum, "einddatum": dienst.einddatum,
              "afsluitreden": dienst.afsluitreden,
              "uitkomsten": {u.aard: u.uitkomst for u in dienst.uitkomsten.all()}}
    gegevens = huidig | wijzigingen
    fouten = Fouten()
    # the besluitdatum is fixed at registration: the beoordeling cannot change under a dienst (meldingen.services)
    velden = _valideer_dienst(fouten, melding=melding, besluit=dienst.besluitdatum, **gegevens)
    datums = []
    if not fouten:
        oud = _stand(melding, dienst)
        nieuw = Stand(besluitdatum=dienst.besluitdatum, startdatum=velden["startdatum"],
                      einddatum=velden["einddatum"])
        start_ongewijzigd = velden["soort"] == dienst.soort and velden["startdatum"] == dienst.startdatum
        datums = _vergrendel(fouten, organisatie=organisatie, veld="startdatum", datums=geraakte_datums(
            oud=oud, nieuw=nieuw, vandaag=timezone.localdate(), start_ongewijzigd=start_ongewijzigd))
    fouten.werp_op()
    uitkomsten = velden.pop("uitkomsten")
    with actor(door):
        for veld, waarde in velden.items():
            setattr(dienst, veld, waarde)
        dienst.save()
        _bewaar_uitkomsten(dienst, uitkomsten)
    _markeer(organisatie, datums)
    return dienst


@transaction.atomic
def verwijder_dienst(*, dienst: Dienst, door, reden: str, versie: str | None = None) -> None:
    """Delete a dienst with its outcomes: the melding is back on the waiting list. An overdracht or monitoring
    after the dienst must be deleted first."""
    organisatie = registrerende_organisatie(door)
    dienst = Dienst.objects.select_for_update().get(pk=dienst.pk, organisatie=organisatie)
    melding = _melding(dienst.melding, organisatie)
    controleer_versie(dienst, versie)
    fouten = Fouten()
    reden = controleer_reden(fouten, reden)
    if dienst.overdrachten.exists() or dienst.monitoringen.exists():
        fouten.voeg_toe("__all__", _("Bij deze dienst zijn een overdracht of monitoring geregistreerd; verwijder "
                                     "die eerst."))
    datums = _vergrendel(fouten, organisatie=organisatie, veld="startdatum", datums=geraakte_datums(
        oud=_stand(melding, dienst), nieuw=Stand(besluitdatum=dienst.besluitdatum), vandaag=timezone.localdate()))
    fouten.werp_op()
    with actor(door, additional_data={"reden": reden}):
        dienst.uitkomsten.all().delete()
        dienst.delete()
    _markeer(organisatie, datums)


# --- overdracht -------------------------------------------------------------------------------------------------


def _dienst_van(fouten: Fouten, melding: Melding, dienst: Dienst | None) -> Dienst | None:
    if dienst is not None and dienst.melding_id != melding.pk:
        fouten.voeg_toe("dienst", _("Deze dienst hoort niet bij melding %(nummer)s.") % {"nummer": melding.nummer})
        return None
    return dienst


def _valideer_overdracht(fouten: Fouten, *, melding: Melding, datum: date | None, bestemming: str, hulp: str,
                         dienst: Dienst | None, zelf: Overdracht | None = None) -> dict:
    dienst = _dienst_van(fouten, melding, dienst)
    controleer_datum(fouten, "datum", datum)
    if dienst is None and "dienst" not in fouten:
        if melding.beoordeling_datum is None or melding.beoordeling_uitkomst != "overdracht":
            fouten.voeg_toe("dienst", _("Een overdracht na de beoordeling hoort bij de veiligheidsbeoordeling "
                                        "'Overdracht'; kies anders de dienst waarna is overgedragen."))
        elif datum and datum < melding.beoordeling_datum:
            fouten.voeg_toe("datum", _("De overdracht ligt vóór de veiligheidsbeoordeling (%(datum)s).")
                            % {"datum": _datum(melding.beoordeling_datum)})
    elif dienst is not None and datum and datum < dienst.startdatum:
        fouten.voeg_toe("datum", _("De overdracht ligt vóór de start van de dienst (%(datum)s).")
                        % {"datum": _datum(dienst.startdatum)})
    if not bestemming:
        fouten.voeg_toe("bestemming", _("Kies de organisatie waaraan is overgedragen."))
    else:
        controleer_code(fouten, "bestemming", definities.OVERDRACHT_BESTEMMING, bestemming, datum)
        dubbel = Overdracht.objects.filter(melding=melding, dienst=dienst, bestemming=bestemming)
        if zelf is not None:
            dubbel = dubbel.exclude(pk=zelf.pk)
        if dubbel.exists():
            fouten.voeg_toe("bestemming", _("Deze overdracht aan %(bestemming)s is al geregistreerd.")
                            % {"bestemming": definities.OVERDRACHT_BESTEMMING.label_van(bestemming)})
    if hulp:
        controleer_code(fouten, "hulp", definities.HULP_SOORT, hulp, datum)
    return {"datum": datum, "bestemming": bestemming, "hulp": hulp or "", "dienst": dienst}


@transaction.atomic
def registreer_overdracht(*, melding: Melding, door, datum: date | None = None, bestemming: str = "",
                          hulp: str = "", dienst: Dienst | None = None) -> Overdracht:
    """Register an overdracht or vervolg: after the beoordeling (outcome 'overdracht', no ``dienst``) or after a
    dienst of this melding."""
    organisatie = registrerende_organisatie(door)
    melding = _melding(melding, organisatie)
    fouten = Fouten()
    velden = _valideer_overdracht(fouten, melding=melding, datum=datum, bestemming=bestemming, hulp=hulp,
                                  dienst=dienst)
    controleer_kwartaal_open(fouten, organisatie=organisatie, datums=[velden["datum"]], veld="datum")
    fouten.werp_op()
    with actor(door):
        overdracht = Overdracht.objects.create(organisatie=organisatie, melding=melding, **velden)
    _markeer(organisatie, [overdracht.datum])
    return overdracht


@transaction.atomic
def wijzig_overdracht(*, overdracht: Overdracht, door, versie: str | None = None, **wijzigingen) -> Overdracht:
    onbekend = set(wijzigingen) - set(OVERDRACHT_VELDEN)
    if onbekend:
        raise TypeError(f"unknown fields: {sorted(onbekend)}")
    organisatie = registrerende_organisatie(door)
    overdracht = Overdracht.objects.select_for_update().get(pk=overdracht.pk, organisatie=organisatie)
    melding = _melding(overdracht.melding, organisatie)
    controleer_versie(overdracht, versie, wijzigingen=wijzigingen)
    gegevens = {veld: getattr(overdracht, veld) for veld in OVERDRACHT_VELDEN} | wijzigingen
    fouten = Fouten()
    velden = _valideer_overdracht(fouten, melding=melding, zelf=overdracht, **gegevens)
    datums = [overdracht.datum, velden["datum"]]
    controleer_kwartaal_open(fouten, organisatie=organisatie, datums=datums, veld="datum")
    fouten.werp_op()
    with actor(door):
        for veld, waarde in velden.items():
            setattr(overdracht, veld, waarde)
        overdracht.save()
    _markeer(organisatie, datums)
    return overdracht


@transaction.atomic
def verwijder_overdracht(*, overdracht: Overdracht, door, reden: str, versie: str | None = None) -> None:
    organisatie = registrerende_organisatie(door)
    overdracht = Overdracht.objects.select_for_update().get(pk=overdracht.pk, organisatie=organisatie)
    controleer_versie(overdracht, versie)
    fouten = Fouten()
    reden = controleer_reden(fouten, reden)
    controleer_kwartaal_open(fouten, organisatie=organisatie, datums=[overdracht.datum], veld="datum")
    fouten.werp_op()
    with actor(door, additional_data={"reden": reden}):
        overdracht.delete()
    _markeer(organisatie, [overdracht.datum])


# --- monitoring -------------------------------------------------------------------------------------------------


def monitoringkwartalen(startdatum: date | None, einddatum: date | None, *, vandaag: date) -> list[date]:
    """The first day of every quarter a monitoring period spans (up to today's while it runs): a melding received
    during monitoring counts as such in its own quarter, so a period that moves can change any of them."""
    if startdatum is None:
        return []
    kwartaal, laatste = Kwartaal.van_datum(startdatum), Kwartaal.van_datum(max(einddatum or vandaag, startdatum))
    datums = []
    while kwartaal <= laatste:
        datums.append(kwartaal.begin)
        kwartaal = kwartaal.volgende()
    return datums


def _valideer_monitoring(fouten: Fouten, *, melding: Melding, startdatum: date | None, einddatum: date | None,
                         dienst: Dienst | None) -> dict:
    dienst = _dienst_van(fouten, melding, dienst)
    controleer_datum(fouten, "startdatum", startdatum)
    controleer_datum(fouten, "einddatum", einddatum, verplicht=False)
    if melding.beoordeling_datum is None:
        fouten.voeg_toe("melding", _("Monitoring volgt op een veiligheidsbeoordeling; leg die eerst vast."))
    elif startdatum and startdatum < melding.beoordeling_datum:
        fouten.voeg_toe("startdatum", _("De monitoring kan niet starten vóór de veiligheidsbeoordeling "
                                        "(%(datum)s).") % {"datum": _datum(melding.beoordeling_datum)})
    if dienst is not None and startdatum and startdatum < dienst.startdatum:
        fouten.voeg_toe("startdatum", _("De monitoring kan niet starten vóór de dienst (%(datum)s).")
                        % {"datum": _datum(dienst.startdatum)})
    if startdatum and einddatum and einddatum < startdatum:
        fouten.voeg_toe("einddatum", _("De einddatum ligt vóór de startdatum."))
    return {"startdatum": startdatum, "einddatum": einddatum, "dienst": dienst}


@transaction.atomic
def registreer_monitoring(*, melding: Melding, door, startdatum: date | None = None, einddatum: date | None = None,
                          dienst: Dienst | None = None) -> Monitoring:
    """Register a monitoring period after the beoordeling or after a dienst of this melding."""
    organisatie = registrerende_organisatie(door)
    melding = _melding(melding, organisatie)
    fouten = Fouten()
    velden = _valideer_monitoring(fouten, melding=melding, startdatum=startdatum, einddatum=einddatum, dienst=dienst)
    datums = []
    if not fouten:
        datums = monitoringkwartalen(startdatum, einddatum, vandaag=timezone.localdate())
        controleer_kwartaal_open(fouten, organisatie=organisatie, datums=datums, veld="startdatum")
    fouten.werp_op()
    with actor(door):
        monitoring = Monitoring.objects.create(organisatie=organisatie, melding=melding, **velden)
    _markeer(organisatie, datums)
    return monitoring


@transaction.atomic
def wijzig_monitoring(*, monitoring: Monitoring, door, versie: str | None = None, **wijzigingen) -> Monitoring:
    onbekend = set(wijzigingen) - set(MONITORING_VELDEN)
    if onbekend:
        raise TypeError(f"unknown fields: {sorted(onbekend)}")
    organisatie = registrerende_organisatie(door)
    monitoring = Monitoring.objects.select_for_update().get(pk=monitoring.pk, organisatie=organisatie)
    melding = _melding(monitoring.melding, organisatie)
    controleer_versie(monitoring, versie, wijzigingen=wijzigingen)
    gegevens = {veld: getattr(monitoring, veld) for veld in MONITORING_VELDEN} | wijzigingen
    fouten = Fouten()
    velden = _valideer_monitoring(fouten, melding=melding, **gegevens)
    datums = []
    if not fouten:
        vandaag = timezone.localdate()
        datums = sorted(set(monitoringkwartalen(monitoring.startdatum, monitoring.einddatum, vandaag=vandaag))
                        | set(monitoringkwartalen(velden["startdatum"], velden["einddatum"], vandaag=vandaag)))
        controleer_kwartaal_open(fouten, organisatie=organisatie, datums=datums, veld="startdatum")
    fouten.werp_op()
    with actor(door):
        for veld, waarde in velden.items():
            setattr(monitoring, veld, waarde)
        monitoring.save()
    _markeer(organisatie, datums)
    return monitoring


@transaction.atomic
def verwijder_monitoring(*, monitoring: Monitoring, door, reden: str, versie: str | None = None) -> None:
    organisatie = registrerende_organisatie(door)
    monitoring = Monitoring.objects.select_for_update().get(pk=monitoring.pk, organisatie=organisatie)
    controleer_versie(monitoring, versie)
    fouten = Fouten()
    reden = controleer_reden(fouten, reden)
    datums = monitoringkwartalen(monitoring.startdatum, monitoring.einddatum, vandaag=timezone.localdate())
    controleer_kwartaal_open(fouten, organisatie=organisatie, datums=datums, veld="startdatum")
    fouten.werp_op()
    with actor(door, additional_data={"reden": reden}):
        monitoring.delete()
    _markeer(organisatie, datums)
