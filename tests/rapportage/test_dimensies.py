"""The declaration of the count dimensions is what the checks hold the counts to: a rollup that computes any one
dimension by a wrong rule is caught by ``controleer_tellingen``."""

from datetime import date

import pytest
from django.db.models import Case, CharField, F, Value, When
from django.db.models.fields.json import KT
from django.db.models.functions import Coalesce, ExtractMonth, ExtractYear

from kwartalen.kwartaal import Kwartaal
from meldingen.services import wijzig_melding
from rapportage.tellingen import dimensies
from rapportage.tellingen.dimensies import TELLING, TELTABELLEN, Dimensie
from rapportage.tellingen.services import herberekening
from rapportage.tellingen.services.controle import controleer_tellingen
from rapportage.tellingen.services.herberekening import herbereken
from tests.factories import AdviesFactory, GebruikerFactory, MeldingFactory

pytestmark = pytest.mark.django_db


def _melding(fout):
    """A wrong rule for the melding side; an advies keeps the declared value."""
    return lambda echt: lambda soort: fout() if soort == "melding" else echt.expressie(soort)


#: Per dimension a plausible mistake in its rule. Keyed by name, so a new dimension without an entry fails here.
FOUTE_REGELS = {
    "jaar": lambda echt: lambda soort: ExtractYear(dimensies.teldatum(soort)) + 1,
    "kwartaal": lambda echt: lambda soort: ExtractMonth(dimensies.teldatum(soort)),
    "organisatie_id": lambda echt: lambda soort: F("organisatie_id") + 1,
    "gemeente_code": lambda echt: lambda soort: Coalesce(F("gemeente_id"), Value("GM0000")),
    "soort": lambda echt: lambda soort: Value("advies", output_field=CharField()),
    "melder_groep": lambda echt: lambda soort: Case(
        When(beroepsmatig=True, then=Value("overige_professional")), default=Value("niet_professional")),
    "melder_categorie": lambda echt: lambda soort: F("melder_organisatietype"),
    "crisis": _melding(lambda: F("structurele_onveiligheid")),
    "beoordeling": _melding(lambda: F("beoordeling_uitkomst")),
    "eerdere_betrokkenheid": _melding(lambda: Value("eerste_melding")),
    "binnen_termijn": _melding(lambda: Case(When(beoordeling_datum__isnull=True, then=Value(None)),
                                            When(beoordeling_datum__lt=F("beoordelingstermijn"), then=Value(True)),
                                            default=Value(False))),
    "aard": lambda echt: lambda soort: KT("aard__0"),  # only the first aard of a registration
}

ELKE_DIMENSIE = [pytest.param(tabel, d, id=f"{tabel.model.__name__}.{d.naam}")
                 for tabel in TELTABELLEN for d in tabel.dimensies]


@pytest.fixture
def registraties(referentiedata):
    """Registrations on which every rule above gives another value than the declared one."""
    intake = GebruikerFactory(rol="intake")
    AdviesFactory(door=intake, startdatum=date(2025, 2, 10), gemeente=None, melder_organisatietype="politie",
                  aard=["kindermishandeling", "partnergeweld"])
    eerste = MeldingFactory(door=intake, ontvangstdatum=date(2025, 2, 11), beroepsmatig=False,
                            melder_organisatietype="", melder_relatie="familielid", acute_onveiligheid=True)
    tweede = MeldingFactory(door=intake, ontvangstdatum=date(2025, 2, 12), casus=eerste.casus)
    wijzig_melding(melding=tweede, door=intake, beoordeling_datum=tweede.beoordelingstermijn,
                   beoordeling_uitkomst="overdracht")
    return intake


def test_every_declared_dimension_has_a_wrong_rule_to_test_with():
    assert {d.naam for tabel in TELTABELLEN for d in tabel.dimensies} == set(FOUTE_REGELS)


@pytest.mark.parametrize(("tabel", "dimensie"), ELKE_DIMENSIE)
def test_the_check_catches_a_rollup_with_a_wrong_rule_for_the_dimension(registraties, monkeypatch, tabel, dimensie):
    herbereken(organisatie_id=registraties.organisatie_id, kwartaal=Kwartaal(2025, 1))
    assert controleer_tellingen() == []

    fout = Dimensie(dimensie.naam, dimensie.label, FOUTE_REGELS[dimensie.naam](dimensie), dimensie.codelijst)
    naam = "TELLING" if tabel is TELLING else "TELLING_AARD"
    monkeypatch.setattr(herberekening, naam, tabel.met(fout))  # the rollup's view; the check keeps the truth
    herbereken(organisatie_id=registraties.organisatie_id, kwartaal=Kwartaal(2025, 1))

    afwijkingen = controleer_tellingen()
    assert afwijkingen, f"a wrong rule for {dimensie.naam} went unnoticed"
    assert all(a.telling != a.werkelijk for a in afwijkingen)
