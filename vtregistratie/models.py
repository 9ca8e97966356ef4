"""Core models: VT organisations (regions), gemeenten, their time-valid memberships, inhabitants,
municipal mergers, and the user who belongs to one organisation.

Validity periods are half-open everywhere: ``geldig_van <= datum < geldig_tot``; an empty bound is
unbounded (the convention of the shipped reference data).
"""

from __future__ import annotations

from datetime import date

from auditlog.registry import auditlog
from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from knox.models import AbstractAuthToken


class GeldigOpQuerySet(models.QuerySet):
    """Shared filter for models with a half-open validity period."""

    def geldig_op(self, datum: date):
        return self.filter(
            Q(geldig_van__isnull=True) | Q(geldig_van__lte=datum),
            Q(geldig_tot__isnull=True) | Q(geldig_tot__gt=datum),
        )


class GeldigheidMixin(models.Model):
    geldig_van = models.DateField(_("geldig van"), null=True, blank=True)
    geldig_tot = models.DateField(_("geldig tot"), null=True, blank=True, help_text=_("Exclusief; leeg is onbepaald."))

    objects = GeldigOpQuerySet.as_manager()

    class Meta:
        abstract = True

    def is_geldig_op(self, datum: date) -> bool:
        return (self.geldig_van is None or self.geldig_van <= datum) and (
            self.geldig_tot is None or datum < self.geldig_tot
        )

    def clean(self):
        super().clean()
        if self.geldig_van and self.geldig_tot and self.geldig_tot <= self.geldig_van:
            raise ValidationError({"geldig_tot": _("De einddatum moet na de begindatum liggen.")})


def _periode_check(name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(geldig_van__isnull=True) | Q(geldig_tot__isnull=True) | Q(geldig_tot__gt=models.F("geldig_van")),
        name=name,
        violation_error_message=_("De einddatum moet na de begindatum liggen."),
    )


class Organisatie(GeldigheidMixin):
    """A Veilig Thuis organisation: one per VT region."""

    code = models.CharField(
        _("code"),
        max_length=4,
        unique=True,
        validators=[RegexValidator(r"^VT(0[1-9]|1[0-9]|2[0-7])$", _("Een code is VT01 tot en met VT27."))],
    )
    naam = models.CharField(_("naam"), max_length=100, help_text=_("De meest recente naam."))

    class Meta:
        verbose_name = _("organisatie (VT-regio)")
        verbose_name_plural = _("organisaties (VT-regio's)")
        ordering = ["code"]
        constraints = [_periode_check("organisatie_periode_geldig")]

    def __str__(self):
        return f"{self.code} {self.naam}"

    def buiten_bestaan(self, datum: date, *, wanneer: str) -> str | None:
        """The one rule for screens, API and history import: nothing is counted for an organisation on a
        date it did not exist. The Dutch refusal, or None; ``wanneer`` names the date or quarter."""
        if self.is_geldig_op(datum):
            return None
        return _("%(org)s bestond niet %(wanneer)s; registraties vallen binnen de looptijd van de organisatie.") % {
            "org": self.code, "wanneer": wanneer}

    def naam_op(self, datum: date) -> str:
        for naam in self.namen.all():
            if naam.is_geldig_op(datum):
                return naam.naam
        return self.naam


class OrganisatieNaam(GeldigheidMixin):
    """A region's name over time (VT15 and VT16 were renamed)."""

    organisatie = models.ForeignKey(Organisatie, on_delete=models.CASCADE, related_name="namen")
    naam = models.CharField(_("naam"), max_length=100)

    class Meta:
        verbose_name = _("naam van een organisatie")
        verbose_name_plural = _("namen van organisaties")
        ordering = ["organisatie", "geldig_van"]
        constraints = [
            _periode_check("organisatienaam_periode_geldig"),
            models.UniqueConstraint(fields=["organisatie", "geldig_van"], name="organisatienaam_uniek"),
        ]

    def __str__(self):
        return self.naam


class Gemeente(GeldigheidMixin):
    code = models.CharField(
        _("CBS-code"),
        max_length=6,
        unique=True,
        validators=[RegexValidator(r"^GM\d{4}$", _("Een gemeentecode is GM gevolgd door vier cijfers."))],
    )
    naam = models.CharField(_("naam"), max_length=100)
    provincie = models.CharField(_("provincie"), max_length=50)

    class Meta:
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")
        ordering = ["naam"]
        constraints = [_periode_check("gemeente_periode_geldig")]

    def __str__(self):
        return f"{self.naam} ({self.code})"


class Lidmaatschap(GeldigheidMixin):
    """Which organisation a gemeente belonged to, over time.

    Periods of one gemeente never overlap: the model's ``clean`` refuses an overlap, and on
    PostgreSQL an exclusion constraint (migration 0002) makes the database refuse it too.
    """

    gemeente = models.ForeignKey(Gemeente, on_delete=models.CASCADE, related_name="lidmaatschappen")
    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="lidmaatschappen")
    geldig_van = models.DateField(_("geldig van"))
    methode = models.CharField(
        _("methode"), max_length=30, blank=True, help_text=_("Hoe de indeling is vastgesteld (zie de bronnen).")
    )

    class Meta:
        verbose_name = _("lidmaatschap gemeente – organisatie")
        verbose_name_plural = _("lidmaatschappen gemeente – organisatie")
        ordering = ["gemeente", "geldig_van"]
        constraints = [
            _periode_check("lidmaatschap_periode_geldig"),
            models.UniqueConstraint(fields=["gemeente", "geldig_van"], name="lidmaatschap_uniek_begin"),
        ]

    def __str__(self):
        return f"{self.gemeente} → {self.organisatie.code} ({self.geldig_van}–{self.geldig_tot or ''})"

    def overlappende(self):
        """Other memberships of the same gemeente whose period overlaps this one."""
        qs = Lidmaatschap.objects.filter(gemeente_id=self.gemeente_id).exclude(pk=self.pk)
        if self.geldig_tot is not None:
            qs = qs.filter(geldig_van__lt=self.geldig_tot)
        return qs.filter(Q(geldig_tot__isnull=True) | Q(geldig_tot__gt=self.geldig_van))

    def clean(self):
        super().clean()
        if self.gemeente_id and self.geldig_van and self.overlappende().exists():
            raise ValidationError(_("Deze periode overlapt met een ander lidmaatschap van dezelfde gemeente."))


class Inwoners(models.Model):
    """Inhabitants of a gemeente on 1 January of a year (CBS)."""

    gemeente = models.ForeignKey(Gemeente, on_delete=models.CASCADE, related_name="inwoners")
    jaar = models.PositiveSmallIntegerField(_("jaar"))
    aantal = models.PositiveIntegerField(_("aantal inwoners"))
    status = models.CharField(_("status"), max_length=20, default="definitief")

    class Meta:
        verbose_name = _("inwoners")
        verbose_name_plural = _("inwoners")
        ordering = ["gemeente", "jaar"]
        constraints = [models.UniqueConstraint(fields=["gemeente", "jaar"], name="inwoners_uniek")]

    def __str__(self):
        return f"{self.gemeente.code} {self.jaar}: {self.aantal}"


class Herindeling(models.Model):
    """A municipal merger or split: the old gemeente's addresses went (partly) to the new one."""

    oude_gemeente = models.ForeignKey(Gemeente, on_delete=models.CASCADE, related_name="opvolgers")
    nieuwe_gemeente = models.ForeignKey(Gemeente, on_delete=models.CASCADE, related_name="voorgangers")
    datum = models.DateField(_("datum"))
    aandeel_adressen = models.DecimalField(_("aandeel adressen"), max_digits=4, decimal_places=3)

    class Meta:
        verbose_name = _("herindeling")
        verbose_name_plural = _("herindelingen")
        ordering = ["datum", "oude_gemeente"]
        constraints = [
            models.UniqueConstraint(fields=["oude_gemeente", "nieuwe_gemeente"], name="herindeling_uniek"),
            models.CheckConstraint(
                condition=Q(aandeel_adressen__gt=0) & Q(aandeel_adressen__lte=1), name="herindeling_aandeel_geldig"
            ),
        ]

    def __str__(self):
        return f"{self.oude_gemeente.code} → {self.nieuwe_gemeente.code} ({self.datum})"


class Stedelijkheid(models.Model):
    """Urbanisation of a gemeente in a year (CBS), for comparisons by urbanisation class."""

    gemeente = models.ForeignKey(Gemeente, on_delete=models.CASCADE, related_name="stedelijkheid")
    jaar = models.PositiveSmallIntegerField(_("jaar"))
    stedelijkheid = models.PositiveSmallIntegerField(_("stedelijkheidsklasse"), null=True, blank=True)
    omgevingsadressendichtheid = models.PositiveIntegerField(_("omgevingsadressendichtheid"), null=True, blank=True)
    bevolkingsdichtheid = models.PositiveIntegerField(_("bevolkingsdichtheid"), null=True, blank=True)

    class Meta:
        verbose_name = _("stedelijkheid")
        verbose_name_plural = _("stedelijkheid")
        constraints = [models.UniqueConstraint(fields=["gemeente", "jaar"], name="stedelijkheid_uniek")]

    def __str__(self):
        return f"{self.gemeente.code} {self.jaar}"


class RolNamen(models.Aggregate):
    """The role (group) names of a user as one comma-separated string: STRING_AGG or GROUP_CONCAT."""

    function = "STRING_AGG"
    template = "%(function)s(%(expressions)s, ',')"
    output_field = models.CharField()

    def as_sqlite(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, function="GROUP_CONCAT", **extra_context)


def rolnamen(gebruiker_ref: str = "pk") -> models.Subquery:
    """Subquery: the role names of the user ``gebruiker_ref`` (an outer field) points at."""
    namen = (Gebruiker.groups.through.objects.filter(gebruiker_id=models.OuterRef(gebruiker_ref))
             .values("gebruiker_id").annotate(namen=RolNamen("group__name")).values("namen"))
    return models.Subquery(namen, output_field=models.CharField())


class GebruikerQuerySet(models.QuerySet):
    def met_rollen(self):
        """Users with their organisation and role names, in the same query (no query per request for roles)."""
        return self.select_related("organisatie").annotate(rolnamen=rolnamen())


class GebruikerManager(UserManager.from_queryset(GebruikerQuerySet)):
    pass


class Gebruiker(AbstractUser):
    """A user of the application. Belongs to one organisation; its role is one of the role groups.

    Intake staff and team leads must belong to an organisation; municipal analysts and
    administrators may belong to none.
    """

    organisatie = models.ForeignKey(
        Organisatie,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="gebruikers",
        verbose_name=_("organisatie"),
    )

    is_koppeling = models.BooleanField(
        _("integratie-account"), default=False,
        help_text=_("Een koppeling met een ander systeem: meldt zich alleen aan met een API-sleutel, nooit op het "
                    "inlogscherm. Alleen een integratie-account kan een API-sleutel hebben."),
    )

    objects = GebruikerManager()

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")

    @property
    def rollen(self) -> set[str]:
        """The role names; loaded with the user by ``met_rollen()``, otherwise with one query, once."""
        if not hasattr(self, "_rollen"):
            if hasattr(self, "rolnamen"):
                self._rollen = set(self.rolnamen.split(",")) if self.rolnamen else set()
            else:
                self._rollen = set(self.groups.values_list("name", flat=True))
        return self._rollen


class Koppelsleutel(AbstractAuthToken):
    """An API key of an integration account (django-rest-knox): only its SHA-512 digest and its first 15
    characters (to find it) are stored; the key itself is shown once, when it is made."""

    omschrijving = models.CharField(_("omschrijving"), max_length=100, blank=True,
                                    help_text=_("Welk systeem deze sleutel gebruikt."))
    aangemaakt_door = models.ForeignKey(Gebruiker, on_delete=models.SET_NULL, null=True, blank=True,
                                        related_name="+", verbose_name=_("aangemaakt door"), editable=False)
    eerst_gebruikt_op = models.DateTimeField(_("eerst gebruikt op"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("API-sleutel")
        verbose_name_plural = _("API-sleutels")
        ordering = ["-created"]

    def __str__(self):
        return f"{self.user} – {self.omschrijving}" if self.omschrijving else str(self.user)


class Nummerreeks(models.Model):
    """The last number handed out per organisation, prefix (A, M, C) and year.

    Numbers come from this row under a row lock in the registering transaction, so they are
    gapless and unique even with concurrent registrations: a rolled-back registration also
    rolls back its number.
    """

    organisatie = models.ForeignKey(Organisatie, on_delete=models.CASCADE, related_name="+")
    prefix = models.CharField(max_length=1)
    jaar = models.PositiveSmallIntegerField()
    laatste = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organisatie", "prefix", "jaar"], name="nummerreeks_uniek")]

    def __str__(self):
        return f"{self.prefix}-{self.jaar}: {self.laatste}"


#: The reference data: loaded from the shipped files, kept by beheer, read by every analysis.
REFERENTIEDATA = (Organisatie, OrganisatieNaam, Gemeente, Lidmaatschap, Inwoners, Herindeling, Stedelijkheid)

for _model in REFERENTIEDATA:
    auditlog.register(_model)
auditlog.register(Gebruiker, exclude_fields=["password", "last_login"], m2m_fields={"groups"})
# Made and revoked keys are audited; the digest and the key's first characters are never written there.
auditlog.register(Koppelsleutel, exclude_fields=["digest", "token_key"])
