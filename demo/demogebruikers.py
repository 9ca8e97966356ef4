"""Demo users, one per role, for ``make run``. Never in production: refused unless DEBUG or DEMO_MODE."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction

from vtregistratie.models import Gebruiker, Organisatie

DEMO_ORGANISATIE = "VT01"


@dataclass(frozen=True)
class DemoGebruiker:
    gebruikersnaam: str
    wachtwoord: str
    rol: str
    organisatie: str | None


DEMO_GEBRUIKERS = [
    DemoGebruiker("intake", "demo-intake-vt", "intake", DEMO_ORGANISATIE),
    DemoGebruiker("teamleider", "demo-teamleider-vt", "teamleider", DEMO_ORGANISATIE),
    DemoGebruiker("gemeente", "demo-gemeente-vt", "gemeente", None),
    DemoGebruiker("beheer", "demo-beheer-vt", "beheer", None),
]


@transaction.atomic
def maak_demogebruikers() -> list[DemoGebruiker]:
    if not (settings.DEBUG or settings.DEMO_MODE):
        raise ImproperlyConfigured("Demo-gebruikers bestaan alleen in debug- of demomodus.")
    for demo in DEMO_GEBRUIKERS:
        gebruiker, _ = Gebruiker.objects.get_or_create(username=demo.gebruikersnaam)
        gebruiker.organisatie = Organisatie.objects.get(code=demo.organisatie) if demo.organisatie else None
        gebruiker.is_staff = demo.rol == "beheer"  # the admin is where beheer keeps reference data
        gebruiker.set_password(demo.wachtwoord)
        gebruiker.save()
        gebruiker.groups.set([Group.objects.get(name=demo.rol)])
    return DEMO_GEBRUIKERS
