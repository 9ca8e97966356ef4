"""The count tables the rollup writes and the log of its runs (docs/rollup.md)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from vtregistratie import definities
from vtregistratie.models import Organisatie


class TellingBasis(models.Model):
    # No index of its own: the (organisatie, jaar, kwartaal) index serves it, and each index on a count
    # table is written for every row of a full rebuild. No database constraint either: the rows are derived
    # from registrations whose organisation is enforced (and protected), and the deferred check cost a
    # national rebuild 3 s at commit, one lookup per row (docs/performance.md).
    organisatie = models.ForeignKey(Organisatie, on_delete=models.CASCADE, related_name="+", db_index=False,
                                    db_constraint=False)
    jaar = models.PositiveSmallIntegerField()
    kwartaal = models.PositiveSmallIntegerField()
    gemeente_code = models.CharField(max_length=6, blank=True, help_text=_("Leeg is onbekend."))
    soort = models.CharField(max_length=10, choices=definities.SOORT_CONTACT.choices())
    aantal = models.PositiveIntegerField()

    class Meta:
        abstract = True


class Telling(TellingBasis):
    """The tidy fact table: counts per organisation × gemeente × quarter × the single-valued dimensions.

    Only the recompute service writes it; the analyses read only from it (docs/rollup.md). Dimensions
    that do not apply to an advies are stored empty (crisis false).
    """

    melder_groep = models.CharField(max_length=30)
    melder_categorie = models.CharField(max_length=40)
    crisis = models.BooleanField()
    beoordeling = models.CharField(max_length=30, blank=True)
    eerdere_betrokkenheid = models.CharField(max_length=20, blank=True)
    binnen_termijn = models.BooleanField(
        null=True, help_text=_("Beoordeeld binnen de wettelijke termijn; leeg als (nog) niet beoordeeld.")
    )
    structurele_onveiligheid = models.BooleanField(default=False)
    vervolgdienst = models.CharField(max_length=30, blank=True)
    impactmonitor_groep = models.CharField(max_length=30, blank=True)

    class Meta:
        verbose_name = _("telling")
        verbose_name_plural = _("tellingen")
        indexes = [models.Index(fields=["organisatie", "jaar", "kwartaal"], name="telling_sleutel_idx"),
                   models.Index(fields=["jaar", "kwartaal"], name="telling_periode_idx")]

    def __str__(self):
        return f"{self.organisatie_id} {self.jaar}-K{self.kwartaal} {self.soort}: {self.aantal}"


class TellingAard(TellingBasis):
    """Counts per aard (multi-valued: a registration with two aarden counts once under each)."""

    aard = models.CharField(max_length=30)

    class Meta:
        verbose_name = _("telling per aard")
        verbose_name_plural = _("tellingen per aard")
        indexes = [models.Index(fields=["organisatie", "jaar", "kwartaal"], name="tellingaard_sleutel_idx")]

    def __str__(self):
        return f"{self.organisatie_id} {self.jaar}-K{self.kwartaal} {self.soort} {self.aard}: {self.aantal}"


class TellingAanvullendeInformatie(TellingBasis):
    """Counts per code of aanvullende informatie (multi-valued, like aard; no row for an empty list)."""

    aanvullende_informatie = models.CharField(max_length=40)

    class Meta:
        verbose_name = _("telling per aanvullende informatie")
        verbose_name_plural = _("tellingen per aanvullende informatie")
        indexes = [models.Index(fields=["organisatie", "jaar", "kwartaal"], name="tellingaanv_sleutel_idx")]

    def __str__(self):
        return (f"{self.organisatie_id} {self.jaar}-K{self.kwartaal} {self.soort} {self.aanvullende_informatie}: "
                f"{self.aantal}")


class Herberekening(models.Model):
    """The run log: one row per recompute of one (organisation, quarter)."""

    class Status(models.TextChoices):
        GELUKT = "gelukt", _("gelukt")
        MISLUKT = "mislukt", _("mislukt")

    organisatie = models.ForeignKey(Organisatie, on_delete=models.CASCADE, related_name="+")
    jaar = models.PositiveSmallIntegerField()
    kwartaal = models.PositiveSmallIntegerField()
    aanleiding = models.CharField(max_length=20)
    gestart_op = models.DateTimeField()
    klaar_op = models.DateTimeField(null=True)
    duur_ms = models.PositiveIntegerField(null=True)
    rijen = models.PositiveIntegerField(null=True)
    status = models.CharField(max_length=10, choices=Status.choices)
    fout = models.TextField(blank=True)

    class Meta:
        verbose_name = _("herberekening")
        verbose_name_plural = _("herberekeningen")
        ordering = ["-gestart_op"]
        indexes = [models.Index(fields=["organisatie", "jaar", "kwartaal", "-gestart_op"], name="herberekening_idx")]

    def __str__(self):
        return f"{self.organisatie_id} {self.jaar}-K{self.kwartaal} {self.status}"
