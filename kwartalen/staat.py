"""The state of a quarter as the registration services see it: may its records still change?"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _

from kwartalen.kwartaal import Kwartaal
from kwartalen.models import KwartaalStatus
from vtregistratie.models import Organisatie
from vtregistratie.services.contact import Fouten

_TABEL = KwartaalStatus._meta.db_table
# Our own table name; every value goes in as a parameter.
_INVOEGEN = (
    f"INSERT INTO {_TABEL} (organisatie_id, jaar, kwartaal, status, toelichting, gewijzigd_op, telversie) "  # noqa: S608
    "VALUES (%s, %s, %s, 'open', '', %s, 0) ON CONFLICT (organisatie_id, jaar, kwartaal) DO NOTHING"
)
_LEZEN = f"SELECT jaar, kwartaal, status FROM {_TABEL} WHERE organisatie_id = %s AND (jaar, kwartaal) IN "  # noqa: S608


def kwartaal_status(*, organisatie: Organisatie, kwartaal: Kwartaal) -> str:
    """The state of a quarter; a quarter nobody closed is ``open``."""
    rij = KwartaalStatus.objects.filter(
        organisatie=organisatie, jaar=kwartaal.jaar, kwartaal=kwartaal.kwartaal
    ).values_list("status", flat=True).first()
    return rij or "open"


def controleer_kwartaal_open(fouten: Fouten, *, organisatie: Organisatie, datums: Iterable[date | None],
                             veld: str) -> None:
    """Records counted in a ``definitief`` quarter cannot be created, changed or deleted.

    Pass every date the change touches (the old and the new one when a date moves): their quarters stay
    share-locked until the transaction ends, so none of them can become definitief meanwhile."""
    datums = sorted({datum for datum in datums if datum is not None})
    statussen = vergrendel_kwartalen(organisatie_id=organisatie.pk, datums=datums)
    for datum in datums:
        if statussen.get(Kwartaal.van_datum(datum)) == "definitief":
            fouten.voeg_toe(
                veld,
                _("Het kwartaal van %(datum)s is definitief vastgesteld; registraties daarin kunnen niet meer "
                  "worden toegevoegd, gewijzigd of verwijderd.") % {"datum": datum.strftime("%d-%m-%Y")},
            )


def vergrendel_kwartalen(*, organisatie_id: int, datums: Iterable[date]) -> dict[Kwartaal, str]:
    """Share-lock the state rows of the quarters of these dates until the caller's transaction ends, and
    return their states. Every registration transaction calls this before it checks the state, so a
    quarter cannot become definitief while a change to it is under way: closing takes the row with
    ``FOR UPDATE`` and waits for the registrations that hold it, and a registration that comes while a
    quarter is being closed waits and then reads the new state.

    ``FOR KEY SHARE`` rather than ``FOR SHARE``: it conflicts with ``FOR UPDATE`` (closing) but not with a
    recompute's ``FOR NO KEY UPDATE`` and its row update raising ``telversie``, so registrations and
    recomputes do not queue behind each other. A missing row is inserted first (``ON CONFLICT DO
    NOTHING``: a concurrent insert wins and is then locked); a quarter with a row in the ``open`` state
    means the same as no row.
    On SQLite a writing transaction holds the database lock, which serialises writers anyway.
    """
    kwartalen = sorted({Kwartaal.van_datum(datum) for datum in datums})
    if not kwartalen:
        return {}
    statussen = _lees(organisatie_id, kwartalen)
    if len(statussen) < len(kwartalen):  # a quarter's first registration: once per quarter and organisation
        nu = timezone.now()
        ontbrekend = [kw for kw in kwartalen if kw not in statussen]
        with connection.cursor() as cursor:
            cursor.executemany(_INVOEGEN, [(organisatie_id, kw.jaar, kw.kwartaal, nu) for kw in ontbrekend])
        statussen = _lees(organisatie_id, kwartalen)
    return statussen


def _lees(organisatie_id: int, kwartalen: list[Kwartaal]) -> dict[Kwartaal, str]:
    sleutels = ", ".join(["(%s, %s)"] * len(kwartalen))
    slot = " FOR KEY SHARE" if connection.vendor == "postgresql" else ""
    with connection.cursor() as cursor:
        cursor.execute(
            f"{_LEZEN}({sleutels}){slot}",
            [organisatie_id, *[waarde for kw in kwartalen for waarde in (kw.jaar, kw.kwartaal)]],
        )
        return {Kwartaal(jaar, kw): status for jaar, kw, status in cursor.fetchall()}
