"""The Celery application. Configuration comes from Django settings with the ``CELERY_`` prefix."""

import logging
import os

from celery import Celery
from celery.signals import worker_shutdown

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("vtregistratie")
app.config_from_object("django.conf:settings", namespace="CELERY")
# The installed apps' tasks modules; the reporting subdomains' own tasks modules are loaded by RapportageConfig.
app.autodiscover_tasks()


@worker_shutdown.connect
def _stop_zonder_sqlite_finalisatie(**kwargs):
    """With the embedded SQLite broker (``make run``), Python's own clean-up of its connections takes some 7 s
    after the worker has finished, longer than honcho waits before it kills: on Ctrl-C the worker would be
    killed instead of stopping. By now every task is finished and acknowledged, so exit at once."""
    if app.conf.broker_url.startswith("sqla+sqlite"):
        logging.shutdown()
        os._exit(0)
