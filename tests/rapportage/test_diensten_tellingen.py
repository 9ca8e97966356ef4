"""The counts of the follow-up (docs/rollup.md, "Diensten"): what a manager and CBS read about diensten, waiting
times, the waiting list, outcomes, overdrachten and casussen, computed by the same rollup as everything else."""

from dataclasses import replace
from datetime import date, timedelta

import pytest
import time_machine
from django.db import transaction
from django.db.models import CharField, DateField, F, Sum, Value
from django.db.models.functions import Coalesce, ExtractMonth, ExtractYear
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from diensten.services import registreer_dienst, registreer_monitoring, registreer_overdracht, wijzig_dienst
from kwartalen.kwartaal import Kwartaal
from kwartalen.models import VerouderdeSleutel
from kwartalen.volgkwartalen import Stand
from meldingen import services as meldingen_services
from meldingen.models import Melding
from meldingen.services import leg_beoordeling_vast, verwijder_melding
from rapportage.tellingen import dimensies
from rapportage.tellingen.models import (
    Telling,
    TellingCasus,
    TellingDienst,
    TellingDuur,
    TellingOverdracht,
    TellingUitkomst,
    TellingWachtlijst,
)
from rapportage.tellingen.services import herberekening
from rapportage.tellingen.services.controle import controleer_tellingen
from rapportage.tellingen.services.herberekening import herbereken_alles, herbereken_verouderde, markeer_kwartaalwissel
from tests.factories import GebruikerFactory, MeldingFactory
from vtregistratie.models import Organisatie

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


# --- The invariant check holds every table of the follow-up to its declaration ------------------------------------

#: Per dimension of the follow-up's tables a plausible mistake (source -> expression), keyed "Table.dimension";
#: a new dimension without an entry fails the completeness test below.
_GEDEELD = {
    "jaar": lambda soort: ExtractYear(dimensies.teldatum(soort)) + 1,
    "kwartaal": lambda soort: ExtractMonth(dimensies.teldatum(soort)),
    "organisatie_id": lambda soort: F(dimensies.BRONNEN[soort].organisatie) + 1,
    "gemeente_code": lambda soort: Coalesce(F(dimensies.pad(soort, "gemeente_id")), Value("GM0000")),
}
FOUTE_VOLGREGELS = {
    **{f"{t.model.__name__}.{naam}": regel for t in dimensies.VOLGTABELLEN for naam, regel in _GEDEELD.items()},
    "TellingDienst.dienst": lambda soort: Value("onderzoek", output_field=CharField()),
    "TellingDienst.gebeurtenis": lambda soort: Value("gestart", output_field=CharField()),
    "TellingDienst.afsluitreden": lambda soort: Value("", output_field=CharField()),
    "TellingDuur.dienst": lambda soort: Value("onderzoek", output_field=CharField()),
    "TellingDuur.maat": lambda soort: Value("wachttijd", output_field=CharField()),
    "TellingDuur.dagen": lambda soort: dimensies.duur(soort) + 1,  # counted from the day after
    "TellingWachtlijst.dienst": lambda soort: Value("onderzoek", output_field=CharField()),
    "TellingWachtlijst.dagen": lambda soort: dimensies.begrensd(  # age today instead of on the quarter's last day
        dimensies.Dagen(F("beoordeling_datum"), Value(VANDAAG, output_field=DateField()))),
    "TellingUitkomst.aard": lambda soort: Value("kindermishandeling", output_field=CharField()),
    "TellingUitkomst.uitkomst": lambda soort: Value("bevestigd", output_field=CharField()),
    "TellingOverdracht.moment": lambda soort: Value("na_beoordeling", output_field=CharField()),
    "TellingOverdracht.bestemming": lambda soort: Value("lokaal_veld", output_field=CharField()),
    "TellingOverdracht.hulp": lambda soort: Value("", output_field=CharField()),
    "TellingCasus.eerste_in_halfjaar": lambda soort: dimensies.eerste_in("jaar"),
    "TellingCasus.eerste_in_jaar": lambda soort: dimensies.eerste_in("halfjaar"),
}
ELKE_VOLGDIMENSIE = [pytest.param(t, d, id=f"{t.model.__name__}.{d.naam}")
                     for t in dimensies.VOLGTABELLEN for d in t.dimensies]


def test_every_dimension_of_the_follow_up_has_a_wrong_rule_to_test_with():
    assert {f"{t.model.__name__}.{d.naam}" for t in dimensies.VOLGTABELLEN for d in t.dimensies} == set(
        FOUTE_VOLGREGELS)


@pytest.fixture
def vervolg(intake):
    """Follow-up on which every wrong rule above gives another value than the declared one (2025, K1 to K3)."""
    with time_machine.travel(VANDAAG, tick=False):
        onderzoek = _vervolgstappen(intake, ontvangen=date(2025, 2, 3), beoordeeld=date(2025, 2, 5), gemeente=None,
                                    aard=["kindermishandeling", "partnergeweld"])
        registreer_dienst(melding=onderzoek, door=intake, startdatum=date(2025, 2, 17), einddatum=date(2025, 3, 20),
                          uitkomsten={"kindermishandeling": "niet_bevestigd", "partnergeweld": "weerlegd"})
        voortijdig = _vervolgstappen(intake, ontvangen=date(2025, 2, 4), beoordeeld=date(2025, 2, 6))
        registreer_dienst(melding=voortijdig, door=intake, startdatum=date(2025, 2, 10), einddatum=date(2025, 3, 3),
                          afsluitreden="vertrokken_onbekende_bestemming")
        venv = _vervolgstappen(intake, ontvangen=date(2025, 2, 10), beoordeeld=date(2025, 2, 12),
                               dienst="voorwaarden_en_vervolg", gemeente=None)
        dienst = registreer_dienst(melding=venv, door=intake, startdatum=date(2025, 3, 3),
                                   einddatum=date(2025, 3, 28))
        registreer_overdracht(melding=venv, door=intake, dienst=dienst, datum=date(2025, 3, 28),
                              bestemming="jeugdhulpaanbieder", hulp="ambulante_hulp")
        _vervolgstappen(intake, ontvangen=date(2025, 3, 24), beoordeeld=date(2025, 3, 25), gemeente=None,
                        dienst="voorwaarden_en_vervolg")  # waiting at the end of K1, K2, K3 and K4
        MeldingFactory(door=intake, ontvangstdatum=date(2025, 8, 4), casus=onderzoek.casus)  # K3: new half-year
    return intake


@pytest.mark.parametrize(("tabel", "dimensie"), ELKE_VOLGDIMENSIE)
def test_the_check_catches_a_rollup_with_a_wrong_rule_in_the_follow_up(vervolg, monkeypatch, tabel, dimensie):
    herbereken_alles()
    assert controleer_tellingen() == []

    fout = replace(dimensie, expressie=FOUTE_VOLGREGELS[f"{tabel.model.__name__}.{dimensie.naam}"])
    monkeypatch.setattr(herberekening, "VOLGTABELLEN",
                        tuple(tabel.met(fout) if t is tabel else t for t in herberekening.VOLGTABELLEN))
    herbereken_alles()

    afwijkingen = controleer_tellingen()
    assert afwijkingen, f"a wrong rule for {tabel.model.__name__}.{dimensie.naam} went unnoticed"
    assert all(a.telling != a.werkelijk for a in afwijkingen)


@pytest.mark.parametrize("tabel", dimensies.VOLGTABELLEN, ids=lambda t: t.model.__name__)
def test_the_check_catches_a_tampered_row_in_each_table_of_the_follow_up(vervolg, tabel):
    herbereken_alles()
    assert controleer_tellingen() == []
    rij = tabel.model.objects.order_by("pk").first()
    tabel.model.objects.filter(pk=rij.pk).update(aantal=rij.aantal + 1)

    (afwijking,) = controleer_tellingen()
    assert (afwijking.jaar, afwijking.kwartaal) == (rij.jaar, rij.kwartaal)
    assert (afwijking.telling, afwijking.werkelijk) == (rij.aantal + 1, rij.aantal)


# --- Stale marks: a change reaches every quarter whose counts it moves -------------------------------------------

def _casus_met_meldingen_in_k1_en_k2(intake):
    eerste = MeldingFactory(door=intake, ontvangstdatum=date(2025, 2, 3))
    later = MeldingFactory(door=intake, ontvangstdatum=date(2025, 5, 5), casus=eerste.casus)
    herbereken_alles()
    assert _rijen(TellingCasus, "kwartaal", "eerste_in_halfjaar", "eerste_in_jaar") == [
        (1, True, True, 1), (2, False, False, 1)]
    return eerste, later


def test_deleting_a_casus_earlier_melding_recounts_its_later_quarters(intake):
    with time_machine.travel(VANDAAG, tick=False):
        eerste, _ = _casus_met_meldingen_in_k1_en_k2(intake)
        verwijder_melding(melding=eerste, door=intake, reden="dubbel geregistreerd")
        assert VerouderdeSleutel.objects.filter(jaar=2025, kwartaal=2).exists()
        herbereken_verouderde()
    assert _rijen(TellingCasus, "kwartaal", "eerste_in_halfjaar", "eerste_in_jaar") == [(2, True, True, 1)]
    assert _rijen(Telling, "kwartaal", "vervolgmelding_moment", soort="melding") == [(2, "na_beoordeling", 1)]
    assert controleer_tellingen() == []


def test_assessing_a_melding_recounts_the_subgroup_of_the_casus_later_vervolgmelding(intake):
    with time_machine.travel(VANDAAG, tick=False):
        eerste, _ = _casus_met_meldingen_in_k1_en_k2(intake)
        assert _rijen(Telling, "kwartaal", "vervolgmelding_moment", soort="melding") == [
            (1, "", 1), (2, "tijdens_beoordeling", 1)]
        leg_beoordeling_vast(melding=eerste, door=intake, datum=date(2025, 2, 5), uitkomst="geen_vervolgstappen")
        herbereken_verouderde()
    assert _rijen(Telling, "kwartaal", "vervolgmelding_moment", soort="melding") == [
        (1, "", 1), (2, "na_beoordeling", 1)]
    assert controleer_tellingen() == []


def test_without_the_casus_marks_the_check_finds_the_later_quarter_wrong(intake, monkeypatch):
    """The broken version: the melding services forget the casus's later quarters."""
    monkeypatch.setattr(meldingen_services, "_casusdatums", lambda **kwargs: [])
    with time_machine.travel(VANDAAG, tick=False):
        eerste, _ = _casus_met_meldingen_in_k1_en_k2(intake)
        verwijder_melding(melding=eerste, door=intake, reden="dubbel geregistreerd")
        herbereken_verouderde()
    assert {(a.jaar, a.kwartaal) for a in controleer_tellingen()} == {(2025, 2)}


def test_the_quarter_change_recounts_the_waiting_list_of_the_ended_and_the_new_quarter(intake):
    with time_machine.travel(date(2025, 5, 20), tick=False):
        _vervolgstappen(intake, ontvangen=date(2025, 5, 12), beoordeeld=date(2025, 5, 14))
        herbereken_verouderde()
    assert _rijen(TellingWachtlijst, "kwartaal", "dagen") == [(2, 47, 1)]
    with time_machine.travel(date(2025, 7, 1), tick=False):
        assert markeer_kwartaalwissel() == 2 * Organisatie.objects.count()
        herbereken_verouderde()
        assert controleer_tellingen() == []
    assert _rijen(TellingWachtlijst, "kwartaal", "dagen") == [(2, 47, 1), (3, 139, 1)]


def test_the_quarter_change_runs_from_beat_on_the_first_day_of_each_quarter():
    from config.celery import app

    (entry,) = [e for e in app.conf.beat_schedule.values() if e["task"] == "rapportage.kwartaalwissel"]
    schema = entry["schedule"]
    assert (schema.day_of_month, schema.month_of_year) == ({1}, {1, 4, 7, 10})


def test_starting_a_dienst_recounts_the_waiting_list_of_every_later_quarter(intake):
    with time_machine.travel(date(2025, 9, 15), tick=False):
        melding = _vervolgstappen(intake, ontvangen=date(2025, 2, 3), beoordeeld=date(2025, 2, 10))
        herbereken_verouderde()
        assert _rijen(TellingWachtlijst, "kwartaal", "dagen") == [(1, 49, 1), (2, 140, 1), (3, 232, 1)]
        registreer_dienst(melding=melding, door=intake, startdatum=date(2025, 5, 5))
        herbereken_verouderde()
        assert controleer_tellingen() == []
    assert _rijen(TellingWachtlijst, "kwartaal", "dagen") == [(1, 49, 1)]


# --- Properties: the stock and the casussen against the raw registrations ------------------------------------------

PEILDAG = date(2026, 3, 20)
DAGEN_2025 = st.integers(0, 364).map(lambda n: date(2025, 1, 1) + timedelta(days=n))


@pytest.fixture
def organisaties(referentiedata):
    return [GebruikerFactory(rol="intake", organisatie=Organisatie.objects.get(code=code)) for code in ("VT01", "VT02")]


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_casussen_per_half_year_and_year_are_the_distinct_casussen_with_a_melding(organisaties, data):
    """Summing the flagged quarter rows gives, for every organisation, the number of distinct casussen that received
    a melding in the half-year or year, however the meldingen are spread over casussen and quarters."""
    with transaction.atomic(), time_machine.travel(PEILDAG, tick=False):
        meldingen = []
        for _ in range(data.draw(st.integers(1, 12))):
            door = data.draw(st.sampled_from(organisaties))
            datum = data.draw(DAGEN_2025)
            eerdere = [m for m in meldingen if m.organisatie_id == door.organisatie_id
                       and m.casus.geopend_op <= datum]
            casus = data.draw(st.sampled_from([None, *(m.casus for m in eerdere)])) if eerdere else None
            meldingen.append(MeldingFactory(door=door, ontvangstdatum=datum, casus=casus, gemeente=None))
        herbereken_verouderde()

        for org in {m.organisatie_id for m in meldingen}:
            for periode, kwartalen, vlag in (("H1", (1, 2), "eerste_in_halfjaar"), ("H2", (3, 4), "eerste_in_halfjaar"),
                                             ("jaar", (1, 2, 3, 4), "eerste_in_jaar")):
                rauw = {m.casus_id for m in Melding.objects.filter(organisatie_id=org, ontvangstdatum__year=2025)
                        if Kwartaal.van_datum(m.ontvangstdatum).kwartaal in kwartalen}
                geteld = TellingCasus.objects.filter(organisatie_id=org, jaar=2025, kwartaal__in=kwartalen,
                                                     **{vlag: True}).aggregate(n=Sum("aantal"))["n"] or 0
                assert geteld == len(rauw), (org, periode)
        assert controleer_tellingen() == []
        transaction.set_rollback(True)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(volg=st.lists(st.tuples(DAGEN_2025, st.one_of(st.none(), st.integers(0, 200))), min_size=1, max_size=8))
def test_the_stock_on_each_quarters_last_day_is_the_rule_of_the_stale_marks(intake, volg):
    """The rollup's waiting list (SQL) and ``Stand.wacht_aan_einde_van`` (which decides the stale marks) agree."""
    with transaction.atomic(), time_machine.travel(PEILDAG, tick=False):
        standen = []
        for besluit, wacht in volg:
            melding = _vervolgstappen(intake, ontvangen=besluit, beoordeeld=besluit)
            start = None if wacht is None or besluit + timedelta(days=wacht) > PEILDAG else (
                besluit + timedelta(days=wacht))
            if start is not None:
                registreer_dienst(melding=melding, door=intake, startdatum=start)
            standen.append(Stand(besluitdatum=besluit, startdatum=start))
        herbereken_verouderde()
        kwartaal = Kwartaal(2025, 1)
        while kwartaal <= Kwartaal.van_datum(PEILDAG):
            verwacht = sum(s.wacht_aan_einde_van(kwartaal) for s in standen)
            geteld = TellingWachtlijst.objects.filter(jaar=kwartaal.jaar, kwartaal=kwartaal.kwartaal).aggregate(
                n=Sum("aantal"))["n"] or 0
            assert geteld == verwacht, kwartaal
            kwartaal = kwartaal.volgende()
        assert controleer_tellingen() == []
        transaction.set_rollback(True)
