"""Gapless, per-organisation, per-year record numbers such as ``A-2025-000123``."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from vtregistratie.models import Nummerreeks, Organisatie


@dataclass(frozen=True)
class Nummer:
    jaar: int
    volgnummer: int
    tekst: str


def volgend_nummer(*, organisatie: Organisatie, prefix: str, jaar: int) -> Nummer:
    """Hand out the next number. Must run inside the transaction that stores the record."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("volgend_nummer must run inside the registering transaction")
    # Create the counter row if it is missing without racing another transaction doing the same.
    Nummerreeks.objects.bulk_create(
        [Nummerreeks(organisatie=organisatie, prefix=prefix, jaar=jaar)], ignore_conflicts=True
    )
    reeks = Nummerreeks.objects.select_for_update().get(organisatie=organisatie, prefix=prefix, jaar=jaar)
    reeks.laatste += 1
    reeks.save(update_fields=["laatste"])
    return Nummer(jaar=jaar, volgnummer=reeks.laatste, tekst=f"{prefix}-{jaar}-{reeks.laatste:06d}")
