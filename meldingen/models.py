from auditlog.registry import auditlog
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from vtregistratie import definities
from vtregistratie.contact import Contact, ContactQuerySet, melder_constraints
from vtregistratie.models import Organisatie


class Casus(models.Model):
    """A set of meldingen (and follow-up) about (partly) the same people. No names: only a local number."""

    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+", editable=False)
    jaar = models.PositiveSmallIntegerField(editable=False)
    volgnummer = models.PositiveIntegerField(editable=False)
    nummer = models.CharField(_("casusnummer"), max_length=16, editable=False)
    geopend_op = models.DateField(_("geopend op"))
    afgesloten_op = models.DateField(
        _("betrokkenheid beëindigd op"), null=True, blank=True,
        help_text=_("Leeg zolang Veilig Thuis nog betrokken is."),
    )
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    objects = ContactQuerySet.as_manager()

    class Meta:
        verbose_name = _("casus")
        verbose_name_plural = _("casussen")
        ordering = ["-geopend_op", "-volgnummer"]
        constraints = [
            models.UniqueConstraint(fields=["organisatie", "jaar", "volgnummer"], name="casus_volgnummer_uniek"),
            models.CheckConstraint(
                condition=Q(afgesloten_op__isnull=True) | Q(afgesloten_op__gte=F("geopend_op")),
                name="casus_afgesloten_na_geopend",
            ),
        ]

    def __str__(self):
        return self.nummer

    @property
    def is_open(self) -> bool:
        return self.afgesloten_op is None


class Melding(Contact):
    """A report: from now on VT is responsible for the safety of the people involved. Never anonymous."""

    TELDATUM_VELD = "ontvangstdatum"

    ontvangstdatum = models.DateField(_("ontvangstdatum"), help_text=_("Telt voor het kwartaal van de melding."))
    acute_onveiligheid = models.BooleanField(
        _("crisis (acute onveiligheid)"), default=False, help_text=definities.CRISIS_DEFINITIE
    )
    structurele_onveiligheid = models.BooleanField(
        _("structurele onveiligheid"), default=False, help_text=definities.STRUCTURELE_ONVEILIGHEID_DEFINITIE
    )
    casus = models.ForeignKey(Casus, on_delete=models.PROTECT, related_name="meldingen", verbose_name=_("casus"))
    eerdere_betrokkenheid = models.CharField(
        _("eerdere betrokkenheid"), max_length=20, choices=definities.EERDERE_BETROKKENHEID.choices(), editable=False
    )
    beoordelingstermijn = models.DateField(
        _("uiterste datum veiligheidsbeoordeling"), editable=False,
        help_text=_("5 werkdagen na ontvangst; bij crisis dezelfde dag."),
    )
    beoordeling_datum = models.DateField(_("datum veiligheidsbeoordeling"), null=True, blank=True)
    beoordeling_uitkomst = models.CharField(
        _("uitkomst veiligheidsbeoordeling"), max_length=30, blank=True,
        choices=definities.VEILIGHEIDSBEOORDELING_UITKOMST.choices(),
    )
    vervolgdienst = models.CharField(
        _("vervolgdienst"), max_length=30, blank=True, choices=definities.VERVOLGDIENST.choices()
    )

    class Meta:
        verbose_name = _("melding")
        verbose_name_plural = _("meldingen")
        ordering = ["-ontvangstdatum", "-volgnummer"]
        constraints = [
            models.UniqueConstraint(fields=["organisatie", "jaar", "volgnummer"], name="melding_volgnummer_uniek"),
            models.CheckConstraint(
                condition=Q(anoniem=False), name="melding_niet_anoniem",
                violation_error_message=_("Een melding kan niet anoniem zijn."),
            ),
            models.CheckConstraint(
                condition=(Q(beoordeling_datum__isnull=True) & Q(beoordeling_uitkomst="") & Q(vervolgdienst=""))
                | (
                    Q(beoordeling_datum__gte=F("ontvangstdatum"))
                    & ~Q(beoordeling_uitkomst="")
                    & ~Q(beoordeling_uitkomst="nog_niet_beoordeeld")
                    & (
                        (Q(beoordeling_uitkomst="vervolgstappen_vt") & ~Q(vervolgdienst=""))
                        | (~Q(beoordeling_uitkomst="vervolgstappen_vt") & Q(vervolgdienst=""))
                    )
                ),
                name="melding_beoordeling_consistent",
                violation_error_message=_(
                    "Een veiligheidsbeoordeling heeft een datum op of na de ontvangst en een uitkomst; alleen "
                    "'vervolgstappen Veilig Thuis' heeft een vervolgdienst."
                ),
            ),
            *melder_constraints("melding"),
        ]
        indexes = [
            models.Index(fields=["organisatie", "ontvangstdatum"], name="melding_org_ontvangst_idx"),
            models.Index(
                fields=["organisatie", "beoordelingstermijn"], name="melding_te_beoordelen_idx",
                condition=Q(beoordeling_datum__isnull=True),
            ),
        ]

    @property
    def beoordeling(self) -> str:
        """The outcome, or ``nog_niet_beoordeeld`` while there is no assessment date."""
        return definities.beoordeling(datum=self.beoordeling_datum, uitkomst=self.beoordeling_uitkomst)


auditlog.register(Casus)
# ``dienst`` is the reverse side of the follow-up's one-to-one: auditlog would read it (one query) for every
# melding it records, and the dienst is audited on its own.
auditlog.register(Melding, exclude_fields=["dienst"])
