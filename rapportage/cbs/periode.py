"""Half-years: the period of a CBS delivery (two calendar quarters, docs/rollup.md)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from kwartalen.kwartaal import Kwartaal

#: A delivery is due at CBS three weeks after the last day of the half-year.
TERMIJN = timedelta(weeks=3)

_PATROON = re.compile(r"^\s*(\d{4})\s*-?\s*(?:H|HJ|S)?\s*0?([12])\s*$", re.IGNORECASE)


@dataclass(frozen=True, order=True)
class Halfjaar:
    jaar: int
    halfjaar: int

    def __post_init__(self):
        if self.halfjaar not in (1, 2):
            raise ValueError(f"halfjaar must be 1 or 2, not {self.halfjaar}")
        if not 2000 <= self.jaar <= 2999:
            raise ValueError(f"jaar {self.jaar} is out of range")

    @classmethod
    def parse(cls, tekst: str) -> Halfjaar:
        """``2025-H1``, ``2025H2``, ``2025-HJ1`` or ``2025-1``."""
        gevonden = _PATROON.match(tekst or "")
        if not gevonden:
            raise ValueError(f"{tekst!r} is not a half-year such as 2025-H1")
        return cls(int(gevonden.group(1)), int(gevonden.group(2)))

    @classmethod
    def van_datum(cls, datum: date) -> Halfjaar:
        return cls(datum.year, 1 if datum.month <= 6 else 2)

    @classmethod
    def van_kwartaal(cls, kwartaal: Kwartaal) -> Halfjaar:
        return cls(kwartaal.jaar, 1 if kwartaal.kwartaal <= 2 else 2)

    @classmethod
    def laatst_afgelopen(cls, vandaag: date) -> Halfjaar:
        """The most recent half-year that has ended on ``vandaag``."""
        return cls.van_datum(vandaag).vorige()

    @property
    def kwartalen(self) -> tuple[Kwartaal, Kwartaal]:
        eerste = 2 * self.halfjaar - 1
        return Kwartaal(self.jaar, eerste), Kwartaal(self.jaar, eerste + 1)

    @property
    def begin(self) -> date:
        return self.kwartalen[0].begin

    @property
    def einde(self) -> date:
        """The first day after the half-year (half-open)."""
        return self.kwartalen[1].einde

    @property
    def laatste_dag(self) -> date:
        return self.einde - timedelta(days=1)

    @property
    def uiterste_datum(self) -> date:
        """The day the delivery is due at CBS: three weeks after the last day of the half-year."""
        return self.laatste_dag + TERMIJN

    def vorige(self) -> Halfjaar:
        return Halfjaar(self.jaar - 1, 2) if self.halfjaar == 1 else Halfjaar(self.jaar, 1)

    def volgende(self) -> Halfjaar:
        return Halfjaar(self.jaar + 1, 1) if self.halfjaar == 2 else Halfjaar(self.jaar, 2)

    @property
    def statline(self) -> str:
        """The StatLine period code, e.g. ``2025HJ01``."""
        return f"{self.jaar}HJ0{self.halfjaar}"

    def __str__(self):
        return f"{self.jaar}-H{self.halfjaar}"
