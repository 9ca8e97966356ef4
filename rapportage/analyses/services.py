"""Writing data-quality notes (``DatakwaliteitNotitie``): by a team lead for their own organisation.

Functional administrators (``beheer``) keep them in the admin (``rapportage/admin.py``).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kwartalen.kwartaal import Kwartaal
from rapportage.analyses.models import DatakwaliteitNotitie
from vtregistratie.regels import eis


@transaction.atomic
def maak_notitie(*, door, van: Kwartaal, tot: Kwartaal, tekst: str, soort: str = "",
                 uitsluiten_landelijke_trend: bool = False) -> DatakwaliteitNotitie:
    """A note on the figures of the author's own organisation from quarter ``van`` to ``tot`` (inclusive), about
    one soort (``advies``, ``melding``) or, empty, both."""
    eis(door, "vt.notitie_maken")
    if tot < van:
        raise ValidationError({"tot": _("Het laatste kwartaal mag niet voor het eerste liggen.")})
    tekst = tekst.strip()
    if not tekst:
        raise ValidationError({"tekst": _("Geef een toelichting.")})
    notitie = DatakwaliteitNotitie(
        organisatie_id=door.organisatie_id, van_jaar=van.jaar, van_kwartaal=van.kwartaal, tot_jaar=tot.jaar,
        tot_kwartaal=tot.kwartaal, tekst=tekst, soort=soort, uitsluiten_landelijke_trend=uitsluiten_landelijke_trend,
        auteur=door,
    )
    notitie.full_clean()
    notitie.save()
    return notitie
