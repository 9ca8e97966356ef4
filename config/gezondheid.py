"""Health of the parts the application depends on, for monitoring: database, broker, stale counts."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db import connection
from django.db.models import Min
from django.utils import timezone
from kombu import Connection

from kwartalen.models import VerouderdeSleutel


@dataclass
class Gezondheid:
    database: bool
    broker: bool
    oudste_verouderde_sleutel_sec: int | None
    verouderde_sleutels: int

    @property
    def gezond(self) -> bool:
        return self.database and self.broker


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:  # any failure means: not healthy
        return False


def _broker_ok(timeout: float = 2.0) -> bool:
    try:
        with Connection(settings.CELERY_BROKER_URL, connect_timeout=timeout) as verbinding:
            verbinding.ensure_connection(max_retries=1, timeout=timeout)
        return True
    except Exception:  # any failure means: not healthy
        return False


def gezondheid() -> Gezondheid:
    database = _database_ok()
    oudste, aantal = None, 0
    if database:
        stats = VerouderdeSleutel.objects.aggregate(oudste=Min("sinds"))
        aantal = VerouderdeSleutel.objects.count()
        if stats["oudste"]:
            oudste = int((timezone.now() - stats["oudste"]).total_seconds())
    return Gezondheid(database=database, broker=_broker_ok(), oudste_verouderde_sleutel_sec=oudste,
                      verouderde_sleutels=aantal)
