from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RapportageConfig(AppConfig):
    name = "rapportage"
    verbose_name = _("Rapportage")

    def ready(self):
        from rapportage.analyses import signalen  # noqa: F401 - connects the analysis cache's receivers

        # Every process (web, worker, beat) knows the subdomains' tasks, so a task enqueued by name runs the same
        # way everywhere (in-process too, with CELERY_TASK_ALWAYS_EAGER).
        from rapportage.cbs import tasks as _cbs_tasks  # noqa: F401
        from rapportage.tellingen import tasks as _tellingen_tasks  # noqa: F401
