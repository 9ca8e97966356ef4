"""Calendar quarters: the unit of counting (docs/rollup.md)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, order=True)
class Kwartaal:
    jaar: int
    kwartaal: int

    def __post_init__(self):
        if not 1 <= self.kwartaal <= 4:
            raise ValueError(f"kwartaal must be 1-4, not {self.kwartaal}")

    @classmethod
    def van_datum(cls, datum: date) -> Kwartaal:
        return cls(datum.year, (datum.month - 1) // 3 + 1)

    @classmethod
    def parse(cls, tekst: str) -> Kwartaal:
        """``2025-Q1``, ``2025-K1`` or ``2025-1``."""
        jaar, _, kw = tekst.strip().upper().partition("-")
        return cls(int(jaar), int(kw.lstrip("QK")))

    @property
    def begin(self) -> date:
        return date(self.jaar, 3 * self.kwartaal - 2, 1)

    @property
    def einde(self) -> date:
        """The first day after the quarter (half-open)."""
        return date(self.jaar + 1, 1, 1) if self.kwartaal == 4 else date(self.jaar, 3 * self.kwartaal + 1, 1)

    def volgende(self) -> Kwartaal:
        return Kwartaal(self.jaar + 1, 1) if self.kwartaal == 4 else Kwartaal(self.jaar, self.kwartaal + 1)

    def __str__(self):
        return f"{self.jaar}-K{self.kwartaal}"
