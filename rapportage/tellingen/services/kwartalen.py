"""Quarter states (docs/rollup.md): open → voorlopig → definitief; reopening a final quarter needs a reason."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kwartalen.kwartaal import Kwartaal
from kwartalen.models import KwartaalStatus
from vtregistratie.audit import actor
from vtregistratie.models import Organisatie
from vtregistratie.regels import eis

OVERGANGEN = {"open": "voorlopig", "voorlopig": "definitief"}


def _mag_beheren(door, organisatie: Organisatie) -> None:
    eis(door, "vt.kwartaal_beheren", organisatie,
        _("Alleen een teamleider van de organisatie kan kwartalen afsluiten."))


def _status_rij(organisatie: Organisatie, kwartaal: Kwartaal) -> KwartaalStatus:
    KwartaalStatus.objects.bulk_create(
        [KwartaalStatus(organisatie=organisatie, jaar=kwartaal.jaar, kwartaal=kwartaal.kwartaal)],
        ignore_conflicts=True,
    )
    return KwartaalStatus.objects.select_for_update().get(
        organisatie=organisatie, jaar=kwartaal.jaar, kwartaal=kwartaal.kwartaal
    )


@transaction.atomic
def zet_kwartaal_door(*, organisatie: Organisatie, kwartaal: Kwartaal, door, naar: str) -> KwartaalStatus:
    """Move a quarter one step: open → voorlopig, or voorlopig → definitief."""
    _mag_beheren(door, organisatie)
    rij = _status_rij(organisatie, kwartaal)
    if OVERGANGEN.get(rij.status) != naar:
        raise ValidationError({"status": [_("Een kwartaal met status %(van)s kan niet naar %(naar)s.")
                                          % {"van": rij.status, "naar": naar}]})
    if kwartaal.einde > timezone.localdate():
        raise ValidationError({"status": [_("Het kwartaal %(kw)s is nog niet voorbij.") % {"kw": kwartaal}]})
    rij.status = naar
    with actor(door):
        rij.save(update_fields=["status", "gewijzigd_op"])
    return rij


@transaction.atomic
def heropen_kwartaal(*, organisatie: Organisatie, kwartaal: Kwartaal, door, reden: str) -> KwartaalStatus:
    """Return a final quarter to voorlopig. The reason is stored and audited."""
    _mag_beheren(door, organisatie)
    rij = _status_rij(organisatie, kwartaal)
    if rij.status != "definitief":
        raise ValidationError({"status": [_("Alleen een definitief kwartaal kan worden heropend.")]})
    if not (reden or "").strip():
        raise ValidationError({"reden": [_("Geef een reden voor het heropenen.")]})
    rij.status = "voorlopig"
    rij.toelichting = reden.strip()
    with actor(door):
        rij.save(update_fields=["status", "toelichting", "gewijzigd_op"])
    return rij
