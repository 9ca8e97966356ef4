"""The follow-up services: the rules a team relies on when it registers a dienst, an overdracht or monitoring."""

from datetime import date

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError

from diensten.models import Dienst, Monitoring, OnderzoekUitkomst, Overdracht
from diensten.services import (
    registreer_dienst,
    registreer_monitoring,
    registreer_overdracht,
    verwijder_dienst,
    verwijder_monitoring,
    verwijder_overdracht,
    wijzig_dienst,
    wijzig_monitoring,
    wijzig_overdracht,
)
from kwartalen.models import KwartaalStatus, VerouderdeSleutel
from meldingen.services import leg_beoordeling_vast, verwijder_melding, wijzig_melding
from tests.factories import GebruikerFactory, MeldingFactory
from vtregistratie.models import Organisatie
from vtregistratie.services.contact import VersieConflict

pytestmark = pytest.mark.django_db


@pytest.fixture
def intake(referentiedata):
    return GebruikerFactory(rol="intake")


def _melding(door, *, uitkomst="vervolgstappen_vt", vervolgdienst="onderzoek", aard=("partnergeweld",),
             ontvangen=date(2025, 2, 3), beoordeeld=date(2025, 2, 7)):
    melding = MeldingFactory(door=door, ontvangstdatum=ontvangen, aard=list(aard))
    return leg_beoordeling_vast(melding=melding, door=door, datum=beoordeeld, uitkomst=uitkomst,
                                vervolgdienst=vervolgdienst if uitkomst == "vervolgstappen_vt" else "")


def _fout(exc) -> dict:
    return exc.value.message_dict


def _vergrendel(organisatie, jaar, kwartaal):
    KwartaalStatus.objects.update_or_create(organisatie=organisatie, jaar=jaar, kwartaal=kwartaal,
                                            defaults={"status": "definitief"})


class TestDienst:
    def test_a_running_dienst_copies_the_decision_date_and_defaults_to_the_chosen_soort(self, intake):
        melding = _melding(intake)
        dienst = registreer_dienst(melding=melding, door=intake, startdatum=date(2025, 3, 3))
        assert (dienst.soort, dienst.besluitdatum, dienst.einddatum) == ("onderzoek", date(2025, 2, 7), None)
        assert dienst.organisatie == intake.organisatie

    @pytest.mark.parametrize("uitkomst", ["overdracht", "geen_vervolgstappen"])
    def test_only_vervolgstappen_gets_a_dienst(self, intake, uitkomst):
        melding = _melding(intake, uitkomst=uitkomst)
        with pytest.raises(ValidationError) as exc:
            registreer_dienst(melding=melding, door=intake, startdatum=date(2025, 3, 3))
        assert "Vervolgstappen Veilig Thuis" in _fout(exc)["melding"][0]
        assert not Dienst.objects.exists()

    def test_a_melding_without_beoordeling_gets_no_dienst(self, intake):
        melding = MeldingFactory(door=intake)
        with pytest.raises(ValidationError) as exc:
            registreer_dienst(melding=melding, door=intake, soort="onderzoek", startdatum=date(2025, 3, 20))
        assert "melding" in _fout(exc)

    def test_one_dienst_per_melding(self, intake):
        melding = _melding(intake)
        registreer_dienst(melding=melding, door=intake, startdatum=date(2025, 3, 3))
        with pytest.raises(ValidationError) as exc:
            registreer_dienst(melding=melding, door=intake, startdatum=date(2025, 3, 4))
        assert "heeft al een dienst" in _fout(exc)["melding"][0]

    def test_another_organisations_melding_is_refused(self, intake):
        vreemd = GebruikerFactory(rol="intake", organisatie=Organisatie.objects.get(code="VT18"))
        melding = _melding(vreemd)
        with pytest.raises(ValidationError) as exc:
            registreer_dienst(melding=melding, door=intake, startdatum=date(2025, 3, 3))
        assert _fout(exc) == {"melding": ["Deze melding hoort niet bij uw organisatie."]}

    def test_a_user_without_a_registering_role_is_refused(self, intake):
        melding = _melding(intake)
        with pytest.raises(PermissionError):
            registreer_dienst(melding=melding, door=GebruikerFactory(rol="gemeente"), startdatum=date(2025, 3, 3))

    @pytest.mark.parametrize(("start", "eind", "veld", "tekst"), [
        (date(2025, 2, 6), None, "startdatum", "vóór de veiligheidsbeoordeling"),
        (date(2025, 3, 3), date(2025, 3, 2), "einddatum", "vóór de startdatum"),
        (date(2099, 1, 1), None, "startdatum", "toekomst"),
        (date(2025, 3, 3), date(2099, 1, 1), "einddatum", "toekomst"),
        (None, None, "startdatum", "Vul een datum in"),
    ])
    def test_dates_in_order_and_never_in_the_future(self, intake, start, eind, veld, tekst):
        melding = _melding(intake)
        with pytest.raises(ValidationError) as exc:
            registreer_dienst(melding=melding, door=intake, soort="voorwaarden_en_vervolg", startdatum=start,
                              einddatum=eind)
        assert tekst in " ".join(_fout(exc)[veld])

    def test_an_ended_onderzoek_has_an_outcome_per_aard(self, intake):
        melding = _melding(intake, aard=("partnergeweld", "kindermishandeling"))
        with pytest.raises(ValidationError) as exc:
            registreer_dienst(melding=melding, door=intake, startdatum=date(2025, 3, 3), einddatum=date(2025, 5, 1))
        assert "uitkomsten" in _fout(exc)
        with pytest.raises(ValidationError) as exc:
            registreer_dienst(melding=melding, door=intake, startdatum=date(2025, 3, 3), einddatum=date(2025, 5, 1),
                              uitkomsten={"partnergeweld": "bevestigd"})
        assert "Kindermishandeling" in _fout(exc)["uitkomsten"][0]
        dienst = registreer_dienst(melding=melding, door=intake, startdatum=date(2025, 3, 3),
                                   einddatum=date(2025, 5, 1),
                                   uitkomsten={"partnergeweld": "bevestigd", "kindermishandeling": "weerlegd"})
        assert dict(dienst.uitkomsten.values_list("aard", "uitkomst")) == {
            "partnergeweld": "bevestigd", "kindermishandeling": "weerlegd"}

    def test_an_outcome_only_for_an_aard_of_the_melding(self, intake):
        melding = _melding(intake)
        with pytest.raises(ValidationError) as exc:
            registreer_dienst(melding=melding, door=intake, startdatum=date(2025, 3, 3), einddatum=date(2025, 5, 1),
                              uitkomsten={"partnergeweld": "bevestigd", "kindermishandeling": "bevestigd"})
        assert "kindermishandeling hoort er niet bij" in _fout(exc)["uitkomsten"][0]

    def test_closed_early_or_an_outcome_not_both(self, intake):
        melding = _melding(intake)
        with pytest.raises(ValidationError) as exc:
            registreer_dienst(melding=melding, door=intake, startdatum=date(2025, 3, 3), einddatum=date(2025, 5, 1),
                              afsluitreden="overleden", uitkomsten={"partnergeweld": "bevestigd"})
        assert "het een of het ander" in _fout(exc)["uitkomsten"][0]
        dienst = registreer_dienst(melding=melding, door=intake, startdatum=date(2025, 3, 3),
                                   einddatum=date(2025, 5, 1), afsluitreden="overleden")
        assert dienst.afsluitreden == "overleden" and not dienst.uitkomsten.exists()

    def test_closed_early_needs_an_end_and_an_onderzoek(self, intake):
        melding = _melding(intake)
        with pytest.raises(ValidationError) as exc:
            registreer_dienst(melding=melding, door=intake, startdatum=date(2025, 3, 3), afsluitreden="overleden")
        assert "einddatum" in _fout(exc)
        with pytest.raises(ValidationError) as exc:
            registreer_dienst(melding=melding, door=intake, soort="voorwaarden_en_vervolg",
                              startdatum=date(2025, 3, 3), einddatum=date(2025, 4, 1), afsluitreden="overleden")
        assert "Alleen een onderzoek" in _fout(exc)["afsluitreden"][0]

    def test_a_running_onderzoek_has_no_outcome_yet(self, intake):
        melding = _melding(intake)
        with pytest.raises(ValidationError) as exc:
            registreer_dienst(melding=melding, door=intake, startdatum=date(2025, 3, 3),
                              uitkomsten={"partnergeweld": "bevestigd"})
        assert "afgerond onderzoek" in _fout(exc)["uitkomsten"][0]

    def test_change_ends_the_onderzoek_with_outcomes_and_a_later_change_replaces_them(self, intake):
        melding = _melding(intake)
        dienst = registreer_dienst(melding=melding, door=intake, startdatum=date(2025, 3, 3))
        dienst = wijzig_dienst(dienst=dienst, door=intake, versie=dienst.versie, einddatum=date(2025, 5, 1),
                               uitkomsten={"partnergeweld": "niet_bevestigd"})
        assert dienst.einddatum == date(2025, 5, 1)
        dienst = wijzig_dienst(dienst=dienst, door=intake, uitkomsten={}, afsluitreden="verhuisd_andere_regio")
        assert not OnderzoekUitkomst.objects.exists() and dienst.afsluitreden == "verhuisd_andere_regio"

    def test_an_old_version_is_refused(self, intake):
        melding = _melding(intake)
        dienst = registreer_dienst(melding=melding, door=intake, startdatum=date(2025, 3, 3))
        oud = dienst.versie
        wijzig_dienst(dienst=dienst, door=intake, versie=oud, startdatum=date(2025, 3, 4))
        with pytest.raises(VersieConflict) as exc:
            wijzig_dienst(dienst=dienst, door=intake, versie=oud, startdatum=date(2025, 3, 5))
        assert "04-03-2025" in exc.value.messages[0]
        with pytest.raises(VersieConflict):
            verwijder_dienst(dienst=dienst, door=intake, reden="dubbel", versie=oud)
        assert Dienst.objects.get().startdatum == date(2025, 3, 4)

    def test_delete_needs_a_reason_and_puts_the_melding_back_on_the_waiting_list(self, intake):
        melding = _melding(intake)
        dienst = registreer_dienst(melding=melding, door=intake, startdatum=date(2025, 3, 3),
                                   einddatum=date(2025, 4, 3), uitkomsten={"partnergeweld": "bevestigd"})
        with pytest.raises(ValidationError) as exc:
            verwijder_dienst(dienst=dienst, door=intake, reden=" ")
        assert "reden" in _fout(exc)
        verwijder_dienst(dienst=dienst, door=intake, reden="verkeerde melding")
        assert not Dienst.objects.exists() and not OnderzoekUitkomst.objects.exists()
        verwijdering = LogEntry.objects.get(action=LogEntry.Action.DELETE, content_type__model="dienst")
        assert verwijdering.actor == intake and verwijdering.additional_data == {"reden": "verkeerde melding"}

    def test_a_dienst_with_an_overdracht_after_it_is_not_deleted(self, intake):
        melding = _melding(intake)
        dienst = registreer_dienst(melding=melding, door=intake, soort="voorwaarden_en_vervolg",
                                   startdatum=date(2025, 3, 3), einddatum=date(2025, 4, 3))
        registreer_overdracht(melding=melding, door=intake, dienst=dienst, datum=date(2025, 4, 3),
                              bestemming="lokaal_veld")
        with pytest.raises(ValidationError) as exc:
            verwijder_dienst(dienst=dienst, door=intake, reden="fout")
        assert "verwijder die eerst" in _fout(exc)["__all__"][0]

    def test_every_change_is_audited_as_the_user(self, intake):
        melding = _melding(intake)
        dienst = registreer_dienst(melding=melding, door=intake, startdatum=date(2025, 3, 3))
        wijzig_dienst(dienst=dienst, door=intake, startdatum=date(2025, 3, 4))
        regels = LogEntry.objects.get_for_object(dienst).order_by("timestamp")
        assert [(r.action, r.actor) for r in regels] == [(LogEntry.Action.CREATE, intake),
                                                         (LogEntry.Action.UPDATE, intake)]


class TestKwartalen:
    def test_a_dienst_in_a_definitief_quarter_is_refused(self, intake):
        melding = _melding(intake)
        _vergrendel(intake.organisatie, 2025, 2)
        with pytest.raises(ValidationError) as exc:
            registreer_dienst(melding=melding, door=intake, startdatum=date(2025, 4, 3))
        assert "definitief" in _fout(exc)["startdatum"][0]

    def test_a_start_that_moves_the_waiting_list_of_a_definitief_quarter_is_refused(self, intake):
        # decided in February, started in March: waiting at no quarter end. Starting in April instead puts it
        # on Q1's end-of-quarter waiting list, which is definitief.
        melding = _melding(intake)
        dienst = registreer_dienst(melding=melding, door=intake, startdatum=date(2025, 3, 3))
        _vergrendel(intake.organisatie, 2025, 1)
        with pytest.raises(ValidationError) as exc:
            wijzig_dienst(dienst=dienst, door=intake, startdatum=date(2025, 4, 7))
        assert "definitief" in _fout(exc)["startdatum"][0]
        # the soort is counted at the start, in Q1: refused
        with pytest.raises(ValidationError):
            wijzig_dienst(dienst=dienst, door=intake, soort="voorwaarden_en_vervolg")
        # ending it in Q2 with its outcome touches only Q2: allowed
        wijzig_dienst(dienst=dienst, door=intake, einddatum=date(2025, 4, 7),
                      uitkomsten={"partnergeweld": "bevestigd"})

    def test_changes_mark_every_touched_quarter_stale(self, intake):
        melding = _melding(intake)
        VerouderdeSleutel.objects.all().delete()
        dienst = registreer_dienst(melding=melding, door=intake, startdatum=date(2025, 8, 4))
        # before, it waited at every quarter end up to today; now only at the ends of Q1 and Q2 (started in Q3):
        # Q3 onwards changed, Q1 and Q2 did not.
        gemarkeerd = set(VerouderdeSleutel.objects.filter(organisatie=intake.organisatie).values_list(
            "jaar", "kwartaal"))
        assert (2025, 3) in gemarkeerd and (2025, 4) in gemarkeerd
        assert (2025, 1) not in gemarkeerd and (2025, 2) not in gemarkeerd
        VerouderdeSleutel.objects.all().delete()
        wijzig_dienst(dienst=dienst, door=intake, soort="voorwaarden_en_vervolg", einddatum=date(2025, 12, 1))
        assert set(VerouderdeSleutel.objects.values_list("jaar", "kwartaal")) == {(2025, 3), (2025, 4)}

    def test_a_beoordeling_with_vervolgstappen_marks_the_waiting_list_quarters(self, intake):
        melding = MeldingFactory(door=intake, ontvangstdatum=date(2025, 2, 3))
        VerouderdeSleutel.objects.all().delete()
        leg_beoordeling_vast(melding=melding, door=intake, datum=date(2025, 2, 7), uitkomst="vervolgstappen_vt",
                             vervolgdienst="onderzoek")
        gemarkeerd = set(VerouderdeSleutel.objects.values_list("jaar", "kwartaal"))
        assert {(2025, 1), (2025, 2), (2025, 3), (2025, 4), (2026, 1)} <= gemarkeerd

    def test_a_beoordeling_that_would_change_a_definitief_waiting_list_is_refused(self, intake):
        melding = MeldingFactory(door=intake, ontvangstdatum=date(2025, 2, 3))
        _vergrendel(intake.organisatie, 2025, 2)
        with pytest.raises(ValidationError) as exc:
            leg_beoordeling_vast(melding=melding, door=intake, datum=date(2025, 2, 7), uitkomst="vervolgstappen_vt",
                                 vervolgdienst="onderzoek")
        assert "definitief" in _fout(exc)["beoordeling_datum"][0]


class TestMeldingMetVervolg:
    def test_the_beoordeling_under_a_dienst_cannot_change(self, intake):
        melding = _melding(intake)
        registreer_dienst(melding=melding, door=intake, startdatum=date(2025, 3, 3))
        with pytest.raises(ValidationError) as exc:
            leg_beoordeling_vast(melding=melding, door=intake, datum=date(2025, 2, 10), uitkomst="vervolgstappen_vt",
                                 vervolgdienst="onderzoek")
        assert "Verwijder eerst dat vervolg" in _fout(exc)["beoordeling_uitkomst"][0]
        # other fields still change
        wijzig_melding(melding=melding, door=intake, structurele_onveiligheid=True)

    def test_a_melding_with_a_follow_up_is_not_deleted(self, intake):
        melding = _melding(intake, uitkomst="overdracht")
        registreer_overdracht(melding=melding, door=intake, datum=date(2025, 2, 10), bestemming="lokaal_veld")
        with pytest.raises(ValidationError) as exc:
            verwijder_melding(melding=melding, door=intake, reden="dubbel")
        assert "heeft een vervolg" in _fout(exc)["__all__"][0]

    def test_an_aard_with_an_outcome_cannot_be_dropped(self, intake):
        melding = _melding(intake, aard=("partnergeweld", "kindermishandeling"))
        registreer_dienst(melding=melding, door=intake, startdatum=date(2025, 3, 3), einddatum=date(2025, 4, 1),
                          uitkomsten={"partnergeweld": "bevestigd", "kindermishandeling": "weerlegd"})
        with pytest.raises(ValidationError) as exc:
            wijzig_melding(melding=melding, door=intake, aard=["partnergeweld"])
        assert "Kindermishandeling" in _fout(exc)["aard"][0]


class TestOverdracht:
    def test_after_the_beoordeling_only_with_outcome_overdracht(self, intake):
        melding = _melding(intake)
        with pytest.raises(ValidationError) as exc:
            registreer_overdracht(melding=melding, door=intake, datum=date(2025, 2, 10), bestemming="lokaal_veld")
        assert "'Overdracht'" in _fout(exc)["dienst"][0]
        melding = _melding(intake, uitkomst="overdracht")
        overdracht = registreer_overdracht(melding=melding, door=intake, datum=date(2025, 2, 10),
                                           bestemming="lokaal_veld", hulp="ambulante_hulp")
        assert overdracht.dienst is None and overdracht.organisatie == intake.organisatie

    def test_after_a_dienst_not_before_its_start_and_only_its_own_melding(self, intake):
        melding = _melding(intake)
        dienst = registreer_dienst(melding=melding, door=intake, startdatum=date(2025, 3, 3))
        with pytest.raises(ValidationError) as exc:
            registreer_overdracht(melding=melding, door=intake, dienst=dienst, datum=date(2025, 3, 1),
                                  bestemming="ggz")
        assert "vóór de start van de dienst" in _fout(exc)["datum"][0]
        andere = _melding(intake)
        with pytest.raises(ValidationError) as exc:
            registreer_overdracht(melding=andere, door=intake, dienst=dienst, datum=date(2025, 3, 4),
                                  bestemming="ggz")
        assert "dienst" in _fout(exc)

    def test_the_same_destination_twice_is_a_dutch_message_not_a_500(self, intake):
        melding = _melding(intake, uitkomst="overdracht")
        registreer_overdracht(melding=melding, door=intake, datum=date(2025, 2, 10), bestemming="lokaal_veld")
        with pytest.raises(ValidationError) as exc:
            registreer_overdracht(melding=melding, door=intake, datum=date(2025, 2, 11), bestemming="lokaal_veld")
        assert "al geregistreerd" in _fout(exc)["bestemming"][0]

    def test_change_and_delete_respect_the_lock_and_mark_both_quarters(self, intake):
        melding = _melding(intake, uitkomst="overdracht")
        overdracht = registreer_overdracht(melding=melding, door=intake, datum=date(2025, 2, 10),
                                           bestemming="lokaal_veld")
        VerouderdeSleutel.objects.all().delete()
        overdracht = wijzig_overdracht(overdracht=overdracht, door=intake, versie=overdracht.versie,
                                       datum=date(2025, 4, 2))
        assert set(VerouderdeSleutel.objects.values_list("jaar", "kwartaal")) == {(2025, 1), (2025, 2)}
        _vergrendel(intake.organisatie, 2025, 2)
        with pytest.raises(ValidationError) as exc:
            verwijder_overdracht(overdracht=overdracht, door=intake, reden="fout")
        assert "definitief" in _fout(exc)["datum"][0]
        assert Overdracht.objects.exists()


class TestMonitoring:
    def test_after_the_beoordeling_in_order(self, intake):
        melding = _melding(intake, uitkomst="geen_vervolgstappen")
        with pytest.raises(ValidationError) as exc:
            registreer_monitoring(melding=melding, door=intake, startdatum=date(2025, 2, 1))
        assert "vóór de veiligheidsbeoordeling" in _fout(exc)["startdatum"][0]
        with pytest.raises(ValidationError) as exc:
            registreer_monitoring(melding=melding, door=intake, startdatum=date(2025, 3, 1),
                                  einddatum=date(2025, 2, 28))
        assert "einddatum" in _fout(exc)
        monitoring = registreer_monitoring(melding=melding, door=intake, startdatum=date(2025, 3, 1))
        assert monitoring.einddatum is None

    def test_without_beoordeling_no_monitoring(self, intake):
        melding = MeldingFactory(door=intake)
        with pytest.raises(ValidationError) as exc:
            registreer_monitoring(melding=melding, door=intake, startdatum=date(2025, 3, 20))
        assert "melding" in _fout(exc)

    def test_a_period_marks_every_quarter_it_spans(self, intake):
        melding = _melding(intake, uitkomst="geen_vervolgstappen")
        VerouderdeSleutel.objects.all().delete()
        monitoring = registreer_monitoring(melding=melding, door=intake, startdatum=date(2025, 3, 1),
                                           einddatum=date(2025, 7, 1))
        assert set(VerouderdeSleutel.objects.values_list("jaar", "kwartaal")) == {(2025, 1), (2025, 2), (2025, 3)}
        VerouderdeSleutel.objects.all().delete()
        monitoring = wijzig_monitoring(monitoring=monitoring, door=intake, einddatum=date(2025, 3, 31))
        assert set(VerouderdeSleutel.objects.values_list("jaar", "kwartaal")) == {(2025, 1), (2025, 2), (2025, 3)}
        verwijder_monitoring(monitoring=monitoring, door=intake, reden="fout", versie=monitoring.versie)
        assert not Monitoring.objects.exists()
