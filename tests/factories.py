"""Factories. Registrations are made through the services, so every test object obeys the same rules."""

from datetime import date

import factory
from django.contrib.auth.models import Group
from factory.django import DjangoModelFactory

from adviezen.services import registreer_advies
from meldingen.services import registreer_melding
from vtregistratie.models import Gebruiker, Organisatie


class GebruikerFactory(DjangoModelFactory):
    class Meta:
        model = Gebruiker
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    organisatie = factory.LazyFunction(lambda: Organisatie.objects.get(code="VT01"))

    @factory.post_generation
    def rol(self, create, extracted, **kwargs):
        if extracted:
            self.groups.add(Group.objects.get(name=extracted))


#: A plausible rol/functie for the organisation types the tests use most; any other professional gets none (stored
#: as 'onbekend'), a non-professional never one.
_FUNCTIE_BIJ_TYPE = {"huisarts": "medisch_huisarts", "politie": "justitie_politieagent"}


def _functie(o) -> str:
    return _FUNCTIE_BIJ_TYPE.get(o.melder_organisatietype, "") if o.beroepsmatig else ""


class AdviesFactory(factory.Factory):
    class Meta:
        model = dict

    door = factory.SubFactory(GebruikerFactory, rol="intake")
    startdatum = date(2025, 3, 10)
    einddatum = None
    gemeente = "GM0363"  # Amsterdam, VT01
    beroepsmatig = True
    melder_organisatietype = "huisarts"
    melder_relatie = ""
    melder_functie = factory.LazyAttribute(lambda o: _functie(o))
    aard = factory.LazyFunction(lambda: ["kindermishandeling"])
    aard_subvorm = factory.LazyFunction(list)
    duur_geweld = "onbekend"

    @classmethod
    def _create(cls, model_class, *args, door, **kwargs):
        return registreer_advies(door=door, **kwargs)


class MeldingFactory(factory.Factory):
    class Meta:
        model = dict

    door = factory.SubFactory(GebruikerFactory, rol="intake")
    casus = None
    ontvangstdatum = date(2025, 3, 10)
    gemeente = "GM0363"
    beroepsmatig = True
    melder_organisatietype = "politie"
    melder_relatie = ""
    melder_functie = factory.LazyAttribute(lambda o: _functie(o))
    aard = factory.LazyFunction(lambda: ["partnergeweld"])
    aard_subvorm = factory.LazyFunction(list)
    acute_onveiligheid = False
    structurele_onveiligheid = False

    @classmethod
    def _create(cls, model_class, *args, door, **kwargs):
        return registreer_melding(door=door, **kwargs)
