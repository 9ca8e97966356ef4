"""Gapless, per-organisation, per-year record numbers such as ``A-2025-000123``."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection, transaction

from vtregistratie.models import Nummerreeks, Organisatie


@dataclass(frozen=True)
class Nummer:
    jaar: int
    volgnummer: int
    tekst: str


# One statement: create the counter at 1 or raise it by one. The row lock it takes is held until the
# registering transaction ends, so numbers stay gapless and are handed out one at a time per counter.
_VOLGENDE = (
    f"INSERT INTO {Nummerreeks._meta.db_table} (organisatie_id, prefix, jaar, laatste) VALUES (%s, %s, %s, 1) "
    f"ON CONFLICT (organisatie_id, prefix, jaar) DO UPDATE SET laatste = {Nummerreeks._meta.db_table}.laatste + 1 "
    "RETURNING laatste"
)


def volgend_nummer(*, organisatie: Organisatie, prefix: str, jaar: int) -> Nummer:
    """Hand out the next number. Must run inside the transaction that stores the record."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("volgend_nummer must run inside the registering transaction")
    with connection.cursor() as cursor:
        cursor.execute(_VOLGENDE, [organisatie.pk, prefix, jaar])
        (laatste,) = cursor.fetchone()
    return Nummer(jaar=jaar, volgnummer=laatste, tekst=nummertekst(prefix, jaar, laatste))


def nummertekst(prefix: str, jaar: int, volgnummer: int) -> str:
    """``A-2025-000012``: the one way a number is written."""
    return f"{prefix}-{jaar}-{volgnummer:06d}"
