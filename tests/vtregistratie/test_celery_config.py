"""The effective Celery configuration: what the worker really runs with, not what settings say."""

from celery.app.defaults import DEFAULTS
from django.conf import settings

from config.celery import app


def test_every_celery_setting_is_a_known_celery_key():
    # A misspelled CELERY_* setting would be silently ignored by Celery; fail here instead.
    bekend = {key.lower() for key in DEFAULTS}
    onbekend = [
        naam for naam in dir(settings) if naam.startswith("CELERY_") and naam[len("CELERY_"):].lower() not in bekend
    ]
    assert onbekend == []


def test_effective_configuration_follows_the_design():
    conf = app.conf
    assert conf.task_serializer == "json"
    assert conf.result_serializer == "json"
    assert list(conf.accept_content) == ["json"]
    assert conf.task_acks_late is True
    assert conf.task_reject_on_worker_lost is True
    assert conf.worker_prefetch_multiplier == 1
    assert 0 < conf.task_soft_time_limit < conf.task_time_limit
    assert conf.beat_scheduler == "django_celery_beat.schedulers:DatabaseScheduler"
    assert conf.timezone == "Europe/Amsterdam"


def test_beat_schedule_names_only_registered_tasks():
    app.loader.import_default_modules()
    for naam, entry in app.conf.beat_schedule.items():
        assert entry["task"] in app.tasks, naam


def test_beat_sweeps_stale_counts_every_minute_and_rebuilds_nightly():
    schedule = {entry["task"]: entry["schedule"] for entry in app.conf.beat_schedule.values()}
    assert schedule["rapportage.veeg_verouderde"] == 60.0
    assert "rapportage.herbereken_open_kwartalen" in schedule
    assert "rapportage.controleer_tellingen" in schedule
