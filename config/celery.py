"""The Celery application. Configuration comes from Django settings with the ``CELERY_`` prefix."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("vtregistratie")
app.config_from_object("django.conf:settings", namespace="CELERY")
# The installed apps' tasks modules; the reporting subdomains' own tasks modules are loaded by RapportageConfig.
app.autodiscover_tasks()
