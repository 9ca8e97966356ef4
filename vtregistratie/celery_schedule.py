"""The Celery beat schedule, defined in code.

django-celery-beat's DatabaseScheduler copies these entries into its tables when beat starts,
so they show up in the admin; this file stays the single source of truth.
"""

BEAT_SCHEDULE: dict = {}
