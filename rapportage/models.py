from auditlog.registry import auditlog
from django.db import models
from django.utils.translation import gettext_lazy as _

from vtregistratie import definities
from vtregistratie.models import Organisatie


class KwartaalStatus(models.Model):
    """The state of one organisation's quarter: open → voorlopig → definitief (DESIGN.md §4).

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

    class Meta:
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
        verbose_name = _("verouderde telling")
        verbose_name_plural = _("verouderde tellingen")
        constraints = [
            models.UniqueConstraint(fields=["organisatie", "jaar", "kwartaal"], name="verouderde_sleutel_uniek")
        ]

    def __str__(self):
        return f"{self.organisatie_id} {self.jaar}-K{self.kwartaal}"


auditlog.register(KwartaalStatus)


class TellingBasis(models.Model):
    organisatie = models.ForeignKey(Organisatie, on_delete=models.CASCADE, related_name="+")
    jaar = models.PositiveSmallIntegerField()
    kwartaal = models.PositiveSmallIntegerField()
    gemeente_code = models.CharField(max_length=6, blank=True, help_text=_("Leeg is onbekend."))
    soort = models.CharField(max_length=10, choices=definities.SOORT_CONTACT.choices())
    aantal = models.PositiveIntegerField()

    class Meta:
        abstract = True


class Telling(TellingBasis):
    """The tidy fact table: counts per organisation × gemeente × quarter × the single-valued dimensions.

    Only the recompute service writes it; the analyses read only from it (DESIGN.md §5). Dimensions
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


from rapportage.models_cbs import Aanlevering  # noqa: E402,F401 - models of the CBS delivery
