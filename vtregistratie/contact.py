"""What an advies and a melding have in common: the abstract ``Contact`` model and its scoping.

Facts are frozen at registration: the organisation, the gemeente code, the derived melder groep and
the definitions version are stored on the record and never recomputed from later reference data.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from vtregistratie import definities
from vtregistratie.models import Gemeente, Organisatie
from vtregistratie.regels import registrerende_organisatie

# The origin of ``Contact.versie``.
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


class ContactQuerySet(models.QuerySet):
    def for_user(self, user):
        """The rows ``user`` may see: their own organisation's, when the rule "vt.registreren" allows; none
        otherwise."""
        organisatie = registrerende_organisatie(user)
        if organisatie is None:
            return self.none()
        return self.filter(organisatie=organisatie)


def melder_constraints(prefix: str) -> list[models.CheckConstraint]:
    """A professional melder has an organisation type and a rol/functie (``onbekend`` when not given) and no
    relation; a non-professional a relation and neither of the others."""
    return [
        models.CheckConstraint(
            condition=(Q(beroepsmatig=True) & ~Q(melder_organisatietype="") & Q(melder_relatie="")
                       & ~Q(melder_functie=""))
            | (Q(beroepsmatig=False) & Q(melder_organisatietype="") & ~Q(melder_relatie="")
               & Q(melder_functie="")),
            name=f"{prefix}_melder_consistent",
            violation_error_message=_(
                "Een beroepsmatige melder heeft een organisatietype, een rol/functie en geen relatie; een "
                "niet-beroepsmatige melder een relatie en geen organisatietype of rol/functie."
            ),
        ),
        models.CheckConstraint(
            condition=Q(melder_groep__in=definities.MELDER_GROEP.codes()),
            name=f"{prefix}_melder_groep_geldig",
        ),
    ]


class Contact(models.Model):
    # No index of its own: each concrete model's (organisatie, date) index serves every lookup by organisation,
    # and with a second one PostgreSQL scanned all years of an organisation for one quarter (docs/performance.md).
    organisatie = models.ForeignKey(
        Organisatie, on_delete=models.PROTECT, related_name="+", verbose_name=_("organisatie"), editable=False,
        db_index=False,
    )
    jaar = models.PositiveSmallIntegerField(_("jaar van het volgnummer"), editable=False)
    volgnummer = models.PositiveIntegerField(_("volgnummer"), editable=False)
    nummer = models.CharField(_("nummer"), max_length=16, editable=False)
    gemeente = models.ForeignKey(
        Gemeente,
        to_field="code",
        db_column="gemeente_code",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gemeente"),
        help_text=_("De gemeente waar de betrokkenen wonen; leeg is onbekend."),
    )
    beroepsmatig = models.BooleanField(_("beroepsmatig"), help_text=_("Meldt of vraagt de melder in een beroep?"))
    melder_organisatietype = models.CharField(
        _("organisatietype melder"), max_length=40, blank=True, choices=definities.MELDER_ORGANISATIETYPE.choices()
    )
    melder_relatie = models.CharField(
        _("relatie melder"), max_length=40, blank=True, choices=definities.MELDER_RELATIE.choices()
    )
    melder_functie = models.CharField(
        _("rol/functie melder"), max_length=40, blank=True, choices=definities.MELDER_FUNCTIE.choices(),
        help_text=_("Alleen bij een beroepsmatige melder; niet ingevuld telt als 'rol/functie onbekend'."),
    )
    melder_groep = models.CharField(
        _("meldergroep"), max_length=30, choices=definities.MELDER_GROEP.choices(), editable=False
    )
    anoniem = models.BooleanField(_("anoniem"), default=False)
    aard = models.JSONField(_("aard"), default=list, blank=True)
    aard_subvorm = models.JSONField(_("vorm van het geweld"), default=list, blank=True)
    aanvullende_informatie = models.JSONField(_("aanvullende informatie"), default=list, blank=True)
    duur_geweld = models.CharField(
        _("duur van het geweld"), max_length=30, choices=definities.DUUR_GEWELD.choices(), default="onbekend"
    )
    definities_versie = models.CharField(_("versie definities"), max_length=10, editable=False)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    gewijzigd_op = models.DateTimeField(_("gewijzigd op"), auto_now=True)
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", editable=False
    )

    objects = ContactQuerySet.as_manager()

    # The date field that decides the counting quarter (start date of an advies, receipt date of a melding).
    TELDATUM_VELD: str

    class Meta:
        abstract = True

    def __str__(self):
        return self.nummer

    @property
    def versie(self) -> str:
        """The version a reader saw: the change time in microseconds. The API sends it as the ETag, the
        forms in a hidden field; a change or delete based on an older version is refused."""
        return str((self.gewijzigd_op - _EPOCH) // timedelta(microseconds=1))

    @property
    def teldatum(self) -> date:
        return getattr(self, self.TELDATUM_VELD)

    @property
    def melder_categorie(self) -> str:
        return self.melder_organisatietype if self.beroepsmatig else self.melder_relatie
