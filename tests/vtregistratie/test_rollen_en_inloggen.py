import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from demo.demogebruikers import DEMO_GEBRUIKERS, maak_demogebruikers
from vtregistratie import definities
from vtregistratie.models import Gebruiker
from vtregistratie.roles import ROL_PERMISSIES

pytestmark = pytest.mark.django_db


def test_the_four_roles_exist_as_groups_after_migrating():
    assert set(Group.objects.values_list("name", flat=True)) >= set(definities.ROL.codes())


@pytest.mark.parametrize("rol", definities.ROL.codes())
def test_each_role_group_holds_exactly_its_permissions(rol):
    """After the migrations every role's group has each permission it is given, every one of them existing,
    and no other."""
    toegekend = {f"{app}.{codename}" for app, codename in Group.objects.get(name=rol).permissions.values_list(
        "content_type__app_label", "codename")}
    assert toegekend == set(ROL_PERMISSIES[rol])


def test_beheer_may_keep_reference_data_and_users_but_intake_may_not():
    beheer = Group.objects.get(name="beheer")
    perms = set(beheer.permissions.values_list("codename", flat=True))
    assert {"change_gemeente", "add_inwoners", "change_lidmaatschap", "change_gebruiker"} <= perms
    intake = Group.objects.get(name="intake")
    assert not intake.permissions.filter(content_type__app_label="vtregistratie").exists()


def test_gemeente_role_has_no_permission_on_single_registrations():
    gemeente = Group.objects.get(name="gemeente")
    assert not gemeente.permissions.filter(content_type__app_label__in=["adviezen", "meldingen"]).exists()


def test_login_page_is_dutch(client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'lang="nl"' in html
    assert "Gebruikersnaam" in html and "Wachtwoord" in html


def test_home_requires_login(client):
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_demo_users_log_in_and_see_their_role(client, referentiedata, settings):
    settings.DEBUG = True
    maak_demogebruikers()
    for demo in DEMO_GEBRUIKERS:
        gebruiker = Gebruiker.objects.get(username=demo.gebruikersnaam)
        assert gebruiker.check_password(demo.wachtwoord)
        assert gebruiker.rollen == {demo.rol}
        client.force_login(gebruiker)
        response = client.get(reverse("home"))
        assert str(definities.ROL.label_van(demo.rol)) in response.content.decode()


def test_demo_users_are_refused_outside_debug_or_demo_mode(referentiedata, settings):
    settings.DEBUG = False
    settings.DEMO_MODE = False
    with pytest.raises(ImproperlyConfigured):
        maak_demogebruikers()


def test_beheer_sees_current_regions_in_the_admin(client, referentiedata, settings):
    settings.DEBUG = True
    maak_demogebruikers()
    client.force_login(Gebruiker.objects.get(username="beheer"))
    response = client.get(reverse("admin:vtregistratie_organisatie_changelist") + "?huidig=ja")
    assert response.status_code == 200
    assert response.context["cl"].result_count == 25
    assert client.get(reverse("admin:vtregistratie_gemeente_changelist")).status_code == 200


def test_intake_cannot_open_the_admin(client, referentiedata, settings):
    settings.DEBUG = True
    maak_demogebruikers()
    client.force_login(Gebruiker.objects.get(username="intake"))
    response = client.get(reverse("admin:vtregistratie_gemeente_changelist"))
    assert response.status_code == 302  # to the admin login: not staff


@pytest.mark.axes
def test_login_is_throttled_after_repeated_failures(client, settings):
    Gebruiker.objects.create_user(username="iemand", password="een-goed-wachtwoord-123")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "iemand", "password": "fout"})
    response = client.post(reverse("login"), {"username": "iemand", "password": "een-goed-wachtwoord-123"})
    assert response.status_code == 429
    html = response.content.decode()
    assert "Tijdelijk geblokkeerd" in html
    assert "Probeer het over 15 minuten opnieuw" in html and "PT15M" not in html


def test_sessions_end_after_the_idle_timeout(client, referentiedata, settings):
    import time_machine
    from django.utils import timezone

    from tests.factories import GebruikerFactory

    client.force_login(GebruikerFactory(rol="intake"))
    assert client.get(reverse("home")).status_code == 200
    with time_machine.travel(timezone.now() + timezone.timedelta(seconds=settings.SESSION_COOKIE_AGE + 60)):
        response = client.get(reverse("home"))
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_logs_carry_no_record_contents(referentiedata, caplog):
    import logging
    from datetime import date

    from tests.factories import GebruikerFactory, MeldingFactory

    caplog.set_level(logging.DEBUG)
    MeldingFactory(door=GebruikerFactory(rol="intake"), ontvangstdatum=date(2025, 3, 10),
                   aard=["partnergeweld"], gemeente="GM0363")
    tekst = caplog.text
    for inhoud in ("partnergeweld", "GM0363", "politie", "2025-03-10"):
        assert inhoud not in tekst
