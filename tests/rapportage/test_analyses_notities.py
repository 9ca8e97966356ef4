"""Data-quality notes: entered by a team lead for their own organisation (analyses page) or by beheer (admin),
shown with the cells of that organisation and period."""

import pytest
from django.urls import reverse

from rapportage.analyses.landelijk import landelijke_ontwikkeling
from rapportage.analyses.models import DatakwaliteitNotitie
from tests.factories import GebruikerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def tellingen(referentiedata, per_kwartaal, sluit):
    for code in ("VT01", "VT02"):
        per_kwartaal(code, 2024, 50)
        sluit(code, 2024)


def test_a_team_lead_adds_a_note_for_the_own_organisation(client, tellingen, org):
    teamleider = GebruikerFactory(rol="teamleider", organisatie=org("VT01"))
    client.force_login(teamleider)
    index = client.get(reverse("rapportage:analyses"))
    assert 'action="/rapportage/analyses/notities/nieuw/"' in index.content.decode()
    antwoord = client.post(reverse("rapportage:notitie_toevoegen"), {
        "van": "2024-K2", "tot": "2024-K3", "tekst": "Registratiesysteem vervangen",
        "uitsluiten_landelijke_trend": "on",
        "organisatie": org("VT02").pk,  # ignored: always the own organisation
    }, follow=True)
    assert "De datakwaliteitsnotitie is opgeslagen." in antwoord.content.decode()
    notitie = DatakwaliteitNotitie.objects.get()
    assert (notitie.organisatie, notitie.van_jaar, notitie.van_kwartaal, notitie.tot_kwartaal) == (org("VT01"), 2024,
                                                                                                    2, 3)
    assert notitie.auteur == teamleider and notitie.uitsluiten_landelijke_trend
    # on the page: listed, marked on the cells, and VT01 out of the national trend
    pagina = client.get(reverse("rapportage:analyse_regio") + "?van=2024&tot=2024&soort=advies&regio=VT01&regio=VT02")
    html = pagina.content.decode()
    assert "Registratiesysteem vervangen" in html and f"200 [{notitie.pk}]" in html
    assert "Landelijk (1 volledige organisaties)" in html


def test_a_bad_period_is_refused_with_a_message(client, tellingen, org):
    client.force_login(GebruikerFactory(rol="teamleider", organisatie=org("VT01")))
    antwoord = client.post(reverse("rapportage:notitie_toevoegen"), {
        "van": "2024-K3", "tot": "2024-K1", "tekst": "x"}, follow=True)
    assert "Het laatste kwartaal mag niet voor het eerste liggen." in antwoord.content.decode()
    assert not DatakwaliteitNotitie.objects.exists()


def test_gemeente_users_cannot_add_notes_but_see_them(client, tellingen, org):
    DatakwaliteitNotitie.objects.create(organisatie=org("VT02"), van_jaar=2024, van_kwartaal=1, tot_jaar=2024,
                                        tot_kwartaal=4, tekst="Telling onvolledig door storing")
    client.force_login(GebruikerFactory(rol="gemeente", organisatie=None))
    assert client.post(reverse("rapportage:notitie_toevoegen"), {
        "van": "2024-K1", "tot": "2024-K1", "tekst": "x"}).status_code == 403
    index = client.get(reverse("rapportage:analyses")).content.decode()
    assert "Telling onvolledig door storing" in index and "notities/nieuw" not in index


def test_beheer_keeps_notes_in_the_admin(client, referentiedata, org):
    beheerder = GebruikerFactory(rol="beheer", organisatie=None, is_staff=True)
    client.force_login(beheerder)
    url = reverse("admin:rapportage_datakwaliteitnotitie_add")
    assert client.get(url).status_code == 200
    antwoord = client.post(url, {"organisatie": org("VT03").pk, "van_jaar": 2023, "van_kwartaal": 1, "tot_jaar": 2023,
                                 "tot_kwartaal": 4, "tekst": "Dubbel geregistreerde politiemeldingen",
                                 "uitsluiten_landelijke_trend": "on"})
    assert antwoord.status_code == 302, antwoord.content.decode()[:2000]
    notitie = DatakwaliteitNotitie.objects.get()
    assert notitie.auteur == beheerder and notitie.organisatie == org("VT03")
    assert client.get(reverse("admin:rapportage_datakwaliteitnotitie_changelist")).status_code == 200


def test_notes_apply_only_to_their_organisation_and_period(tellingen, filters, org, waarden):
    notitie = DatakwaliteitNotitie.objects.create(organisatie=org("VT02"), van_jaar=2024, van_kwartaal=4,
                                                  tot_jaar=2024, tot_kwartaal=4, tekst="Q4")
    analyse = landelijke_ontwikkeling(filters(2024, 2024, "VT01", "VT02", soorten=("advies",)))
    kwartalen = {r[0]: r[1] for r in waarden(analyse, "kwartaal")}
    assert kwartalen["2024-K3"] == "100 (a)" and kwartalen["2024-K4"] == f"100 [{notitie.pk}] (a)"
    alleen_vt01 = landelijke_ontwikkeling(filters(2024, 2024, "VT01", soorten=("advies",)))
    assert not alleen_vt01.notities and waarden(alleen_vt01, "jaar", eigen=org("VT01").pk)[0][1] == 200


def test_the_roles_have_the_note_permissions(referentiedata):
    from vtregistratie.regels import mag

    assert mag(GebruikerFactory(rol="teamleider"), "vt.notitie_maken")
    beheer = GebruikerFactory(rol="beheer")
    assert all(beheer.has_perm(f"rapportage.{p}_datakwaliteitnotitie") for p in ("view", "add", "change", "delete"))
    assert not mag(GebruikerFactory(rol="gemeente"), "vt.notitie_maken")
