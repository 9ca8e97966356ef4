from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VtRegistratieConfig(AppConfig):
    name = "vtregistratie"
    verbose_name = _("Organisaties en referentiedata")
