"""The aard of a registration: StatLine's sub-forms are stored with it, and contradictory combinations are refused
by the services (the one rule of ``definities.tegenstrijdigheden``), for an advies and a melding alike."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from adviezen.models import Advies
from adviezen.services import wijzig_advies
from meldingen.models import Melding
from meldingen.services import wijzig_melding
from tests.factories import AdviesFactory, GebruikerFactory, MeldingFactory

pytestmark = pytest.mark.django_db

FABRIEKEN = [pytest.param(AdviesFactory, Advies, id="advies"), pytest.param(MeldingFactory, Melding, id="melding")]


@pytest.fixture
def intake(referentiedata):
    return GebruikerFactory(rol="intake")


@pytest.mark.parametrize(("fabriek", "model"), FABRIEKEN)
def test_sub_forms_are_stored_with_their_aard(intake, fabriek, model):
    record = fabriek(door=intake, aard=["partnergeweld", "kindermishandeling"],
                     aard_subvorm=["km_pcf", "km_getuige_huiselijk_geweld"])
    record = model.objects.get(pk=record.pk)
    assert record.aard == ["kindermishandeling", "partnergeweld"]
    assert record.aard_subvorm == ["km_getuige_huiselijk_geweld", "km_pcf"]


@pytest.mark.parametrize(("fabriek", "model"), FABRIEKEN)
@pytest.mark.parametrize(("aard", "subvormen", "veld", "woord"), [
    (["kindermishandeling", "geen_hg_km"], [], "aard", "Geen huiselijk geweld of kindermishandeling"),
    (["kindermishandeling", "onbekend"], [], "aard", "Onbekend"),
    (["partnergeweld", "andere_problematiek"], [], "aard", "Andere problematiek"),
    (["andere_problematiek", "geen_hg_km"], [], "aard", "Andere problematiek"),
    (["partnergeweld"], ["km_seksueel_misbruik"], "aard_subvorm", "Seksueel misbruik"),
    (["onbekend"], ["km_anders"], "aard_subvorm", "Kindermishandeling"),
])
def test_a_contradictory_aard_is_refused_with_a_dutch_message_and_nothing_is_stored(
        intake, fabriek, model, aard, subvormen, veld, woord):
    with pytest.raises(ValidationError) as fout:
        fabriek(door=intake, aard=aard, aard_subvorm=subvormen)
    berichten = fout.value.message_dict[veld]
    assert any(woord in bericht for bericht in berichten), berichten
    assert not model.objects.exists()


@pytest.mark.parametrize(("fabriek", "model"), FABRIEKEN)
def test_an_unknown_sub_form_is_refused(intake, fabriek, model):
    with pytest.raises(ValidationError) as fout:
        fabriek(door=intake, aard=["kindermishandeling"], aard_subvorm=["km_onbekend"])
    assert "aard_subvorm" in fout.value.message_dict
    assert not model.objects.exists()


def test_a_change_that_drops_the_aard_of_a_sub_form_is_refused(intake):
    advies = AdviesFactory(door=intake, aard=["kindermishandeling"], aard_subvorm=["km_lichamelijke_mishandeling"])
    with pytest.raises(ValidationError) as fout:
        wijzig_advies(advies=advies, door=intake, aard=["partnergeweld"])
    assert "aard_subvorm" in fout.value.message_dict
    assert Advies.objects.get(pk=advies.pk).aard == ["kindermishandeling"]

    wijzig_advies(advies=advies, door=intake, aard=["partnergeweld"], aard_subvorm=[])
    assert Advies.objects.get(pk=advies.pk).aard_subvorm == []


def test_a_stored_contradictory_registration_stays_until_it_is_changed_and_then_must_be_made_consistent(intake):
    """Registrations stored before the rule are not rewritten; a change (of any field) asks for a consistent aard."""
    melding = MeldingFactory(door=intake, ontvangstdatum=date(2025, 2, 3))
    Melding.objects.filter(pk=melding.pk).update(aard=["kindermishandeling", "onbekend"])  # as stored before

    with pytest.raises(ValidationError) as fout:
        wijzig_melding(melding=melding, door=intake, gemeente="GM0384")
    assert list(fout.value.message_dict) == ["aard"]
    assert Melding.objects.get(pk=melding.pk).gemeente_id == "GM0363"

    wijzig_melding(melding=melding, door=intake, gemeente="GM0384", aard=["kindermishandeling"],
                   aard_subvorm=["km_emotionele_verwaarlozing"])
    opgeslagen = Melding.objects.get(pk=melding.pk)
    assert (opgeslagen.gemeente_id, opgeslagen.aard, opgeslagen.aard_subvorm) == (
        "GM0384", ["kindermishandeling"], ["km_emotionele_verwaarlozing"])
