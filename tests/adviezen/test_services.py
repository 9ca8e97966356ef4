from datetime import date, timedelta

import pytest
import time_machine
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from adviezen.models import Advies
from adviezen.services import registreer_advies, verwijder_advies, wijzig_advies
from kwartalen.models import KwartaalStatus, VerouderdeSleutel
from tests.factories import AdviesFactory, GebruikerFactory
from vtregistratie import definities

pytestmark = pytest.mark.django_db


@pytest.fixture
def intake(referentiedata):
    return GebruikerFactory(rol="intake")


def fouten(exc_info) -> dict:
    return exc_info.value.message_dict


def test_registration_freezes_the_facts(intake):
    advies = AdviesFactory(door=intake, melder_organisatietype="politie")
    assert advies.organisatie.code == "VT01"
    assert advies.gemeente_id == "GM0363"
    assert advies.melder_groep == "politie"
    assert advies.definities_versie == definities.VERSIE
    assert advies.aangemaakt_door == intake


def test_numbers_run_per_organisation_and_year(intake):
    a1 = AdviesFactory(door=intake, startdatum=date(2025, 1, 2))
    a2 = AdviesFactory(door=intake, startdatum=date(2025, 5, 2))
    a3 = AdviesFactory(door=intake, startdatum=date(2024, 5, 2))
    other = AdviesFactory(door=GebruikerFactory(rol="intake", organisatie=_org("VT18")), startdatum=date(2025, 1, 3))
    assert [a1.nummer, a2.nummer, a3.nummer] == ["A-2025-000001", "A-2025-000002", "A-2024-000001"]
    assert other.nummer == "A-2025-000001"


def _org(code):
    from vtregistratie.models import Organisatie

    return Organisatie.objects.get(code=code)


@time_machine.travel(date(2025, 6, 1))
def test_a_date_in_the_future_is_refused(intake):
    with pytest.raises(ValidationError) as exc:
        AdviesFactory(door=intake, startdatum=date(2025, 6, 2))
    assert "startdatum" in fouten(exc)
    assert Advies.objects.count() == 0


def test_end_date_before_start_is_refused(intake):
    with pytest.raises(ValidationError) as exc:
        AdviesFactory(door=intake, startdatum=date(2025, 3, 10), einddatum=date(2025, 3, 9))
    assert "einddatum" in fouten(exc)


def test_end_date_before_start_is_refused_by_the_database(intake):
    advies = AdviesFactory(door=intake)
    with pytest.raises(IntegrityError), transaction.atomic():
        Advies.objects.filter(pk=advies.pk).update(einddatum=advies.startdatum - timedelta(days=1))


@pytest.mark.parametrize(
    ("velden", "veld"),
    [
        ({"melder_organisatietype": "bakker"}, "melder_organisatietype"),
        ({"aard": ["onzin"]}, "aard"),
        ({"aard": []}, "aard"),
        ({"aanvullende_informatie": ["mensenhandel", "mensenhandel"]}, "aanvullende_informatie"),
        ({"duur_geweld": "eeuwig"}, "duur_geweld"),
        ({"beroepsmatig": False, "melder_organisatietype": "", "melder_relatie": "kat"}, "melder_relatie"),
        ({"beroepsmatig": False, "melder_organisatietype": "huisarts", "melder_relatie": "familielid"},
         "melder_organisatietype"),
        ({"beroepsmatig": True, "melder_organisatietype": "huisarts", "melder_relatie": "familielid"},
         "melder_relatie"),
        ({"beroepsmatig": True, "melder_organisatietype": ""}, "melder_organisatietype"),
        ({"gemeente": "GM9999"}, "gemeente"),
        ({"melder_functie": "bakker"}, "melder_functie"),
        ({"melder_functie": "niet_van_toepassing"}, "melder_functie"),
        ({"beroepsmatig": False, "melder_organisatietype": "", "melder_relatie": "familielid",
          "melder_functie": "onderwijs"}, "melder_functie"),
    ],
)
def test_invalid_codes_and_melder_combinations_are_refused(intake, velden, veld):
    with pytest.raises(ValidationError) as exc:
        AdviesFactory(door=intake, **velden)
    assert veld in fouten(exc)
    assert Advies.objects.count() == 0


def test_the_rol_functie_follows_the_melder_through_changes(intake):
    advies = AdviesFactory(door=intake, melder_organisatietype="jgz_ggd", melder_functie="medisch_jeugdarts")
    assert advies.melder_functie == "medisch_jeugdarts"
    # another organisation type keeps the rol/functie; a non-professional has none; professional again: unknown
    advies = wijzig_advies(advies=advies, door=intake, melder_organisatietype="huisarts")
    assert advies.melder_functie == "medisch_jeugdarts"
    advies = wijzig_advies(advies=advies, door=intake, beroepsmatig=False, melder_organisatietype="",
                           melder_relatie="familielid")
    assert advies.melder_functie == ""
    advies = wijzig_advies(advies=advies, door=intake, beroepsmatig=True, melder_organisatietype="politie",
                           melder_relatie="")
    assert advies.melder_functie == "onbekend"


def test_a_gemeente_must_exist_on_the_contact_date(intake):
    # Weesp (GM0457) was added to Amsterdam on 24 March 2022.
    with pytest.raises(ValidationError) as exc:
        AdviesFactory(door=intake, gemeente="GM0457", startdatum=date(2022, 4, 1))
    assert "gemeente" in fouten(exc)
    assert AdviesFactory(door=intake, gemeente="GM0457", startdatum=date(2022, 3, 1)).gemeente_id == "GM0457"


def test_unknown_gemeente_is_allowed(intake):
    assert AdviesFactory(door=intake, gemeente=None).gemeente is None


def test_a_non_professional_advies_may_be_anonymous(intake):
    advies = AdviesFactory(door=intake, beroepsmatig=False, melder_organisatietype="", melder_relatie="buurtbewoner",
                           anoniem=True)
    assert advies.anoniem and advies.melder_groep == "niet_professional"


def test_users_without_an_organisation_role_cannot_register(referentiedata):
    gemeente_user = GebruikerFactory(rol="gemeente", organisatie=None)
    with pytest.raises(PermissionError):
        AdviesFactory(door=gemeente_user)


def test_update_rederives_melder_groep_and_marks_the_old_and_new_quarter_stale(intake):
    advies = AdviesFactory(door=intake, startdatum=date(2025, 3, 10))
    VerouderdeSleutel.objects.all().delete()
    advies = wijzig_advies(advies=advies, door=intake, startdatum=date(2025, 4, 2), melder_organisatietype="politie")
    assert advies.melder_groep == "politie"
    assert set(VerouderdeSleutel.objects.values_list("jaar", "kwartaal")) == {(2025, 1), (2025, 2)}


def test_another_organisation_cannot_change_a_record(intake):
    advies = AdviesFactory(door=intake)
    vreemde = GebruikerFactory(rol="intake", organisatie=_org("VT18"))
    with pytest.raises(Advies.DoesNotExist):
        wijzig_advies(advies=advies, door=vreemde, duur_geweld="tot_1_week")


class TestDefinitiefLock:
    @pytest.fixture
    def definitief_q1(self, intake):
        return KwartaalStatus.objects.update_or_create(organisatie=intake.organisatie, jaar=2025, kwartaal=1,
                                                       defaults={"status": "definitief"})

    def test_no_new_record_in_a_final_quarter(self, intake, definitief_q1):
        with pytest.raises(ValidationError) as exc:
            AdviesFactory(door=intake, startdatum=date(2025, 2, 1))
        assert "definitief" in " ".join(fouten(exc)["startdatum"])
        assert AdviesFactory(door=intake, startdatum=date(2025, 4, 1)).pk

    def test_no_change_to_and_no_move_out_of_or_into_a_final_quarter(self, intake):
        in_q1 = AdviesFactory(door=intake, startdatum=date(2025, 2, 1))
        in_q2 = AdviesFactory(door=intake, startdatum=date(2025, 5, 1))
        KwartaalStatus.objects.update_or_create(organisatie=intake.organisatie, jaar=2025, kwartaal=1,
                                                       defaults={"status": "definitief"})
        with pytest.raises(ValidationError):
            wijzig_advies(advies=in_q1, door=intake, duur_geweld="tot_1_week")
        with pytest.raises(ValidationError):
            wijzig_advies(advies=in_q1, door=intake, startdatum=date(2025, 5, 2))
        with pytest.raises(ValidationError):
            wijzig_advies(advies=in_q2, door=intake, startdatum=date(2025, 3, 1))
        with pytest.raises(ValidationError):
            verwijder_advies(advies=in_q1, door=intake, reden="dubbel")
        in_q1.refresh_from_db()
        assert in_q1.duur_geweld == "onbekend" and in_q1.startdatum == date(2025, 2, 1)

    def test_a_provisional_quarter_still_accepts_changes(self, intake):
        advies = AdviesFactory(door=intake, startdatum=date(2025, 2, 1))
        KwartaalStatus.objects.update_or_create(organisatie=intake.organisatie, jaar=2025, kwartaal=1,
                                                       defaults={"status": "voorlopig"})
        assert wijzig_advies(advies=advies, door=intake, duur_geweld="tot_1_week").duur_geweld == "tot_1_week"


def test_every_change_is_in_the_audit_trail_with_its_actor(intake):
    advies = AdviesFactory(door=intake)
    wijzig_advies(advies=advies, door=intake, duur_geweld="meer_dan_5_jaar")
    pk = advies.pk
    verwijder_advies(advies=advies, door=intake, reden="dubbel")
    entries = LogEntry.objects.filter(content_type__model="advies", object_pk=str(pk)).order_by("timestamp")
    assert [e.action for e in entries] == [LogEntry.Action.CREATE, LogEntry.Action.UPDATE, LogEntry.Action.DELETE]
    assert {e.actor for e in entries} == {intake}
    assert "duur_geweld" in entries[1].changes_dict


def test_registreer_advies_directly_with_all_fields(intake):
    advies = registreer_advies(
        door=intake, startdatum=date(2025, 1, 5), einddatum=date(2025, 1, 7), gemeente="GM0363", beroepsmatig=False,
        melder_organisatietype="", melder_relatie="familielid", anoniem=False,
        aard=["ouderenmishandeling", "kindermishandeling"], aanvullende_informatie=["eergerelateerd_geweld"],
        duur_geweld="1_tot_5_jaar",
    )
    advies.refresh_from_db()
    assert advies.aard == ["kindermishandeling", "ouderenmishandeling"]
    assert advies.aanvullende_informatie == ["eergerelateerd_geweld"]


def test_a_deletion_without_a_reason_is_refused(intake):
    advies = AdviesFactory(door=intake)
    with pytest.raises(ValidationError) as fout:
        verwijder_advies(advies=advies, door=intake, reden=" ")
    assert fout.value.message_dict == {"reden": ["Geef een reden op voor het verwijderen."]}
    assert Advies.objects.filter(pk=advies.pk).exists()
