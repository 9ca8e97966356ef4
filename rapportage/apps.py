from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RapportageConfig(AppConfig):
    name = "rapportage"
    verbose_name = _("Rapportage")

    def ready(self):
        from rapportage import signalen  # noqa: F401 - connects the analysis cache's receivers
