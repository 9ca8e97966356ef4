"""The follow-up screens: the "Vervolg" section of the melding page, its forms, the worklists "Wachtlijst" and
"Lopende diensten", and the start page's counts."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from diensten.models import Dienst, Monitoring, Overdracht
from diensten.services import registreer_dienst, registreer_overdracht
from meldingen.services import leg_beoordeling_vast
from tests.factories import GebruikerFactory, MeldingFactory
from vtregistratie.models import Organisatie

pytestmark = pytest.mark.django_db

VANDAAG = date(2025, 6, 16)


@pytest.fixture(autouse=True)
def vandaag():
    with time_machine.travel(datetime(2025, 6, 16, 12, 0, tzinfo=ZoneInfo("Europe/Amsterdam")), tick=False):
        yield VANDAAG


@pytest.fixture
def intake(referentiedata):
    return GebruikerFactory(rol="intake")


@pytest.fixture
def ingelogd(client, intake):
    client.force_login(intake)
    return client


def wachtend(door, *, besluit: date, crisis=False, uitkomst="vervolgstappen_vt", vervolgdienst="onderzoek",
             aard=("partnergeweld",)):
    melding = MeldingFactory(door=door, ontvangstdatum=besluit - timedelta(days=2), acute_onveiligheid=crisis,
                             aard=list(aard))
    return leg_beoordeling_vast(melding=melding, door=door, datum=besluit, uitkomst=uitkomst,
                                vervolgdienst=vervolgdienst if uitkomst == "vervolgstappen_vt" else "")


def nummers(html: str) -> list[str]:
    return re.findall(r'<td class="nummer"><a href="[^"]+">(M-\d{4}-\d+)</a>', html)


class TestWachtlijst:
    def test_crisis_first_then_the_longest_wait_and_only_what_waits(self, ingelogd, intake):
        lang = wachtend(intake, besluit=date(2025, 3, 3))
        kort = wachtend(intake, besluit=date(2025, 6, 2))
        crisis = wachtend(intake, besluit=date(2025, 6, 10), crisis=True)
        gestart = wachtend(intake, besluit=date(2025, 3, 1))
        registreer_dienst(melding=gestart, door=intake, startdatum=date(2025, 4, 1))
        wachtend(intake, besluit=date(2025, 3, 1), uitkomst="overdracht")
        vreemd = GebruikerFactory(rol="intake", organisatie=Organisatie.objects.get(code="VT18"))
        wachtend(vreemd, besluit=date(2025, 1, 6))
        html = ingelogd.get("/diensten/wachtlijst/").content.decode()
        assert nummers(html) == [crisis.nummer, lang.nummer, kort.nummer]
        assert "105 dagen" in html  # 3 March to 16 June
        assert f'href="/diensten/melding/{lang.pk}/dienst/"' in html

    def test_registering_the_dienst_from_the_waiting_list_takes_the_melding_off_it(self, ingelogd, intake):
        melding = wachtend(intake, besluit=date(2025, 6, 2))
        pagina = ingelogd.get(f"/diensten/melding/{melding.pk}/dienst/").content.decode()
        assert 'value="onderzoek" selected' in pagina  # the vervolgdienst chosen at the beoordeling
        antwoord = ingelogd.post(f"/diensten/melding/{melding.pk}/dienst/",
                                 {"soort": "onderzoek", "startdatum": "2025-06-09"})
        assert antwoord.status_code == 302 and antwoord["Location"] == f"/meldingen/{melding.pk}/#vervolg"
        assert Dienst.objects.get().startdatum == date(2025, 6, 9)
        assert nummers(ingelogd.get("/diensten/wachtlijst/").content.decode()) == []
        detail = ingelogd.get(f"/meldingen/{melding.pk}/").content.decode()
        assert "wachttijd 7 dagen" in detail and "Dienst wijzigen of afronden" in detail

    def test_a_refusal_is_a_dutch_message_and_nothing_is_stored(self, ingelogd, intake):
        melding = wachtend(intake, besluit=date(2025, 6, 2))
        antwoord = ingelogd.post(f"/diensten/melding/{melding.pk}/dienst/",
                                 {"soort": "onderzoek", "startdatum": "2025-05-30"})
        assert antwoord.status_code == 200
        assert "De dienst kan niet starten vóór de veiligheidsbeoordeling (02-06-2025)." in antwoord.content.decode()
        assert not Dienst.objects.exists()

    def test_the_outcome_message_sits_at_the_outcome_field(self, ingelogd, intake):
        melding = wachtend(intake, besluit=date(2025, 3, 3), aard=("partnergeweld", "kindermishandeling"))
        antwoord = ingelogd.post(f"/diensten/melding/{melding.pk}/dienst/", {
            "soort": "onderzoek", "startdatum": "2025-03-10", "einddatum": "2025-05-10",
            "uitkomst_partnergeweld": "bevestigd"})
        html = antwoord.content.decode()
        assert 'href="#id_uitkomst_kindermishandeling"' in html and "ontbreekt: Kindermishandeling" in html
        antwoord = ingelogd.post(f"/diensten/melding/{melding.pk}/dienst/", {
            "soort": "onderzoek", "startdatum": "2025-03-10", "einddatum": "2025-05-10",
            "uitkomst_partnergeweld": "bevestigd", "uitkomst_kindermishandeling": "niet_bevestigd"})
        assert antwoord.status_code == 302
        assert Dienst.objects.get().uitkomsten.count() == 2


class TestToegang:
    def test_another_organisations_records_are_404(self, ingelogd, intake):
        vreemd = GebruikerFactory(rol="intake", organisatie=Organisatie.objects.get(code="VT18"))
        melding = wachtend(vreemd, besluit=date(2025, 6, 2))
        dienst = registreer_dienst(melding=melding, door=vreemd, startdatum=date(2025, 6, 3))
        for pad in (f"/diensten/melding/{melding.pk}/dienst/", f"/diensten/melding/{melding.pk}/overdracht/",
                    f"/diensten/melding/{melding.pk}/monitoring/", f"/diensten/{dienst.pk}/wijzigen/",
                    f"/diensten/{dienst.pk}/verwijderen/"):
            assert ingelogd.get(pad).status_code == 404, pad
        assert ingelogd.post(f"/diensten/{dienst.pk}/verwijderen/", {"reden": "weg"}).status_code == 404
        assert Dienst.objects.filter(pk=dienst.pk).exists()

    @pytest.mark.parametrize("pad", ["/diensten/wachtlijst/", "/diensten/lopend/"])
    def test_a_municipal_analyst_may_not_see_the_worklists(self, client, referentiedata, pad):
        client.force_login(GebruikerFactory(rol="gemeente", organisatie=None))
        assert client.get(pad).status_code == 403

    def test_a_team_lead_sees_them_and_the_navigation_names_them(self, client, referentiedata):
        client.force_login(GebruikerFactory(rol="teamleider"))
        html = client.get("/diensten/lopend/").content.decode()
        assert 'href="/diensten/wachtlijst/"' in html and ">Lopende diensten<" in html


class TestWijzigenEnVerwijderen:
    def test_a_change_after_someone_elses_is_refused_with_their_values(self, ingelogd, intake):
        melding = wachtend(intake, besluit=date(2025, 6, 2))
        dienst = registreer_dienst(melding=melding, door=intake, startdatum=date(2025, 6, 3))
        oud = dienst.versie
        with time_machine.travel(datetime(2025, 6, 16, 12, 5, tzinfo=ZoneInfo("Europe/Amsterdam")), tick=False):
            ingelogd.post(f"/diensten/{dienst.pk}/wijzigen/", {"soort": "onderzoek", "startdatum": "2025-06-04",
                                                               "versie": oud})
        antwoord = ingelogd.post(f"/diensten/{dienst.pk}/wijzigen/", {"soort": "onderzoek",
                                                                      "startdatum": "2025-06-05", "versie": oud})
        assert antwoord.status_code == 200
        assert "gewijzigd door iemand anders" in antwoord.content.decode()
        assert Dienst.objects.get().startdatum == date(2025, 6, 4)

    def test_delete_asks_a_reason_and_puts_the_melding_back_on_the_waiting_list(self, ingelogd, intake):
        melding = wachtend(intake, besluit=date(2025, 6, 2))
        dienst = registreer_dienst(melding=melding, door=intake, startdatum=date(2025, 6, 3))
        antwoord = ingelogd.post(f"/diensten/{dienst.pk}/verwijderen/", {"reden": "", "versie": dienst.versie})
        assert "Geef een reden op voor het verwijderen." in antwoord.content.decode()
        antwoord = ingelogd.post(f"/diensten/{dienst.pk}/verwijderen/", {"reden": "dubbel", "versie": dienst.versie})
        assert antwoord.status_code == 302 and not Dienst.objects.exists()
        assert nummers(ingelogd.get("/diensten/wachtlijst/").content.decode()) == [melding.nummer]

    def test_overdracht_and_monitoring_through_the_screens(self, ingelogd, intake):
        melding = wachtend(intake, besluit=date(2025, 5, 5), uitkomst="overdracht")
        detail = ingelogd.get(f"/meldingen/{melding.pk}/").content.decode()
        assert "Overdracht registreren" in detail and "Dienst registreren" not in detail
        antwoord = ingelogd.post(f"/diensten/melding/{melding.pk}/overdracht/", {
            "moment": "beoordeling", "datum": "2025-05-06", "bestemming": "lokaal_veld", "hulp": "ambulante_hulp"})
        assert antwoord.status_code == 302
        antwoord = ingelogd.post(f"/diensten/melding/{melding.pk}/monitoring/", {
            "moment": "beoordeling", "startdatum": "2025-05-06"})
        assert antwoord.status_code == 302
        detail = ingelogd.get(f"/meldingen/{melding.pk}/").content.decode()
        assert "06-05-2025: Lokale veld / wijkteam (Ambulante hulp)" in detail
        assert Overdracht.objects.count() == 1 and Monitoring.objects.count() == 1
        overdracht = Overdracht.objects.get()
        antwoord = ingelogd.post(f"/diensten/overdrachten/{overdracht.pk}/wijzigen/", {
            "moment": "beoordeling", "datum": "2025-05-01", "bestemming": "lokaal_veld",
            "versie": overdracht.versie})
        assert "De overdracht ligt vóór de veiligheidsbeoordeling (05-05-2025)." in antwoord.content.decode()

    def test_deleting_a_melding_with_a_follow_up_is_a_message_not_a_500(self, ingelogd, intake):
        melding = wachtend(intake, besluit=date(2025, 5, 5), uitkomst="overdracht")
        registreer_overdracht(melding=melding, door=intake, datum=date(2025, 5, 6), bestemming="ggz")
        antwoord = ingelogd.post(f"/meldingen/{melding.pk}/verwijderen/", {"reden": "dubbel",
                                                                          "versie": melding.versie}, follow=True)
        assert antwoord.status_code == 200
        assert "heeft een vervolg" in antwoord.content.decode()


class TestLopendeDiensten:
    def test_longest_running_first_flagged_from_8_weeks_overdue_after_10(self, ingelogd, intake):
        def dienst(dagen_geleden, soort="onderzoek"):
            start = VANDAAG - timedelta(days=dagen_geleden)
            melding = wachtend(intake, besluit=start - timedelta(days=3), vervolgdienst=soort)
            return registreer_dienst(melding=melding, door=intake, startdatum=start)

        net = dienst(55)
        signaal = dienst(56)
        grens = dienst(70)
        over = dienst(71)
        vv = dienst(100, soort="voorwaarden_en_vervolg")
        html = ingelogd.get("/diensten/lopend/").content.decode()
        assert nummers(html) == [d.melding.nummer for d in (vv, over, grens, signaal, net)]
        rijen = {d.melding.nummer: html.split(d.melding.nummer)[1].split("</tr>")[0]
                 for d in (vv, over, grens, signaal, net)}
        assert "over de norm" in rijen[over.melding.nummer]
        assert "bijna aan de norm" in rijen[grens.melding.nummer]
        assert "bijna aan de norm" in rijen[signaal.melding.nummer]
        assert "binnen de norm" in rijen[net.melding.nummer]
        assert "norm" not in rijen[vv.melding.nummer].replace("Norm", "")

    def test_the_norm_is_a_setting(self, ingelogd, intake, settings):
        settings.NORM_ONDERZOEK_WEKEN = 12
        melding = wachtend(intake, besluit=VANDAAG - timedelta(days=80))
        registreer_dienst(melding=melding, door=intake, startdatum=VANDAAG - timedelta(days=75))
        html = ingelogd.get("/diensten/lopend/").content.decode()
        assert "binnen 12 weken (84 dagen)" in html and "bijna aan de norm" in html


class TestStartpagina:
    def test_the_waiting_list_its_longest_wait_and_what_is_overdue_today(self, client, referentiedata):
        teamleider = GebruikerFactory(rol="teamleider")
        wachtend(teamleider, besluit=date(2025, 3, 3))
        wachtend(teamleider, besluit=date(2025, 6, 2))
        over = wachtend(teamleider, besluit=date(2025, 3, 1))
        registreer_dienst(melding=over, door=teamleider, startdatum=date(2025, 3, 3))
        client.force_login(teamleider)
        html = client.get("/").content.decode()
        assert re.search(r'id="aantal-wachtend">2<', html)
        assert re.search(r'id="langste-wacht">105<', html)
        assert re.search(r'id="aantal-over-norm">1<', html)
        assert 'href="/diensten/lopend/"' in html

    def test_a_municipal_analyst_sees_no_waiting_list(self, client, referentiedata):
        client.force_login(GebruikerFactory(rol="gemeente", organisatie=None))
        assert "aantal-wachtend" not in client.get("/").content.decode()
