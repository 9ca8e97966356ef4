"""Keep the analysis cache current when an input other than the counts changes (rapportage/analyses/cache.py).

Saves and deletes of reference data, data-quality notes and quarter states (the analyses mark provisional
figures), wherever they come from (the admin, a service, a test), raise ``Invoerversie`` in their
transaction. Bulk writes send no model signals: the reference data loader sends ``referentiedata_gewijzigd``,
and the history import sends ``historie_gewijzigd`` (it replaces many rows, and a delete receiver would make
Django fetch every one of them).
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from kwartalen.models import KwartaalStatus
from rapportage.analyses.cache import verhoog_invoerversie
from rapportage.analyses.models import DatakwaliteitNotitie
from rapportage.historie.services import historie_gewijzigd
from vtregistratie.models import REFERENTIEDATA
from vtregistratie.signals import referentiedata_gewijzigd

INVOER = (*REFERENTIEDATA, DatakwaliteitNotitie, KwartaalStatus)


def _invoer_gewijzigd(sender, **kwargs):
    verhoog_invoerversie()


for _model in INVOER:
    post_save.connect(_invoer_gewijzigd, sender=_model, dispatch_uid=f"analysecache-save-{_model.__name__}")
    post_delete.connect(_invoer_gewijzigd, sender=_model, dispatch_uid=f"analysecache-delete-{_model.__name__}")


@receiver(referentiedata_gewijzigd, dispatch_uid="analysecache-referentiedata")
def _referentiedata_gewijzigd(sender, **kwargs):
    verhoog_invoerversie()


@receiver(historie_gewijzigd, dispatch_uid="analysecache-historie")
def _historie_gewijzigd(sender, **kwargs):
    verhoog_invoerversie()
