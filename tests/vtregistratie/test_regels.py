"""The permission rule set: every view declares a named rule, and the rules decide what the roles may do."""

import pytest
from django.contrib.admin.sites import site as admin_site
from django.urls import URLPattern, URLResolver, get_resolver
from rest_framework.views import APIView

from tests.factories import GebruikerFactory
from vtregistratie.models import Gebruiker, Organisatie
from vtregistratie.regels import REGELS, Regel, mag


def _views(patterns=None, naam_ns=None):
    for p in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(p, URLResolver):
            if p.namespace == admin_site.name:
                continue  # the admin checks its own model permissions on every view (admin_view)
            yield from _views(p.url_patterns, p.namespace or naam_ns)
        elif isinstance(p, URLPattern):
            yield f"{naam_ns}:{p.name}" if naam_ns else p.name, p.callback


def gedeclareerde_regels(callback) -> list[str] | None:
    """The rules a view declares, [] for a deliberately open view, None when it declares nothing."""
    klasse = getattr(callback, "cls", None) or getattr(callback, "view_class", None)
    if klasse is not None and issubclass(klasse, APIView):
        regels = [p.regel for p in klasse.permission_classes if isinstance(p, type) and issubclass(p, Regel)]
        return regels or None
    if getattr(callback, "vt_openbaar", False):
        return []
    regel = getattr(callback, "vt_regel", None)
    return [regel] if regel else None


def test_every_view_and_api_view_declares_a_rule():
    zonder = sorted(naam for naam, callback in _views() if gedeclareerde_regels(callback) is None)
    assert zonder == [], "declare a rule from vtregistratie/regels.py on these views"


def test_the_walk_finds_a_view_without_a_rule():
    """The check above can fail: a plain view and an API view relying on the default are both caught."""

    def kaal(request):
        return None

    class KaleApi(APIView):
        pass

    assert gedeclareerde_regels(kaal) is None
    assert gedeclareerde_regels(KaleApi.as_view()) is None


def test_open_views_are_only_login_logout_and_health():
    open_ = sorted(naam for naam, callback in _views() if gedeclareerde_regels(callback) == [])
    assert open_ == ["favicon", "gezondheid", "login", "logout"]


@pytest.mark.django_db
def test_team_lead_rules_hold_for_their_own_organisation_only(referentiedata):
    teamleider = GebruikerFactory(rol="teamleider")
    eigen = teamleider.organisatie
    andere = Organisatie.objects.exclude(pk=eigen.pk).first()
    for regel in ("vt.tellingen_zien", "vt.kwartaal_beheren", "vt.cbs_aanleveren", "vt.historie_zien",
                  "vt.registreren", "vt.notitie_maken"):
        assert mag(teamleider, regel) and mag(teamleider, regel, eigen), regel
        assert not mag(teamleider, regel, andere), regel


@pytest.mark.django_db
@pytest.mark.parametrize(("rol", "toegestaan"), [
    ("intake", {"vt.ingelogd", "vt.registreren"}),
    ("teamleider", {"vt.ingelogd", "vt.registreren", "vt.historie_zien", "vt.tellingen_zien",
                    "vt.kwartaal_beheren", "vt.cbs_aanleveren", "vt.analyses_zien", "vt.notitie_maken"}),
    ("gemeente", {"vt.ingelogd", "vt.analyses_zien"}),
    ("beheer", {"vt.ingelogd", "vt.beheren", "vt.rechten_toekennen"}),
])
def test_each_role_gets_exactly_its_rules(referentiedata, rol, toegestaan):
    gebruiker = GebruikerFactory(rol=rol, organisatie=None if rol in ("gemeente", "beheer") else
                                 Organisatie.objects.get(code="VT01"))
    assert {regel for regel in REGELS if mag(gebruiker, regel)} == toegestaan


@pytest.mark.django_db
def test_an_inactive_user_or_one_without_organisation_gets_nothing(referentiedata):
    assert not any(mag(GebruikerFactory(rol="teamleider", is_active=False), r) for r in REGELS)
    zonder = GebruikerFactory(rol="teamleider", organisatie=None)
    assert not mag(zonder, "vt.registreren") and not mag(zonder, "vt.tellingen_zien")


@pytest.mark.django_db
def test_a_superuser_gets_no_registration_rule(referentiedata):
    """No shortcut: a superuser is no registrant of any organisation."""
    baas = Gebruiker.objects.create_superuser("baas", password="een-lang-wachtwoord-123")
    assert not mag(baas, "vt.registreren") and not mag(baas, "vt.tellingen_zien")
