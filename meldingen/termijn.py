"""The legal term of the veiligheidsbeoordeling: within 5 working days after receipt (Dutch public
holidays excluded), and the same day when there is a crisis (acute onveiligheid)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from vtregistratie.definities import BEOORDELING_WERKDAGEN
from vtregistratie.werkdagen import plus_werkdagen, werkdagen_tussen


def beoordelingstermijn(*, ontvangstdatum: date, crisis: bool) -> date:
    return ontvangstdatum if crisis else plus_werkdagen(ontvangstdatum, BEOORDELING_WERKDAGEN)


@dataclass(frozen=True)
class Termijnstatus:
    code: str  # binnen_termijn, te_laat, loopt
    tekst: str
    uiterlijk: date


def termijnstatus(
    *, ontvangstdatum: date, crisis: bool, beoordeling_datum: date | None, vandaag: date
) -> Termijnstatus:
    uiterlijk = beoordelingstermijn(ontvangstdatum=ontvangstdatum, crisis=crisis)
    if beoordeling_datum is not None:
        if beoordeling_datum <= uiterlijk:
            return Termijnstatus("binnen_termijn", _("binnen termijn"), uiterlijk)
        return Termijnstatus("te_laat", _("te laat"), uiterlijk)
    if vandaag > uiterlijk:
        return Termijnstatus("te_laat", _("te laat"), uiterlijk)
    over = werkdagen_tussen(vandaag, uiterlijk)
    if over == 0:
        return Termijnstatus("loopt", _("vandaag"), uiterlijk)
    return Termijnstatus("loopt", ngettext("nog %(n)d werkdag", "nog %(n)d werkdagen", over) % {"n": over}, uiterlijk)
