"""API keys: only integration accounts hold them, made by beheer and shown once, stored hashed, never listed;
making, first use and revoking are audited with actor, time and client address."""

import types

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse
from rest_framework.test import APIClient

from tests.factories import GebruikerFactory
from vtregistratie.models import Gebruiker, Koppelsleutel
from vtregistratie.services.sleutels import maak_sleutel

pytestmark = pytest.mark.django_db

ADRES = "192.0.2.44"


@pytest.fixture
def beheer(referentiedata):
    return GebruikerFactory(rol="beheer", organisatie=None, is_staff=True)


@pytest.fixture
def koppeling(referentiedata):
    return GebruikerFactory(rol="intake", username="koppeling-zaaksysteem", is_koppeling=True, password="!")


def _api(sleutel: str) -> APIClient:
    api = APIClient(REMOTE_ADDR=ADRES)
    api.credentials(HTTP_AUTHORIZATION=f"Token {sleutel}")
    return api


def _audit(actie) -> list[LogEntry]:
    return list(LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(Koppelsleutel), action=actie))


def test_beheer_makes_a_key_that_is_shown_once_stored_hashed_and_audited(client, beheer, koppeling):
    client.force_login(beheer)
    antwoord = client.post(reverse("admin:vtregistratie_koppelsleutel_add"),
                           {"user": koppeling.pk, "omschrijving": "zaaksysteem"}, REMOTE_ADDR=ADRES)
    assert antwoord.status_code == 200
    tekst = antwoord.context["tekst"]
    assert len(tekst) == 64 and tekst in antwoord.content.decode()
    sleutel = Koppelsleutel.objects.get(user=koppeling)
    # Stored: the digest and the first 15 characters to find it by; not the key.
    assert tekst not in {sleutel.digest, sleutel.token_key} and sleutel.digest != tekst
    # Never listed or shown again: not in the list, not on the key's own page.
    for pagina in (reverse("admin:vtregistratie_koppelsleutel_changelist"),
                   reverse("admin:vtregistratie_koppelsleutel_change", args=[sleutel.pk])):
        html = client.get(pagina).content.decode()
        assert tekst[:8] not in html, pagina
    [gemaakt] = _audit(LogEntry.Action.CREATE)
    assert (gemaakt.actor, gemaakt.remote_addr) == (beheer, ADRES)
    assert tekst not in str(gemaakt.changes) and "digest" not in gemaakt.changes_dict

    api = _api(tekst)
    assert api.get("/api/v1/adviezen/").status_code == 200
    assert api.get("/api/v1/adviezen/").status_code == 200
    [eerste] = _audit(LogEntry.Action.ACCESS)
    assert (eerste.actor, eerste.remote_addr) == (koppeling, ADRES)
    sleutel.refresh_from_db()
    assert sleutel.eerst_gebruikt_op is not None


def test_revoking_a_key_in_the_admin_shuts_it_out_at_once_and_is_audited(client, beheer, koppeling):
    sleutel, tekst = maak_sleutel(koppeling=koppeling, door=beheer)
    api = _api(tekst)
    assert api.get("/api/v1/adviezen/").status_code == 200
    client.force_login(beheer)
    antwoord = client.post(reverse("admin:vtregistratie_koppelsleutel_delete", args=[sleutel.pk]), {"post": "yes"},
                           REMOTE_ADDR=ADRES)
    assert antwoord.status_code == 302
    assert api.get("/api/v1/adviezen/").status_code == 401
    [ingetrokken] = _audit(LogEntry.Action.DELETE)
    assert (ingetrokken.actor, ingetrokken.remote_addr) == (beheer, ADRES)


@pytest.mark.parametrize("rol", ["intake", "teamleider", "gemeente", "beheer"])
def test_beheer_cannot_make_a_key_for_an_interactive_user(client, beheer, rol):
    gebruiker = GebruikerFactory(rol=rol)
    client.force_login(beheer)
    antwoord = client.post(reverse("admin:vtregistratie_koppelsleutel_add"), {"user": gebruiker.pk})
    assert antwoord.status_code == 200 and antwoord.context["adminform"].form.errors
    with pytest.raises(ValidationError):
        maak_sleutel(koppeling=gebruiker, door=beheer)
    with pytest.raises(ValidationError):
        maak_sleutel(koppeling=beheer, door=beheer)
    assert not Koppelsleutel.objects.exists()


def test_only_beheer_makes_keys(referentiedata, koppeling):
    from django.core.exceptions import PermissionDenied

    for rol in ("intake", "teamleider", "gemeente"):
        with pytest.raises(PermissionDenied):
            maak_sleutel(koppeling=koppeling, door=GebruikerFactory(rol=rol))


def test_an_integration_account_cannot_sign_in_on_the_screens(client, koppeling):
    koppeling.set_password("een-lang-wachtwoord-123")  # even with a password
    koppeling.save()
    antwoord = client.post(reverse("login"), {"username": koppeling.username, "password": "een-lang-wachtwoord-123"})
    assert antwoord.status_code == 200 and "_auth_user_id" not in client.session
    client.force_login(koppeling)  # and a session made otherwise is not honoured
    assert client.get(reverse("home")).status_code == 302


def test_a_key_stops_working_when_its_account_is_no_integration_account_any_more(beheer, koppeling):
    _, tekst = maak_sleutel(koppeling=koppeling, door=beheer)
    Gebruiker.objects.filter(pk=koppeling.pk).update(is_koppeling=False)
    assert _api(tekst).get("/api/v1/adviezen/").status_code == 401


def test_the_upgrade_carries_plain_tokens_of_integrations_over_hashed_and_drops_those_of_people(referentiedata):
    """Migration 0005: a DRF token of a user who never signed in keeps working, hashed; a person's is dropped."""
    from importlib import import_module

    from django.apps import apps
    from django.utils import timezone

    migratie = import_module("vtregistratie.migrations.0005_koppelsleutels")
    integratie = GebruikerFactory(rol="intake", password="een-lang-wachtwoord-123")
    mens = GebruikerFactory(rol="intake", last_login=timezone.now())
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE authtoken_token (key varchar(40) PRIMARY KEY, user_id bigint, created timestamp)")
        for sleutel, gebruiker in (("a" * 40, integratie), ("b" * 40, mens)):
            cursor.execute("INSERT INTO authtoken_token VALUES (%s, %s, %s)", [sleutel, gebruiker.pk, timezone.now()])
    schema = types.SimpleNamespace(connection=connection, execute=lambda sql: connection.cursor().execute(sql))
    migratie.neem_sleutels_over(apps, schema)

    assert "authtoken_token" not in connection.introspection.table_names()
    integratie.refresh_from_db()
    assert integratie.is_koppeling and not integratie.has_usable_password()
    assert _api("a" * 40).get("/api/v1/adviezen/").status_code == 200
    assert _api("b" * 40).get("/api/v1/adviezen/").status_code == 401
    assert list(Koppelsleutel.objects.values_list("user", flat=True)) == [integratie.pk]
