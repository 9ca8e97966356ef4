from auditlog.registry import auditlog
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from vtregistratie.contact import Contact, melder_constraints


class Advies(Contact):
    """An advice request: VT advises, the adviesvrager stays responsible and acts themselves."""

    TELDATUM_VELD = "startdatum"

    startdatum = models.DateField(_("startdatum"), help_text=_("Telt voor het kwartaal van het advies."))
    einddatum = models.DateField(_("einddatum"), null=True, blank=True)

    class Meta:
        verbose_name = _("advies")
        verbose_name_plural = _("adviezen")
        ordering = ["-startdatum", "-volgnummer"]
        constraints = [
            models.UniqueConstraint(fields=["organisatie", "jaar", "volgnummer"], name="advies_volgnummer_uniek"),
            models.CheckConstraint(
                condition=Q(einddatum__isnull=True) | Q(einddatum__gte=F("startdatum")),
                name="advies_einde_na_start",
                violation_error_message=_("De einddatum ligt vóór de startdatum."),
            ),
            *melder_constraints("advies"),
        ]
        indexes = [models.Index(fields=["organisatie", "startdatum"], name="advies_org_start_idx")]


auditlog.register(Advies)
