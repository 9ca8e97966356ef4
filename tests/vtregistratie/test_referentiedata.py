from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction

from vtregistratie.models import Gemeente, Inwoners, Lidmaatschap, Organisatie
from vtregistratie.selectors.indeling import (
    gemeenten_op,
    gemeenten_van_organisatie,
    organisatie_van_gemeente,
    organisaties_op,
)
from vtregistratie.services.referentiedata import laad_referentiedata

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("peildatum", "aantal"), [(date(2022, 6, 30), 26), (date(2023, 6, 30), 25)])
def test_number_of_organisations_follows_the_brabant_merger(referentiedata, peildatum, aantal):
    assert organisaties_op(peildatum).count() == aantal


def test_renamed_region_shows_its_name_on_a_date(referentiedata):
    vt16 = Organisatie.objects.get(code="VT16")
    assert vt16.naam_op(date(2020, 6, 1)) == "Noord-Brabant Noord"
    assert vt16.naam_op(date(2022, 6, 1)) == "Brabant Noordoost"
    assert Organisatie.objects.get(code="VT15").naam == "Midden-Brabant"


@pytest.mark.parametrize("jaar", range(2017, 2026))
def test_every_valid_gemeente_belongs_to_exactly_one_organisation(referentiedata, jaar):
    for peildatum in (date(jaar, 1, 1), date(jaar, 7, 1), date(jaar, 12, 31)):
        geldig = Lidmaatschap.objects.geldig_op(peildatum)
        per_gemeente = {}
        for gemeente_id in geldig.values_list("gemeente_id", flat=True):
            per_gemeente[gemeente_id] = per_gemeente.get(gemeente_id, 0) + 1
        gemeente_ids = set(gemeenten_op(peildatum).values_list("id", flat=True))
        assert set(per_gemeente) == gemeente_ids, peildatum
        assert set(per_gemeente.values()) == {1}, peildatum


def test_gemeente_counts_on_1_january_match_cbs(referentiedata):
    verwacht = {2017: 388, 2018: 380, 2019: 355, 2020: 355, 2021: 352, 2022: 345, 2023: 342, 2024: 342, 2025: 342}
    assert {jaar: gemeenten_op(date(jaar, 1, 1)).count() for jaar in verwacht} == verwacht


def test_membership_changes_over_time(referentiedata):
    weesp = Gemeente.objects.get(naam="Weesp")
    assert organisatie_van_gemeente(weesp, date(2021, 6, 1)).code == "VT20"
    assert organisatie_van_gemeente(weesp, date(2022, 2, 1)).code == "VT01"
    eindhoven = Gemeente.objects.get(code="GM0772")
    assert organisatie_van_gemeente(eindhoven, date(2022, 6, 1)).code == "VT26"
    assert organisatie_van_gemeente(eindhoven, date(2023, 6, 1)).code == "VT27"
    vt27 = Organisatie.objects.get(code="VT27")
    assert eindhoven in gemeenten_van_organisatie(vt27, date(2024, 1, 1))


def test_loading_twice_changes_nothing(referentiedata):
    def snapshot():
        return (
            list(Organisatie.objects.values_list("code", "naam", "geldig_van", "geldig_tot")),
            list(Lidmaatschap.objects.values_list("gemeente__code", "organisatie__code", "geldig_van", "geldig_tot")),
            list(Inwoners.objects.values_list("gemeente__code", "jaar", "aantal")),
        )

    voor = snapshot()
    rapport = laad_referentiedata()
    assert not rapport.iets_gewijzigd
    assert all(t.ongewijzigd > 0 for t in rapport.tabellen.values())
    assert snapshot() == voor


def test_reload_repairs_a_changed_row_and_reports_it(referentiedata):
    Inwoners.objects.filter(gemeente__code="GM0363", jaar=2024).update(aantal=1)
    rapport = laad_referentiedata()
    assert rapport.tabellen["inwoners"].gewijzigd == 1
    assert rapport.tabellen["inwoners"].toegevoegd == 0
    assert Inwoners.objects.get(gemeente__code="GM0363", jaar=2024).aantal > 900_000


def test_command_reports_what_it_did(referentiedata, capsys):
    call_command("laad_referentiedata", verbosity=0)
    out = capsys.readouterr().out
    assert "gemeenten" in out
    assert "niets gewijzigd" in out


def test_overlapping_membership_is_rejected_by_the_model(referentiedata):
    bestaand = Lidmaatschap.objects.filter(gemeente__code="GM0363").first()
    overlap = Lidmaatschap(
        gemeente=bestaand.gemeente, organisatie=Organisatie.objects.get(code="VT18"), geldig_van=date(2021, 3, 1)
    )
    with pytest.raises(ValidationError):
        overlap.full_clean()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="exclusion constraints are PostgreSQL-only")
def test_overlapping_membership_is_rejected_by_postgresql(referentiedata):
    bestaand = Lidmaatschap.objects.filter(gemeente__code="GM0363").first()
    with pytest.raises(IntegrityError), transaction.atomic():
        Lidmaatschap.objects.create(
            gemeente=bestaand.gemeente, organisatie=Organisatie.objects.get(code="VT18"), geldig_van=date(2021, 3, 2)
        )
        # The constraint is deferred to commit; force the check now.
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def test_period_end_before_start_is_rejected_by_the_database(referentiedata):
    with pytest.raises(IntegrityError), transaction.atomic():
        Gemeente.objects.create(code="GM9999", naam="Test", provincie="X", geldig_van=date(2020, 1, 1),
                                geldig_tot=date(2019, 1, 1))
