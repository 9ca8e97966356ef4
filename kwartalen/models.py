"""The quarter state and the stale mark: what the registration services read and write in their transaction.

These models belong to the ``rapportage`` app (its tables, migrations and permissions), but live here, below the
registrations, so that adviezen and meldingen can use them without importing the reporting code.
"""

from auditlog.registry import auditlog
from django.db import models
from django.utils.translation import gettext_lazy as _

from vtregistratie import definities
from vtregistratie.models import Organisatie


class KwartaalStatus(models.Model):
    """The state of one organisation's quarter: open → voorlopig → definitief (docs/rollup.md).

    A quarter without a row is ``open``.
    """

    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="kwartalen")
    jaar = models.PositiveSmallIntegerField(_("jaar"))
    kwartaal = models.PositiveSmallIntegerField(_("kwartaal"))
    status = models.CharField(
        _("status"), max_length=12, choices=definities.KWARTAAL_STATUS.choices(), default="open"
    )
    toelichting = models.TextField(
        _("toelichting"), blank=True, help_text=_("Reden van de laatste heropening van een definitief kwartaal.")
    )
    gewijzigd_op = models.DateTimeField(_("gewijzigd op"), auto_now=True)
    # Raised by every recompute of this quarter, in its transaction. The sum over all
    # rows is part of the analysis cache key (rapportage/analyses/cache.py): it grows with every commit,
    # whatever the order in which concurrent recomputes commit.
    telversie = models.PositiveBigIntegerField(default=0, editable=False)

    class Meta:
        app_label = "rapportage"
        verbose_name = _("kwartaalstatus")
        verbose_name_plural = _("kwartaalstatussen")
        ordering = ["organisatie", "jaar", "kwartaal"]
        constraints = [
            models.UniqueConstraint(fields=["organisatie", "jaar", "kwartaal"], name="kwartaalstatus_uniek"),
            models.CheckConstraint(condition=models.Q(kwartaal__gte=1, kwartaal__lte=4), name="kwartaal_1_tot_4"),
        ]
        permissions = [
            ("view_tellingen", _("Kan de exacte kwartaaltellingen van de eigen organisatie zien")),
            ("view_analyses", _("Kan de analyses zien")),
        ]

    def __str__(self):
        return f"{self.organisatie.code} {self.jaar}-K{self.kwartaal}: {self.status}"


class VerouderdeSleutel(models.Model):
    """An (organisation, quarter) whose counts no longer match its registrations.

    Written in the same transaction as the change to a registration, so no change can be lost:
    a recompute removes the row, and the periodic sweep recomputes whatever is still here.
    """

    organisatie = models.ForeignKey(Organisatie, on_delete=models.CASCADE, related_name="+")
    jaar = models.PositiveSmallIntegerField()
    kwartaal = models.PositiveSmallIntegerField()
    sinds = models.DateTimeField(auto_now_add=True)

    class Meta:
        app_label = "rapportage"
        verbose_name = _("verouderde telling")
        verbose_name_plural = _("verouderde tellingen")
        constraints = [
            models.UniqueConstraint(fields=["organisatie", "jaar", "kwartaal"], name="verouderde_sleutel_uniek")
        ]

    def __str__(self):
        return f"{self.organisatie_id} {self.jaar}-K{self.kwartaal}"


auditlog.register(KwartaalStatus)
