"""Models of the analyses: the version of their inputs (for the cache) and data-quality notes."""

from auditlog.registry import auditlog
from django.db import models
from django.utils.translation import gettext_lazy as _

from kwartalen.kwartaal import Kwartaal
from vtregistratie import definities
from vtregistratie.models import Organisatie


class Invoerversie(models.Model):
    """One row: raised whenever an input of the analyses other than the counts changes — reference data,
    data-quality notes, quarter states, imported history — in the transaction of that change
    (rapportage/analyses/signalen.py)."""

    versie = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = _("invoerversie van de analyses")

    def __str__(self):
        return str(self.versie)


class DatakwaliteitNotitie(models.Model):
    """A note on the quality of an organisation's figures over a range of quarters (both ends included).

    Shown with every table and chart cell of that organisation, period and soort; with
    ``uitsluiten_landelijke_trend`` the organisation is left out of the national trend of that soort for any
    comparison that touches the period. ``soort`` empty: adviezen and meldingen; ``advies`` or ``melding``: only
    that soort (the 2017–2019 study excluded one region's adviezen and kept its meldingen).
    """

    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+",
                                    verbose_name=_("organisatie"))
    van_jaar = models.PositiveSmallIntegerField(_("vanaf jaar"))
    van_kwartaal = models.PositiveSmallIntegerField(_("vanaf kwartaal"))
    tot_jaar = models.PositiveSmallIntegerField(_("tot en met jaar"))
    tot_kwartaal = models.PositiveSmallIntegerField(_("tot en met kwartaal"))
    soort = models.CharField(
        _("geldt voor"), max_length=10, blank=True, choices=definities.SOORT_CONTACT.choices(),
        help_text=_("Leeg: adviezen en meldingen. Kies een soort als alleen die cijfers het betreft."),
    )
    tekst = models.TextField(_("toelichting"))
    uitsluiten_landelijke_trend = models.BooleanField(
        _("uitsluiten van de landelijke ontwikkeling"), default=False,
        help_text=_("Laat deze organisatie in deze periode buiten de landelijke totalen en groeicijfers (van de "
                    "gekozen soort)."),
    )
    auteur = models.ForeignKey("vtregistratie.Gebruiker", on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="+", verbose_name=_("auteur"))
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("datakwaliteitsnotitie")
        verbose_name_plural = _("datakwaliteitsnotities")
        ordering = ["organisatie", "van_jaar", "van_kwartaal", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(van_kwartaal__gte=1, van_kwartaal__lte=4, tot_kwartaal__gte=1, tot_kwartaal__lte=4),
                name="notitie_kwartalen_1_tot_4",
            ),
            models.CheckConstraint(
                condition=models.Q(tot_jaar__gt=models.F("van_jaar"))
                | models.Q(tot_jaar=models.F("van_jaar"), tot_kwartaal__gte=models.F("van_kwartaal")),
                name="notitie_van_voor_tot",
                violation_error_message=_("Het eerste kwartaal mag niet na het laatste liggen."),
            ),
        ]

    def __str__(self):
        return f"{self.organisatie_id} {self.van_jaar}-K{self.van_kwartaal} – {self.tot_jaar}-K{self.tot_kwartaal}"

    @property
    def soort_label(self) -> str:
        return self.get_soort_display() if self.soort else str(_("adviezen en meldingen"))

    @property
    def van(self):
        return Kwartaal(self.van_jaar, self.van_kwartaal)

    @property
    def tot(self):
        return Kwartaal(self.tot_jaar, self.tot_kwartaal)


auditlog.register(DatakwaliteitNotitie)
