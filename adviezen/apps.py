from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AdviezenConfig(AppConfig):
    name = "adviezen"
    verbose_name = _("Adviezen")
