"""Making and revoking API keys of integration accounts. Both are audited (actor, time, client address)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from vtregistratie.audit import actor
from vtregistratie.models import Gebruiker, Koppelsleutel
from vtregistratie.regels import eis, mag


@transaction.atomic
def maak_sleutel(*, koppeling: Gebruiker, door: Gebruiker, omschrijving: str = "") -> tuple[Koppelsleutel, str]:
    """A new key for the integration account ``koppeling``; returns the stored key and the key itself, which
    is shown once and never stored."""
    eis(door, "vt.beheren", bericht=_("Alleen functioneel beheer maakt API-sleutels."))
    if not (mag(koppeling, "vt.sleutel_houden") and koppeling.is_active):
        raise ValidationError({"user": [_("Alleen een actief integratie-account kan een API-sleutel hebben, geen "
                                          "gebruiker die op het inlogscherm inlogt.")]})
    with actor(door):
        return Koppelsleutel.objects.create(user=koppeling, expiry=None, omschrijving=omschrijving.strip(),
                                            aangemaakt_door=door)


@transaction.atomic
def trek_sleutel_in(*, sleutel: Koppelsleutel, door: Gebruiker) -> None:
    """Revoke a key at once: it is deleted (the audit trail keeps who revoked it, and when)."""
    eis(door, "vt.beheren", bericht=_("Alleen functioneel beheer trekt API-sleutels in."))
    with actor(door):
        sleutel.delete()
