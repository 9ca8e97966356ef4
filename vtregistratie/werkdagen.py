"""Dutch working days: Monday to Friday except national public holidays (the ``holidays`` package).

Used for the legal term of the veiligheidsbeoordeling: within 5 working days after receipt.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

import holidays


@lru_cache(maxsize=64)
def _feestdagen(jaar: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("NL", years=jaar))


def is_werkdag(dag: date) -> bool:
    return dag.weekday() < 5 and dag not in _feestdagen(dag.year)


def plus_werkdagen(dag: date, aantal: int) -> date:
    """The date ``aantal`` working days after ``dag`` (``dag`` itself does not count)."""
    if aantal < 0:
        raise ValueError("aantal must be zero or more")
    while aantal:
        dag += timedelta(days=1)
        if is_werkdag(dag):
            aantal -= 1
    return dag


def werkdagen_tussen(van: date, tot: date) -> int:
    """Working days after ``van`` up to and including ``tot``; negative when ``tot`` lies before ``van``."""
    if tot < van:
        return -werkdagen_tussen(tot, van)
    aantal, dag = 0, van
    while dag < tot:
        dag += timedelta(days=1)
        aantal += is_werkdag(dag)
    return aantal
