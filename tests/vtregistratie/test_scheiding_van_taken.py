"""Separation of duties: nobody changes their own roles or organisation; every change of roles or organisation
is audited with its actor and shown in the user's history."""

import pytest
from auditlog.models import LogEntry
from django.contrib.auth.models import Group
from django.urls import reverse

from tests.factories import GebruikerFactory
from vtregistratie.models import Gebruiker, Organisatie
from vtregistratie.regels import mag

pytestmark = pytest.mark.django_db

ADRES = "192.0.2.55"


def _wijzig(client, gebruiker, *, rollen, organisatie, **extra):
    """POST the admin's change form of ``gebruiker`` as a browser would."""
    gegevens = {
        "username": gebruiker.username, "groups": [Group.objects.get(name=r).pk for r in rollen],
        "organisatie": organisatie.pk if organisatie else "", "is_active": "on",
        "date_joined_0": "2025-01-06", "date_joined_1": "09:00:00", "last_login_0": "", "last_login_1": "",
        **extra,
    }
    if gebruiker.is_staff:
        gegevens["is_staff"] = "on"
    return client.post(reverse("admin:vtregistratie_gebruiker_change", args=[gebruiker.pk]), gegevens,
                       REMOTE_ADDR=ADRES)


@pytest.fixture
def beheer(referentiedata):
    return GebruikerFactory(rol="beheer", organisatie=None, is_staff=True)


def test_beheer_cannot_give_itself_a_registration_role_or_an_organisation(client, beheer):
    client.force_login(beheer)
    pagina = client.get(reverse("admin:vtregistratie_gebruiker_change", args=[beheer.pk]))
    velden = pagina.context["adminform"].form.fields
    assert not {"groups", "organisatie", "is_staff", "is_koppeling", "is_active"} & set(velden)

    _wijzig(client, beheer, rollen=["beheer", "intake"], organisatie=Organisatie.objects.get(code="VT01"))
    beheer = Gebruiker.objects.get(pk=beheer.pk)
    assert beheer.rollen == {"beheer"} and beheer.organisatie is None


def test_not_even_a_superuser_changes_its_own_roles(client, referentiedata):
    baas = Gebruiker.objects.create_superuser("baas", password="een-lang-wachtwoord-123")
    client.force_login(baas)
    _wijzig(client, baas, rollen=["teamleider"], organisatie=Organisatie.objects.get(code="VT01"))
    baas.refresh_from_db()
    assert not baas.groups.exists() and baas.organisatie is None
    assert not mag(baas, "vt.rechten_toekennen", baas)


def test_the_rule_refuses_ones_own_account_and_everyone_but_beheer(referentiedata, beheer):
    ander = GebruikerFactory(rol="intake")
    assert mag(beheer, "vt.rechten_toekennen", ander) and not mag(beheer, "vt.rechten_toekennen", beheer)
    for rol in ("intake", "teamleider", "gemeente"):
        assert not mag(GebruikerFactory(rol=rol), "vt.rechten_toekennen", ander)


def test_a_role_and_organisation_change_is_audited_and_in_the_users_history(client, beheer):
    medewerker = GebruikerFactory(rol="intake", username="medewerker")
    client.force_login(beheer)
    antwoord = _wijzig(client, medewerker, rollen=["teamleider"], organisatie=Organisatie.objects.get(code="VT18"))
    assert antwoord.status_code == 302, antwoord.context["adminform"].form.errors
    medewerker = Gebruiker.objects.get(pk=medewerker.pk)
    assert medewerker.rollen == {"teamleider"} and medewerker.organisatie.code == "VT18"

    regels = LogEntry.objects.get_for_object(medewerker).filter(actor=beheer)
    gewijzigd = {veld for regel in regels for veld in regel.changes_dict}
    assert {"groups", "organisatie"} <= gewijzigd
    assert {regel.remote_addr for regel in regels} == {ADRES}

    historie = client.get(reverse("admin:vtregistratie_gebruiker_auditlog", args=[medewerker.pk]))
    assert historie.status_code == 200
    html = historie.content.decode()
    assert beheer.username in html and "teamleider" in html
    assert reverse("admin:vtregistratie_gebruiker_auditlog", args=[medewerker.pk]) in client.get(
        reverse("admin:vtregistratie_gebruiker_changelist")).content.decode()


def test_an_integration_account_made_in_the_admin_has_no_usable_password(client, beheer):
    client.force_login(beheer)
    antwoord = client.post(reverse("admin:vtregistratie_gebruiker_add"), {
        "username": "koppeling-x", "usable_password": "false", "organisatie": Organisatie.objects.get(code="VT01").pk,
        "groups": [Group.objects.get(name="intake").pk], "is_koppeling": "on"})
    assert antwoord.status_code == 302, antwoord.context["adminform"].form.errors
    koppeling = Gebruiker.objects.get(username="koppeling-x")
    assert koppeling.is_koppeling and not koppeling.has_usable_password() and koppeling.rollen == {"intake"}
