"""The Celery beat schedule, defined in code.

django-celery-beat's DatabaseScheduler copies these entries into its tables when beat starts,
so they show up in the admin; this file stays the single source of truth.
"""

from celery.schedules import crontab

BEAT_SCHEDULE: dict = {
    # Recompute whatever is still stale: a lost message or a dead worker only delays a count.
    "tellingen-veeg-verouderde": {"task": "rapportage.veeg_verouderde", "schedule": 60.0},
    "tellingen-nachtelijke-herberekening": {
        "task": "rapportage.herbereken_open_kwartalen",
        "schedule": crontab(hour=2, minute=30),
    },
    # The waiting list is a stock as of each quarter's last day: at a quarter's start, recount the ended quarter and
    # the new one for every organisation, since time passing alone marks nothing stale (docs/rollup.md).
    "tellingen-kwartaalwissel": {
        "task": "rapportage.kwartaalwissel",
        "schedule": crontab(minute=5, hour=0, day_of_month=1, month_of_year="1,4,7,10"),
    },
    "tellingen-controle": {"task": "rapportage.controleer_tellingen", "schedule": crontab(hour=4, minute=0)},
    # CBS delivery: daily, so an organisation that closes its quarters late is picked up the next morning; the
    # service itself waits for the creation day (CBS_AANLEVERING_WERKDAG) and never makes a version twice.
    "cbs-aanleveringen": {"task": "rapportage.maak_geplande_aanleveringen", "schedule": crontab(hour=6, minute=15)},
}
