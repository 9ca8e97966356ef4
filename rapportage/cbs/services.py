"""Services of the CBS delivery: create (and correct), validate, download, and the scheduled run.

Each write is one transaction. Creating a delivery locks the organisation's row, so two requests for
the same half-year are serialised: the second gets the next version (a correction) or, for the
scheduled run, nothing at all. A correction replaces the previous version whole; the previous one is
marked ``vervangen`` and points at its successor.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TextIO

from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, Max, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from kwartalen.kwartaal import Kwartaal
from kwartalen.models import VerouderdeSleutel
from rapportage.cbs import aggregaat, bestand, selectors, validatie
from rapportage.cbs.models import Aanlevering
from rapportage.cbs.periode import Halfjaar
from rapportage.tellingen.services.herberekening import herbereken
from vtregistratie import definities
from vtregistratie.audit import actor
from vtregistratie.models import Organisatie
from vtregistratie.regels import mag

logger = logging.getLogger(__name__)


def mag_aanleveren(door, organisatie: Organisatie) -> bool:
    return door is not None and mag(door, "vt.cbs_aanleveren", organisatie)


def _controleer_rechten(door, organisatie: Organisatie) -> None:
    """``door`` None is the system (the scheduled job, an operator's command)."""
    if door is not None and not mag_aanleveren(door, organisatie):
        raise PermissionDenied(_("Alleen een teamleider van de organisatie verzorgt haar CBS-aanlevering."))


def bestandsnaam(*, organisatie: Organisatie, halfjaar: Halfjaar, versie: int) -> str:
    """Name in the storage, e.g. ``aanleveringen/VT01/2025-H1/VT01-2025-H1-v01.txt``."""
    return f"aanleveringen/{organisatie.code}/{halfjaar}/{organisatie.code}-{halfjaar}-v{versie:02d}.txt"


def maak_aanlevering(
    *, organisatie: Organisatie, halfjaar: Halfjaar, door=None,
    aanleiding: str = Aanlevering.Aanleiding.HANDMATIG, alleen_als_ontbreekt: bool = False,
    voortgang: Callable[[int], None] | None = None,
) -> Aanlevering | None:
    """Write the delivery file of one organisation and half-year as the next version.

    Only quarters in state voorlopig or definitief are delivered (at least one must be); the header
    says which. An existing current version is marked ``vervangen``. With ``alleen_als_ontbreekt``
    (the scheduled run) nothing is made when any version exists, and None is returned.
    """
    _controleer_rechten(door, organisatie)
    opslag = Aanlevering._meta.get_field("bestand").storage
    pad: Path | None = None
    try:
        with transaction.atomic():
            Organisatie.objects.select_for_update().filter(pk=organisatie.pk).first()  # serialise per organisation
            bestaande = Aanlevering.objects.filter(
                organisatie=organisatie, jaar=halfjaar.jaar, halfjaar=halfjaar.halfjaar
            )
            if alleen_als_ontbreekt and bestaande.exists():
                return None
            statussen = selectors.kwartaalstatussen(organisatie=organisatie, halfjaar=halfjaar)
            geleverd = selectors.geleverde_kwartalen(statussen)
            if not geleverd:
                raise ValidationError({"periode": [_(
                    "Geen kwartaal van %(periode)s is voorlopig of definitief; sluit eerst een kwartaal af."
                ) % {"periode": halfjaar}]})
            versie = (bestaande.aggregate(m=Max("versie"))["m"] or 0) + 1
            naam = bestandsnaam(organisatie=organisatie, halfjaar=halfjaar, versie=versie)
            pad = Path(opslag.path(naam))
            pad.parent.mkdir(parents=True, exist_ok=True)
            tijdelijk = pad.with_suffix(".tmp")
            aangemaakt_op = timezone.now()
            with open(tijdelijk, "wb") as uit:
                resultaat = bestand.schrijf_bestand(
                    uit, organisatie=organisatie, halfjaar=halfjaar, versie=versie, aangemaakt_op=aangemaakt_op,
                    kwartaalstatussen=statussen, geleverd=geleverd, voortgang=voortgang,
                )
            os.replace(tijdelijk, pad)
            vorige = bestaande.geldig().select_for_update().first()
            with actor(door):
                if vorige is not None:
                    vorige.status = Aanlevering.Status.VERVANGEN
                    vorige.vervangen_op = aangemaakt_op
                    vorige.save(update_fields=["status", "vervangen_op"])
                aanlevering = Aanlevering.objects.create(
                    organisatie=organisatie, jaar=halfjaar.jaar, halfjaar=halfjaar.halfjaar, versie=versie,
                    aanleiding=aanleiding, aangemaakt_op=aangemaakt_op, aangemaakt_door=door,
                    kwartalen=[{"kwartaal": kw.kwartaal, "status": statussen[kw], "geleverd": kw in geleverd}
                               for kw in halfjaar.kwartalen],
                    definities_versie=definities.VERSIE, aantal_adviezen=resultaat.aantal_adviezen,
                    aantal_meldingen=resultaat.aantal_meldingen, aantal_casussen=resultaat.aantal_casussen,
                    aantal_records=resultaat.aantal_records, grootte=resultaat.grootte, sha256=resultaat.sha256,
                    bestand=naam,
                    validatierapport={"aanmaak": resultaat.problemen,
                                      "aantal_aanmaakproblemen": resultaat.aantal_problemen},
                )
                if vorige is not None:
                    vorige.vervangen_door = aanlevering
                    vorige.save(update_fields=["vervangen_door"])
    except BaseException:
        for overblijfsel in (pad, pad.with_suffix(".tmp")) if pad else ():
            overblijfsel.unlink(missing_ok=True)
        raise
    logger.info("CBS delivery %s created: %s records, sha256 %s", aanlevering, aanlevering.aantal_records,
                aanlevering.sha256)
    return aanlevering


def _werk_tellingen_bij(aanlevering: Aanlevering) -> None:
    """Recompute the delivered quarters whose counts are stale, so the comparison uses current counts."""
    kwartalen = [k["kwartaal"] for k in aanlevering.kwartalen if k["geleverd"]]
    for kwartaal in VerouderdeSleutel.objects.filter(
        organisatie=aanlevering.organisatie, jaar=aanlevering.jaar, kwartaal__in=kwartalen
    ).values_list("kwartaal", flat=True):
        herbereken(organisatie_id=aanlevering.organisatie_id, kwartaal=Kwartaal(aanlevering.jaar, kwartaal),
                   aanleiding="aanlevering")


class HalfjaarOnvolledig(ValidationError):
    """A half-year that cannot be validated: a quarter is open, or missing from the file. ``kwartalen``
    names them (the API returns them as ``open_kwartalen``)."""

    def __init__(self, bericht: str, kwartalen: list[Kwartaal]):
        super().__init__({"periode": [bericht]})
        self.kwartalen = kwartalen


def _eis_volledig_halfjaar(aanlevering: Aanlevering) -> None:
    """Refuse a half-year while any of its quarters is open for the organisation, or when the file lacks a
    quarter that was open when it was made (closing it later does not put it in the file)."""
    halfjaar = Halfjaar(aanlevering.jaar, aanlevering.halfjaar)
    statussen = selectors.kwartaalstatussen(organisatie=aanlevering.organisatie, halfjaar=halfjaar)
    open_ = [kw for kw in halfjaar.kwartalen if kw not in selectors.geleverde_kwartalen(statussen)]
    if open_:
        raise HalfjaarOnvolledig(_(
            "%(periode)s kan niet worden gevalideerd: %(kwartalen)s is nog open. Sluit het kwartaal af "
            "(voorlopig of definitief) en maak daarna een nieuwe versie van het halfjaar."
        ) % {"periode": halfjaar, "kwartalen": ", ".join(str(kw) for kw in open_)}, open_)
    ontbreekt = [Kwartaal(aanlevering.jaar, k["kwartaal"]) for k in aanlevering.kwartalen if not k["geleverd"]]
    if ontbreekt:
        raise HalfjaarOnvolledig(_(
            "%(periode)s kan niet worden gevalideerd: %(kwartalen)s staat niet in dit bestand, omdat het bij het "
            "aanmaken nog open was. Maak een nieuwe versie van het halfjaar."
        ) % {"periode": halfjaar, "kwartalen": ", ".join(str(kw) for kw in ontbreekt)}, ontbreekt)


def valideer_aanlevering(*, aanlevering: Aanlevering, door=None) -> Aanlevering:
    """Check the stored file and store the report: ``gevalideerd`` without problems, else ``afgekeurd``.

    A half-year with a quarter that is open (or was open when the file was made) is refused
    (``HalfjaarOnvolledig``): the file would be offered as the half-year while it holds part of it.
    """
    _controleer_rechten(door, aanlevering.organisatie)
    if aanlevering.status == Aanlevering.Status.VERVANGEN:
        raise ValidationError(_("Deze aanlevering is vervangen door een nieuwere versie."))
    _eis_volledig_halfjaar(aanlevering)
    _werk_tellingen_bij(aanlevering)
    rapport = validatie.valideer(aanlevering)
    with transaction.atomic():
        aanlevering = Aanlevering.objects.select_for_update().get(pk=aanlevering.pk)
        if aanlevering.status == Aanlevering.Status.VERVANGEN:  # replaced while we were reading
            raise ValidationError(_("Deze aanlevering is vervangen door een nieuwere versie."))
        aanlevering.validatierapport = {**aanlevering.validatierapport, **rapport}
        aanlevering.gevalideerd_op = timezone.now()
        if not rapport["geslaagd"]:
            aanlevering.status = Aanlevering.Status.AFGEKEURD
        elif aanlevering.status != Aanlevering.Status.GEDOWNLOAD:
            aanlevering.status = Aanlevering.Status.GEVALIDEERD
        with actor(door):
            aanlevering.save(update_fields=["validatierapport", "gevalideerd_op", "status"])
    return aanlevering


def download_aanlevering(*, aanlevering: Aanlevering, door, via: str = "web"):
    """Open the file for the team lead, record the download in the audit trail and return the open file.

    Only a validated file is offered. The caller streams and closes it.
    """
    if not mag_aanleveren(door, aanlevering.organisatie):
        raise PermissionDenied(_("Alleen een teamleider van de organisatie kan de aanlevering downloaden."))
    if not aanlevering.is_downloadbaar:
        raise ValidationError(_("Alleen een gevalideerde aanlevering zonder problemen kan worden gedownload."))
    bestand_ = aanlevering.bestand.open("rb")
    with transaction.atomic():
        LogEntry.objects.log_create(
            aanlevering, force_log=True, action=LogEntry.Action.ACCESS, actor=door,
            changes={"download": [None, aanlevering.bestandsnaam]},
            additional_data={"via": via, "sha256": aanlevering.sha256, "versie": aanlevering.versie},
        )
        if aanlevering.status == Aanlevering.Status.GEVALIDEERD:
            aanlevering.status = Aanlevering.Status.GEDOWNLOAD
            aanlevering.gedownload_op = timezone.now()
            with actor(door):
                aanlevering.save(update_fields=["status", "gedownload_op"])
    return bestand_


def aggregaat_bestand(output: TextIO, *, aanlevering: Aanlevering, door, via: str = "web") -> str:
    """Write the aggregate CSV of the delivery's organisation and half-year (from the current counts, with
    disclosure control) to ``output``, record it in the audit trail, and return a file name for it."""
    if not mag_aanleveren(door, aanlevering.organisatie):
        raise PermissionDenied(_("Alleen een teamleider van de organisatie kan het aggregaat downloaden."))
    halfjaar = Halfjaar(aanlevering.jaar, aanlevering.halfjaar)
    rijen = aggregaat.schrijf_aggregaat(output, halfjaar=halfjaar, organisaties=[aanlevering.organisatie])
    naam = f"aggregaat-{aanlevering.organisatie.code}-{halfjaar}.csv"
    LogEntry.objects.log_create(
        aanlevering, force_log=True, action=LogEntry.Action.ACCESS, actor=door,
        changes={"aggregaat": [None, naam]}, additional_data={"via": via, "rijen": rijen},
    )
    return naam


def maak_geplande_aanleveringen(*, vandaag: date | None = None) -> list[Aanlevering]:
    """The scheduled run: on or after the creation day of the last ended half-year, create and validate the
    delivery of every organisation whose two quarters are voorlopig or definitief and that has none yet.

    Idempotent: an organisation with any version of the half-year gets nothing new. Runs daily, so an
    organisation that closes its quarters late is picked up the next day.
    """
    vandaag = vandaag or timezone.localdate()
    halfjaar = Halfjaar.laatst_afgelopen(vandaag)
    if vandaag < selectors.aanmaakdatum(halfjaar):
        return []
    gemaakt = []
    heeft_versie = Aanlevering.objects.filter(
        organisatie=OuterRef("pk"), jaar=halfjaar.jaar, halfjaar=halfjaar.halfjaar
    )
    for organisatie in selectors.gereed_voor_aanlevering(halfjaar).exclude(Exists(heeft_versie)):
        try:
            aanlevering = maak_aanlevering(organisatie=organisatie, halfjaar=halfjaar,
                                           aanleiding=Aanlevering.Aanleiding.GEPLAND, alleen_als_ontbreekt=True)
            if aanlevering is not None:
                gemaakt.append(valideer_aanlevering(aanlevering=aanlevering))
        except Exception:  # one organisation's failure must not stop the others; the next run retries
            logger.exception("scheduled CBS delivery of %s %s failed", organisatie.code, halfjaar)
    return gemaakt
