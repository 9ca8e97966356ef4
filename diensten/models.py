"""What follows a melding's veiligheidsbeoordeling: the dienst (onderzoek or voorwaarden en vervolg) with its
dates and outcome, the overdracht or vervolg to other organisations, and monitoring (docs/diensten.md).

Like registrations, every row belongs to the organisation that registered the melding (``organisatie``, copied
from the melding and never changed) and is scoped with ``for_user``. No names: the rows point at the melding.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from auditlog.registry import auditlog
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from meldingen.models import Melding
from vtregistratie import definities
from vtregistratie.contact import ContactQuerySet
from vtregistratie.models import Organisatie

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


class Gewijzigd(models.Model):
    """The change time of a row, in microseconds: the version a form or an ``If-Match`` must name."""

    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    gewijzigd_op = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    @property
    def versie(self) -> str:
        return str((self.gewijzigd_op - _EPOCH) // timedelta(microseconds=1))


class Dienst(Gewijzigd):
    """The service Veilig Thuis itself gives after "vervolgstappen Veilig Thuis": one per melding.

    ``besluitdatum`` is the melding's assessment date, copied when the dienst is registered: the waiting time
    runs from it to ``startdatum``, the doorlooptijd from ``startdatum`` to ``einddatum``. An onderzoek ends with an
    outcome per aard (``OnderzoekUitkomst``) or is closed early with a reason (``afsluitreden``).
    """

    TELDATUM_VELD = "startdatum"

    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+", editable=False,
                                    db_index=False)
    melding = models.OneToOneField(Melding, on_delete=models.PROTECT, related_name="dienst",
                                   verbose_name=_("melding"))
    soort = models.CharField(_("soort dienst"), max_length=30, choices=definities.VERVOLGDIENST.choices())
    besluitdatum = models.DateField(_("besluitdatum"), editable=False,
                                    help_text=_("De datum van de veiligheidsbeoordeling."))
    startdatum = models.DateField(_("startdatum"))
    einddatum = models.DateField(_("einddatum"), null=True, blank=True, help_text=_("Leeg zolang de dienst loopt."))
    afsluitreden = models.CharField(
        _("voortijdig afgesloten"), max_length=40, blank=True,
        choices=definities.VOORTIJDIG_AFGESLOTEN_REDEN.choices(),
        help_text=_("Alleen voor een onderzoek dat zonder uitkomst is afgesloten."),
    )

    objects = ContactQuerySet.as_manager()

    class Meta:
        verbose_name = _("dienst")
        verbose_name_plural = _("diensten")
        ordering = ["-startdatum", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(startdatum__gte=F("besluitdatum")), name="dienst_start_na_besluit",
                violation_error_message=_("De startdatum ligt vóór de veiligheidsbeoordeling."),
            ),
            models.CheckConstraint(
                condition=Q(einddatum__isnull=True) | Q(einddatum__gte=F("startdatum")), name="dienst_einde_na_start",
                violation_error_message=_("De einddatum ligt vóór de startdatum."),
            ),
            models.CheckConstraint(
                condition=Q(afsluitreden="") | (Q(soort="onderzoek") & Q(einddatum__isnull=False)),
                name="dienst_afsluitreden_bij_afgerond_onderzoek",
                violation_error_message=_("Alleen een afgerond onderzoek kan voortijdig zijn afgesloten."),
            ),
        ]
        indexes = [
            models.Index(fields=["organisatie", "startdatum"], name="dienst_org_start_idx"),
            models.Index(fields=["organisatie", "einddatum"], name="dienst_org_einde_idx"),
        ]

    def __str__(self):
        return f"{self.get_soort_display()} {self.melding.nummer}"

    @property
    def is_lopend(self) -> bool:
        return self.einddatum is None


class OnderzoekUitkomst(models.Model):
    """The outcome of an onderzoek for one aard of the melding."""

    dienst = models.ForeignKey(Dienst, on_delete=models.CASCADE, related_name="uitkomsten")
    aard = models.CharField(_("aard"), max_length=30, choices=definities.AARD.choices())
    uitkomst = models.CharField(_("uitkomst"), max_length=20, choices=definities.ONDERZOEK_UITKOMST.choices())

    class Meta:
        verbose_name = _("uitkomst van een onderzoek")
        verbose_name_plural = _("uitkomsten van onderzoeken")
        constraints = [models.UniqueConstraint(fields=["dienst", "aard"], name="onderzoekuitkomst_een_per_aard")]

    def __str__(self):
        return f"{self.aard}: {self.uitkomst}"


class Overdracht(Gewijzigd):
    """Overdracht or vervolg to another organisation: after the beoordeling (no dienst) or after a dienst."""

    TELDATUM_VELD = "datum"

    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+", editable=False,
                                    db_index=False)
    melding = models.ForeignKey(Melding, on_delete=models.PROTECT, related_name="overdrachten",
                                verbose_name=_("melding"))
    dienst = models.ForeignKey(Dienst, on_delete=models.PROTECT, related_name="overdrachten", null=True, blank=True,
                               verbose_name=_("na dienst"), help_text=_("Leeg: overdracht na de beoordeling."))
    datum = models.DateField(_("datum overdracht"))
    bestemming = models.CharField(_("organisatie"), max_length=40, choices=definities.OVERDRACHT_BESTEMMING.choices())
    hulp = models.CharField(_("soort hulp"), max_length=30, blank=True, choices=definities.HULP_SOORT.choices(),
                            help_text=_("Voor zover bekend."))

    objects = ContactQuerySet.as_manager()

    class Meta:
        verbose_name = _("overdracht")
        verbose_name_plural = _("overdrachten")
        ordering = ["-datum", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["melding", "dienst", "bestemming"], name="overdracht_bestemming_uniek",
                                    nulls_distinct=False),
        ]
        indexes = [models.Index(fields=["organisatie", "datum"], name="overdracht_org_datum_idx")]

    def __str__(self):
        return f"{self.get_bestemming_display()} {self.datum}"


class Monitoring(Gewijzigd):
    """A period in which Veilig Thuis follows the situation after a dienst or an overdracht."""

    TELDATUM_VELD = "startdatum"

    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+", editable=False,
                                    db_index=False)
    melding = models.ForeignKey(Melding, on_delete=models.PROTECT, related_name="monitoringen",
                                verbose_name=_("melding"))
    dienst = models.ForeignKey(Dienst, on_delete=models.PROTECT, related_name="monitoringen", null=True, blank=True,
                               verbose_name=_("na dienst"))
    startdatum = models.DateField(_("startdatum"))
    einddatum = models.DateField(_("einddatum"), null=True, blank=True, help_text=_("Leeg zolang de monitoring loopt."))

    objects = ContactQuerySet.as_manager()

    class Meta:
        verbose_name = _("monitoring")
        verbose_name_plural = _("monitoringen")
        ordering = ["-startdatum", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(einddatum__isnull=True) | Q(einddatum__gte=F("startdatum")),
                name="monitoring_einde_na_start",
                violation_error_message=_("De einddatum ligt vóór de startdatum."),
            ),
        ]
        indexes = [models.Index(fields=["organisatie", "startdatum"], name="monitoring_org_start_idx")]

    def __str__(self):
        return f"{self.melding_id} {self.startdatum}"


auditlog.register(Dienst)
auditlog.register(OnderzoekUitkomst)
auditlog.register(Overdracht)
auditlog.register(Monitoring)
