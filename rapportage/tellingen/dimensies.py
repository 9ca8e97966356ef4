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
- the melder's StatLine organisatie category and the Impactmonitor group, from the mappings in
  ``vtregistratie.definities``; the counted rol/functie (``onbekend`` when not given, ``niet_van_toepassing``
  for a non-professional);
- the follow-up (``VOLGTABELLEN``): the sources and counting dates of diensten, outcomes, overdrachten and casussen
  (``BRONNEN``), the waiting list as a stock on a quarter's last day, the day difference of every histogram
  (``Dagen``, capped by ``begrensd``), a casus's first quarter in its half-year and year (``eerste_in``) and the
  vervolgmelding subgroup (``vervolgmelding_moment``).

A source (``Bron``) is what a dimension's expression is a function of: ``advies`` and ``melding`` (the soort), or
one of the follow-up's. A source without a counting date is a stock, counted per quarter (``tel_query(peil=...)``).

Adding a dimension is one ``Dimensie`` in ``TELLING`` plus a migration that adds the column to the count table;
a multi-valued one (a JSON list) gets a table of its own, like ``TELLING_AARD`` (two unnested lists in one table
would count their cross product). See the worked example in docs/rollup.md.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Count,
    DateField,
    Exists,
    Expression,
    ExpressionWrapper,
    F,
    Func,
    IntegerField,
    Model,
    OuterRef,
    Q,
    Value,
    When,
)
from django.db.models.functions import Coalesce, ExtractQuarter, ExtractYear, Least, TruncQuarter, TruncYear
from django.db.models.lookups import GreaterThan
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from adviezen.models import Advies
from diensten.models import Dienst, Monitoring, OnderzoekUitkomst, Overdracht
from kwartalen.kwartaal import Kwartaal
from meldingen.models import Melding
from rapportage.tellingen.models import (
    DUUR_MAX_DAGEN,
    Telling,
    TellingAanvullendeInformatie,
    TellingAard,
    TellingCasus,
    TellingDienst,
    TellingDuur,
    TellingOverdracht,
    TellingSubvorm,
    TellingUitkomst,
    TellingWachtlijst,
)
from vtregistratie import definities
from vtregistratie.definities import CodeLijst

#: The registrations that are counted, per soort (the codes of ``SOORT_CONTACT``).
SOORTEN: dict[str, type[Model]] = {"advies": Advies, "melding": Melding}


# --- the sources of the counts ---------------------------------------------------------------------------------

def _wacht_aan_einde_van(kwartaal: Kwartaal) -> Q:
    """On the waiting list on the quarter's last day: decided (vervolgstappen) by then, its dienst not started by
    then. The same rule as ``kwartalen.volgkwartalen.Stand.wacht_aan_einde_van`` (which decides the stale marks);
    tests/rapportage/test_diensten_tellingen.py holds the two to each other."""
    einde = kwartaal.einde
    return Q(beoordeling_datum__lt=einde) & (Q(dienst__isnull=True) | Q(dienst__startdatum__gte=einde))


def _datum_buiten() -> Expression:
    """The outer melding's receipt date in a subquery, typed (a date function needs to know its argument)."""
    return ExpressionWrapper(OuterRef("ontvangstdatum"), output_field=DateField())


def _eerste_van_casus_in_kwartaal() -> Q:
    """The casus's earliest melding received in the quarter (ties by number): one row per casus and quarter."""
    ontvangen = OuterRef("ontvangstdatum")
    eerder = Melding.objects.filter(casus_id=OuterRef("casus_id"),
                                    ontvangstdatum__gte=TruncQuarter(_datum_buiten())).filter(
        Q(ontvangstdatum__lt=ontvangen) | Q(ontvangstdatum=ontvangen, pk__lt=OuterRef("pk")))
    return ~Q(Exists(eerder))


@dataclass(frozen=True)
class Bron:
    """Where the rows of a count come from: a model, the field whose date decides the quarter, which rows count,
    and the paths to the organisation and to the registration (advies or melding) the row belongs to.

    ``teldatum`` None is a stock: counted per quarter as of its last day (``peil(kwartaal)`` selects the rows)."""

    naam: str
    model: type[Model]
    teldatum: str | None
    filter: Callable[[], Q] = field(default=Q)
    organisatie: str = "organisatie_id"
    #: the path from a row to its advies or melding ("" when the row is one)
    contact: str = ""
    peil: Callable[[Kwartaal], Q] | None = None

    @property
    def is_voorraad(self) -> bool:
        return self.teldatum is None


_AFGEROND = lambda: Q(einddatum__isnull=False)  # noqa: E731

#: Every source, by name; a dimension's expression is a function of this name (for adviezen and meldingen the
#: soort). The follow-up's counting dates are those of docs/diensten.md.
BRONNEN: dict[str, Bron] = {bron.naam: bron for bron in (
    Bron("advies", Advies, Advies.TELDATUM_VELD),
    Bron("melding", Melding, Melding.TELDATUM_VELD),
    Bron("dienst_gestart", Dienst, "startdatum", contact="melding__"),
    Bron("dienst_afgerond", Dienst, "einddatum", _AFGEROND, contact="melding__"),
    Bron("wachtlijst", Melding, None, lambda: Q(beoordeling_uitkomst="vervolgstappen_vt",
                                                 beoordeling_datum__isnull=False),
         peil=_wacht_aan_einde_van),
    Bron("uitkomst", OnderzoekUitkomst, "dienst__einddatum", lambda: Q(dienst__einddatum__isnull=False),
         organisatie="dienst__organisatie_id", contact="dienst__melding__"),
    Bron("overdracht", Overdracht, "datum", contact="melding__"),
    Bron("casus", Melding, Melding.TELDATUM_VELD, _eerste_van_casus_in_kwartaal),
)}

#: The last day of the quarter a stock is being counted for (set by ``tel_query``).
_PEILDAG: ContextVar[date | None] = ContextVar("peildag", default=None)


def teldatum(soort: str) -> str | Expression:
    """The field whose date decides the quarter in which a row of this source counts; for a stock, the last day
    of the quarter being counted."""
    veld = BRONNEN[soort].teldatum
    if veld is not None:
        return veld
    peildag = _PEILDAG.get()
    if peildag is None:
        raise RuntimeError(f"{soort} is a stock: count it per quarter (tel_query(..., peil=kwartaal))")
    return Value(peildag, output_field=DateField())


def pad(soort: str, veld: str) -> str:
    """A field of the advies or melding that a row of this source belongs to."""
    return f"{BRONNEN[soort].contact}{veld}"


class Dagen(Func):
    """Calendar days from ``van`` to ``tot`` as an integer: date subtraction on PostgreSQL, ``julianday`` on
    SQLite (the one expression for every day histogram)."""

    output_field = IntegerField()

    def __init__(self, van, tot):
        super().__init__(tot, van)

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, template="(%(expressions)s)", arg_joiner=" - ", **extra)

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, template="CAST(julianday(%(expressions)s) AS INTEGER)",
                           arg_joiner=") - julianday(", **extra)


def begrensd(dagen: Expression) -> Expression:
    """Days as a histogram stores them: longer than ``DUUR_MAX_DAGEN`` counts as ``DUUR_MAX_DAGEN``."""
    return Least(dagen, Value(DUUR_MAX_DAGEN), output_field=IntegerField())


def begrensde_dagen(van: date, tot: date) -> int:
    """``begrensd(Dagen(van, tot))`` for two dates in hand (the CBS validation reads them from a record)."""
    return min((tot - van).days, DUUR_MAX_DAGEN)


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


def vervolgmelding_moment() -> Expression:
    """85361NED's subgroups of a vervolgmelding, from the casus's other records on the receipt date: while an
    earlier melding of the casus is not yet assessed (``tijdens_beoordeling``), else while a monitoring of the
    casus runs (``tijdens_monitoring``), else ``na_beoordeling``; empty for any other melding (docs/definities.md).
    """
    ontvangen = OuterRef("ontvangstdatum")
    eerder = Melding.objects.filter(casus_id=OuterRef("casus_id")).filter(
        Q(ontvangstdatum__lt=ontvangen) | Q(ontvangstdatum=ontvangen, pk__lt=OuterRef("pk")))
    onbeoordeeld = eerder.filter(Q(beoordeling_datum__isnull=True) | Q(beoordeling_datum__gt=ontvangen))
    monitoring = Monitoring.objects.filter(melding__casus_id=OuterRef("casus_id"), startdatum__lte=ontvangen).filter(
        Q(einddatum__isnull=True) | Q(einddatum__gte=ontvangen))
    return Case(When(~Q(eerdere_betrokkenheid="vervolgmelding"), then=Value("")),
                When(Exists(onbeoordeeld), then=Value("tijdens_beoordeling")),
                When(Exists(monitoring), then=Value("tijdens_monitoring")),
                default=Value("na_beoordeling"), output_field=CharField())


def eerste_in(periode: str) -> Expression:
    """The casus has no melding earlier in the half-year (``halfjaar``) or year (``jaar``) than in this quarter."""
    eerder = Melding.objects.filter(casus_id=OuterRef("casus_id"), ontvangstdatum__gte=TruncYear(_datum_buiten()),
                                    ontvangstdatum__lt=TruncQuarter(_datum_buiten()))
    if periode == "halfjaar":  # from the first quarter of the half-year: K3 for K3 and K4, else K1
        eerder = eerder.filter(ontvangstdatum__quarter__gt=Case(
            When(GreaterThan(ExtractQuarter(_datum_buiten()), 2), then=Value(2)), default=Value(0)))
    return ~Exists(eerder)


#: The dates a dienst's day histogram runs between: wachttijd (besluit → start) for a started dienst, doorlooptijd
#: (start → einde) for an ended one.
DUUR_VELDEN = {"dienst_gestart": ("besluitdatum", "startdatum"), "dienst_afgerond": ("startdatum", "einddatum")}


def duur(soort: str) -> Expression:
    """The days a histogram counts: ``DUUR_VELDEN`` for a dienst, the days waited on the quarter's last day for
    the waiting list."""
    van, tot = DUUR_VELDEN[soort] if soort in DUUR_VELDEN else ("beoordeling_datum", teldatum(soort))
    return begrensd(Dagen(F(van), F(tot) if isinstance(tot, str) else tot))


def _record_dagen(record: dict) -> int:
    """A D record's days for its source (``bron``): the CBS validation's reading of ``duur``."""
    van, tot = DUUR_VELDEN[record["bron"]]
    return begrensde_dagen(record[van], record[tot])
def melder_organisatie() -> Expression:
    """The StatLine organisatie category (``STATLINE_ORGANISATIE_PER_ORGANISATIETYPE``); ``niet_van_toepassing``
    for a non-professional."""
    return Case(
        When(beroepsmatig=False, then=Value(definities.ORGANISATIE_NIET_VAN_TOEPASSING)),
        *[When(melder_organisatietype=code, then=Value(categorie))
          for code, categorie in definities.STATLINE_ORGANISATIE_PER_ORGANISATIETYPE.items()],
        default=Value(""), output_field=CharField(),
    )


def melder_functie() -> Expression:
    """The counted rol/functie: the stored one, ``onbekend`` when a professional has none, ``niet_van_toepassing``
    for a non-professional."""
    return Case(
        When(beroepsmatig=False, then=Value(definities.FUNCTIE_NIET_VAN_TOEPASSING)),
        When(melder_functie="", then=Value(definities.FUNCTIE_ONBEKEND)),
        default=F("melder_functie"), output_field=CharField(),
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


_ALLE = tuple(BRONNEN)
JAAR = Dimensie("jaar", _("jaar"), lambda soort: ExtractYear(teldatum(soort)), geldt_voor=_ALLE)
KWARTAAL = Dimensie("kwartaal", _("kwartaal"), lambda soort: ExtractQuarter(teldatum(soort)), geldt_voor=_ALLE)
ORGANISATIE = Dimensie("organisatie_id", _("organisatie"), lambda soort: F(BRONNEN[soort].organisatie),
                       geldt_voor=_ALLE)
GEMEENTE = Dimensie("gemeente_code", _("gemeente"), lambda soort: Coalesce(F(pad(soort, "gemeente_id")), Value("")),
                    cbs_veld="gemeente", geldt_voor=_ALLE)
SOORT = Dimensie("soort", _("soort"), lambda soort: Value(soort, output_field=CharField()),
                 codelijst=definities.SOORT_CONTACT, cbs_veld="soort")  # the record type
MELDER_GROEP = Dimensie("melder_groep", _("meldergroep"), _voor_beide(lambda: F("melder_groep")),
                        codelijst=definities.MELDER_GROEP, cbs_veld="melder_groep")
MELDER_CATEGORIE = Dimensie(
    "melder_categorie", _("meldercategorie"), _voor_beide(melder_categorie),
    cbs_veld=lambda r: definities.melder_categorie(beroepsmatig=r["beroepsmatig"],
                                                  organisatietype=r["melder_organisatietype"],
                                                  relatie=r["melder_relatie"]))
MELDER_ORGANISATIE = Dimensie(
    "melder_organisatie", _("organisatie melder"), _voor_beide(melder_organisatie),
    codelijst=definities.MELDER_ORGANISATIE,
    cbs_veld=lambda r: definities.melder_organisatie(beroepsmatig=r["beroepsmatig"],
                                                    organisatietype=r["melder_organisatietype"]))
MELDER_FUNCTIE = Dimensie("melder_functie", _("rol/functie melder"), _voor_beide(melder_functie),
                          codelijst=definities.MELDER_FUNCTIE, cbs_veld="melder_functie")
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
AARD_SUBVORM = Dimensie("aard_subvorm", _("vorm van het geweld"), _voor_beide(lambda: Uitgepakt("aard_subvorm")),
                        codelijst=definities.AARD_SUBVORM, cbs_veld="aard_subvorm")
AANVULLENDE_INFORMATIE = Dimensie("aanvullende_informatie", _("aanvullende informatie"),
                                  _voor_beide(lambda: Uitgepakt("aanvullende_informatie")),
                                  codelijst=definities.AANVULLENDE_INFORMATIE, cbs_veld="aanvullende_informatie")
DUUR_GEWELD = Dimensie("duur_geweld", _("duur van het geweld"), _voor_beide(lambda: F("duur_geweld")),
                       codelijst=definities.DUUR_GEWELD, cbs_veld="duur_geweld")

VERVOLGMELDING_MOMENT = Dimensie("vervolgmelding_moment", _("moment van de vervolgmelding"),
                                 _voor_beide(vervolgmelding_moment), codelijst=definities.VERVOLGMELDING_MOMENT,
                                 **_MELDING, leeg=Value("", output_field=CharField()))

# The follow-up (docs/rollup.md, "Diensten"): each dimension applies to the sources of its table.
_DIENST = ("dienst_gestart", "dienst_afgerond")
DIENST = Dimensie("dienst", _("dienst"),
                  lambda soort: F("vervolgdienst") if soort == "wachtlijst" else F("soort"),
                  codelijst=definities.VERVOLGDIENST, geldt_voor=(*_DIENST, "wachtlijst"), cbs_veld="soort")
GEBEURTENIS = Dimensie("gebeurtenis", _("gebeurtenis"),
                       lambda soort: Value({"dienst_gestart": "gestart", "dienst_afgerond": "afgerond"}[soort],
                                           output_field=CharField()),
                       codelijst=definities.DIENST_GEBEURTENIS, geldt_voor=_DIENST)
AFSLUITREDEN = Dimensie("afsluitreden", _("voortijdig afgesloten"), _voor_beide(lambda: F("afsluitreden")),
                        codelijst=definities.VOORTIJDIG_AFGESLOTEN_REDEN, geldt_voor=("dienst_afgerond",),
                        cbs_veld="afsluitreden",
                        leeg=Value("", output_field=CharField()))  # only an ended onderzoek was closed early
MAAT = Dimensie("maat", _("maat"),
                lambda soort: Value({"dienst_gestart": "wachttijd", "dienst_afgerond": "doorlooptijd"}[soort],
                                    output_field=CharField()),
                codelijst=definities.DUUR_MAAT, geldt_voor=_DIENST)
DAGEN = Dimensie("dagen", _("dagen"), duur, geldt_voor=(*_DIENST, "wachtlijst"), cbs_veld=_record_dagen)
UITKOMST_AARD = Dimensie("aard", _("aard"), _voor_beide(lambda: F("aard")), codelijst=definities.AARD,
                         geldt_voor=("uitkomst",), cbs_veld="aard")
UITKOMST = Dimensie("uitkomst", _("uitkomst"), _voor_beide(lambda: F("uitkomst")),
                    codelijst=definities.ONDERZOEK_UITKOMST, geldt_voor=("uitkomst",), cbs_veld="uitkomst")
MOMENT = Dimensie("moment", _("moment"),
                  _voor_beide(lambda: Case(When(dienst__isnull=True, then=Value("na_beoordeling")),
                                           default=Value("na_dienst"), output_field=CharField())),
                  codelijst=definities.OVERDRACHT_MOMENT, geldt_voor=("overdracht",), cbs_veld="moment")
BESTEMMING = Dimensie("bestemming", _("organisatie"), _voor_beide(lambda: F("bestemming")),
                      codelijst=definities.OVERDRACHT_BESTEMMING, geldt_voor=("overdracht",), cbs_veld="bestemming")
HULP = Dimensie("hulp", _("soort hulp"), _voor_beide(lambda: F("hulp")), codelijst=definities.HULP_SOORT,
                geldt_voor=("overdracht",), cbs_veld="hulp")
EERSTE_IN_HALFJAAR = Dimensie("eerste_in_halfjaar", _("eerste in het halfjaar"),
                              _voor_beide(lambda: eerste_in("halfjaar")), geldt_voor=("casus",))
EERSTE_IN_JAAR = Dimensie("eerste_in_jaar", _("eerste in het jaar"), _voor_beide(lambda: eerste_in("jaar")),
                          geldt_voor=("casus",))

#: The key of a count: one (organisation, quarter) is recomputed, locked and marked stale as a whole.
SLEUTEL = (ORGANISATIE, JAAR, KWARTAAL)


@dataclass(frozen=True)
class Teltabel:
    """A count table: its model and its dimensions, in column order; the measure is ``aantal``."""

    model: type[Model]
    dimensies: tuple[Dimensie, ...]
    #: the sources it counts (``BRONNEN``), each with one ``INSERT … SELECT``
    bronnen: tuple[str, ...] = tuple(SOORTEN)

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
        return Teltabel(self.model, tuple(dimensie if d.naam == dimensie.naam else d for d in self.dimensies),
                        self.bronnen)


TELLING = Teltabel(Telling, (*SLEUTEL, GEMEENTE, SOORT, MELDER_GROEP, MELDER_CATEGORIE, MELDER_ORGANISATIE,
                             MELDER_FUNCTIE, CRISIS, BEOORDELING, EERDERE_BETROKKENHEID, BINNEN_TERMIJN,
                             STRUCTURELE_ONVEILIGHEID, VERVOLGDIENST, IMPACTMONITOR_GROEP, VERVOLGMELDING_MOMENT,
                             DUUR_GEWELD))
#: The multi-valued dimensions, one table each: a registration counts once under each code of its list, and a
#: registration with an empty list has no row there (its total is in ``TELLING``).
TELLING_AARD = Teltabel(TellingAard, (*SLEUTEL, GEMEENTE, SOORT, AARD))
#: the sub-forms of an aard (``definities.AARD_PER_SUBVORM`` gives each one's aard)
TELLING_SUBVORM = Teltabel(TellingSubvorm, (*SLEUTEL, GEMEENTE, SOORT, AARD_SUBVORM))
TELLING_AANVULLENDE_INFORMATIE = Teltabel(TellingAanvullendeInformatie,
                                          (*SLEUTEL, GEMEENTE, SOORT, AANVULLENDE_INFORMATIE))
TELTABELLEN = (TELLING, TELLING_AARD, TELLING_SUBVORM, TELLING_AANVULLENDE_INFORMATIE)
#: The table that holds a multi-valued dimension, by the dimension's name.
MEERVOUDIG = {tabel.kenmerken[-1].naam: tabel for tabel in TELTABELLEN if tabel is not TELLING}
#: Every breakdown the analyses can show ("Uitsplitsingen"): each dimension of a count table but the key,
#: the gemeente and the soort, in declaration order. A new dimension is a new breakdown without more code.
UITSPLITSINGEN: dict[str, Dimensie] = {
    d.naam: d for tabel in TELTABELLEN for d in tabel.kenmerken if d not in (GEMEENTE, SOORT)
}

#: Every field intake registers on an advies or melding (the intake forms and ``CONTACT_VELDEN``) and the count
#: dimensions computed from it, so each appears in some analysis: a breakdown of "Uitsplitsingen" (and a StatLine
#: table where CBS has one), or the period and the region or gemeente every page has. A field that is not counted is
#: in ``NIET_GETELD`` with the reason; tests/rapportage/test_dimensies.py fails for a registration field in neither
#: (docs/analyses.md, "Every registered field in an analysis").
GETELD_ALS: dict[str, tuple[Dimensie, ...]] = {
    "startdatum": (JAAR, KWARTAAL),  # an advies counts in the quarter it started
    "ontvangstdatum": (JAAR, KWARTAAL),  # a melding in the quarter it was received
    "gemeente": (GEMEENTE,),
    "beroepsmatig": (MELDER_GROEP, MELDER_CATEGORIE, MELDER_ORGANISATIE, MELDER_FUNCTIE, IMPACTMONITOR_GROEP),
    "melder_organisatietype": (MELDER_GROEP, MELDER_CATEGORIE, MELDER_ORGANISATIE, IMPACTMONITOR_GROEP),
    "melder_relatie": (MELDER_CATEGORIE, IMPACTMONITOR_GROEP),
    "melder_functie": (MELDER_FUNCTIE,),
    "aard": (AARD,),
    "aard_subvorm": (AARD_SUBVORM,),
    "aanvullende_informatie": (AANVULLENDE_INFORMATIE,),
    "duur_geweld": (DUUR_GEWELD,),
    "acute_onveiligheid": (CRISIS,),
    "structurele_onveiligheid": (STRUCTURELE_ONVEILIGHEID,),
    "beoordeling_datum": (BEOORDELING, BINNEN_TERMIJN),
    "beoordeling_uitkomst": (BEOORDELING,),
    "vervolgdienst": (VERVOLGDIENST,),
    # the casus a melding joins decides whether it is a vervolgmelding, and when
    "casus_keuze": (EERDERE_BETROKKENHEID, VERVOLGMELDING_MOMENT),
    "casusnummer": (EERDERE_BETROKKENHEID, VERVOLGMELDING_MOMENT),
}
#: The registration fields that are deliberately not counted, with the reason (the one list of exceptions).
NIET_GETELD: dict[str, str] = {
    "einddatum": "StatLine counts adviezen by their start date and publishes no end or duration of an advies; the "
                 "end date goes to CBS in the record file and only says whether an advies still runs",
    "anoniem": "StatLine publishes no breakdown by an anonymous melder; it goes to CBS in the record file",
}

#: The follow-up of meldingen (docs/rollup.md, "Diensten"). Not in ``TELTABELLEN``: a CBS record file compares
#: its records with those, these have their own questions. The rollup and the invariant check cover both.
_VOLG_SLEUTEL = (*SLEUTEL, GEMEENTE)
TELLING_DIENST = Teltabel(TellingDienst, (*_VOLG_SLEUTEL, DIENST, GEBEURTENIS, AFSLUITREDEN), _DIENST)
TELLING_DUUR = Teltabel(TellingDuur, (*_VOLG_SLEUTEL, DIENST, MAAT, DAGEN), _DIENST)
TELLING_WACHTLIJST = Teltabel(TellingWachtlijst, (*_VOLG_SLEUTEL, DIENST, DAGEN), ("wachtlijst",))
TELLING_UITKOMST = Teltabel(TellingUitkomst, (*_VOLG_SLEUTEL, UITKOMST_AARD, UITKOMST), ("uitkomst",))
TELLING_OVERDRACHT = Teltabel(TellingOverdracht, (*_VOLG_SLEUTEL, MOMENT, BESTEMMING, HULP), ("overdracht",))
TELLING_CASUS = Teltabel(TellingCasus, (*_VOLG_SLEUTEL, EERSTE_IN_HALFJAAR, EERSTE_IN_JAAR), ("casus",))
VOLGTABELLEN = (TELLING_DIENST, TELLING_DUUR, TELLING_WACHTLIJST, TELLING_UITKOMST, TELLING_OVERDRACHT,
                TELLING_CASUS)


# --- compiling the declaration -------------------------------------------------------------------------------------

def _alias(dimensie: Dimensie) -> str:
    return f"d_{dimensie.naam}"  # an annotation may not carry the name of a model field


@contextmanager
def _peil(bron: Bron, kwartaal: Kwartaal | None) -> Iterator[Q]:
    """While counting a stock: its quarter's last day for ``teldatum``, and the rows on hand that day."""
    if not bron.is_voorraad:
        if kwartaal is not None:
            raise ValueError(f"{bron.naam} is counted by its date, not as of a quarter's end")
        yield Q()
        return
    if kwartaal is None:
        raise ValueError(f"{bron.naam} is a stock: count it per quarter")
    token = _PEILDAG.set(kwartaal.einde - timedelta(days=1))
    try:
        yield bron.peil(kwartaal)
    finally:
        _PEILDAG.reset(token)


def tel_query(tabel: Teltabel, soort: str, waar: Q | None = None, *, peil: Kwartaal | None = None
              ) -> tuple[str, tuple]:
    """SQL and parameters of ``SELECT <every dimension>, COUNT(*) … GROUP BY <every dimension>`` over the rows
    of one source (``BRONNEN``; for adviezen and meldingen the soort) matching ``waar``: the rollup inserts it,
    the check compares it. A stock is counted for one quarter, ``peil``."""
    bron = BRONNEN[soort]
    model = bron.model
    aliassen = [_alias(d) for d in tabel.dimensies]
    with _peil(bron, peil) as op_peildag:
        uitdrukkingen = {_alias(d): d.voor(soort) for d in tabel.dimensies}
        qs = (model.objects.filter(bron.filter(), op_peildag, waar or Q()).order_by()
              .annotate(**uitdrukkingen)
              .values(*aliassen).annotate(aantal=Count("*")).values_list(*aliassen, "aantal"))
        sql, params = qs.query.sql_with_params()
    uitgepakt = [u.veld for u in uitdrukkingen.values() if isinstance(u, Uitgepakt)]
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
    """Rows of this source counted from ``van`` up to (not including) ``tot`` (not for a stock)."""
    veld = BRONNEN[soort].teldatum
    return Q(**{f"{veld}__gte": van, f"{veld}__lt": tot})


def van_organisaties(soort: str, **lookup) -> Q:
    """Rows of this source of some organisations: ``van_organisaties(soort, lte=5)``, ``(soort, in_=[1, 2])``."""
    return Q(**{f"{BRONNEN[soort].organisatie}__{k.rstrip('_')}": v for k, v in lookup.items()})
