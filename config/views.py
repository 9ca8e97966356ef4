"""Pages that look at the whole installation rather than one domain: the start page, which gathers a section
per role from the domains, and the operational endpoints."""

from dataclasses import asdict

from django.http import HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.utils import timezone
from django.views.decorators.cache import never_cache

from config.gezondheid import gezondheid as meet_gezondheid
from diensten.selectors import stand_vervolg
from meldingen.selectors import werkvoorraad
from rapportage.analyses.kerncijfers import kerncijfers
from rapportage.analyses.views import PAGINAS
from rapportage.cbs.periode import Halfjaar
from rapportage.cbs.selectors import aanmaakdatum, stand_aanlevering
from rapportage.onthulling import eigen_organisatie_van
from rapportage.tellingen.selectors import kwartaaloverzicht
from vtregistratie import definities
from vtregistratie.regels import mag, openbaar, regel

#: quarters on the team lead's start page (the full list is on the quarters page)
KWARTALEN_OP_START = 6


@regel("vt.ingelogd")
def home(request):
    """One start page with a section per thing the user may do: the worklist counts for intake and team leads
    (te beoordelen; the waiting list and the onderzoeken over the norm), the quarters and the CBS delivery for
    team leads, headline figures for municipal analysts."""
    user = request.user
    vandaag = timezone.localdate()
    rollen = [definities.ROL.get(r) for r in sorted(user.rollen) if r in definities.ROL]
    context = {"rollen": rollen, "vandaag": vandaag}
    if mag(user, "vt.registreren"):
        context["werkvoorraad"] = werkvoorraad(user, vandaag=vandaag)
        context["vervolg"] = stand_vervolg(user, vandaag=vandaag)
    if mag(user, "vt.tellingen_zien"):
        context["kwartalen"] = [
            {"regel": regel, "afsluiten_voor": aanmaakdatum(Halfjaar.van_kwartaal(regel.kwartaal)),
             "status_label": definities.KWARTAAL_STATUS.label_van(regel.status)}
            for regel in kwartaaloverzicht(user.organisatie)[:KWARTALEN_OP_START]
        ]
    if mag(user, "vt.cbs_aanleveren"):
        context["aanlevering"] = stand_aanlevering(organisatie=user.organisatie, vandaag=vandaag)
    if mag(user, "vt.analyses_zien") and not mag(user, "vt.tellingen_zien"):
        # Outside viewers: the protected figures of the analyses, never the raw counts.
        context["kerncijfers"] = kerncijfers(eigen_organisatie=eigen_organisatie_van(user))
        context["analysepaginas"] = PAGINAS.values()
    return render(request, "vtregistratie/home.html", context)


@openbaar
@never_cache
def gezondheid(request):
    """For monitoring: 200 when the database and the broker answer, 503 otherwise. No record contents."""
    toestand = meet_gezondheid()
    return JsonResponse({**asdict(toestand), "gezond": toestand.gezond}, status=200 if toestand.gezond else 503)


def favicon(request):
    """Browsers ask for /favicon.ico on every page that names no icon (the admin, the browsable API)."""
    return HttpResponsePermanentRedirect(static("img/favicon.ico"))
