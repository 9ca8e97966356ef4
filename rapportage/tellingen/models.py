"""The count tables the rollup writes and the log of its runs (docs/rollup.md)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from vtregistratie import definities
from vtregistratie.models import Organisatie


class TellingSleutel(models.Model):
    """The key of every count table, (organisation, year, quarter), the gemeente and the measure ``aantal``."""

    # No index of its own: the (organisatie, jaar, kwartaal) index serves it, and each index on a count
    # table is written for every row of a full rebuild. No database constraint either: the rows are derived
    # from registrations whose organisation is enforced (and protected), and the deferred check cost a
    # national rebuild 3 s at commit, one lookup per row (docs/performance.md).
    organisatie = models.ForeignKey(Organisatie, on_delete=models.CASCADE, related_name="+", db_index=False,
                                    db_constraint=False)
    jaar = models.PositiveSmallIntegerField()
    kwartaal = models.PositiveSmallIntegerField()
    gemeente_code = models.CharField(max_length=6, blank=True, help_text=_("Leeg is onbekend."))
    aantal = models.PositiveIntegerField()

    class Meta:
        abstract = True

    def __str__(self):
        kenmerken = " ".join(str(getattr(self, veld.attname)) for veld in self._meta.concrete_fields
                             if veld.name not in ("id", "organisatie", "jaar", "kwartaal", "aantal"))
        return f"{self.organisatie_id} {self.jaar}-K{self.kwartaal} {kenmerken}: {self.aantal}"


class TellingBasis(TellingSleutel):
    """A count of registrations (adviezen and meldingen): ``soort`` says which."""

    soort = models.CharField(max_length=10, choices=definities.SOORT_CONTACT.choices())

    class Meta:
        abstract = True


class Telling(TellingBasis):
    """The tidy fact table: counts per organisation × gemeente × quarter × the single-valued dimensions.

    Only the recompute service writes it; the analyses read only from it (docs/rollup.md). Dimensions
    that do not apply to an advies are stored empty (crisis false).
    """

    melder_groep = models.CharField(max_length=30)
    melder_categorie = models.CharField(max_length=40)
    melder_organisatie = models.CharField(max_length=40)
    melder_functie = models.CharField(max_length=40)
    crisis = models.BooleanField()
    beoordeling = models.CharField(max_length=30, blank=True)
    eerdere_betrokkenheid = models.CharField(max_length=20, blank=True)
    binnen_termijn = models.BooleanField(
        null=True, help_text=_("Beoordeeld binnen de wettelijke termijn; leeg als (nog) niet beoordeeld.")
    )
    structurele_onveiligheid = models.BooleanField(default=False)
    vervolgdienst = models.CharField(max_length=30, blank=True)
    impactmonitor_groep = models.CharField(max_length=30, blank=True)
    vervolgmelding_moment = models.CharField(
        max_length=20, blank=True, help_text=_("Alleen voor een vervolgmelding: tijdens de veiligheidsbeoordeling, "
                                               "tijdens monitoring of na de beoordeling (85361NED).")
    )
    duur_geweld = models.CharField(max_length=30)

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


class TellingSubvorm(TellingBasis):
    """Counts per sub-form of an aard (multi-valued like the aard: a registration with two sub-forms counts once
    under each, one without any sub-form not at all). The aard of a sub-form is ``definities.AARD_PER_SUBVORM``."""

    aard_subvorm = models.CharField(max_length=40)

    class Meta:
        verbose_name = _("telling per vorm van het geweld")
        verbose_name_plural = _("tellingen per vorm van het geweld")
        indexes = [models.Index(fields=["organisatie", "jaar", "kwartaal"], name="tellingsubvorm_sleutel_idx")]

    def __str__(self):
        return f"{self.organisatie_id} {self.jaar}-K{self.kwartaal} {self.soort} {self.aard_subvorm}: {self.aantal}"


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


# --- The follow-up of meldingen (docs/rollup.md, "Diensten"): one count table per question -------------------------

#: Day histograms: longer durations are stored as this many days (two years), so a table stays small.
DUUR_MAX_DAGEN = 730


class TellingDienst(TellingSleutel):
    """Diensten started (in the quarter of the startdatum) and afgerond (in the quarter of the einddatum)."""

    dienst = models.CharField(max_length=30, choices=definities.VERVOLGDIENST.choices())
    gebeurtenis = models.CharField(max_length=10, choices=definities.DIENST_GEBEURTENIS.choices())
    afsluitreden = models.CharField(max_length=40, blank=True,
                                    help_text=_("Alleen bij een afgerond onderzoek dat voortijdig is afgesloten."))

    class Meta:
        verbose_name = _("telling van diensten")
        verbose_name_plural = _("tellingen van diensten")
        indexes = [models.Index(fields=["organisatie", "jaar", "kwartaal"], name="tellingdienst_sleutel_idx")]


class TellingDuur(TellingSleutel):
    """A day histogram per quarter: the wachttijd (besluit → start, by startdatum) and the doorlooptijd (start →
    einde, by einddatum) of diensten. Additive over regions and quarters; the median and percentiles follow from it
    (``rapportage.tellingen.histogram``)."""

    dienst = models.CharField(max_length=30, choices=definities.VERVOLGDIENST.choices())
    maat = models.CharField(max_length=15, choices=definities.DUUR_MAAT.choices())
    dagen = models.PositiveSmallIntegerField(help_text=_("Kalenderdagen; langer dan 730 dagen telt als 730."))

    class Meta:
        verbose_name = _("telling van wachttijden en doorlooptijden")
        verbose_name_plural = _("tellingen van wachttijden en doorlooptijden")
        indexes = [models.Index(fields=["organisatie", "jaar", "kwartaal"], name="tellingduur_sleutel_idx")]


class TellingWachtlijst(TellingSleutel):
    """The waiting list on the quarter's last day (a stock): meldingen with vervolgstappen whose dienst had not
    started, by the dienst waited for and the days waited on that day."""

    dienst = models.CharField(max_length=30, choices=definities.VERVOLGDIENST.choices())
    dagen = models.PositiveSmallIntegerField(help_text=_("Dagen sinds de veiligheidsbeoordeling op de laatste dag van "
                                                         "het kwartaal; langer dan 730 dagen telt als 730."))

    class Meta:
        verbose_name = _("telling van de wachtlijst")
        verbose_name_plural = _("tellingen van de wachtlijst")
        indexes = [models.Index(fields=["organisatie", "jaar", "kwartaal"], name="tellingwachtlijst_sleutel_idx")]


class TellingUitkomst(TellingSleutel):
    """Outcomes of onderzoeken afgerond in the quarter, one row per aard."""

    aard = models.CharField(max_length=30, choices=definities.AARD.choices())
    uitkomst = models.CharField(max_length=20, choices=definities.ONDERZOEK_UITKOMST.choices())

    class Meta:
        verbose_name = _("telling van uitkomsten van onderzoeken")
        verbose_name_plural = _("tellingen van uitkomsten van onderzoeken")
        indexes = [models.Index(fields=["organisatie", "jaar", "kwartaal"], name="tellinguitkomst_sleutel_idx")]


class TellingOverdracht(TellingSleutel):
    """Overdrachten by their date: after the beoordeling or after a dienst, to which organisation, which help."""

    moment = models.CharField(max_length=15, choices=definities.OVERDRACHT_MOMENT.choices())
    bestemming = models.CharField(max_length=40, choices=definities.OVERDRACHT_BESTEMMING.choices())
    hulp = models.CharField(max_length=30, blank=True, help_text=_("Leeg is onbekend."))

    class Meta:
        verbose_name = _("telling van overdrachten")
        verbose_name_plural = _("tellingen van overdrachten")
        indexes = [models.Index(fields=["organisatie", "jaar", "kwartaal"], name="tellingoverdracht_sleutel_idx")]


class TellingCasus(TellingSleutel):
    """Unique casussen with at least one melding received in the quarter. A casus is counted once per quarter; the
    flags say whether this is its first quarter with a melding in the half-year and in the year, so that the
    casussen of a half-year (a year) are the sum of the flagged rows of its quarters."""

    eerste_in_halfjaar = models.BooleanField()
    eerste_in_jaar = models.BooleanField()

    class Meta:
        verbose_name = _("telling van casussen")
        verbose_name_plural = _("tellingen van casussen")
        indexes = [models.Index(fields=["organisatie", "jaar", "kwartaal"], name="tellingcasus_sleutel_idx")]


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
