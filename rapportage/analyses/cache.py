"""The analysis cache: an analysis only changes when its inputs change, so it is computed once per version of them.

The inputs are the counts (every recompute raises its quarters' ``KwartaalStatus.telversie`` in its own
transaction) and everything else an analysis reads — quarter states, reference data, data-quality notes,
imported history — which raises ``Invoerversie`` (rapportage/analyses/signalen.py). The cache key holds that
version, read in one query for the analysed years, so a change makes every older entry unreachable: nothing
has to be deleted, and a cache per process (the default) is as correct as a shared one (Redis, ``CACHE_URL``).

Why a sum and not a maximum: two recomputes can commit in the other order than they started; a sum grows
with every commit, a maximum of ids or times may not. The version is read before the analysis, so an entry
holds at least everything its version says.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from functools import cache as eenmalig
from pathlib import Path
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.utils import timezone, translation

from kwartalen.models import KwartaalStatus
from rapportage import onthulling
from rapportage.analyses.filters import Filters
from rapportage.analyses.models import Invoerversie
from rapportage.analyses.tabel import toon

T = TypeVar("T")
logger = logging.getLogger(__name__)
# Unreachable entries expire on their own; this also bounds how long a cache of any kind holds one.
BEWAARTIJD = 60 * 60


@eenmalig
def codeversie() -> str:
    """A hash of the code and templates that make a cached value, so a shared cache never hands a new
    release the pickled objects or HTML of an old one."""
    basis = Path(settings.BASE_DIR)
    bestanden = sorted([*basis.glob("rapportage/analyses/*.py"), basis / "rapportage/onthulling.py",
                        *basis.glob("templates/rapportage/analyses/*.html")])
    inhoud = hashlib.sha256()
    for bestand in bestanden:
        inhoud.update(bestand.read_bytes())
    return inhoud.hexdigest()[:12]


def invoerversie(van_jaar: int, tot_jaar: int) -> str:
    """The version of everything an analysis of these years reads, in one query.

    Only the counts of the analysed years are read (rapportage/analyses/gegevens.py), so registrations
    in the current quarter do not make an analysis of earlier years compute again.
    """
    kwartaal, invoer = KwartaalStatus._meta.db_table, Invoerversie._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT count(*), coalesce(sum(telversie), 0), (SELECT coalesce(max(versie), 0) FROM {invoer}) "
            f"FROM {kwartaal} WHERE jaar BETWEEN %s AND %s",
            [van_jaar, tot_jaar],
        )
        return "-".join(str(waarde) for waarde in cursor.fetchone())


def verhoog_invoerversie() -> None:
    """Call inside the transaction of a change to an input of the analyses other than the counts.

    One upsert, so two first changes at the same moment cannot lose one raise."""
    tabel = Invoerversie._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {tabel} (id, versie) VALUES (1, 1) "
                       f"ON CONFLICT (id) DO UPDATE SET versie = {tabel}.versie + 1")


def bewaard(soort: str, filters: Filters, onderdelen: tuple, maak: Callable[[], T]) -> T:
    """The cached value for ``filters`` and ``onderdelen`` at the current version of the inputs of the
    analysed years, in the current language and on the current day, made with ``maak`` when missing.

    ``onderdelen`` must hold everything else the value depends on (the analysis, the viewer's disclosure
    scope); its ``repr`` is part of the key. The day is in the key because which quarters are over, and so
    complete, depends on it.
    """
    versie = invoerversie(filters.van_jaar, filters.tot_jaar)
    omstandigheden = (codeversie(), onthulling.parameters(), versie, translation.get_language(), timezone.localdate())
    sleutel = hashlib.sha256(repr((omstandigheden, filters, onderdelen)).encode()).hexdigest()
    sleutel = f"analyse:{soort}:{sleutel}"
    try:
        waarde = cache.get(sleutel)
    except Exception:  # the shared cache (Redis) is down: compute, as without a cache
        logger.warning("analysis cache unavailable; computing", exc_info=True)
        return maak()
    if waarde is None:
        waarde = maak()
        try:
            cache.set(sleutel, waarde, BEWAARTIJD)
        except Exception:
            logger.warning("analysis cache unavailable; not kept", exc_info=True)
    return waarde


def getoonde_analyse(sleutel: str, selector: Callable, filters: Filters, *, eigen_organisatie: int | None):
    """The protected result of one analysis for one disclosure scope, from the cache when it is current."""
    return bewaard("getoond", filters, (sleutel, eigen_organisatie),
                   lambda: toon(selector(filters), eigen_organisatie=eigen_organisatie))
