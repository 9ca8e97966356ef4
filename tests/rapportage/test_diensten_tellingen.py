"""The counts of the follow-up (docs/rollup.md, "Diensten"): what a manager and CBS read about diensten, waiting
times, the waiting list, outcomes, overdrachten and casussen, computed by the same rollup as everything else."""

from datetime import date

import pytest
import time_machine
from django.db.models import Sum

from diensten.services import registreer_dienst, registreer_monitoring, registreer_overdracht, wijzig_dienst
from kwartalen.kwartaal import Kwartaal
from meldingen.services import leg_beoordeling_vast
from rapportage.tellingen.models import (
    Telling,
    TellingCasus,
    TellingDienst,
    TellingDuur,
    TellingOverdracht,
    TellingUitkomst,
    TellingWachtlijst,
)
from rapportage.tellingen.services.controle import controleer_tellingen
from rapportage.tellingen.services.herberekening import herbereken_alles
from tests.factories import GebruikerFactory, MeldingFactory

pytestmark = pytest.mark.django_db

VANDAAG = date(2025, 11, 20)


@pytest.fixture
def intake(referentiedata):
    with time_machine.travel(VANDAAG, tick=False):
        yield GebruikerFactory(rol="intake")


def _vervolgstappen(intake, *, ontvangen: date, beoordeeld: date, dienst: str = "onderzoek", **velden):
    melding = MeldingFactory(door=intake, ontvangstdatum=ontvangen, **velden)
    return leg_beoordeling_vast(melding=melding, door=intake, datum=beoordeeld, uitkomst="vervolgstappen_vt",
                                vervolgdienst=dienst)


def _rijen(model, *velden, **filters):
    return sorted(model.objects.filter(**filters).values_list(*velden, "aantal"))


def test_a_dienst_counts_started_and_afgerond_with_its_waiting_time_and_doorlooptijd(intake):
    melding = _vervolgstappen(intake, ontvangen=date(2025, 1, 6), beoordeeld=date(2025, 1, 10),
                              aard=["kindermishandeling", "partnergeweld"])
    dienst = registreer_dienst(melding=melding, door=intake, startdatum=date(2025, 2, 3))
    wijzig_dienst(dienst=dienst, door=intake, einddatum=date(2025, 5, 2),
                  uitkomsten={"kindermishandeling": "bevestigd", "partnergeweld": "weerlegd"})
    herbereken_alles()

    assert _rijen(TellingDienst, "jaar", "kwartaal", "gemeente_code", "dienst", "gebeurtenis", "afsluitreden") == [
        (2025, 1, "GM0363", "onderzoek", "gestart", "", 1), (2025, 2, "GM0363", "onderzoek", "afgerond", "", 1)]
    assert _rijen(TellingDuur, "kwartaal", "maat", "dagen") == [(1, "wachttijd", 24, 1), (2, "doorlooptijd", 88, 1)]
    assert _rijen(TellingUitkomst, "kwartaal", "aard", "uitkomst") == [
        (2, "kindermishandeling", "bevestigd", 1), (2, "partnergeweld", "weerlegd", 1)]
    assert controleer_tellingen() == []


def test_an_onderzoek_closed_early_counts_its_reason(intake):
    melding = _vervolgstappen(intake, ontvangen=date(2025, 4, 1), beoordeeld=date(2025, 4, 3))
    registreer_dienst(melding=melding, door=intake, startdatum=date(2025, 4, 7), einddatum=date(2025, 4, 30),
                      afsluitreden="overleden")
    herbereken_alles()
    assert _rijen(TellingDienst, "gebeurtenis", "afsluitreden") == [("afgerond", "overleden", 1), ("gestart", "", 1)]


def test_the_waiting_list_is_the_stock_on_the_quarters_last_day(intake):
    # decided 10 February, started 15 August: waiting at the end of K1 (49 days) and K2 (140 days), not K3
    melding = _vervolgstappen(intake, ontvangen=date(2025, 2, 3), beoordeeld=date(2025, 2, 10),
                              dienst="voorwaarden_en_vervolg")
    # decided 30 September and never started: waiting at the end of K3 (0 days) and of the running K4 (92 days)
    _vervolgstappen(intake, ontvangen=date(2025, 9, 29), beoordeeld=date(2025, 9, 30))
    registreer_dienst(melding=melding, door=intake, startdatum=date(2025, 8, 15))
    herbereken_alles()

    assert _rijen(TellingWachtlijst, "jaar", "kwartaal", "dienst", "dagen") == [
        (2025, 1, "voorwaarden_en_vervolg", 49, 1), (2025, 2, "voorwaarden_en_vervolg", 140, 1),
        (2025, 3, "onderzoek", 0, 1), (2025, 4, "onderzoek", 92, 1)]
    assert controleer_tellingen() == []


def test_overdrachten_count_by_date_moment_and_destination(intake):
    melding = MeldingFactory(door=intake, ontvangstdatum=date(2025, 3, 3))
    melding = leg_beoordeling_vast(melding=melding, door=intake, datum=date(2025, 3, 5), uitkomst="overdracht")
    registreer_overdracht(melding=melding, door=intake, datum=date(2025, 4, 2), bestemming="lokaal_veld",
                          hulp="ambulante_hulp")
    herbereken_alles()
    assert _rijen(TellingOverdracht, "kwartaal", "moment", "bestemming", "hulp") == [
        (2, "na_beoordeling", "lokaal_veld", "ambulante_hulp", 1)]
    assert controleer_tellingen() == []


def test_a_casus_counts_once_per_quarter_and_is_flagged_first_in_its_half_year_and_year(intake):
    eerste = MeldingFactory(door=intake, ontvangstdatum=date(2025, 1, 10), gemeente="GM0014")
    MeldingFactory(door=intake, ontvangstdatum=date(2025, 2, 10), casus=eerste.casus)  # same quarter
    MeldingFactory(door=intake, ontvangstdatum=date(2025, 5, 10), casus=eerste.casus)  # K2: same half-year
    MeldingFactory(door=intake, ontvangstdatum=date(2025, 8, 10), casus=eerste.casus)  # K3: new half-year
    MeldingFactory(door=intake, ontvangstdatum=date(2025, 8, 11))  # another casus
    herbereken_alles()

    assert _rijen(TellingCasus, "kwartaal", "gemeente_code", "eerste_in_halfjaar", "eerste_in_jaar") == [
        (1, "GM0014", True, True, 1), (2, "GM0363", False, False, 1), (3, "GM0363", True, False, 1),
        (3, "GM0363", True, True, 1)]
    casussen = TellingCasus.objects.filter(jaar=2025)
    assert casussen.filter(eerste_in_jaar=True).aggregate(n=Sum("aantal"))["n"] == 2
    assert casussen.filter(kwartaal__lte=2, eerste_in_halfjaar=True).aggregate(n=Sum("aantal"))["n"] == 1
    assert casussen.filter(kwartaal__gte=3, eerste_in_halfjaar=True).aggregate(n=Sum("aantal"))["n"] == 2
    assert controleer_tellingen() == []


def test_a_vervolgmelding_counts_where_the_casus_stood_on_its_receipt_date(intake):
    eerste = MeldingFactory(door=intake, ontvangstdatum=date(2025, 1, 6))
    tijdens_beoordeling = MeldingFactory(door=intake, ontvangstdatum=date(2025, 1, 7), casus=eerste.casus)
    leg_beoordeling_vast(melding=eerste, door=intake, datum=date(2025, 1, 9), uitkomst="geen_vervolgstappen")
    leg_beoordeling_vast(melding=tijdens_beoordeling, door=intake, datum=date(2025, 1, 9),
                         uitkomst="vervolgstappen_vt", vervolgdienst="onderzoek")
    registreer_monitoring(melding=eerste, door=intake, startdatum=date(2025, 3, 1), einddatum=date(2025, 6, 30))
    na_beoordeling = MeldingFactory(door=intake, ontvangstdatum=date(2025, 2, 3), casus=eerste.casus)
    leg_beoordeling_vast(melding=na_beoordeling, door=intake, datum=date(2025, 2, 4), uitkomst="geen_vervolgstappen")
    MeldingFactory(door=intake, ontvangstdatum=date(2025, 4, 3), casus=eerste.casus)  # during monitoring
    herbereken_alles()

    assert _rijen(Telling, "kwartaal", "eerdere_betrokkenheid", "vervolgmelding_moment", soort="melding") == [
        (1, "eerste_melding", "", 1), (1, "vervolgmelding", "na_beoordeling", 1),
        (1, "vervolgmelding", "tijdens_beoordeling", 1), (2, "vervolgmelding", "tijdens_monitoring", 1)]
    assert controleer_tellingen() == []


def test_the_waiting_list_of_a_quarter_without_registrations_is_counted(intake):
    _vervolgstappen(intake, ontvangen=date(2025, 1, 6), beoordeeld=date(2025, 1, 9))
    herbereken_alles(van=Kwartaal(2025, 1), tot=Kwartaal(2025, 3))
    assert _rijen(TellingWachtlijst, "kwartaal", "dagen") == [(1, 81, 1), (2, 172, 1), (3, 264, 1)]
