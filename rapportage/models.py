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
    # Raised by every recompute of this quarter, in its transaction. The sum over all
    # rows is part of the analysis cache key (rapportage/analyses/cache.py): it grows with every commit,
    # whatever the order in which concurrent recomputes commit.
    telversie = models.PositiveBigIntegerField(default=0, editable=False)

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


class Invoerversie(models.Model):
    """One row: raised whenever an input of the analyses other than the counts changes — reference data,
    data-quality notes, quarter states, imported history — in the transaction of that change
    (rapportage/signalen.py)."""

    versie = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = _("invoerversie van de analyses")

    def __str__(self):
        return str(self.versie)


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

# --- Analyses: imported history and data-quality notes (docs/analyses.md) -----------------------------------


class HistorischeTelling(models.Model):
    """Quarterly totals of an organisation from before it used this application, imported from a file.

    Loaded by ``manage.py importeer_historie`` (``rapportage/services/historie.py``), which replaces all rows of
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


class DatakwaliteitNotitie(models.Model):
    """A note on the quality of an organisation's figures over a range of quarters (both ends included).

    Shown with every table and chart cell of that organisation and period; with ``uitsluiten_landelijke_trend``
    the organisation is left out of the national trend for any comparison that touches the period.
    """

    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+",
                                    verbose_name=_("organisatie"))
    van_jaar = models.PositiveSmallIntegerField(_("vanaf jaar"))
    van_kwartaal = models.PositiveSmallIntegerField(_("vanaf kwartaal"))
    tot_jaar = models.PositiveSmallIntegerField(_("tot en met jaar"))
    tot_kwartaal = models.PositiveSmallIntegerField(_("tot en met kwartaal"))
    tekst = models.TextField(_("toelichting"))
    uitsluiten_landelijke_trend = models.BooleanField(
        _("uitsluiten van de landelijke ontwikkeling"), default=False,
        help_text=_("Laat deze organisatie in deze periode buiten de landelijke totalen en groeicijfers."),
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
    def van(self):
        from rapportage.kwartaal import Kwartaal

        return Kwartaal(self.van_jaar, self.van_kwartaal)

    @property
    def tot(self):
        from rapportage.kwartaal import Kwartaal

        return Kwartaal(self.tot_jaar, self.tot_kwartaal)


auditlog.register(DatakwaliteitNotitie)
