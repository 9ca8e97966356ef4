"""Celery task of the CBS delivery. Thin and idempotent: the service makes nothing twice."""

from celery import shared_task

from rapportage.cbs.services import maak_geplande_aanleveringen


@shared_task(name="rapportage.maak_geplande_aanleveringen", soft_time_limit=3000, time_limit=3300)
def maak_geplande_aanleveringen_taak() -> list[int]:
    """Daily from beat: on or after the creation day of the last ended half-year, create and validate the
    missing deliveries of every organisation whose two quarters are closed. Returns the new IDs."""
    return [aanlevering.pk for aanlevering in maak_geplande_aanleveringen()]
