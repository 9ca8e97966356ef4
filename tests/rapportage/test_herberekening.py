from datetime import date

import pytest
from django.db.models import Sum

from adviezen.services import wijzig_advies
from kwartalen.kwartaal import Kwartaal
from kwartalen.models import VerouderdeSleutel
from rapportage.tellingen import dimensies
from rapportage.tellingen.models import Herberekening, Telling, TellingAard, TellingSubvorm
from rapportage.tellingen.services import herberekening
from rapportage.tellingen.services.controle import controleer_tellingen
from rapportage.tellingen.services.herberekening import (
    herbereken,
    herbereken_alles,
    herbereken_als_verouderd,
    herbereken_verouderde,
)
from tests.factories import AdviesFactory, GebruikerFactory, MeldingFactory

pytestmark = pytest.mark.django_db

Q1 = Kwartaal(2025, 1)


@pytest.fixture
def intake(referentiedata):
    return GebruikerFactory(rol="intake")


def totaal(**filters) -> int:
    return Telling.objects.filter(**filters).aggregate(n=Sum("aantal"))["n"] or 0


def test_counts_follow_the_dimensions(intake):
    AdviesFactory(door=intake, startdatum=date(2025, 1, 10), melder_organisatietype="politie")
    AdviesFactory(door=intake, startdatum=date(2025, 2, 10), melder_organisatietype="huisarts",
                  aard=["kindermishandeling", "partnergeweld"])
    AdviesFactory(door=intake, startdatum=date(2025, 4, 1))  # next quarter
    MeldingFactory(door=intake, ontvangstdatum=date(2025, 3, 3), acute_onveiligheid=True)
    m = MeldingFactory(door=intake, ontvangstdatum=date(2025, 3, 3), gemeente=None)
    from meldingen.services import leg_beoordeling_vast

    leg_beoordeling_vast(melding=m, door=intake, datum=date(2025, 3, 4), uitkomst="overdracht")

    herbereken(organisatie_id=intake.organisatie_id, kwartaal=Q1)

    sleutel = {"organisatie": intake.organisatie, "jaar": 2025, "kwartaal": 1}
    assert totaal(**sleutel, soort="advies") == 2
    assert totaal(**sleutel, soort="advies", melder_groep="politie") == 1
    assert totaal(**sleutel, soort="advies", melder_categorie="huisarts") == 1
    assert totaal(**sleutel, soort="melding") == 2
    assert totaal(**sleutel, soort="melding", crisis=True) == 1
    assert totaal(**sleutel, soort="melding", gemeente_code="") == 1
    assert totaal(**sleutel, soort="melding", beoordeling="overdracht", binnen_termijn=True) == 1
    assert totaal(**sleutel, soort="melding", beoordeling="nog_niet_beoordeeld", binnen_termijn=None) == 1
    assert totaal(**sleutel, soort="melding", eerdere_betrokkenheid="eerste_melding") == 2
    aard = dict(TellingAard.objects.filter(**sleutel, soort="advies").values_list("aard").annotate(n=Sum("aantal")))
    assert aard == {"kindermishandeling": 2, "partnergeweld": 1}
    assert not Telling.objects.filter(jaar=2025, kwartaal=2).exists()  # not recomputed yet
    assert controleer_tellingen() == []  # Q2 is still marked stale, so it is not compared


def test_sub_forms_are_counted_once_each_beside_the_aard_counts(intake):
    AdviesFactory(door=intake, startdatum=date(2025, 1, 10), aard=["kindermishandeling", "partnergeweld"],
                  aard_subvorm=["km_lichamelijke_mishandeling", "km_getuige_huiselijk_geweld"])
    AdviesFactory(door=intake, startdatum=date(2025, 2, 10), aard=["kindermishandeling"],
                  aard_subvorm=["km_getuige_huiselijk_geweld"])
    AdviesFactory(door=intake, startdatum=date(2025, 2, 11), aard=["kindermishandeling"])  # no sub-form
    MeldingFactory(door=intake, ontvangstdatum=date(2025, 3, 3), aard=["kindermishandeling"],
                   aard_subvorm=["km_pcf"])

    herbereken(organisatie_id=intake.organisatie_id, kwartaal=Q1)

    def per_vorm(soort):
        return dict(TellingSubvorm.objects.filter(organisatie=intake.organisatie, jaar=2025, kwartaal=1, soort=soort)
                    .values_list("aard_subvorm").annotate(n=Sum("aantal")))

    assert per_vorm("advies") == {"km_getuige_huiselijk_geweld": 2, "km_lichamelijke_mishandeling": 1}
    assert per_vorm("melding") == {"km_pcf": 1}
    aard = dict(TellingAard.objects.filter(soort="advies").values_list("aard").annotate(n=Sum("aantal")))
    assert aard == {"kindermishandeling": 3, "partnergeweld": 1}  # the aard counts are as before
    assert controleer_tellingen() == []
    TellingSubvorm.objects.filter(aard_subvorm="km_pcf").update(aantal=2)
    assert [(a.wat, a.telling, a.werkelijk) for a in controleer_tellingen()] == [
        ("melding/gemeente_code=GM0363/aard_subvorm=km_pcf", 2, 1)]


def test_recompute_is_idempotent(intake):
    AdviesFactory(door=intake, startdatum=date(2025, 1, 10))
    herbereken(organisatie_id=intake.organisatie_id, kwartaal=Q1)
    eerst = sorted(Telling.objects.values_list("soort", "melder_groep", "aantal"))
    herbereken(organisatie_id=intake.organisatie_id, kwartaal=Q1)
    assert sorted(Telling.objects.values_list("soort", "melder_groep", "aantal")) == eerst


def test_a_change_marks_its_key_stale_in_its_own_transaction_and_the_recompute_clears_it(intake):
    AdviesFactory(door=intake, startdatum=date(2025, 1, 10))
    assert VerouderdeSleutel.objects.filter(organisatie=intake.organisatie, jaar=2025, kwartaal=1).exists()
    herbereken(organisatie_id=intake.organisatie_id, kwartaal=Q1)
    assert not VerouderdeSleutel.objects.exists()


def test_a_change_whose_task_never_ran_is_counted_after_the_sweep(intake):
    # In this test nothing commits, so the on-commit task is never sent: like a lost message.
    advies = AdviesFactory(door=intake, startdatum=date(2025, 1, 10))
    herbereken_verouderde()
    wijzig_advies(advies=advies, door=intake, startdatum=date(2025, 5, 1))
    assert totaal(jaar=2025, kwartaal=1) == 1  # stale, not yet recomputed
    assert herbereken_verouderde() == 2  # old and new quarter
    assert totaal(jaar=2025, kwartaal=1) == 0
    assert totaal(jaar=2025, kwartaal=2) == 1
    assert controleer_tellingen() == []


def test_a_failure_halfway_leaves_the_previous_counts_and_is_logged(intake, monkeypatch):
    AdviesFactory(door=intake, startdatum=date(2025, 1, 10))
    herbereken(organisatie_id=intake.organisatie_id, kwartaal=Q1)
    AdviesFactory(door=intake, startdatum=date(2025, 1, 11))

    echt = herberekening._tel

    def kapot(cursor, tabel, *args):
        if tabel is dimensies.TELLING_AARD:
            raise RuntimeError("database weg")
        echt(cursor, tabel, *args)

    monkeypatch.setattr(herberekening, "_tel", kapot)  # fails after the single-valued counts are in
    with pytest.raises(RuntimeError):
        herbereken(organisatie_id=intake.organisatie_id, kwartaal=Q1)
    assert totaal(jaar=2025, kwartaal=1) == 1
    assert VerouderdeSleutel.objects.filter(jaar=2025, kwartaal=1).exists()
    log = Herberekening.objects.first()
    assert log.status == "mislukt" and "database weg" in log.fout

    monkeypatch.undo()
    herbereken_verouderde()
    assert totaal(jaar=2025, kwartaal=1) == 2


def test_every_run_is_logged(intake):
    AdviesFactory(door=intake, startdatum=date(2025, 1, 10))
    herbereken(organisatie_id=intake.organisatie_id, kwartaal=Q1, aanleiding="test")
    log = Herberekening.objects.get()
    assert (log.organisatie_id, log.jaar, log.kwartaal, log.status, log.aanleiding) == (
        intake.organisatie_id, 2025, 1, "gelukt", "test")
    assert log.rijen == 2 and log.duur_ms is not None and log.klaar_op >= log.gestart_op


def test_full_rebuild_covers_every_key_and_the_check_finds_a_tampered_count(intake):
    AdviesFactory(door=intake, startdatum=date(2024, 12, 10))
    MeldingFactory(door=intake, ontvangstdatum=date(2025, 2, 10))
    assert herbereken_alles() == 27 * 2  # every organisation, 2024-K4 and 2025-K1
    assert controleer_tellingen() == []
    Telling.objects.filter(soort="melding").update(aantal=5)
    afwijkingen = controleer_tellingen()
    assert [(a.jaar, a.kwartaal, a.telling, a.werkelijk) for a in afwijkingen] == [(2025, 1, 5, 1)]


def test_a_change_enqueues_a_recompute_only_for_quarters_not_yet_stale(intake, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as eerste:
        advies = AdviesFactory(door=intake, startdatum=date(2025, 1, 10))
    with django_capture_on_commit_callbacks() as binnen_kwartaal:
        wijzig_advies(advies=advies, door=intake, startdatum=date(2025, 1, 20))
    with django_capture_on_commit_callbacks() as naar_ander_kwartaal:
        wijzig_advies(advies=advies, door=intake, startdatum=date(2025, 5, 1))
    assert [c.args[1:] for c in eerste] == [(2025, 1)]
    assert binnen_kwartaal == []  # 2025-K1 is stale already: its waiting recompute counts this change too
    assert [c.args[1:] for c in naar_ander_kwartaal] == [(2025, 2)]
    assert set(VerouderdeSleutel.objects.values_list("jaar", "kwartaal")) == {(2025, 1), (2025, 2)}

    herbereken_verouderde()
    with django_capture_on_commit_callbacks() as na_herberekening:
        wijzig_advies(advies=advies, door=intake, startdatum=date(2025, 1, 15))
    assert sorted(c.args[1:] for c in na_herberekening) == [(2025, 1), (2025, 2)]  # each touched quarter once


def test_the_enqueued_recompute_skips_a_key_another_recompute_already_counted(intake):
    AdviesFactory(door=intake, startdatum=date(2025, 1, 10))
    organisatie_id, kwartaal = intake.organisatie_id, Kwartaal(2025, 1)
    herbereken(organisatie_id=organisatie_id, kwartaal=kwartaal, aanleiding="sweep")
    runs = Herberekening.objects.count()
    assert herbereken_als_verouderd(organisatie_id=organisatie_id, kwartaal=kwartaal) is None
    assert Herberekening.objects.count() == runs

    AdviesFactory(door=intake, startdatum=date(2025, 2, 10))
    assert herbereken_als_verouderd(organisatie_id=organisatie_id, kwartaal=kwartaal).status == "gelukt"
    assert Telling.objects.filter(jaar=2025, kwartaal=1).aggregate(n=Sum("aantal"))["n"] == 2


@pytest.mark.parametrize("organisaties", [("in", (1,)), ("in", (2, 5)), ("lte", (27,))])
def test_a_compiled_statement_is_reused_with_the_parameters_of_each_range(organisaties, referentiedata):
    for van, tot in ((Q1, Q1), (Kwartaal(2019, 3), Kwartaal(2025, 4)), (Q1, Q1)):
        for tabel, sql, params in herberekening.tel_statements(organisaties, van, tot):
            verse = [
                dimensies.tel_query(tabel, soort, herberekening._waar(organisaties, soort, van.begin, tot.einde))
                if not dimensies.BRONNEN[soort].is_voorraad else
                dimensies.tel_query(tabel, soort, herberekening._van(organisaties, soort), peil=kw)
                for soort in tabel.bronnen for kw in herberekening.kwartalen_tussen(van, tot)
            ]
            assert (sql, params) in verse, f"no fresh compile matches {sql}"


def test_the_migration_that_adds_dimensions_marks_every_counted_key_stale(intake):
    """0011 adds columns whose values for existing rows are placeholders: the sweep must recount those keys."""
    import importlib

    from django.apps import apps

    migratie = importlib.import_module("rapportage.migrations.0011_tellingen_uitsplitsingen")
    AdviesFactory(door=intake, startdatum=date(2025, 1, 10))
    AdviesFactory(door=intake, startdatum=date(2025, 5, 10))
    herbereken_verouderde()
    assert not VerouderdeSleutel.objects.exists()
    migratie.markeer_verouderd(apps, None)
    assert set(VerouderdeSleutel.objects.values_list("organisatie_id", "jaar", "kwartaal")) == {
        (intake.organisatie_id, 2025, 1), (intake.organisatie_id, 2025, 2)}
    assert controleer_tellingen() == []  # stale keys are left to the sweep, not reported
    assert herbereken_verouderde() == 2
