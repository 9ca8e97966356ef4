"""Which quarters' counts a melding's follow-up counts in: the one rule behind the stale marks, the quarter
lock and the rollup of diensten (docs/diensten.md).

A dienst counts as *gestart* (and with its waiting time) in the quarter of its ``startdatum`` and as *afgerond*
(with its doorlooptijd, outcomes and early-closing reason) in the quarter of its ``einddatum``. A melding with
"vervolgstappen Veilig Thuis" is on the waiting list at the end of every quarter that ends after its
``besluitdatum`` (the assessment date) and before its dienst starts: the waiting list is a stock, counted as of the
quarter's last day. So a change that moves a start date changes the stock of every quarter in between.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from kwartalen.kwartaal import Kwartaal


@dataclass(frozen=True)
class Stand:
    """The dates of one melding's follow-up that decide where it counts. ``besluitdatum`` is None when the
    melding has no "vervolgstappen Veilig Thuis" (then it never waits); ``startdatum`` None while it waits."""

    besluitdatum: date | None = None
    startdatum: date | None = None
    einddatum: date | None = None

    def wacht_aan_einde_van(self, kwartaal: Kwartaal) -> bool:
        """On the waiting list on the last day of ``kwartaal``: decided by then and not started by then."""
        return (self.besluitdatum is not None and self.besluitdatum < kwartaal.einde
                and (self.startdatum is None or self.startdatum >= kwartaal.einde))

    def wachtkwartalen(self, *, tot: Kwartaal) -> set[Kwartaal]:
        """The quarters up to ``tot`` at whose end this melding is on the waiting list."""
        if self.besluitdatum is None:
            return set()
        kwartalen, kwartaal = set(), Kwartaal.van_datum(self.besluitdatum)
        while kwartaal <= tot:
            if self.wacht_aan_einde_van(kwartaal):
                kwartalen.add(kwartaal)
            elif self.startdatum is not None and kwartaal.begin > self.startdatum:
                break
            kwartaal = kwartaal.volgende()
        return kwartalen

    def datumkwartalen(self) -> set[Kwartaal]:
        return {Kwartaal.van_datum(d) for d in (self.startdatum, self.einddatum) if d is not None}


def geraakte_kwartalen(*, oud: Stand, nieuw: Stand, vandaag: date, start_ongewijzigd: bool = False) -> set[Kwartaal]:
    """Every quarter whose counts differ between two states of a follow-up (creating: ``oud`` without a
    dienst; deleting: ``nieuw`` without one). Both the quarter of each old and new date and every quarter whose
    waiting list the change moves in or out of. A service passes these to the quarter lock and the stale marks.

    Conservative where it must be: a quarter whose date did not move but whose other fields (soort, outcome)
    changed is included, because ``oud`` and ``nieuw`` both name it. ``start_ongewijzigd``: the caller knows the
    soort did not change either (only the end, outcome or closing reason did), so a start date both name touches
    nothing by itself: ending an onderzoek that started in a definitief quarter stays possible.
    """
    tot = max([Kwartaal.van_datum(vandaag), *oud.datumkwartalen(), *nieuw.datumkwartalen()])
    datumkwartalen = oud.datumkwartalen() | nieuw.datumkwartalen()
    if start_ongewijzigd and oud.startdatum is not None and oud.startdatum == nieuw.startdatum:
        # Only the end (or the outcome) changed: what counts at the start (gestart, the waiting time, per soort)
        # is the same, so the start's quarter is touched only if an end date lies in it too.
        eindkwartalen = {Kwartaal.van_datum(d) for d in (oud.einddatum, nieuw.einddatum) if d is not None}
        if Kwartaal.van_datum(oud.startdatum) not in eindkwartalen:
            datumkwartalen.discard(Kwartaal.van_datum(oud.startdatum))
    return datumkwartalen | (oud.wachtkwartalen(tot=tot) ^ nieuw.wachtkwartalen(tot=tot))


def geraakte_datums(*, oud: Stand, nieuw: Stand, vandaag: date, start_ongewijzigd: bool = False) -> list[date]:
    """``geraakte_kwartalen`` as one date per quarter (its first day), the form the lock and the marks take."""
    return [kwartaal.begin for kwartaal in sorted(geraakte_kwartalen(oud=oud, nieuw=nieuw, vandaag=vandaag,
                                                                     start_ongewijzigd=start_ongewijzigd))]


def latere_casusdatums(*, gewijzigd: Iterable[date], casusdatums: Iterable[date]) -> list[date]:
    """The receipt dates of a casus's meldingen whose counts a change to one of its meldingen at ``gewijzigd`` (its
    old and new receipt dates) can change; a service marks their quarters stale too (docs/rollup.md).

    Two counts of a melding depend on the casus's *earlier* meldingen: whether its quarter is the casus's first with
    a melding in the half-year and the year (``TellingCasus``), and the vervolgmelding subgroup (an earlier melding
    not yet assessed on its receipt date). So a melding that is registered, moved, assessed, moved to another casus
    or deleted changes the counts of the casus's meldingen received on or after the earliest of its dates, in
    whatever quarter or year they are. Conservative: every such melding is named, changed or not.
    """
    gewijzigd = [d for d in gewijzigd if d is not None]
    if not gewijzigd:
        return []
    vanaf = min(gewijzigd)
    return sorted({d for d in casusdatums if d >= vanaf})
