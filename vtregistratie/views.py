from dataclasses import asdict

from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from vtregistratie import definities
from vtregistratie.regels import openbaar, regel
from vtregistratie.services.gezondheid import gezondheid as meet_gezondheid


@regel("vt.ingelogd")
def home(request):
    rollen = [definities.ROL.get(r) for r in sorted(request.user.rollen) if r in definities.ROL]
    return render(request, "vtregistratie/home.html", {"rollen": rollen})


@openbaar
@never_cache
def gezondheid(request):
    """For monitoring: 200 when the database and the broker answer, 503 otherwise. No record contents."""
    toestand = meet_gezondheid()
    return JsonResponse({**asdict(toestand), "gezond": toestand.gezond}, status=200 if toestand.gezond else 503)


def niet_gevonden(request, exception=None):
    """404: JSON under /api/ (for any path, also one no route matches), the Dutch page elsewhere."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": _("Niet gevonden.")}, status=404)
    return render(request, "404.html", status=404)
