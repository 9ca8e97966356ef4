"""The invariant check: the counts equal the raw registrations for every key that is not stale.

Compares every declared dimension of every count table at once (rapportage/tellingen/dimensies.py): the registrations
grouped by the declaration against the stored rows, in the database (``EXCEPT`` both ways), so only the
mismatching rows come back to Python, however many registrations there are.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection
from django.db.models import BooleanField, Sum

from kwartalen.kwartaal import Kwartaal
from kwartalen.models import VerouderdeSleutel
from rapportage.tellingen.dimensies import BRONNEN, SOORT, TELTABELLEN, VOLGTABELLEN, Teltabel, tel_query
from rapportage.tellingen.services.herberekening import kwartalen_tussen, registratieperiode


@dataclass(frozen=True)
class Afwijking:
    organisatie_id: int
    jaar: int
    kwartaal: int
    wat: str
    telling: int
    werkelijk: int


def _rijen(sql: str, params: tuple, min_sql: str, min_params: tuple) -> dict[tuple, int]:
    """The rows of one query that are not rows of the other: dimension values -> aantal."""
    # Both parts are compiled by the ORM, every value is a parameter.
    verschil = f"SELECT * FROM ({sql}) a EXCEPT SELECT * FROM ({min_sql}) b"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(verschil, (*params, *min_params))
        return {tuple(rij[:-1]): int(rij[-1]) for rij in cursor.fetchall()}


def _normaal(tabel: Teltabel, sleutel: tuple) -> tuple:
    """Database values in one form: PostgreSQL returns the year as a decimal, SQLite booleans as 0/1."""
    return tuple(
        None if waarde is None else bool(waarde) if isinstance(tabel.model._meta.get_field(naam), BooleanField)
        else int(waarde) if naam in ("jaar", "kwartaal", "organisatie_id") else waarde
        for naam, waarde in zip(tabel.kolommen, sleutel, strict=True)
    )


def afwijkingen_in(tabel: Teltabel) -> list[Afwijking]:
    """Where the stored rows of ``tabel`` differ from the registrations grouped by its declaration."""
    delen = [deel for soort in tabel.bronnen for deel in _delen(tabel, soort)]
    werkelijk = " UNION ALL ".join(sql for sql, _ in delen), tuple(p for _, params in delen for p in params)
    kolommen = tabel.kolommen
    geteld = tabel.model.objects.order_by().values(*kolommen).annotate(n=Sum("aantal")).values_list(*kolommen, "n")
    geteld = geteld.query.sql_with_params()
    te_weinig = {_normaal(tabel, k): n for k, n in _rijen(*werkelijk, *geteld).items()}
    te_veel = {_normaal(tabel, k): n for k, n in _rijen(*geteld, *werkelijk).items()}
    verouderd = set(VerouderdeSleutel.objects.values_list("organisatie_id", "jaar", "kwartaal"))
    plaats = [tabel.kolommen.index(n) for n in ("organisatie_id", "jaar", "kwartaal")]
    uit = []
    for sleutel in sorted(set(te_weinig) | set(te_veel), key=str):
        org, jaar, kw = (sleutel[i] for i in plaats)
        if (org, jaar, kw) in verouderd:
            continue
        uit.append(Afwijking(org, jaar, kw, _omschrijf(tabel, sleutel), te_veel.get(sleutel, 0),
                             te_weinig.get(sleutel, 0)))
    return uit


def _delen(tabel: Teltabel, soort: str) -> list[tuple[str, tuple]]:
    """The grouped rows of one source; a stock for every quarter the rollup covers (the period with registrations,
    and any quarter that has stock rows)."""
    if not BRONNEN[soort].is_voorraad:
        return [tel_query(tabel, soort)]
    kwartalen = set(kwartalen_tussen(*periode)) if (periode := registratieperiode()) else set()
    kwartalen |= {Kwartaal(j, k) for j, k in tabel.model.objects.filter(kwartaal__range=(1, 4))
                  .values_list("jaar", "kwartaal").distinct()}
    return [tel_query(tabel, soort, peil=kw) for kw in sorted(kwartalen)] or [
        tel_query(tabel, soort, peil=Kwartaal(1, 1))]


def _omschrijf(tabel: Teltabel, sleutel: tuple) -> str:
    waarden = dict(zip(tabel.kolommen, sleutel, strict=True))
    soort = [str(waarden[SOORT.naam])] if SOORT.naam in waarden else [tabel.model.__name__]
    return "/".join(soort + [f"{d.naam}={waarden[d.naam]}" for d in tabel.kenmerken if d is not SOORT])


def controleer_tellingen() -> list[Afwijking]:
    """Every mismatch between the counts and the registrations, on every dimension of every count table."""
    return [afwijking for tabel in (*TELTABELLEN, *VOLGTABELLEN) for afwijking in afwijkingen_in(tabel)]
