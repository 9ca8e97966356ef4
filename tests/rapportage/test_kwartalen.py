from datetime import date

import pytest
import time_machine
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from openpyxl import load_workbook

from adviezen.services import wijzig_advies
from kwartalen.kwartaal import Kwartaal
from kwartalen.staat import kwartaal_status
from rapportage.tellingen.services.herberekening import herbereken_verouderde
from rapportage.tellingen.services.kwartalen import heropen_kwartaal, zet_kwartaal_door
from tests.factories import AdviesFactory, GebruikerFactory, MeldingFactory
from vtregistratie.models import Organisatie

pytestmark = pytest.mark.django_db
Q1 = Kwartaal(2025, 1)


@pytest.fixture
def teamleider(referentiedata):
    return GebruikerFactory(rol="teamleider")


@pytest.fixture
def intake(referentiedata):
    return GebruikerFactory(rol="intake")


def test_a_quarter_moves_open_voorlopig_definitief_and_back_with_a_reason(teamleider):
    org = teamleider.organisatie
    assert kwartaal_status(organisatie=org, kwartaal=Q1) == "open"
    zet_kwartaal_door(organisatie=org, kwartaal=Q1, door=teamleider, naar="voorlopig")
    with pytest.raises(ValidationError):
        zet_kwartaal_door(organisatie=org, kwartaal=Q1, door=teamleider, naar="voorlopig")
    zet_kwartaal_door(organisatie=org, kwartaal=Q1, door=teamleider, naar="definitief")
    with pytest.raises(ValidationError):
        heropen_kwartaal(organisatie=org, kwartaal=Q1, door=teamleider, reden="  ")
    rij = heropen_kwartaal(organisatie=org, kwartaal=Q1, door=teamleider, reden="Correctie gemeentecodes")
    assert rij.status == "voorlopig"
    entry = LogEntry.objects.get_for_object(rij).filter(action=LogEntry.Action.UPDATE).first()
    assert entry.actor == teamleider
    assert entry.changes_dict["toelichting"][1] == "Correctie gemeentecodes"


def test_open_cannot_jump_to_definitief(teamleider):
    with pytest.raises(ValidationError):
        zet_kwartaal_door(organisatie=teamleider.organisatie, kwartaal=Q1, door=teamleider, naar="definitief")


@time_machine.travel(date(2025, 3, 20))
def test_a_running_quarter_cannot_be_closed(teamleider):
    with pytest.raises(ValidationError):
        zet_kwartaal_door(organisatie=teamleider.organisatie, kwartaal=Q1, door=teamleider, naar="voorlopig")


def test_only_a_team_lead_of_the_organisation_moves_its_quarters(teamleider, intake):
    with pytest.raises(PermissionDenied):
        zet_kwartaal_door(organisatie=intake.organisatie, kwartaal=Q1, door=intake, naar="voorlopig")
    vreemd = Organisatie.objects.get(code="VT18")
    with pytest.raises(PermissionDenied):
        zet_kwartaal_door(organisatie=vreemd, kwartaal=Q1, door=teamleider, naar="voorlopig")


def test_the_definitief_lock_holds_for_every_service(teamleider, intake):
    advies = AdviesFactory(door=intake, startdatum=date(2025, 2, 1))
    melding = MeldingFactory(door=intake, ontvangstdatum=date(2025, 2, 1))
    zet_kwartaal_door(organisatie=teamleider.organisatie, kwartaal=Q1, door=teamleider, naar="voorlopig")
    zet_kwartaal_door(organisatie=teamleider.organisatie, kwartaal=Q1, door=teamleider, naar="definitief")
    from adviezen.services import verwijder_advies
    from meldingen.services import verwijder_melding, wijzig_melding

    for poging in (
        lambda: AdviesFactory(door=intake, startdatum=date(2025, 3, 1)),
        lambda: MeldingFactory(door=intake, ontvangstdatum=date(2025, 3, 1)),
        lambda: wijzig_advies(advies=advies, door=intake, duur_geweld="tot_1_week"),
        lambda: wijzig_melding(melding=melding, door=intake, acute_onveiligheid=True),
        lambda: verwijder_advies(advies=advies, door=intake, reden="dubbel"),
        lambda: verwijder_melding(melding=melding, door=intake, reden="dubbel"),
    ):
        with pytest.raises(ValidationError):
            poging()


class TestTeamleidersScherm:
    def test_overview_and_detail_show_exact_counts_states_and_downloads(self, client, teamleider, intake):
        for dag in (3, 4, 5):
            AdviesFactory(door=intake, startdatum=date(2025, 2, dag))
        MeldingFactory(door=intake, ontvangstdatum=date(2025, 2, 6), acute_onveiligheid=True)
        herbereken_verouderde()
        client.force_login(teamleider)
        overzicht = client.get(reverse("rapportage:kwartalen"))
        assert overzicht.status_code == 200
        regel = overzicht.context["regels"][0]
        assert (regel.kwartaal, regel.adviezen, regel.meldingen, regel.status) == (Q1, 3, 1, "open")
        assert regel.laatste_herberekening is not None

        detail = client.get(reverse("rapportage:kwartaal_detail", args=[2025, 1]))
        assert sum(r[-1] for r in detail.context["rijen"]) == 4
        per_gemeente = client.get(reverse("rapportage:kwartaal_detail", args=[2025, 1]) + "?tabel=gemeenten")
        # on the page a total per row and per column, numbers right-aligned
        assert per_gemeente.context["rijen"] == [["GM0363", "Amsterdam", 3, 1, 4]]
        assert per_gemeente.context["totaalrij"] == ["Totaal", "", 3, 1, 4]
        html = per_gemeente.content.decode()
        assert html.count('<td class="getal">') == 6 and html.count('<th scope="col" class="getal">') == 3
        assert detail.context["totaalrij"][0] == "Totaal" and detail.context["totaalrij"][-1] == 4

        csv = client.get(reverse("rapportage:kwartaal_detail", args=[2025, 1]) + "?tabel=gemeenten&formaat=csv")
        assert csv["Content-Type"].startswith("text/csv")
        assert "GM0363;Amsterdam;3;1" in csv.content.decode("utf-8-sig")
        xlsx = client.get(reverse("rapportage:kwartaal_detail", args=[2025, 1]) + "?formaat=xlsx")
        import io

        rijen = list(load_workbook(io.BytesIO(xlsx.content)).active.values)
        assert rijen[0][-1] == "Aantal" and sum(r[-1] for r in rijen[1:]) == 4

    def test_closing_a_quarter_in_the_screen(self, client, teamleider):
        client.force_login(teamleider)
        url = reverse("rapportage:kwartaal_status", args=[2025, 1])
        client.post(url, {"naar": "voorlopig"})
        assert kwartaal_status(organisatie=teamleider.organisatie, kwartaal=Q1) == "voorlopig"
        pagina = client.get(reverse("rapportage:kwartaal_detail", args=[2025, 1]))
        assert "voorlopige cijfers" in pagina.content.decode()
        response = client.post(url, {"actie": "heropenen", "reden": ""}, follow=True)
        assert "Alleen een definitief kwartaal" in response.content.decode()

    @pytest.mark.parametrize("rol", ["intake", "gemeente", "beheer"])
    def test_other_roles_are_refused(self, client, referentiedata, rol):
        client.force_login(GebruikerFactory(rol=rol))
        assert client.get(reverse("rapportage:kwartalen")).status_code == 403
        assert client.get(reverse("rapportage:kwartaal_detail", args=[2025, 1])).status_code == 403
        url = reverse("rapportage:kwartaal_status", args=[2025, 1])
        assert client.post(url, {"naar": "voorlopig"}).status_code == 403
