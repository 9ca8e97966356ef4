"""The count dimensions and tables, each declared once (docs/rollup.md).

A dimension is a column of a count table with its label, its code list and, per soort, the Django expression
that computes it from one registration. Everything that counts reads this module: the rollup compiles its
``INSERT … SELECT … GROUP BY`` from it, the invariant check and the CBS validation compare every dimension it
declares, the CBS record file is annotated from the same expressions, and the selectors, the analyses and the
aggregate CSV take their columns from it. So the rules below live nowhere else:

- the counting date: ``TELDATUM_VELD`` of the registration model (start date of an advies, receipt date of a
  melding), and its year and quarter;
- "nog niet beoordeeld": a melding without an assessment date, whatever its outcome field says;
- "binnen termijn": assessed on or before the legal deadline; empty while not assessed;
- the Impactmonitor group, from the two mappings in ``vtregistratie.definities``.

Adding a dimension is one ``Dimensie`` in ``TELLING`` plus a migration that adds the column to the count table;
a multi-valued one (a JSON list) gets a table of its own, like ``TELLING_AARD``. See the worked example in
docs/rollup.md.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db import connection
from django.db.models import BooleanField, Case, CharField, Count, Expression, F, Model, Q, Value, When
from django.db.models.functions import Coalesce, ExtractQuarter, ExtractYear
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from adviezen.models import Advies
from meldingen.models import Melding
from rapportage.tellingen.models import Telling, TellingAanvullendeInformatie, TellingAard
from vtregistratie import definities
from vtregistratie.definities import CodeLijst

#: The registrations that are counted, per soort (the codes of ``SOORT_CONTACT``).
SOORTEN: dict[str, type[Model]] = {"advies": Advies, "melding": Melding}


def teldatum(soort: str) -> str:
    """The field whose date decides the quarter in which a registration of this soort counts."""
    return SOORTEN[soort].TELDATUM_VELD


# --- the derived rules, as expressions over one registration ------------------------------------------------------

def beoordeling() -> Expression:
    """The counted outcome of a melding's veiligheidsbeoordeling: ``nog_niet_beoordeeld`` without a date."""
    return Case(When(beoordeling_datum__isnull=True, then=Value(definities.NOG_NIET_BEOORDEELD)),
                default=F("beoordeling_uitkomst"), output_field=CharField())


def binnen_termijn() -> Expression:
    """Assessed on or before the legal deadline; NULL while there is no assessment date."""
    return Case(When(beoordeling_datum__isnull=True, then=Value(None)),
                When(beoordeling_datum__lte=F("beoordelingstermijn"), then=Value(True)),
                default=Value(False), output_field=BooleanField())


def melder_categorie() -> Expression:
    """The organisation type of a professional melder, the relation of anyone else."""
    return Case(When(beroepsmatig=True, then=F("melder_organisatietype")), default=F("melder_relatie"),
                output_field=CharField())


def impactmonitor_groep() -> Expression:
    """One of the 13 melder groups of the CBS Impactmonitor (the mappings of ``vtregistratie.definities``)."""
    return Case(
        *[When(beroepsmatig=True, melder_organisatietype=code, then=Value(groep))
          for code, groep in definities.IMPACTMONITOR_PER_ORGANISATIETYPE.items()],
        *[When(beroepsmatig=False, melder_relatie=code, then=Value(groep))
          for code, groep in definities.IMPACTMONITOR_PER_RELATIE.items()],
        default=Value(""), output_field=CharField(),
    )


class Uitgepakt(Expression):
    """One element of a JSON list field: the rollup unnests the list into one row per element
    (``aard``: a registration with two aarden counts once under each). Only valid inside ``tel_query``,
    which adds the unnesting to the FROM clause."""

    output_field = CharField()

    def __init__(self, veld: str):
        super().__init__()
        self.veld = veld

    def as_sql(self, compiler, connection):
        return ("a.code" if connection.vendor == "postgresql" else "a.value"), []

    def get_group_by_cols(self):
        return [self]


# --- the declaration ---------------------------------------------------------------------------------------------

Uitdrukking = Callable[[str], Expression]  # soort -> expression over one registration of that soort


def _voor_beide(maak: Callable[[], Expression]) -> Uitdrukking:
    return lambda soort: maak()


@dataclass(frozen=True)
class Dimensie:
    #: the column in the count table (and the name everything else uses)
    naam: str
    label: Promise
    expressie: Uitdrukking
    codelijst: CodeLijst | None = None
    #: where a CBS record holds it: a field name, or a function of the record's values (None: not in the file,
    #: so the CBS validation cannot compare it). A record of a soort without that field counts with the value
    #: of the soort's expression (crisis of an advies: false).
    cbs_veld: str | Callable[[dict], object] | None = None
    #: the soorten it applies to; any other is counted with the fixed value ``leeg`` (crisis of an advies: false)
    geldt_voor: tuple[str, ...] = ("advies", "melding")
    leeg: Value | None = None

    def voor(self, soort: str) -> Expression:
        """The expression over one registration of this soort."""
        return self.expressie(soort) if soort in self.geldt_voor else self.leeg

    def __str__(self):
        return self.naam

    def weergave(self, waarde) -> str:
        """A value as a person reads it: the label of its code, ja/nee, or – for empty."""
        if isinstance(waarde, bool):
            return str(_("ja") if waarde else _("nee"))
        if self.codelijst is not None and waarde in self.codelijst:
            return str(self.codelijst.label(waarde))
        return str(waarde) if waarde not in (None, "") else "–"


JAAR = Dimensie("jaar", _("jaar"), lambda soort: ExtractYear(teldatum(soort)))
KWARTAAL = Dimensie("kwartaal", _("kwartaal"), lambda soort: ExtractQuarter(teldatum(soort)))
ORGANISATIE = Dimensie("organisatie_id", _("organisatie"), _voor_beide(lambda: F("organisatie_id")))
GEMEENTE = Dimensie("gemeente_code", _("gemeente"), _voor_beide(lambda: Coalesce(F("gemeente_id"), Value(""))),
                    cbs_veld="gemeente")
SOORT = Dimensie("soort", _("soort"), lambda soort: Value(soort, output_field=CharField()),
                 codelijst=definities.SOORT_CONTACT, cbs_veld="soort")  # the record type
MELDER_GROEP = Dimensie("melder_groep", _("meldergroep"), _voor_beide(lambda: F("melder_groep")),
                        codelijst=definities.MELDER_GROEP, cbs_veld="melder_groep")
MELDER_CATEGORIE = Dimensie(
    "melder_categorie", _("meldercategorie"), _voor_beide(melder_categorie),
    cbs_veld=lambda r: definities.melder_categorie(beroepsmatig=r["beroepsmatig"],
                                                  organisatietype=r["melder_organisatietype"],
                                                  relatie=r["melder_relatie"]))
_MELDING = {"geldt_voor": ("melding",)}
CRISIS = Dimensie("crisis", _("crisis"), _voor_beide(lambda: F("acute_onveiligheid")), cbs_veld="crisis",
                  **_MELDING, leeg=Value(False, output_field=BooleanField()))
BEOORDELING = Dimensie("beoordeling", _("veiligheidsbeoordeling"), _voor_beide(beoordeling),
                       codelijst=definities.VEILIGHEIDSBEOORDELING_UITKOMST, cbs_veld="beoordeling",
                       **_MELDING, leeg=Value("", output_field=CharField()))
EERDERE_BETROKKENHEID = Dimensie("eerdere_betrokkenheid", _("eerdere betrokkenheid"),
                                 _voor_beide(lambda: F("eerdere_betrokkenheid")),
                                 codelijst=definities.EERDERE_BETROKKENHEID, cbs_veld="eerdere_betrokkenheid",
                                 **_MELDING, leeg=Value("", output_field=CharField()))
STRUCTURELE_ONVEILIGHEID = Dimensie("structurele_onveiligheid", _("structurele onveiligheid"),
                                    _voor_beide(lambda: F("structurele_onveiligheid")),
                                    cbs_veld="structurele_onveiligheid", **_MELDING,
                                    leeg=Value(False, output_field=BooleanField()))
VERVOLGDIENST = Dimensie("vervolgdienst", _("vervolgdienst"), _voor_beide(lambda: F("vervolgdienst")),
                         codelijst=definities.VERVOLGDIENST, cbs_veld="vervolgdienst", **_MELDING,
                         leeg=Value("", output_field=CharField()))  # empty for an advies, and without vervolgstappen
IMPACTMONITOR_GROEP = Dimensie("impactmonitor_groep", _("meldergroep Impactmonitor"), _voor_beide(impactmonitor_groep),
                               codelijst=definities.IMPACTMONITOR_GROEP, cbs_veld="impactmonitor_groep")
BINNEN_TERMIJN = Dimensie("binnen_termijn", _("binnen termijn"), _voor_beide(binnen_termijn),
                          cbs_veld="binnen_termijn", **_MELDING, leeg=Value(None, output_field=BooleanField()))
AARD = Dimensie("aard", _("aard"), _voor_beide(lambda: Uitgepakt("aard")), codelijst=definities.AARD,
                cbs_veld="aard")
AANVULLENDE_INFORMATIE = Dimensie("aanvullende_informatie", _("aanvullende informatie"),
                                  _voor_beide(lambda: Uitgepakt("aanvullende_informatie")),
                                  codelijst=definities.AANVULLENDE_INFORMATIE, cbs_veld="aanvullende_informatie")

#: The key of a count: one (organisation, quarter) is recomputed, locked and marked stale as a whole.
SLEUTEL = (ORGANISATIE, JAAR, KWARTAAL)


@dataclass(frozen=True)
class Teltabel:
    """A count table: its model and its dimensions, in column order; the measure is ``aantal``."""

    model: type[Model]
    dimensies: tuple[Dimensie, ...]

    @property
    def kolommen(self) -> tuple[str, ...]:
        return tuple(d.naam for d in self.dimensies)

    @property
    def kenmerken(self) -> tuple[Dimensie, ...]:
        """The dimensions other than the key."""
        return tuple(d for d in self.dimensies if d not in SLEUTEL)

    def dimensie(self, naam: str) -> Dimensie:
        return next(d for d in self.dimensies if d.naam == naam)

    def met(self, dimensie: Dimensie) -> Teltabel:
        """This table with one dimension's declaration replaced (by its name)."""
        return Teltabel(self.model, tuple(dimensie if d.naam == dimensie.naam else d for d in self.dimensies))


TELLING = Teltabel(Telling, (*SLEUTEL, GEMEENTE, SOORT, MELDER_GROEP, MELDER_CATEGORIE, CRISIS, BEOORDELING,
                             EERDERE_BETROKKENHEID, BINNEN_TERMIJN, STRUCTURELE_ONVEILIGHEID, VERVOLGDIENST,
                             IMPACTMONITOR_GROEP))
#: The multi-valued dimensions, one table each: a registration counts once under each code of its list, and a
#: registration with an empty list has no row there (its total is in ``TELLING``).
TELLING_AARD = Teltabel(TellingAard, (*SLEUTEL, GEMEENTE, SOORT, AARD))
TELLING_AANVULLENDE_INFORMATIE = Teltabel(TellingAanvullendeInformatie,
                                          (*SLEUTEL, GEMEENTE, SOORT, AANVULLENDE_INFORMATIE))
TELTABELLEN = (TELLING, TELLING_AARD, TELLING_AANVULLENDE_INFORMATIE)
#: The table that holds a multi-valued dimension, by the dimension's name.
MEERVOUDIG = {tabel.kenmerken[-1].naam: tabel for tabel in TELTABELLEN if tabel is not TELLING}
#: Every breakdown the analyses can show ("Uitsplitsingen"): each dimension of a count table but the key,
#: the gemeente and the soort, in declaration order. A new dimension is a new breakdown without more code.
UITSPLITSINGEN: dict[str, Dimensie] = {
    d.naam: d for tabel in TELTABELLEN for d in tabel.kenmerken if d not in (GEMEENTE, SOORT)
}


# --- compiling the declaration -------------------------------------------------------------------------------------

def _alias(dimensie: Dimensie) -> str:
    return f"d_{dimensie.naam}"  # an annotation may not carry the name of a model field


def tel_query(tabel: Teltabel, soort: str, waar: Q | None = None) -> tuple[str, tuple]:
    """SQL and parameters of ``SELECT <every dimension>, COUNT(*) … GROUP BY <every dimension>`` over the
    registrations of one soort matching ``waar``: the rollup inserts it, the check compares it."""
    model = SOORTEN[soort]
    aliassen = [_alias(d) for d in tabel.dimensies]
    qs = (model.objects.filter(waar or Q()).order_by()
          .annotate(**{_alias(d): d.voor(soort) for d in tabel.dimensies})
          .values(*aliassen).annotate(aantal=Count("*")).values_list(*aliassen, "aantal"))
    sql, params = qs.query.sql_with_params()
    uitgepakt = [d.voor(soort).veld for d in tabel.dimensies if isinstance(d.voor(soort), Uitgepakt)]
    if len(uitgepakt) > 1:
        raise RuntimeError(f"one multi-valued dimension per table, not {uitgepakt}")
    if uitgepakt:
        bron = f'FROM "{model._meta.db_table}" '  # the space: not EXTRACT(… FROM "table"."column")
        if sql.count(bron) != 1:
            raise RuntimeError(f"cannot unnest {uitgepakt} in {sql}")
        kolom = f'"{model._meta.db_table}"."{uitgepakt[0]}"'
        if connection.vendor == "postgresql":
            sql = sql.replace(bron, f"{bron}CROSS JOIN LATERAL jsonb_array_elements_text({kolom}) AS a(code) ")
        else:
            sql = sql.replace(bron, f"{bron[:-1]}, json_each({kolom}) AS a ")
    return sql, tuple(params)


def teldatum_in(soort: str, van, tot) -> Q:
    """Registrations of this soort counted from ``van`` up to (not including) ``tot``."""
    veld = teldatum(soort)
    return Q(**{f"{veld}__gte": van, f"{veld}__lt": tot})
