"""Quarterly totals imported from before an organisation used this application (docs/analyses.md)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from vtregistratie import definities
from vtregistratie.models import Organisatie


class HistorischeTelling(models.Model):
    """Quarterly totals of an organisation from before it used this application, imported from a file.

    Loaded by ``manage.py importeer_historie`` (``rapportage/historie/services.py``), which replaces all rows of
    an organisation × quarter at once. ``melder_groep`` empty means all melder groups together and ``crisis``
    empty crisis and non-crisis together, so one quarter holds its total and, where the file had them, the
    breakdowns (the importer derives every margin it can and checks that they add up). The analyses label
    these figures as imported wherever they appear.
    """

    class Crisis(models.TextChoices):
        ALLE = "", _("crisis en niet-crisis")
        JA = "ja", _("crisis")
        NEE = "nee", _("niet-crisis")

    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    jaar = models.PositiveSmallIntegerField(_("jaar"))
    kwartaal = models.PositiveSmallIntegerField(_("kwartaal"))
    soort = models.CharField(_("soort"), max_length=10, choices=definities.SOORT_CONTACT.choices())
    melder_groep = models.CharField(_("meldergroep"), max_length=30, blank=True, help_text=_("Leeg is alle."))
    crisis = models.CharField(_("crisis"), max_length=3, blank=True, choices=Crisis.choices)
    aantal = models.PositiveIntegerField(_("aantal"))
    bestand = models.CharField(_("bestand"), max_length=255)
    geimporteerd_op = models.DateTimeField(_("geïmporteerd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("geïmporteerde telling")
        verbose_name_plural = _("geïmporteerde tellingen")
        constraints = [
            models.UniqueConstraint(fields=["organisatie", "jaar", "kwartaal", "soort", "melder_groep", "crisis"],
                                    name="historische_telling_uniek"),
            models.CheckConstraint(condition=models.Q(kwartaal__gte=1, kwartaal__lte=4),
                                   name="historische_telling_kwartaal"),
        ]
        indexes = [models.Index(fields=["organisatie", "jaar", "kwartaal"], name="historische_telling_idx")]

    def __str__(self):
        return f"{self.organisatie_id} {self.jaar}-K{self.kwartaal} {self.soort}: {self.aantal}"
