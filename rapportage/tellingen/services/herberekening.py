"""The rollup: recompute the counts of (organisation, quarter) keys, set-based in the database.

One transaction per run, for one key or a range of keys: lock the keys' quarter-state rows (so
runs on one key are serialised), clear their stale marks, delete their counts and
``INSERT … SELECT … GROUP BY`` them again, compiled from the declaration of the count
dimensions (rapportage/tellingen/dimensies.py). Readers
see the old counts or the new ones, never half. Idempotent: running it twice gives the same rows.

Why the stale mark is cleared *first*: a registration change marks its key with an upsert that
row-locks the mark. If that change is still uncommitted, our DELETE of the mark waits for it, and
our count then sees it; if it comes later, it writes a fresh mark after our commit. Either way no
change is lost (docs/rollup.md).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from datetime import date, timedelta

from django.db import connection, transaction
from django.db.models import Count, F, Max, Min, Q
from django.utils import timezone

from kwartalen.kwartaal import Kwartaal
from kwartalen.models import KwartaalStatus, VerouderdeSleutel
from kwartalen.verouderd import markeer_verouderd
from rapportage.tellingen.dimensies import (
    BRONNEN,
    TELTABELLEN,
    VOLGTABELLEN,
    Teltabel,
    tel_query,
    teldatum_in,
    van_organisaties,
)
from rapportage.tellingen.models import Herberekening
from vtregistratie.models import Organisatie

logger = logging.getLogger(__name__)

def _in_bereik(van: Kwartaal, tot: Kwartaal) -> Q:
    return (Q(jaar__gt=van.jaar) | Q(jaar=van.jaar, kwartaal__gte=van.kwartaal)) & (
        Q(jaar__lt=tot.jaar) | Q(jaar=tot.jaar, kwartaal__lte=tot.kwartaal)
    )


def _vergrendel(organisatie_ids: list[int], van: Kwartaal, tot: Kwartaal) -> None:
    """Row-lock the quarter-state rows of every key in the range, so runs on one key are serialised,
    and raise their count version.

    ``FOR NO KEY UPDATE``: it conflicts with another recompute's lock and with closing (``FOR UPDATE``), but
    not with the ``FOR KEY SHARE`` every registration takes (kwartalen/staat.py), so registrations do not
    wait for a recompute, not even for a full rebuild of every key."""
    KwartaalStatus.objects.bulk_create(
        [KwartaalStatus(organisatie_id=o, jaar=kw.jaar, kwartaal=kw.kwartaal)
         for o in organisatie_ids for kw in kwartalen_tussen(van, tot)],
        ignore_conflicts=True,
    )
    rijen = KwartaalStatus.objects.filter(_in_bereik(van, tot), organisatie_id__in=organisatie_ids)
    vergrendeld = rijen.select_for_update(no_key=True).order_by("organisatie_id", "jaar", "kwartaal")
    list(vergrendeld.values_list("pk", flat=True))
    # New counts: a new version for the analysis cache (rapportage/analyses/cache.py).
    rijen.update(telversie=F("telversie") + 1)


Organisaties = tuple[str, tuple[int, ...]]  # ("lte", (highest id,)) or ("in", ids)


def organisatiefilter(organisatie_ids: list[int]) -> Organisaties:
    """The rows of these organisations. For every organisation the condition is ``<=`` the highest id, which
    PostgreSQL reads in one pass over the table instead of one index scan per organisation; an organisation
    added during the run has a higher id and stays out of it."""
    if set(organisatie_ids) >= set(Organisatie.objects.values_list("pk", flat=True)):
        return "lte", (max(organisatie_ids),)
    return "in", tuple(organisatie_ids)


def _van(organisaties: Organisaties, soort: str) -> Q:
    vorm, ids = organisaties
    return van_organisaties(soort, lte=ids[0]) if vorm == "lte" else van_organisaties(soort, in_=ids)


def _waar(organisaties: Organisaties, soort: str, van: date, tot: date) -> Q:
    return _van(organisaties, soort) & teldatum_in(soort, van, tot)


def teltabellen() -> tuple[Teltabel, ...]:
    """Every count table the rollup writes and the check compares: the registrations' and the follow-up's."""
    return (*TELTABELLEN, *VOLGTABELLEN)


_SJABLONEN: dict[tuple, tuple[Teltabel, str, tuple, list]] = {}
_VAN, _TOT = date(1, 1, 1), date(1, 1, 2)  # stand-ins while compiling a template


def _statement(tabel: Teltabel, soort: str, organisaties: Organisaties, van: date, tot: date) -> tuple[str, tuple]:
    """``tel_query`` over a range. Compiling the ORM query costs more CPU than running it for one key, so it is
    compiled once per table, soort and shape of the filter, with stand-in values whose parameters are then
    replaced by the real ones."""
    vorm, ids = organisaties
    sleutel = (id(tabel), soort, vorm, len(ids), connection.vendor)
    sjabloon = _SJABLONEN.get(sleutel)
    if sjabloon is None or sjabloon[0] is not tabel:
        plaatsen = tuple(-(i + 1) for i in range(len(ids)))  # no organisation has a negative id
        sql, params = tel_query(tabel, soort, _waar((vorm, plaatsen), soort, _VAN, _TOT))
        rollen = {**{p: i for i, p in enumerate(plaatsen)},
                  **{connection.ops.adapt_datefield_value(d): naam for d, naam in ((_VAN, "van"), (_TOT, "tot"))}}
        posities = [(j, rollen[p]) for j, p in enumerate(params)
                    if not isinstance(p, bool) and isinstance(p, int | str | date) and p in rollen]
        if len(posities) != len(ids) + 2:
            raise RuntimeError(f"cannot make a template of {sql}")
        sjabloon = _SJABLONEN[sleutel] = (tabel, sql, params, posities)
    _, sql, params, posities = sjabloon
    waarden = list(params)
    for j, rol in posities:
        waarden[j] = (connection.ops.adapt_datefield_value(van if rol == "van" else tot) if isinstance(rol, str)
                      else ids[rol])
    return sql, tuple(waarden)


def tel_statements(organisaties: Organisaties, van: Kwartaal, tot: Kwartaal, *, alleen: Teltabel | None = None
                   ) -> list[tuple[Teltabel, str, tuple]]:
    """The rollup's ``SELECT … GROUP BY`` per count table and source over a range, compiled from the declaration
    (rapportage/tellingen/dimensies.py); benchmarks/rollup.py times the same statements as the rollup's lower
    limit. A stock (the waiting list) is one statement per quarter, as of its last day."""
    statements = []
    for tabel in teltabellen():
        if alleen not in (None, tabel):
            continue
        for soort in tabel.bronnen:
            if BRONNEN[soort].is_voorraad:
                statements += [(tabel, *tel_query(tabel, soort, _van(organisaties, soort), peil=kw))
                               for kw in kwartalen_tussen(van, tot)]
            else:
                statements.append((tabel, *_statement(tabel, soort, organisaties, van.begin, tot.einde)))
    return statements


def _tel(cursor, tabel: Teltabel, organisaties: Organisaties, van: Kwartaal, tot: Kwartaal) -> None:
    """``INSERT … SELECT`` the counts of one table over the range, one statement per soort."""
    for _, sql, params in tel_statements(organisaties, van, tot, alleen=tabel):
        cursor.execute(f"INSERT INTO {tabel.model._meta.db_table} ({', '.join(tabel.kolommen)}, aantal) {sql}",
                       params)


def _planner_instellingen(cursor, aantal_sleutels: int) -> None:
    """PostgreSQL settings for this transaction only. The planner takes every registration to hold 100
    aarden. A range of keys therefore gets hash aggregation instead of a sort of 100 rows per registration
    (which spilled to disk: at 1,000,000 registrations 20 s instead of 8 s for the aard rows), and room to
    group in memory (the default 4 MB spills to disk). One key gets no JIT: the planner expects a big query
    and spends more time compiling it (~30 ms) than running it."""
    if connection.vendor != "postgresql":
        return
    if aantal_sleutels > 1:
        cursor.execute(f"SET LOCAL work_mem = '{REKENGEHEUGEN}'")
        cursor.execute("SET LOCAL enable_sort = off")
    else:
        cursor.execute("SET LOCAL jit = off")


def _rijen_per_sleutel(bereik: Q, organisatie_ids: list[int]) -> dict[tuple, int]:
    rijen: dict[tuple, int] = {}
    for model in (tabel.model for tabel in teltabellen()):
        for org, jaar, kw, n in (
            model.objects.filter(bereik, organisatie_id__in=organisatie_ids)
            .values("organisatie_id", "jaar", "kwartaal").annotate(n=Count("id"))
            .values_list("organisatie_id", "jaar", "kwartaal", "n")
        ):
            rijen[(org, jaar, kw)] = rijen.get((org, jaar, kw), 0) + n
    return rijen


REKENGEHEUGEN = "64MB"  # per sort or hash, for the recompute's transaction only
STAPPEN = ("vergrendelen", "opruimen", *(f"tellen {tabel.model._meta.db_table}" for tabel in (*TELTABELLEN,
                                                                                              *VOLGTABELLEN)),
           "logboek")


def herbereken_bereik(
    *, organisatie_ids: list[int], van: Kwartaal, tot: Kwartaal, aanleiding: str = "taak",
    voortgang: Callable[[str], None] | None = None,
) -> list[Herberekening]:
    """Recompute every key of some organisations over a range of quarters, in one transaction.

    One statement per table and soort over the whole range comes close to the same statements without writing
    (benchmarks/rollup.py); per-key statements are much slower in bulk. On failure the previous
    counts stay, the runs are logged as failed and the error is re-raised. ``voortgang`` is
    called after each of ``STAPPEN``.
    """
    stap = voortgang or (lambda naam: None)
    gestart, t0 = timezone.now(), time.perf_counter()
    sleutels = [(o, kw) for o in organisatie_ids for kw in kwartalen_tussen(van, tot)]
    bereik = _in_bereik(van, tot)

    def log(status, rijen=None, fout=""):
        klaar, duur = timezone.now(), int((time.perf_counter() - t0) * 1000)
        return Herberekening.objects.bulk_create([
            Herberekening(organisatie_id=o, jaar=kw.jaar, kwartaal=kw.kwartaal, aanleiding=aanleiding,
                          gestart_op=gestart, klaar_op=klaar, duur_ms=duur, status=status, fout=fout,
                          rijen=None if rijen is None else rijen.get((o, kw.jaar, kw.kwartaal), 0))
            for o, kw in sleutels
        ])

    try:
        with transaction.atomic():
            _vergrendel(organisatie_ids, van, tot)
            stap(STAPPEN[0])
            binnen = {"organisatie_id__in": organisatie_ids}
            VerouderdeSleutel.objects.filter(bereik, **binnen).delete()
            for tabel in teltabellen():
                tabel.model.objects.filter(bereik, **binnen).delete()
            stap(STAPPEN[1])
            with connection.cursor() as cursor:
                _planner_instellingen(cursor, len(sleutels))
                organisaties = organisatiefilter(organisatie_ids)
                for i, tabel in enumerate(teltabellen()):
                    _tel(cursor, tabel, organisaties, van, tot)
                    stap(STAPPEN[2 + i])
            runs = log(Herberekening.Status.GELUKT, rijen=_rijen_per_sleutel(bereik, organisatie_ids))
            stap(STAPPEN[-1])
            return runs
    except Exception as exc:
        logger.exception("recompute of %s %s..%s failed", organisatie_ids, van, tot)
        log(Herberekening.Status.MISLUKT, fout=f"{type(exc).__name__}: {exc}"[:2000])
        raise


def herbereken(*, organisatie_id: int, kwartaal: Kwartaal, aanleiding: str = "taak") -> Herberekening:
    """Recompute one key (organisation, quarter)."""
    return herbereken_bereik(organisatie_ids=[organisatie_id], van=kwartaal, tot=kwartaal, aanleiding=aanleiding)[0]


def herbereken_als_verouderd(*, organisatie_id: int, kwartaal: Kwartaal, aanleiding: str = "taak"
                             ) -> Herberekening | None:
    """Recompute one key if it is still marked stale (the task enqueued by a change); else do nothing.

    No mark means a recompute cleared it after the change that enqueued us had committed (a mark that
    recompute is still clearing is visible to us until it commits), so that change is counted.
    """
    if not VerouderdeSleutel.objects.filter(organisatie_id=organisatie_id, jaar=kwartaal.jaar,
                                            kwartaal=kwartaal.kwartaal).exists():
        return None
    return herbereken(organisatie_id=organisatie_id, kwartaal=kwartaal, aanleiding=aanleiding)


def herbereken_verouderde(*, aanleiding: str = "sweep", voortgang: Callable[[], None] | None = None) -> int:
    """Recompute every key that is still marked stale (the sweep). Returns the number of keys done."""
    sleutels = list(VerouderdeSleutel.objects.order_by("sinds").values_list("organisatie_id", "jaar", "kwartaal"))
    for organisatie_id, jaar, kw in sleutels:
        herbereken(organisatie_id=organisatie_id, kwartaal=Kwartaal(jaar, kw), aanleiding=aanleiding)
        if voortgang:
            voortgang()
    return len(sleutels)


def registratieperiode() -> tuple[Kwartaal, Kwartaal] | None:
    grenzen = [bron.model.objects.aggregate(van=Min(bron.teldatum), tot=Max(bron.teldatum))
               for bron in BRONNEN.values() if not bron.is_voorraad]
    vanaf = [g["van"] for g in grenzen if g["van"]]
    tot = [g["tot"] for g in grenzen if g["tot"]]
    if not vanaf:
        return None
    laatste = Kwartaal.van_datum(max(tot))
    # A stock (the waiting list) counts in every quarter until it ends, also in quarters without registrations.
    nu = Kwartaal.van_datum(timezone.localdate())
    if laatste < nu and any(bron.model.objects.filter(bron.filter(), bron.peil(nu)).exists()
                            for bron in BRONNEN.values() if bron.is_voorraad):
        laatste = nu
    return Kwartaal.van_datum(min(vanaf)), laatste


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
    periode = registratieperiode()
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
    voortgang: Callable[[str], None] | None = None,
) -> int:
    """Recompute every key in a range (by default: everything that has registrations) in one
    transaction. Returns the number of keys."""
    alle = sleutels(organisaties=organisaties, van=van, tot=tot)
    if not alle:
        return 0
    organisatie_ids = sorted({o for o, _ in alle})
    van, tot = min(kw for _, kw in alle), max(kw for _, kw in alle)
    herbereken_bereik(organisatie_ids=organisatie_ids, van=van, tot=tot, aanleiding=aanleiding, voortgang=voortgang)
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


def markeer_kwartaalwissel(*, vandaag: date | None = None) -> int:
    """At the start of a quarter, mark the quarter that just ended and the one that begins stale for every
    organisation (the beat task ``rapportage.kwartaalwissel``). The waiting list is a stock as of a quarter's last
    day: a melding that keeps waiting is in the new quarter's stock without any registration that would mark it,
    and time passing alone changes no row. The sweep then recomputes both keys. Returns the number of keys."""
    vandaag = vandaag or timezone.localdate()
    nieuw = Kwartaal.van_datum(vandaag)
    vorig = Kwartaal.van_datum(nieuw.begin - timedelta(days=1))
    organisaties = list(Organisatie.objects.order_by("pk"))
    with transaction.atomic():
        for organisatie in organisaties:
            markeer_verouderd(organisatie=organisatie, datums=[vorig.begin, nieuw.begin])
    return 2 * len(organisaties)

