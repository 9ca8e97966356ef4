"""The declaration of the count dimensions is what the checks hold the counts to: a rollup that computes any one
dimension by a wrong rule is caught by ``controleer_tellingen`` and by the validation of a CBS delivery."""

from dataclasses import replace
from datetime import date

import pytest
from django.db.models import Case, CharField, F, Value, When
from django.db.models.fields.json import KT
from django.db.models.functions import Coalesce, ExtractMonth, ExtractYear

from adviezen.forms import AdviesForm
from adviezen.models import Advies
from kwartalen.kwartaal import Kwartaal
from meldingen.forms import MeldingForm
from meldingen.models import Melding
from meldingen.services import wijzig_melding
from rapportage.cbs.periode import Halfjaar
from rapportage.cbs.services import maak_aanlevering, valideer_aanlevering
from rapportage.tellingen import dimensies
from rapportage.tellingen.dimensies import TELTABELLEN
from rapportage.tellingen.services import herberekening
from rapportage.tellingen.services.controle import controleer_tellingen
from rapportage.tellingen.services.herberekening import herbereken
from rapportage.tellingen.services.kwartalen import zet_kwartaal_door
from tests.factories import AdviesFactory, GebruikerFactory, MeldingFactory
from vtregistratie import definities
from vtregistratie.services.contact import CONTACT_VELDEN

pytestmark = pytest.mark.django_db


#: Per dimension a plausible mistake in its rule (soort -> expression, for the soorten the dimension applies to).
#: Keyed by name, so a new dimension without an entry fails here.
FOUTE_REGELS = {
    "jaar": lambda soort: ExtractYear(dimensies.teldatum(soort)) + 1,
    "kwartaal": lambda soort: ExtractMonth(dimensies.teldatum(soort)),
    "organisatie_id": lambda soort: F("organisatie_id") + 1,
    "gemeente_code": lambda soort: Coalesce(F("gemeente_id"), Value("GM0000")),
    "soort": lambda soort: Value("advies", output_field=CharField()),
    "melder_groep": lambda soort: Case(When(beroepsmatig=True, then=Value("overige_professional")),
                                       default=Value("niet_professional")),
    "melder_categorie": lambda soort: F("melder_organisatietype"),
    # the registration's own organisation type instead of StatLine's category ('politie', not 'justitie_politie')
    "melder_organisatie": lambda soort: F("melder_organisatietype"),
    # the stored field: a non-professional's empty one instead of 'niet_van_toepassing'
    "melder_functie": lambda soort: F("melder_functie"),
    "crisis": lambda soort: F("structurele_onveiligheid"),
    "beoordeling": lambda soort: F("beoordeling_uitkomst"),
    "eerdere_betrokkenheid": lambda soort: Value("eerste_melding"),
    "binnen_termijn": lambda soort: Case(When(beoordeling_datum__isnull=True, then=Value(None)),
                                         When(beoordeling_datum__lt=F("beoordelingstermijn"), then=Value(True)),
                                         default=Value(False)),
    "aard": lambda soort: KT("aard__0"),  # only the first aard of a registration
    "structurele_onveiligheid": lambda soort: F("acute_onveiligheid"),
    "vervolgdienst": lambda soort: Value("", output_field=CharField()),  # as if the field were not counted
    # the non-professionals forgotten: only a professional's organisation type gives a group
    "impactmonitor_groep": lambda soort: Case(When(beroepsmatig=True, then=dimensies.impactmonitor_groep()),
                                              default=Value(""), output_field=CharField()),
    # the state of the casus ignored: every vervolgmelding as if it came after the beoordeling
    "vervolgmelding_moment": lambda soort: Case(When(eerdere_betrokkenheid="vervolgmelding",
                                                     then=Value("na_beoordeling")), default=Value(""),
                                                output_field=CharField()),
    "aanvullende_informatie": lambda soort: Coalesce(KT("aanvullende_informatie__0"), Value(""),
                                                     output_field=CharField()),  # first only
    "aard_subvorm": lambda soort: dimensies.Uitgepakt("aard"),  # copied from the aard: unnests the wrong list
    "duur_geweld": lambda soort: Value("onbekend", output_field=CharField()),  # as if the duur were not registered
}

def _fout_in_de_rollup(monkeypatch, tabel, dimensie):
    """The rollup computes ``dimensie`` by its wrong rule; the checks keep the declaration."""
    fout = replace(dimensie, expressie=FOUTE_REGELS[dimensie.naam])
    monkeypatch.setattr(herberekening, "TELTABELLEN",
                        tuple(tabel.met(fout) if t is tabel else t for t in herberekening.TELTABELLEN))


ELKE_DIMENSIE = [pytest.param(tabel, d, id=f"{tabel.model.__name__}.{d.naam}")
                 for tabel in TELTABELLEN for d in tabel.dimensies]


@pytest.fixture
def registraties(referentiedata):
    """Registrations on which every rule above gives another value than the declared one."""
    intake = GebruikerFactory(rol="intake")
    AdviesFactory(door=intake, startdatum=date(2025, 2, 10), gemeente=None, melder_organisatietype="politie",
                  aard=["kindermishandeling", "partnergeweld"],
                  aanvullende_informatie=["huwelijksdwang", "achterlating"],
                  aard_subvorm=["km_getuige_huiselijk_geweld", "km_lichamelijke_mishandeling"],
                  duur_geweld="1_tot_6_maanden")
    eerste = MeldingFactory(door=intake, ontvangstdatum=date(2025, 2, 11), beroepsmatig=False,
                            melder_organisatietype="", melder_relatie="familielid", acute_onveiligheid=True,
                            aard=["kindermishandeling"], aard_subvorm=["km_emotionele_verwaarlozing"])
    tweede = MeldingFactory(door=intake, ontvangstdatum=date(2025, 2, 12), casus=eerste.casus,
                            structurele_onveiligheid=True)
    wijzig_melding(melding=tweede, door=intake, beoordeling_datum=tweede.beoordelingstermijn,
                   beoordeling_uitkomst="overdracht")
    derde = MeldingFactory(door=intake, ontvangstdatum=date(2025, 2, 13), aanvullende_informatie=["mensenhandel"])
    wijzig_melding(melding=derde, door=intake, beoordeling_datum=derde.beoordelingstermijn,
                   beoordeling_uitkomst="vervolgstappen_vt", vervolgdienst="onderzoek")
    return intake


def test_every_declared_dimension_has_a_wrong_rule_to_test_with():
    assert {d.naam for tabel in TELTABELLEN for d in tabel.dimensies} == set(FOUTE_REGELS)


@pytest.mark.parametrize(("tabel", "dimensie"), ELKE_DIMENSIE)
def test_the_check_catches_a_rollup_with_a_wrong_rule_for_the_dimension(registraties, monkeypatch, tabel, dimensie):
    herbereken(organisatie_id=registraties.organisatie_id, kwartaal=Kwartaal(2025, 1))
    assert controleer_tellingen() == []

    _fout_in_de_rollup(monkeypatch, tabel, dimensie)
    herbereken(organisatie_id=registraties.organisatie_id, kwartaal=Kwartaal(2025, 1))

    afwijkingen = controleer_tellingen()
    assert afwijkingen, f"a wrong rule for {dimensie.naam} went unnoticed"
    assert all(a.telling != a.werkelijk for a in afwijkingen)


#: The dimensions a CBS record file carries (or that move a record to another key): the validation compares those.
IN_HET_BESTAND = [p for p in ELKE_DIMENSIE
                  if p.values[1] in dimensies.SLEUTEL or p.values[1].cbs_veld is not None]


@pytest.mark.parametrize(("tabel", "dimensie"), IN_HET_BESTAND)
def test_the_cbs_validation_catches_counts_made_with_a_wrong_rule_for_the_dimension(
        registraties, monkeypatch, tabel, dimensie):
    teamleider = GebruikerFactory(rol="teamleider")
    halfjaar = Halfjaar(2025, 1)
    for kw in halfjaar.kwartalen:
        zet_kwartaal_door(organisatie=teamleider.organisatie, kwartaal=kw, door=teamleider, naar="voorlopig")
    aanlevering = maak_aanlevering(organisatie=teamleider.organisatie, halfjaar=halfjaar, door=teamleider)
    assert valideer_aanlevering(aanlevering=aanlevering, door=teamleider).problemen == []

    _fout_in_de_rollup(monkeypatch, tabel, dimensie)
    herbereken(organisatie_id=teamleider.organisatie_id, kwartaal=Kwartaal(2025, 1))
    gevalideerd = valideer_aanlevering(aanlevering=aanlevering, door=teamleider)
    assert [p for p in gevalideerd.problemen if p["veld"] == "aantal"], f"a wrong rule for {dimensie.naam} passed"


def test_the_python_form_of_a_rule_agrees_with_its_declared_expression(referentiedata):
    """A single record shows (and the CBS validation checks) a rule in Python; the counts use the expression."""
    intake = GebruikerFactory(rol="intake")
    for code in definities.MELDER_ORGANISATIETYPE.codes():
        AdviesFactory(door=intake, beroepsmatig=True, melder_organisatietype=code, melder_relatie="")
    for code in definities.MELDER_RELATIE.codes():
        AdviesFactory(door=intake, beroepsmatig=False, melder_organisatietype="", melder_relatie=code)
    for code in definities.MELDER_FUNCTIE.codes():
        if code != definities.FUNCTIE_NIET_VAN_TOEPASSING:
            AdviesFactory(door=intake, beroepsmatig=True, melder_organisatietype="onbekend", melder_functie=code)
    rijen = Advies.objects.annotate(groep=dimensies.impactmonitor_groep(), categorie=dimensies.melder_categorie(),
                                    statline=dimensies.melder_organisatie(), functie=dimensies.melder_functie())
    assert rijen.count() == (len(definities.MELDER_ORGANISATIETYPE) + len(definities.MELDER_RELATIE)
                             + len(definities.MELDER_FUNCTIE) - 1)
    for advies in rijen:
        melder = {"beroepsmatig": advies.beroepsmatig, "organisatietype": advies.melder_organisatietype,
                  "relatie": advies.melder_relatie}
        assert advies.groep == definities.impactmonitor_groep(**melder)
        assert advies.categorie == definities.melder_categorie(**melder)
        assert advies.statline == definities.melder_organisatie(beroepsmatig=advies.beroepsmatig,
                                                                organisatietype=advies.melder_organisatietype)
        assert advies.functie == definities.melder_functie(beroepsmatig=advies.beroepsmatig,
                                                           functie=advies.melder_functie)

    open_ = MeldingFactory(door=intake)
    beoordeeld = MeldingFactory(door=intake)
    wijzig_melding(melding=beoordeeld, door=intake, beoordeling_datum=beoordeeld.beoordelingstermijn,
                   beoordeling_uitkomst="geen_vervolgstappen")
    for melding in Melding.objects.annotate(telt_als=dimensies.beoordeling()).filter(pk__in=[open_.pk, beoordeeld.pk]):
        assert melding.telt_als == melding.beoordeling
    assert {m.beoordeling for m in Melding.objects.filter(pk__in=[open_.pk, beoordeeld.pk])} == {
        definities.NOG_NIET_BEOORDEELD, "geen_vervolgstappen"}


# --- every registered field in some analysis (issue 15: "every field intake registers appears in some analysis") ---

def _registratievelden() -> dict[str, set[str]]:
    """Every field intake registers, with the soorten that register it: the intake forms and CONTACT_VELDEN."""
    velden: dict[str, set[str]] = {}
    for soort, formulier in (("advies", AdviesForm), ("melding", MeldingForm)):
        for veld in (*formulier.base_fields, *CONTACT_VELDEN):
            velden.setdefault(veld, set()).add(soort)
    return velden


#: form fields that are no column of their own: the casus a melding joins
_KOLOM = {"casus_keuze": "casus_id", "casusnummer": "casus_id"}


def test_every_registration_field_is_counted_or_listed_as_not_counted_with_a_reason():
    velden = set(_registratievelden())
    besloten = set(dimensies.GETELD_ALS) | set(dimensies.NIET_GETELD)
    assert velden - besloten == set(), "a registration field without a decision: count it or say why not"
    assert besloten - velden == set(), "a decision about a field intake does not register"
    assert not set(dimensies.GETELD_ALS) & set(dimensies.NIET_GETELD)
    assert all(reden.strip() for reden in dimensies.NIET_GETELD.values())


def test_every_counted_registration_field_is_shown_in_an_analysis():
    """Its dimensions are breakdowns of "Uitsplitsingen", or the period and region every analysis has."""
    getoond = {*dimensies.UITSPLITSINGEN.values(), *dimensies.SLEUTEL, dimensies.GEMEENTE}
    for veld, telling in dimensies.GETELD_ALS.items():
        assert telling and set(telling) <= getoond, veld


@pytest.mark.parametrize("veld", sorted(dimensies.GETELD_ALS))
def test_a_counted_registration_field_is_read_by_one_of_its_dimensions(veld):
    """For every soort that registers it, some dimension said to count the field computes from its column."""
    for soort in sorted(_registratievelden()[veld]):
        model = dimensies.SOORTEN[soort]
        kolom = _KOLOM.get(veld) or model._meta.get_field(veld).column
        gelezen = []
        for dimensie in dimensies.GETELD_ALS[veld]:
            expressie = dimensie.voor(soort)
            if isinstance(expressie, dimensies.Uitgepakt):
                gelezen.append(expressie.veld == veld)
            else:
                sql = str(model.objects.annotate(x=expressie).values("x").query)
                gelezen.append(f'"{model._meta.db_table}"."{kolom}"' in sql)
        assert any(gelezen), f"{soort}.{veld} is counted by none of {dimensies.GETELD_ALS[veld]}"
