from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from kwartalen.models import KwartaalStatus
from meldingen.models import Casus, Melding
from meldingen.services import (
    leg_beoordeling_vast,
    sluit_casus,
    verwijder_melding,
    wijzig_melding,
)
from tests.factories import GebruikerFactory, MeldingFactory
from vtregistratie.models import Organisatie

pytestmark = pytest.mark.django_db


@pytest.fixture
def intake(referentiedata):
    return GebruikerFactory(rol="intake")


def test_a_first_melding_opens_a_new_casus(intake):
    melding = MeldingFactory(door=intake)
    assert melding.eerdere_betrokkenheid == "eerste_melding"
    assert melding.casus.nummer == "C-2025-000001"
    assert melding.casus.is_open
    assert melding.nummer == "M-2025-000001"
    assert melding.melder_groep == "politie"


def test_a_melding_on_an_open_casus_is_a_vervolgmelding(intake):
    eerste = MeldingFactory(door=intake, ontvangstdatum=date(2025, 1, 6))
    tweede = MeldingFactory(door=intake, casus=eerste.casus, ontvangstdatum=date(2025, 2, 3))
    assert tweede.eerdere_betrokkenheid == "vervolgmelding"
    assert tweede.casus == eerste.casus


def test_a_melding_on_a_closed_casus_is_a_hermelding_and_reopens_it(intake):
    eerste = MeldingFactory(door=intake, ontvangstdatum=date(2025, 1, 6))
    sluit_casus(casus=eerste.casus, door=intake, datum=date(2025, 1, 20))
    tweede = MeldingFactory(door=intake, casus=eerste.casus, ontvangstdatum=date(2025, 3, 3))
    assert tweede.eerdere_betrokkenheid == "hermelding"
    assert Casus.objects.get(pk=eerste.casus.pk).is_open


def test_a_casus_of_another_organisation_cannot_be_joined(intake):
    vreemde = MeldingFactory(door=GebruikerFactory(rol="intake", organisatie=Organisatie.objects.get(code="VT18")))
    with pytest.raises(ValidationError) as exc:
        MeldingFactory(door=intake, casus=vreemde.casus)
    assert "casus" in exc.value.message_dict


def test_a_casus_cannot_close_before_its_last_melding(intake):
    melding = MeldingFactory(door=intake, ontvangstdatum=date(2025, 3, 10))
    with pytest.raises(ValidationError):
        sluit_casus(casus=melding.casus, door=intake, datum=date(2025, 3, 1))


def test_a_melding_is_never_anonymous(intake):
    with pytest.raises(ValidationError) as exc:
        MeldingFactory(door=intake, anoniem=True)
    assert "anoniem" in exc.value.message_dict
    assert not Melding.objects.exists() and not Casus.objects.exists()


def test_an_anonymous_melding_is_refused_by_the_database(intake):
    melding = MeldingFactory(door=intake)
    with pytest.raises(IntegrityError), transaction.atomic():
        Melding.objects.filter(pk=melding.pk).update(anoniem=True)


def test_deadline_is_stored_five_working_days_or_same_day_for_crisis(intake):
    gewoon = MeldingFactory(door=intake, ontvangstdatum=date(2024, 12, 23))
    crisis = MeldingFactory(door=intake, ontvangstdatum=date(2024, 12, 23), acute_onveiligheid=True)
    assert gewoon.beoordelingstermijn == date(2025, 1, 2)
    assert crisis.beoordelingstermijn == date(2024, 12, 23)


class TestVeiligheidsbeoordeling:
    def test_outcome_with_service(self, intake):
        melding = MeldingFactory(door=intake, ontvangstdatum=date(2025, 3, 10))
        melding = leg_beoordeling_vast(melding=melding, door=intake, datum=date(2025, 3, 12),
                                       uitkomst="vervolgstappen_vt", vervolgdienst="onderzoek")
        assert melding.beoordeling == "vervolgstappen_vt"
        assert melding.vervolgdienst == "onderzoek"

    def test_without_a_date_it_counts_as_not_assessed(self, intake):
        assert MeldingFactory(door=intake).beoordeling == "nog_niet_beoordeeld"

    @pytest.mark.parametrize(
        ("datum", "uitkomst", "dienst", "veld"),
        [
            (date(2025, 3, 12), "vervolgstappen_vt", "", "vervolgdienst"),
            (date(2025, 3, 12), "overdracht", "onderzoek", "vervolgdienst"),
            (date(2025, 3, 12), "", "", "beoordeling_uitkomst"),
            (date(2025, 3, 12), "verzonnen", "", "beoordeling_uitkomst"),
            (date(2025, 3, 9), "overdracht", "", "beoordeling_datum"),
            (None, "overdracht", "", "beoordeling_datum"),
        ],
    )
    def test_inconsistent_assessments_are_refused(self, intake, datum, uitkomst, dienst, veld):
        melding = MeldingFactory(door=intake, ontvangstdatum=date(2025, 3, 10))
        with pytest.raises(ValidationError) as exc:
            leg_beoordeling_vast(melding=melding, door=intake, datum=datum, uitkomst=uitkomst, vervolgdienst=dienst)
        assert veld in exc.value.message_dict
        melding.refresh_from_db()
        assert melding.beoordeling_datum is None


def test_changing_crisis_moves_the_deadline(intake):
    melding = MeldingFactory(door=intake, ontvangstdatum=date(2025, 3, 10))
    melding = wijzig_melding(melding=melding, door=intake, acute_onveiligheid=True)
    assert melding.beoordelingstermijn == date(2025, 3, 10)


def test_moving_a_melding_to_another_casus_rederives_eerdere_betrokkenheid(intake):
    a = MeldingFactory(door=intake, ontvangstdatum=date(2025, 1, 6))
    b = MeldingFactory(door=intake, ontvangstdatum=date(2025, 2, 6))
    b = wijzig_melding(melding=b, door=intake, casus=a.casus)
    assert b.eerdere_betrokkenheid == "vervolgmelding"


def test_deleting_the_only_melding_removes_its_casus(intake):
    melding = MeldingFactory(door=intake)
    verwijder_melding(melding=melding, door=intake, reden="dubbel")
    assert not Casus.objects.exists()


def test_definitief_quarter_locks_meldingen(intake):
    melding = MeldingFactory(door=intake, ontvangstdatum=date(2025, 2, 1))
    KwartaalStatus.objects.update_or_create(organisatie=intake.organisatie, jaar=2025, kwartaal=1,
                                                       defaults={"status": "definitief"})
    with pytest.raises(ValidationError):
        leg_beoordeling_vast(melding=melding, door=intake, datum=date(2025, 2, 3), uitkomst="overdracht")
    with pytest.raises(ValidationError):
        verwijder_melding(melding=melding, door=intake, reden="dubbel")
    with pytest.raises(ValidationError):
        MeldingFactory(door=intake, ontvangstdatum=date(2025, 3, 31))


def test_a_reopened_quarter_cannot_recount_a_later_definitief_quarter_of_the_same_casus(intake):
    """A change to an earlier melding of a casus moves the counts of its later meldingen (first in the half-year,
    the vervolgmelding subgroup); when their quarter is definitief the change is refused, not recounted silently."""
    eerste = MeldingFactory(door=intake, ontvangstdatum=date(2025, 2, 3))
    MeldingFactory(door=intake, casus=eerste.casus, ontvangstdatum=date(2025, 5, 6))
    for kwartaal, status in ((1, "voorlopig"), (2, "definitief")):  # K1 reopened after K2 was fixed
        KwartaalStatus.objects.update_or_create(organisatie=intake.organisatie, jaar=2025, kwartaal=kwartaal,
                                                defaults={"status": status})
    versie = Melding.objects.get(pk=eerste.pk).versie
    with pytest.raises(ValidationError) as fout:
        leg_beoordeling_vast(melding=eerste, door=intake, datum=date(2025, 2, 4), uitkomst="overdracht")
    assert "latere melding in dezelfde casus" in str(fout.value.message_dict["casus"])
    with pytest.raises(ValidationError):
        verwijder_melding(melding=eerste, door=intake, reden="dubbel")
    with pytest.raises(ValidationError):
        MeldingFactory(door=intake, casus=eerste.casus, ontvangstdatum=date(2025, 3, 3))
    assert Melding.objects.get(pk=eerste.pk).versie == versie
    assert Melding.objects.count() == 2
    # A melding of another casus in the reopened quarter is still allowed.
    MeldingFactory(door=intake, ontvangstdatum=date(2025, 3, 3))
