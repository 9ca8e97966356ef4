"""The rollup: recompute the counts of one (organisation, quarter), set-based in the database.

One transaction per key: lock the key's quarter-state row (so runs of one key are serialised),
clear its stale mark, delete its counts and ``INSERT … SELECT … GROUP BY`` them again. Readers
see the old counts or the new ones, never half. Idempotent: running it twice gives the same rows.

Why the stale mark is cleared *first*: a registration change marks its key with an upsert that
row-locks the mark. If that change is still uncommitted, our DELETE of the mark waits for it, and
our count then sees it; if it comes later, it writes a fresh mark after our commit. Either way no
change is lost (DESIGN.md §5).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable

from django.db import connection, transaction
from django.db.models import Max, Min
from django.utils import timezone

from adviezen.models import Advies
from meldingen.models import Melding
from rapportage.kwartaal import Kwartaal
from rapportage.models import Herberekening, KwartaalStatus, Telling, TellingAard, VerouderdeSleutel
from vtregistratie.models import Organisatie

logger = logging.getLogger(__name__)

_CATEGORIE = "CASE WHEN beroepsmatig THEN melder_organisatietype ELSE melder_relatie END"
_TELLING_KOLOMMEN = (
    "organisatie_id, jaar, kwartaal, gemeente_code, soort, melder_groep, melder_categorie, crisis, beoordeling, "
    "eerdere_betrokkenheid, binnen_termijn, aantal"
)


def _sql_telling() -> str:
    sleutel = "%(organisatie)s, %(jaar)s, %(kwartaal)s"
    return f"""
        INSERT INTO {Telling._meta.db_table} ({_TELLING_KOLOMMEN})
        SELECT {sleutel}, COALESCE(gemeente_code, ''), 'advies', melder_groep, {_CATEGORIE}, FALSE, '', '', NULL,
               COUNT(*)
          FROM {Advies._meta.db_table}
         WHERE organisatie_id = %(organisatie)s AND startdatum >= %(begin)s AND startdatum < %(einde)s
         GROUP BY COALESCE(gemeente_code, ''), melder_groep, {_CATEGORIE}
        UNION ALL
        SELECT {sleutel}, COALESCE(gemeente_code, ''), 'melding', melder_groep, {_CATEGORIE}, acute_onveiligheid,
               CASE WHEN beoordeling_datum IS NULL THEN 'nog_niet_beoordeeld' ELSE beoordeling_uitkomst END,
               eerdere_betrokkenheid,
               CASE WHEN beoordeling_datum IS NULL THEN NULL
                    WHEN beoordeling_datum <= beoordelingstermijn THEN TRUE ELSE FALSE END,
               COUNT(*)
          FROM {Melding._meta.db_table}
         WHERE organisatie_id = %(organisatie)s AND ontvangstdatum >= %(begin)s AND ontvangstdatum < %(einde)s
         GROUP BY COALESCE(gemeente_code, ''), melder_groep, {_CATEGORIE}, acute_onveiligheid,
                  CASE WHEN beoordeling_datum IS NULL THEN 'nog_niet_beoordeeld' ELSE beoordeling_uitkomst END,
                  eerdere_betrokkenheid,
                  CASE WHEN beoordeling_datum IS NULL THEN NULL
                       WHEN beoordeling_datum <= beoordelingstermijn THEN TRUE ELSE FALSE END
    """


def _uitpakken(tabel_alias: str) -> tuple[str, str]:
    """FROM-clause fragment that unnests the JSON list ``aard`` into one row per code, and the code column."""
    if connection.vendor == "postgresql":
        return f"CROSS JOIN LATERAL jsonb_array_elements_text({tabel_alias}.aard) AS a(code)", "a.code"
    return f", json_each({tabel_alias}.aard) AS a", "a.value"


def _sql_aard() -> str:
    sleutel = "%(organisatie)s, %(jaar)s, %(kwartaal)s"
    delen = []
    for soort, model, datum in (("advies", Advies, "startdatum"), ("melding", Melding, "ontvangstdatum")):
        uitpakken, code = _uitpakken("r")
        delen.append(f"""
            SELECT {sleutel}, COALESCE(r.gemeente_code, ''), '{soort}', {code}, COUNT(*)
              FROM {model._meta.db_table} r {uitpakken}
             WHERE r.organisatie_id = %(organisatie)s AND r.{datum} >= %(begin)s AND r.{datum} < %(einde)s
             GROUP BY COALESCE(r.gemeente_code, ''), {code}
        """)
    kolommen = "organisatie_id, jaar, kwartaal, gemeente_code, soort, aard, aantal"
    return f"INSERT INTO {TellingAard._meta.db_table} ({kolommen}) " + " UNION ALL ".join(delen)


def _vergrendel_sleutel(organisatie_id: int, kwartaal: Kwartaal) -> None:
    KwartaalStatus.objects.bulk_create(
        [KwartaalStatus(organisatie_id=organisatie_id, jaar=kwartaal.jaar, kwartaal=kwartaal.kwartaal)],
        ignore_conflicts=True,
    )
    KwartaalStatus.objects.select_for_update().get(
        organisatie_id=organisatie_id, jaar=kwartaal.jaar, kwartaal=kwartaal.kwartaal
    )


def _tel_enkelvoudig(cursor, params: dict) -> int:
    cursor.execute(_sql_telling(), params)
    return cursor.rowcount


def _tel_aard(cursor, params: dict) -> int:
    cursor.execute(_sql_aard(), params)
    return cursor.rowcount


def herbereken(*, organisatie_id: int, kwartaal: Kwartaal, aanleiding: str = "taak") -> Herberekening:
    """Recompute one key. On failure the previous counts stay, the run is logged as failed and re-raised."""
    gestart, t0 = timezone.now(), time.perf_counter()
    sleutel = {"organisatie_id": organisatie_id, "jaar": kwartaal.jaar, "kwartaal": kwartaal.kwartaal}
    params = {**{"organisatie": organisatie_id, "jaar": kwartaal.jaar, "kwartaal": kwartaal.kwartaal},
              "begin": kwartaal.begin, "einde": kwartaal.einde}
    try:
        with transaction.atomic():
            _vergrendel_sleutel(organisatie_id, kwartaal)
            VerouderdeSleutel.objects.filter(**sleutel).delete()
            Telling.objects.filter(**sleutel).delete()
            TellingAard.objects.filter(**sleutel).delete()
            with connection.cursor() as cursor:
                rijen = _tel_enkelvoudig(cursor, params) + _tel_aard(cursor, params)
            return Herberekening.objects.create(
                **sleutel, aanleiding=aanleiding, gestart_op=gestart, klaar_op=timezone.now(),
                duur_ms=int((time.perf_counter() - t0) * 1000), rijen=rijen, status=Herberekening.Status.GELUKT,
            )
    except Exception as exc:
        logger.exception("recompute of %s %s failed", organisatie_id, kwartaal)
        Herberekening.objects.create(
            **sleutel, aanleiding=aanleiding, gestart_op=gestart, klaar_op=timezone.now(),
            duur_ms=int((time.perf_counter() - t0) * 1000), status=Herberekening.Status.MISLUKT,
            fout=f"{type(exc).__name__}: {exc}"[:2000],
        )
        raise


def herbereken_verouderde(*, aanleiding: str = "sweep", voortgang: Callable[[], None] | None = None) -> int:
    """Recompute every key that is still marked stale (the sweep). Returns the number of keys done."""
    sleutels = list(VerouderdeSleutel.objects.order_by("sinds").values_list("organisatie_id", "jaar", "kwartaal"))
    for organisatie_id, jaar, kw in sleutels:
        herbereken(organisatie_id=organisatie_id, kwartaal=Kwartaal(jaar, kw), aanleiding=aanleiding)
        if voortgang:
            voortgang()
    return len(sleutels)


def _registratieperiode() -> tuple[Kwartaal, Kwartaal] | None:
    a = Advies.objects.aggregate(van=Min("startdatum"), tot=Max("startdatum"))
    m = Melding.objects.aggregate(van=Min("ontvangstdatum"), tot=Max("ontvangstdatum"))
    vanaf = [d for d in (a["van"], m["van"]) if d]
    tot = [d for d in (a["tot"], m["tot"]) if d]
    if not vanaf:
        return None
    return Kwartaal.van_datum(min(vanaf)), Kwartaal.van_datum(max(tot))


def kwartalen_tussen(van: Kwartaal, tot: Kwartaal) -> list[Kwartaal]:
    kwartalen, kw = [], van
    while kw <= tot:
        kwartalen.append(kw)
        kw = kw.volgende()
    return kwartalen


def sleutels(
    *, organisaties: Iterable[Organisatie] | None = None, van: Kwartaal | None = None, tot: Kwartaal | None = None
) -> list[tuple[int, Kwartaal]]:
    """Every (organisation, quarter) in a range; by default the whole period that has registrations."""
    periode = _registratieperiode()
    if periode is None and (van is None or tot is None):
        return []
    van = van or periode[0]
    tot = tot or periode[1]
    org_ids = [o.pk for o in organisaties] if organisaties is not None else list(
        Organisatie.objects.order_by("code").values_list("pk", flat=True)
    )
    return [(org_id, kw) for org_id in org_ids for kw in kwartalen_tussen(van, tot)]


def herbereken_alles(
    *, organisaties=None, van: Kwartaal | None = None, tot: Kwartaal | None = None, aanleiding: str = "volledig",
    voortgang: Callable[[], None] | None = None,
) -> int:
    """Recompute every key in a range (by default: everything that has registrations)."""
    alle = sleutels(organisaties=organisaties, van=van, tot=tot)
    for organisatie_id, kwartaal in alle:
        herbereken(organisatie_id=organisatie_id, kwartaal=kwartaal, aanleiding=aanleiding)
        if voortgang:
            voortgang()
    return len(alle)


def herbereken_open_kwartalen(*, aanleiding: str = "nachtelijk") -> int:
    """The nightly rebuild: every key whose quarter is not ``definitief``."""
    definitief = set(
        KwartaalStatus.objects.filter(status="definitief").values_list("organisatie_id", "jaar", "kwartaal")
    )
    aantal = 0
    for organisatie_id, kwartaal in sleutels():
        if (organisatie_id, kwartaal.jaar, kwartaal.kwartaal) in definitief:
            continue
        herbereken(organisatie_id=organisatie_id, kwartaal=kwartaal, aanleiding=aanleiding)
        aantal += 1
    return aantal
