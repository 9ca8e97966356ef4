"""The CBS delivery log (issue "CBS-aanlevering"): one row per file per organisation, half-year and version.

The file itself lives on disk (``MEDIA_ROOT/aanleveringen/``), not in the database: a national
half-year is tens of megabytes, written and served as a stream, and the row keeps its SHA-256 so any
change on disk is detected. The directory is private: files are only served by the views, after the
permission check, and every download is in the audit trail. See docs/cbs-aanlevering.md.
"""

from __future__ import annotations

from auditlog.registry import auditlog
from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from vtregistratie.models import Organisatie
from vtregistratie.regels import mag


def aanlevering_opslag() -> FileSystemStorage:
    """Plain file storage under ``MEDIA_ROOT`` (read when used, so tests can move it)."""
    return FileSystemStorage()


class AanleveringQuerySet(models.QuerySet):
    def for_user(self, user):
        """Deliveries ``user`` may see: those of their own organisation, under rule "vt.cbs_aanleveren"."""
        if not mag(user, "vt.cbs_aanleveren"):
            return self.none()
        return self.filter(organisatie_id=user.organisatie_id)

    def geldig(self):
        """Deliveries that have not been replaced by a later version."""
        return self.exclude(status=Aanlevering.Status.VERVANGEN)


class Aanlevering(models.Model):
    """One delivery file for CBS: organisation × half-year × version.

    ``aangemaakt`` → ``gevalideerd`` (or ``afgekeurd`` when the validation finds problems) →
    ``gedownload``; a correction creates the next version and marks this one ``vervangen``.
    """

    class Status(models.TextChoices):
        AANGEMAAKT = "aangemaakt", _("aangemaakt")
        GEVALIDEERD = "gevalideerd", _("gevalideerd")
        AFGEKEURD = "afgekeurd", _("afgekeurd")
        GEDOWNLOAD = "gedownload", _("gedownload")
        VERVANGEN = "vervangen", _("vervangen")

    class Aanleiding(models.TextChoices):
        GEPLAND = "gepland", _("gepland")
        HANDMATIG = "handmatig", _("handmatig")
        API = "api", _("API")
        COMMANDO = "commando", _("commando")

    organisatie = models.ForeignKey(
        Organisatie, on_delete=models.PROTECT, related_name="aanleveringen", verbose_name=_("organisatie")
    )
    jaar = models.PositiveSmallIntegerField(_("jaar"))
    halfjaar = models.PositiveSmallIntegerField(_("halfjaar"))
    versie = models.PositiveSmallIntegerField(_("versie"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.AANGEMAAKT)
    aanleiding = models.CharField(_("aanleiding"), max_length=12, choices=Aanleiding.choices)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"))
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("aangemaakt door"),
    )
    kwartalen = models.JSONField(
        _("kwartalen"), default=list,
        help_text=_("Per kwartaal van het halfjaar: de status bij het aanmaken en of het geleverd is."),
    )
    definities_versie = models.CharField(_("versie definities"), max_length=10)
    aantal_adviezen = models.PositiveIntegerField(_("adviezen"), default=0)
    aantal_meldingen = models.PositiveIntegerField(_("meldingen"), default=0)
    aantal_casussen = models.PositiveIntegerField(_("casussen"), default=0)
    aantal_records = models.PositiveIntegerField(_("records"), default=0)
    grootte = models.PositiveBigIntegerField(_("grootte in bytes"), default=0)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    bestand = models.FileField(_("bestand"), storage=aanlevering_opslag, max_length=200)
    validatierapport = models.JSONField(_("validatierapport"), default=dict, blank=True)
    gevalideerd_op = models.DateTimeField(_("gevalideerd op"), null=True, blank=True)
    gedownload_op = models.DateTimeField(_("eerst gedownload op"), null=True, blank=True)
    vervangen_door = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("vervangen door")
    )
    vervangen_op = models.DateTimeField(_("vervangen op"), null=True, blank=True)

    objects = AanleveringQuerySet.as_manager()

    class Meta:
        verbose_name = _("CBS-aanlevering")
        verbose_name_plural = _("CBS-aanleveringen")
        ordering = ["-jaar", "-halfjaar", "organisatie", "-versie"]
        constraints = [
            models.UniqueConstraint(fields=["organisatie", "jaar", "halfjaar", "versie"], name="aanlevering_uniek"),
            # At most one current (not replaced) version per organisation and half-year.
            models.UniqueConstraint(
                fields=["organisatie", "jaar", "halfjaar"], condition=~Q(status="vervangen"),
                name="aanlevering_een_geldige_versie",
            ),
            models.CheckConstraint(condition=Q(halfjaar__in=[1, 2]), name="aanlevering_halfjaar_1_of_2"),
            models.CheckConstraint(condition=Q(versie__gte=1), name="aanlevering_versie_vanaf_1"),
        ]

    def __str__(self):
        return f"{self.organisatie.code} {self.periode} v{self.versie}"

    @property
    def periode(self) -> str:
        return f"{self.jaar}-H{self.halfjaar}"

    @property
    def is_downloadbaar(self) -> bool:
        return self.status in (self.Status.GEVALIDEERD, self.Status.GEDOWNLOAD)

    @property
    def bestandsnaam(self) -> str:
        return self.bestand.name.rsplit("/", 1)[-1]

    @property
    def problemen(self) -> list[dict]:
        return self.validatierapport.get("problemen", [])


auditlog.register(Aanlevering, exclude_fields=["validatierapport"])
